/**
 * The merge's plain data (DOMAIN.md §3 "汇总"): the centres' files going in, the one submission coming out, and the
 * report that ties every issue of the submission to the file and row it comes from (docs/report-format.md, `xueji
 * merge --json`).
 */
import type { Issue, SheetInput, SubmissionTemplateId, Summary, TemplateId } from '../types';
import type { Field } from '../templates/fields';
import type { WideMapping } from '../engine/header';
import type { ExportWorkbook, SheetExport } from '../export/types';

/** One input file: its name as the registrar knows it (used in every message and in the report) and its sheets. */
export interface MergeSource {
  file: string;
  sheets: readonly SheetInput[];
}

/** Where a source sheet's columns are: enough to name the source cell of an issue found in the merged file. */
export interface SourceColumns {
  /** First column (0-based) of each field. */
  fields: ReadonlyMap<Field, number>;
  /** The wide correction layout's 原 / 新 columns. */
  wide: readonly WideMapping[];
}

/** A recognised sheet of an input, checked, its fixes applied and its records read (export/records.ts). */
export interface SourceSheet {
  file: string;
  sheet: string;
  headerRow: number;
  prepared: SheetExport;
  columns: SourceColumns;
}

/** One input file once read: its recognised sheets, and the sheets it has that are no template. */
export interface PreparedSource {
  file: string;
  sheets: SourceSheet[];
  skipped: { sheet: string; reason: string; template?: TemplateId }[];
}

/** Where a row of the merged file comes from. */
export interface SourceRef {
  file: string;
  sheet: string;
  /** The row in that sheet. */
  sourceRow: number;
  /** The cell in that sheet the issue is about, when the sheet has that column. */
  sourceCell: string | null;
  /** The row of the merged file that holds it. */
  row: number;
}

/**
 * An issue of the merged submission. `cell` / `row` / `column` are where it is in the merged file (what `xueji check`
 * of that file would say; null when the merged file has no row or column for it: a source's header issue, a column the
 * submission does not carry); `file` / `sheet` / `sourceRow` / `sourceCell` are the input file, its sheet and the cell
 * there that must be changed — null only for an issue of the merged file that comes from no input. `related`: the
 * rows of other input sheets the issue is about (for `row.duplicate`, the first occurrence). Every fix has been made
 * in the merged file, so `fix` is null.
 */
export interface MergeIssue extends Issue {
  file: string | null;
  sheet: string | null;
  sourceRow: number | null;
  sourceCell: string | null;
  related?: SourceRef[];
}

/** One input sheet in the report. */
export interface MergeSourceInfo {
  file: string;
  sheet: string;
  template: TemplateId;
  headerRow: number;
  /** Records it gives the submission (a wide correction row gives one per change). */
  records: number;
  /** Issues its fixes resolved: made in the merged file. */
  fixed: number;
}

/** The report of a merge (`xueji merge --json`), shaped as a check report of the merged file (DOMAIN.md §6). */
export interface MergeReport {
  /** The merged file's name. */
  file: string;
  /** Where it was written; null when it was not (refused, or the caller does not write files). */
  output: string | null;
  template: TemplateId;
  sources: MergeSourceInfo[];
  /** Sheets of the inputs that are no template (or empty): not merged. */
  skipped: { file: string; sheet: string; reason: string }[];
  sheets: { sheet: string; template: TemplateId; headerRow: number; records: number; issues: MergeIssue[] }[];
  summary: Summary;
}

/** Why the files cannot be merged at all (the command line exits 2; nothing is written). */
export type MergeRefusal =
  | {
      kind: 'mixed-templates';
      message: string;
      /** Each template found, with the sheets that are it, in order of first appearance. */
      groups: { template: TemplateId; sheets: { file: string; sheet: string }[] }[];
    }
  | { kind: 'no-template'; message: string; file: string }
  /** The file is a list that is read, not submitted (the pre-check's student list): nothing to merge. */
  | { kind: 'not-submitted'; message: string; file: string; template: TemplateId }
  | { kind: 'too-many-rows'; message: string; records: number; limit: number };

/** The one submission the files make. */
export interface MergedSubmission {
  kind: 'merged';
  template: SubmissionTemplateId;
  /** The merged records, as one checked sheet (sorted, ready for the export builder). */
  merged: SheetExport;
  /** The submission workbook, in the profile's layout (export/build.ts). */
  book: ExportWorkbook;
  /** Where each record of `merged.records` comes from (same order). */
  origins: { file: string; sheet: string; sourceRow: number }[];
  report: MergeReport;
}

export type MergeOutcome = MergedSubmission | { kind: 'refused'; refusal: MergeRefusal };
