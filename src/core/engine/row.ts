/**
 * One record while it is being checked, as the engine and a template's row rules (templates/<id>/) share it: its
 * prepared cells, the changes a correction row requests, and the helpers a rule uses to put an outcome on a cell.
 * A leaf module: it imports no template, so the templates can use it and the engine can iterate the templates.
 */
import type { Cell, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { CorrectionItem, Field } from '../templates/fields';
import type { Ymd } from '../cells/dates';
import type { Term } from '../cells/enrollment-term';
import type { IdCard } from '../rules/id-card';
import type { StudentId } from '../rules/student-id';
import type { Outcome } from '../rules/outcome';
import type { HeaderInfo } from './header-types';
import type { Prepared } from './prepare';
import type { RowFacts, StudentFacts } from './record-facts';

/** What is kept of each record once it is checked: where it is and its key (the fixer sorts by it). */
export interface RecordKey {
  row: number;
  /** Normalised key (学号 or 注册证号) for duplicates and sorting; '' when unreadable. */
  key: string;
}

/** One change of a correction row (the long layout has one per row, the wide layout one per 原/新 pair). */
export interface Change {
  item: CorrectionItem | null;
  itemCell: Prepared | null;
  oldCell: Prepared;
  newCell: Prepared;
}

/** One record while it is being checked; only its RecordKey outlives the pass (100,000 rows stay cheap). */
export interface RecordRow extends RecordKey {
  cells: Partial<Record<Field, Prepared>>;
  changes: Change[];
  /** The wide layout's 原/新 cells, changed or not (an unchanged 原 ID may still have lost its digits). */
  wideCells?: Prepared[];
  studentId?: StudentId;
  /** What the row's request leaves the record with (correction sheets, when it changes a fact). */
  facts?: RowFacts;
}

/** What a template's row rules see besides the record: the sheet row, the header, and what the field rules read. */
export interface RowContext {
  /** The sheet row as it is (rows[r - 1]). */
  raw: readonly (Cell | undefined)[];
  header: HeaderInfo;
  profile: Profile;
  /** The date the sheet is handed in. */
  today: Ymd;
  /** The 身份证号, 民族 and 入学学期 the field rules read on this row, when readable. */
  idCard: IdCard | undefined;
  ethnicity: string | undefined;
  term: Term | undefined;
  /** The row's facts for the corrected-record rules (one object reused for every row; reset by whoever uses it). */
  facts: StudentFacts;
}

/**
 * What the caller of a check passes to a template's own rules, by template id (the pre-check's batch and photo folder;
 * each template exports a typed helper that builds its entry). The engine hands a template its entry unread.
 */
export type TemplateOptions = { readonly [K in TemplateId]?: unknown };

/** A cell with a value to validate: present, filled, and not an error or a number whose digits are lost. */
export function ok(p: Prepared | undefined): p is Prepared {
  return p !== undefined && !p.empty && !p.unusable;
}

/** Record an outcome on its cell; returns what it parsed. */
export function record<T>(p: Prepared, o: Outcome<T>): T | undefined {
  const drafts = o.drafts;
  // No spread and no draft list for the common clean cell (a cell's list is made on first use).
  for (let i = 0; i < drafts.length; i++) p.drafts.push(drafts[i]!);
  if (o.canonical !== undefined) {
    p.fixed = o.canonical;
    if (drafts.some((d) => d.fixable)) p.needsFix = true;
  }
  return o.parsed;
}
