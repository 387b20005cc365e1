/**
 * The shapes the pure core works on. Adapters (ExcelJS files, Office.js) turn a sheet into a
 * `SheetInput`; the engine returns a `SheetReport` whose issues carry fixes as `Patch` lists.
 * The report shape is a contract (DOMAIN.md §6): other tools read it.
 */

/** What kind of value a cell holds, as Excel stores it (dates are numbers with a date format). */
export type CellKind = 'empty' | 'string' | 'number' | 'boolean' | 'error';

export interface Cell {
  kind: CellKind;
  /** string for 'string', number for 'number' (dates as Excel serials), boolean, error text such as '#N/A', null for 'empty'. */
  value: string | number | boolean | null;
  /** Excel number format; absent means 'General'. '@' is text. */
  numberFormat?: string;
  /** Present when the cell holds a formula; `value` is then its cached result. */
  formula?: string;
}

/** One worksheet as plain data. rows[0] is sheet row 1; rows[r][0] is column A. Missing cells are empty. */
export interface SheetInput {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>;
  /** Merged ranges as A1 ranges, e.g. 'A1:E1'. */
  merges: readonly string[];
}

export type TemplateId =
  | 'exemption'
  | 'withdrawal'
  | 'correction-new'
  | 'correction-enrolled'
  | 'correction-graduate';

export const TEMPLATE_IDS: readonly TemplateId[] = [
  'exemption',
  'withdrawal',
  'correction-new',
  'correction-enrolled',
  'correction-graduate',
];

export type Severity = 'error' | 'warning';

/** One cell write: new value and number format. value null empties the cell. */
export interface Patch {
  cell: string;
  value: string | number | boolean | null;
  numberFormat: string;
}

export interface Fix {
  patches: Patch[];
  /** sheet.name: the sheet's new name (a rename is not a cell write). */
  renameSheet?: string;
}

export interface Issue {
  /** A1 address in the user's sheet; null for header and sheet issues. */
  cell: string | null;
  row: number | null;
  /** The user's own header text. */
  column: string | null;
  /** Our canonical field name. */
  field: string | null;
  rule: string;
  severity: Severity;
  /** Chinese, for the registrar. */
  message: string;
  fix: Fix | null;
}

export interface SheetReport {
  sheet: string;
  template: TemplateId | null;
  headerRow: number | null;
  records: number;
  issues: Issue[];
}

export interface Summary {
  errors: number;
  warnings: number;
  fixable: number;
}

export interface FileReport {
  file: string;
  sheets: SheetReport[];
  summary: Summary;
}
