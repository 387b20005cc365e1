/**
 * The export's plain data: what a checked sheet becomes (records with canonical values) and the abstract workbook
 * the built-in layout describes. Adapters turn the description into a file (ExcelJS for the command line and the
 * browser workbench; Office.js later); nothing here knows about any of them.
 */
import type { Issue, SubmissionTemplateId, TemplateId } from '../types';
import type { Field } from '../templates/fields';
import type { PrintPlan } from './print';

/** An error value (#N/A …) is carried over as an error value: a --force export never hides it. */
export interface ErrorValue {
  error: string;
}

export type ExportValue = string | number | null | ErrorValue;

/** One record of the submission, in output order. Values are the check's fixed, canonical values. */
export interface ExportRecord {
  /** The record's row in the user's own sheet (a wide correction row gives one record per change). */
  sourceRow: number;
  /** The sort key (学号 / 注册证号), '' when unreadable. */
  key: string;
  values: Partial<Record<Field, ExportValue>>;
}

/** A recognised sheet, checked and fixed, ready to be written in its template's layout. */
export interface SheetExport {
  /** The user's sheet name. */
  sheet: string;
  template: SubmissionTemplateId;
  records: ExportRecord[];
  /** Fields the user's sheet has a column for. */
  fields: ReadonlySet<Field>;
  /** Errors that no fix resolves (addresses in the user's sheet): the export is refused unless forced. */
  errors: Issue[];
  /** Warnings left after the fixes (they never block an export). */
  warnings: Issue[];
  /** Fixable issues of the user's sheet: all of them are resolved in the export. */
  fixed: number;
  /** Distinct 分部名称 of the records, in order of first appearance. */
  branchNames: string[];
}

/** What the whole input gives the export. */
export interface ExportPreparation {
  exports: SheetExport[];
  /** Sheets that match no template (or are empty): not exported. */
  /** Sheets not exported, and why; `template` for a sheet read as a template that is not submitted (the pre-check's list). */
  skipped: { sheet: string; reason: string; template?: TemplateId }[];
}

export type RowRole = 'title' | 'header' | 'record' | 'terminator' | 'signature' | 'legend-title' | 'legend-header' | 'legend';

export interface ExportCell {
  value: ExportValue;
  /** 'General' or '@' (text). */
  numberFormat: string;
  /** Long text shown on several lines (the pre-check's reasons). */
  wrap?: boolean;
}

export interface ExportRow {
  role: RowRole;
  cells: ExportCell[];
}

export interface ExportSheet {
  name: string;
  /** rows[0] is sheet row 1. */
  rows: ExportRow[];
  /** Column widths, column A first. */
  widths: number[];
  /** Merged ranges (A1). */
  merges: string[];
  /** Page setup: A4, orientation, one page wide, header repeated and frozen, margins, footer. */
  print: PrintPlan;
}

/** One submission file, described. */
export interface ExportWorkbook {
  template: TemplateId;
  /** The file name (already sanitised for Windows). */
  fileName: string;
  sheets: ExportSheet[];
  /** The sheet row of the first record in sheets[0] (records follow one per row). */
  firstRecordRow: number;
}
