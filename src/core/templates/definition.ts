/**
 * What one template knows, as one value (issue 13): its fields, how a sheet is recognised as it, its row and table
 * rules, and its export layout. Each template is a folder `templates/<id>/` whose index.ts exports one
 * `TemplateDefinition`; templates/registry.ts lists them, and the engine (engine/) iterates the list — it never
 * names a template. A new template is a new folder and one line in the registry.
 */
import type { TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Field } from './fields';
import type { HeaderInfo, HeaderMapping } from '../engine/header-types';
import type { PrepareOptions } from '../engine/prepare';
import type { RecordRow, RowContext } from '../engine/row';
import type { ResolvedLayout } from '../export/layout-types';
import type { ExportRecord } from '../export/types';
import type { Ymd } from '../cells/dates';

/**
 * A family of templates that share one header (the three correction sheets share theirs): what tells a header row
 * it is one of the family, and which of its templates a header is. Templates of one family point at the same object.
 */
export interface HeaderFamily {
  /** For people and tests, e.g. 'correction'. */
  name: string;
  /** The key and a column only this family has: a header that fails the gate is not this family. */
  gate(m: HeaderMapping, clues: string): boolean;
  /**
   * How much of the family's own columns the header shows (the family with most wins; then `required`); `clues` (title
   * rows and sheet name) may add to it — the pre-check's list counts a title that names it.
   */
  evidence(m: HeaderMapping, clues: string): number;
  /** The columns counted on a tie of evidence. */
  required: readonly Field[];
  /** The template of the family this header is, given the title rows and sheet name (`clues`). */
  variant(m: HeaderMapping, clues: string): TemplateId;
}

/** What names a template outside its header (templates/clues.ts): its title and its sheet name. */
export interface TemplateClue {
  /** Matched against the text of the title rows (spaces removed). */
  title: RegExp;
  /** Matched against the sheet's name (and, for a family's variant, the title too). */
  name: RegExp;
}

/** How a prepared cell is read: its mode, label and whether it is a code (engine/prepare.ts). */
export type CellSpec = PrepareOptions;

/** The template's rules on one record (DOMAIN.md §5), run after the shared per-field rules (rules/*.ts). */
export interface RowRules {
  /** The columns that must be present and filled, given the header (default: the template's `required`). */
  requiredColumns?(header: HeaderInfo): readonly Field[];
  /** Required columns whose cells may still be left empty (their rule says why). */
  mayBeEmpty?: ReadonlySet<Field>;
  /** Cells this row reads differently from their column (e.g. 原/新 values that are IDs); null: as their column. */
  cellSpecs?(raw: RowContext['raw'], header: HeaderInfo): Partial<Record<Field, CellSpec>> | null;
  /** The template's own rules on the record, its cells already prepared and checked field by field. */
  check?(rec: RecordRow, ctx: RowContext): void;
  /**
   * The template's own rules for one check, made once per sheet from what the caller passed for this template in
   * `CheckOptions.templateOptions` (the pre-check's batch and photo folder; undefined when nothing was passed);
   * used instead of `check`. For rules that depend on more than the sheet, the profile and the report date.
   */
  forCheck?(options: unknown, profile: Profile, today: Ymd): (rec: RecordRow, ctx: RowContext) => void;
  /**
   * What the record claims for its key, for row.duplicate and 双改: a subject, the items changed; default [''] (the key
   * alone).
   */
  claims?(rec: RecordRow): readonly string[];
  /**
   * The same claim in an exported record: the fields besides the key that, with it, identify a record (科目代码,
   * 修改项目), for row.duplicate across merged files (merge/); default none (the key alone).
   */
  identity?: readonly Field[];
  /** What is repeated in a duplicate's message: 同一学号, 同一学号同一科目 … */
  duplicate: string;
}

/** The row that closes the table (DOMAIN.md §4): its kind and text, and who signs (in messages). */
export interface MarkerSpec {
  kind: 'terminator' | 'signature';
  text(profile: Profile): string;
  /** Who signs the signature row, in a message (签字行（经办人）); unused for a terminator. */
  signers: string;
}

/** The template's rules on the table as a whole. */
export interface TableRules {
  /** The end row; null: the table has none of its own (a list that is read, not handed in: the pre-check's). */
  marker: MarkerSpec | null;
  /** Must 序号 run 1..n (table.sequence)? Default yes; a list read as it comes (the pre-check's) is not renumbered. */
  sequence?: boolean;
  /** Must the roster hold one 分部 only (withdrawal.mixed-branch)? Default no. */
  oneBranch?: boolean;
  /** The sheet name the template requires (sheet.name), or null; default none. */
  sheetName?(profile: Profile): string | null;
}

export interface TemplateDefinition {
  id: TemplateId;
  /** Chinese name, for people. */
  title: string;
  /** Columns that must be present (header.missing-column) and filled (cell.required). */
  required: readonly Field[];
  /** The field that identifies a record and orders the table. */
  key: 'studentId' | 'registrationNo';
  /** Sort by the key? (table.unsorted) */
  sorted(profile: Profile): boolean;
  clue: TemplateClue;
  family: HeaderFamily;
  rows: RowRules;
  table: TableRules;
  /** The layout of the exported file, from the profile (export/); absent for a template that is not submitted. */
  layout?(profile: Profile): ResolvedLayout;
  /**
   * Set for a sheet that is read, not handed in (the pre-check's student list, DOMAIN.md §3 T5): why `export` and
   * `merge` refuse it, in Chinese. Such a template has no `layout`; its id is not a `SubmissionTemplateId` (types.ts).
   */
  notSubmitted?: string;
  /** What the export fills in of a record's values that the sheet left out (e.g. a code from its name); in place. */
  completeExport?(values: ExportRecord['values'], profile: Profile): void;
}
