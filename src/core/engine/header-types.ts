/**
 * What header detection finds (header.ts): the shapes alone, so that a template's recognition rules
 * (templates/<id>/) can read a header without importing the detector that iterates them.
 */
import type { TemplateId } from '../types';
import type { CorrectionItem, Field } from '../templates/fields';

export interface WideMapping {
  col: number;
  side: 'old' | 'new';
  item: CorrectionItem;
}

export interface HeaderMapping {
  /** First column index for each field. */
  fields: Map<Field, number>;
  /** Every column each field was found in (more than one = header.duplicate-column). */
  fieldColumns: Map<Field, number[]>;
  wide: WideMapping[];
  /** The user's header text per column (joined for two-row headers). */
  labels: string[];
}

export interface HeaderInfo extends HeaderMapping {
  template: TemplateId;
  /** First header row (1-based). */
  firstRow: number;
  /** Last header row (1-based): records start below it. */
  headerRow: number;
  /** Text of the rows above the header (titles), and the sheet name: clues for the variant. */
  clues: string;
}
