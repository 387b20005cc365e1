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
  /**
   * Cells carrying what a value fix does not move with its row — a comment, a hyperlink, the corner a picture is
   * anchored to (A1 addresses). A table fix that would move such a row refuses, saying so. Absent when unknown.
   */
  anchors?: readonly string[];
}

export type TemplateId =
  | 'exemption'
  | 'withdrawal'
  | 'correction-new'
  | 'correction-enrolled'
  | 'correction-graduate'
  | 'graduation-precheck';

/** The templates whose sheets are submitted (exported, filled, reported on); the pre-check's list is only read. */
export type SubmissionTemplateId = Exclude<TemplateId, 'graduation-precheck'>;

export function isSubmission(t: TemplateId): t is SubmissionTemplateId {
  return t !== 'graduation-precheck';
}

export const TEMPLATE_IDS: readonly TemplateId[] = [
  'exemption',
  'withdrawal',
  'correction-new',
  'correction-enrolled',
  'correction-graduate',
  'graduation-precheck',
];

export const SUBMISSION_TEMPLATE_IDS: readonly SubmissionTemplateId[] = TEMPLATE_IDS.filter(isSubmission);

export type Severity = 'error' | 'warning';

/** One cell write: new value and number format. value null empties the cell. */
export interface Patch {
  cell: string;
  value: string | number | boolean | null;
  numberFormat: string;
  /** The cell gets this formula (no leading '='), `value` being its result: a formula moved with its row. */
  formula?: string;
  /** `value` is an error value such as '#N/A' (moved with its row), not text. */
  error?: boolean;
}

export interface Fix {
  patches: Patch[];
  /** sheet.name: the sheet's new name (a rename is not a cell write). */
  renameSheet?: string;
  /**
   * A table fix (a sort of 1,000,000 rows) rewriting more cells than the report lists (profile `limits.issues`): how
   * many; `patches` is then empty, never a part of the fix that would be wrong to apply alone.
   */
  omittedPatches?: number;
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

/** Issues found but not listed (more than the profile's `limits.issues` in one file): counted, never dropped. */
export interface OmittedIssues {
  issues: number;
  errors: number;
  warnings: number;
  fixable: number;
  /** Issues left out, per rule id. */
  rules: Record<string, number>;
}

export interface SheetReport {
  sheet: string;
  template: TemplateId | null;
  headerRow: number | null;
  records: number;
  issues: Issue[];
  /** Present only when issues were left out of `issues` (the summary still counts them). */
  omitted?: OmittedIssues;
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

// ---------------------------------------------------------------- reports about files (xueji files / photos)

/** What a files report is about: a roster template, or the graduation-photo batch (DOMAIN.md §6). */
export type FilesTemplate = TemplateId | 'graduation-photos';

/**
 * An issue about a file or folder (DOMAIN.md §6): `path` is relative to the folder given ('/' separators; for a
 * missing file, the name it should have); `cell`/`row` (and `sheet`) point at the roster row it belongs to, when
 * there is one.
 */
export interface FileIssue extends Issue {
  path: string | null;
  sheet: string | null;
}

/** One file or folder the check looked at, or one that should exist and does not (`exists: false`). */
export interface FileEntryReport {
  path: string;
  kind: 'file' | 'directory';
  exists: boolean;
  /** Bytes (files that exist). */
  size: number | null;
  /** The type read from the content ('jpeg', 'png', 'pdf', 'text' …), not from the extension. */
  type: string | null;
  width: number | null;
  height: number | null;
  /** The roster row it belongs to, if any. */
  row: number | null;
  issues: FileIssue[];
}

/** A roster sheet the files were checked against. */
export interface RosterSheetInfo {
  sheet: string;
  template: FilesTemplate;
  headerRow: number;
  records: number;
}

/** A student left out of the photo batch because the roster's 学籍状态 is not 在籍 (seed 002). */
export interface ExcludedStudent {
  sheet: string;
  row: number;
  cell: string;
  status: string;
  /** The student's photo, when there is one. */
  path: string | null;
}

/** One zip of the photo batch. */
export interface ZipPartReport {
  file: string;
  bytes: number;
  /** Member names, in zip order. */
  photos: string[];
}

/** A copy that was made (DOMAIN.md §6 `fixes`). */
export interface PhotoFixRecord {
  sheet: string;
  row: number;
  cell: string;
  /** The source, relative to the folder given. */
  source: string;
  /** The copy's file name. */
  output: string;
  bytes: number;
  quality: number;
  sourceType: 'jpeg' | 'png';
  sourceWidth: number;
  sourceHeight: number;
  /** EXIF orientation the source was turned by (1: none). */
  orientation: number;
  /** White border cut away along each edge (source pixels, with the safety margin). */
  trim: { top: number; bottom: number; left: number; right: number };
  /** The 3:4 rectangle of the upright source that became the copy. */
  crop: { x: number; y: number; width: number; height: number };
  upscaled: boolean;
}

export interface FilesReport {
  /** The roster (base name). */
  file: string;
  /** The folder checked (base name). */
  folder: string;
  template: FilesTemplate;
  roster: RosterSheetInfo[];
  files: FileEntryReport[];
  /** Photos only: students not 在籍, left out of the zip. */
  excluded?: ExcludedStudent[];
  /** Photos only: the zips written (empty for a run that wrote none). */
  zips?: ZipPartReport[];
  /** `photos --fix` only: the conforming copies made, in roster order. */
  fixes?: PhotoFixRecord[];
  summary: Summary;
}
