/**
 * The pre-check's outcome (DOMAIN.md §3 T5): from the checked roster sheets, who may apply in the batch and who may
 * not and why, with the number of students per reason. The reasons are the report's own `graduation.*` issues (the
 * check is the one place that decides); this module only sorts the students by them and reads what the export and the
 * screens show of each student (学号, 姓名, the entry term in its standard form …).
 */
import type { Cell, Issue, SheetInput } from '../../types';
import { formatYmd, type Ymd } from '../../cells/dates';
import { formatTerm, parseEnrollmentTerm, termFromYmd } from '../../cells/enrollment-term';
import { excelSerialToYmd } from '../../cells/dates';
import { checkStudentId } from '../../rules/student-id';
import { termOfStudentId } from '../../rules/enrollment-term';
import { cellSlot, prepareInto, type CellSlot, type Prepared, type PrepareOptions, type TextMode } from '../../engine/prepare';
import { address } from '../../engine/a1';
import { ruleTitle } from '../../rules/catalog';
import { batchCode, batchLabel, certificateDate, followingBatch, type Batch } from './batch';
import { batchRules } from './rules';
import type { PrecheckColumnValue, PrecheckProfile } from './profile';

/** The rules that decide (errors: 暂不能申请) or warn (可申请毕业 with a note), in the order they are counted. */
export const PRECHECK_RULES = [
  'graduation.too-early',
  'graduation.expired',
  'graduation.status',
  'graduation.photo-missing',
  'graduation.chsi-photo',
  'graduation.identity-doubt',
  'graduation.entry-unknown',
  'graduation.expiring',
] as const;

const DECIDING: ReadonlySet<string> = new Set(PRECHECK_RULES);
const NONE: readonly Issue[] = [];

/** One checked roster sheet, as the pre-check reads it. */
export interface PrecheckSheet {
  sheet: SheetInput;
  /** The column of each field the header maps. */
  columns: ReadonlyMap<string, number>;
  /** The sheet rows of the records, in sheet order. */
  records: readonly number[];
  /** Every issue of the sheet (the check run with no listing limit). */
  issues: readonly Issue[];
}

/** What the screens and the export show of a student. */
export type StudentValues = Partial<Record<Exclude<PrecheckColumnValue, 'seq' | 'reasons' | 'notes' | 'sourceRow'>, string>>;

export interface PrecheckStudent {
  readonly sheet: string;
  readonly row: number;
  /** The 学号 cell (where a click goes when the reason has no cell of its own). */
  readonly cell: string;
  /** Read from the student's row when first asked for (RosterStudent). */
  readonly values: StudentValues;
  /** Errors of the pre-check rules: why the student may not apply (empty: may apply). */
  reasons: readonly Issue[];
  /** Warnings of the pre-check rules (graduation.expiring). */
  notes: readonly Issue[];
}

export interface ReasonCount {
  rule: string;
  title: string;
  severity: 'error' | 'warning';
  /** Students with this reason (a student may have several). */
  students: number;
}

export interface PrecheckResult {
  batch: Batch;
  /** 202307. */
  code: string;
  /** The certificate date of the batch (the date rules compare with it). */
  certificateDate: Ymd;
  reportDate: Ymd;
  /** The roster sheets read. */
  sheets: { sheet: string; records: number }[];
  apply: PrecheckStudent[];
  refuse: PrecheckStudent[];
  /** Students per reason, in the order of PRECHECK_RULES, only the reasons that occur. */
  counts: ReasonCount[];
  /** The notices' deadlines for this batch (profile `precheck.reminders`). */
  reminders: string[];
}

const MODES: Readonly<Record<keyof StudentValues, TextMode>> = {
  studentId: 'code',
  idCard: 'code',
  name: 'compact',
  enrollmentTerm: 'compact',
  status: 'compact',
  branchName: 'compact',
  centreName: 'text',
  major: 'text',
};

/** The fields studentValues reads besides the entry term, listed once rather than once per student. */
const PLAIN_FIELDS = (Object.keys(MODES) as (keyof StudentValues)[]).filter((f) => f !== 'enrollmentTerm');

/** A cell as the check prepared it (engine/prepare.ts, in the mode of its field). */
type PreparedValue = Pick<Prepared, 'text' | 'empty' | 'unusable' | 'dateSerial'>;

/** A term's text in its standard form (null: unreadable), once per distinct text (a roster has a few dozen). */
const STANDARD_TERMS = new Map<string, string | null>();

function standardTerm(text: string): string | null {
  let t = STANDARD_TERMS.get(text);
  if (t === undefined) {
    const term = parseEnrollmentTerm(text);
    t = term ? formatTerm(term) : null;
    if (STANDARD_TERMS.size < 4096) STANDARD_TERMS.set(text, t);
  }
  return t;
}

/** The entry term in its standard form: from the cell (any readable form), else from the 学号, marked so. */
function termText(p: PreparedValue | undefined, studentId: string): string {
  if (p) {
    const date = p.dateSerial !== null ? excelSerialToYmd(p.dateSerial) : null;
    const dated = date ? termFromYmd(date) : null;
    const term = date ? dated && formatTerm(dated) : p.unusable ? null : standardTerm(p.text);
    if (term) return term;
    if (!p.empty) return p.text;
  }
  const sid = studentId ? checkStudentId(studentId).parsed : undefined;
  return sid ? `${formatTerm(termOfStudentId(sid))}（按学号）` : '';
}

/**
 * What the screens and the export show of a student, from its prepared cells (undefined: no such column): each cell's
 * cleaned text (no spaces in codes, half-width digits …; nothing for an empty or unusable cell), the entry term in
 * its standard form.
 */
function studentValues(cell: (f: keyof StudentValues) => PreparedValue | undefined): StudentValues {
  // The cleaned text stays the prepared text: field rules canonicalise `fixed`, never `text`.
  const shown = (f: keyof StudentValues): string | undefined => {
    const p = cell(f);
    return p && !p.unusable && p.text ? p.text : undefined;
  };
  const studentId = shown('studentId');
  const idCard = shown('idCard');
  const name = shown('name');
  const status = shown('status');
  const branchName = shown('branchName');
  const centreName = shown('centreName');
  const major = shown('major');
  const enrollmentTerm = termText(cell('enrollmentTerm'), studentId ?? '');
  if (studentId && idCard && name && status && branchName && centreName && major && enrollmentTerm) {
    // All there (the platform's list has every column): one literal, the same keys in the same order as below, made
    // at its final size — 100,000 of these outlive the check.
    return { studentId, idCard, name, status, branchName, centreName, major, enrollmentTerm };
  }
  const all: StudentValues = { studentId, idCard, name, status, branchName, centreName, major };
  const v: StudentValues = {};
  for (const field of PLAIN_FIELDS) if (all[field]) v[field] = all[field];
  if (enrollmentTerm) v.enrollmentTerm = enrollmentTerm;
  return v;
}

/**
 * How a roster reads one field of its students: the field's cells (indexed like the sheet's rows), how the check reads
 * them, a cell slot to read into.
 */
interface FieldReader {
  col: number;
  cells: (Cell | undefined)[];
  opt: PrepareOptions;
  slot: CellSlot;
}

/**
 * A roster sheet as its students read it: its name, where the 学号 is, and the cells of the fields it shows — only
 * those columns, not the sheet: a result on the pane's screen must not keep the whole parsed sheet and its issues
 * alive. The cells are the ones the check read; a sheet edited afterwards (the workbench replaces rows) does not
 * change them.
 */
class Roster {
  readonly name: string;
  readonly keyCol: number;
  private readonly readers: Partial<Record<keyof StudentValues, FieldReader>> = {};

  constructor(input: PrecheckSheet) {
    this.name = input.sheet.name;
    this.keyCol = input.columns.get('studentId') ?? 0;
    const rows = input.sheet.rows;
    const readers: FieldReader[] = [];
    for (const f of Object.keys(MODES) as (keyof StudentValues)[]) {
      const col = input.columns.get(f);
      if (col === undefined) continue;
      const mode = MODES[f];
      const reader = { col, cells: new Array<Cell | undefined>(rows.length), opt: { mode, isCode: mode === 'code', label: '' }, slot: cellSlot() };
      readers.push((this.readers[f] = reader));
    }
    // Row by row: each row's cells are read while it is at hand.
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row) for (const reader of readers) reader.cells[r] = row[reader.col];
    }
  }

  /** A student's values read from its row's cells, as the check reads them (the same mode per field). */
  values(row: number): StudentValues {
    return studentValues((f) => {
      const r = this.readers[f];
      return r && prepareInto(r.slot, r.cells[row - 1], row, r.col, r.opt);
    });
  }
}

/**
 * A student of the result: its row and its issues; the rest (sheet name, 学号 cell, values) is read from the roster
 * when asked for, so that a 100,000-row pre-check keeps no copy of what the parsed rows hold. The export and the JSON
 * ask for every student's values, the pane and the summary only for the few they show. `sheet`, `cell` and `values`
 * are getters: a spread (`{ ...student }`) does not copy them — read them by name, or JSON.stringify (toJSON).
 */
class RosterStudent implements PrecheckStudent {
  readonly #roster: Roster;
  #shown: StudentValues | undefined = undefined;

  constructor(
    roster: Roster,
    readonly row: number,
    readonly reasons: readonly Issue[],
    readonly notes: readonly Issue[],
  ) {
    this.#roster = roster;
  }

  get sheet(): string {
    return this.#roster.name;
  }

  get cell(): string {
    return address(this.row, this.#roster.keyCol);
  }

  get values(): StudentValues {
    return (this.#shown ??= this.#roster.values(this.row));
  }

  toJSON(): PrecheckStudent {
    const { sheet, row, cell, values, reasons, notes } = this;
    return { sheet, row, cell, values, reasons, notes };
  }
}

/** The reminder texts for a batch, placeholders filled in. */
export function remindersFor(batch: Batch, profile: PrecheckProfile, reportDate: Ymd): string[] {
  return profile.reminders.filter((r) => r.months.includes(batch.month)).map((r) => fillPlaceholders(r.text, batch, reportDate));
}

/** {批次} 2023年7月, {批次代码} 202307, {上一年} 2022, {下一批次} 2024年1月, {报送日期} 2026-11-22. */
export function fillPlaceholders(text: string, batch: Batch, reportDate: Ymd): string {
  return text
    .replace(/\{批次\}/g, batchLabel(batch))
    .replace(/\{批次代码\}/g, batchCode(batch))
    .replace(/\{上一年\}/g, String(batch.year - 1))
    .replace(/\{下一批次\}/g, batchLabel(followingBatch(batch)))
    .replace(/\{报送日期\}/g, formatYmd(reportDate));
}

/**
 * Sort the students of the roster sheets: those with a pre-check error may not apply (their errors are the reasons),
 * the others may (with the pre-check's warnings as notes). Issues of other rules (a space in a name, a 学号 stored as a
 * number) are the sheet's hygiene, shown by the check, and decide nothing here.
 */
export function precheckResult(sheets: readonly PrecheckSheet[], batch: Batch, profile: PrecheckProfile, reportDate: Ymd): PrecheckResult {
  const apply: PrecheckStudent[] = [];
  const refuse: PrecheckStudent[] = [];
  const perRule = new Map<string, number>();
  for (const s of sheets) {
    const deciding = decidingByRow(s.issues);
    const roster = new Roster(s);
    const records = s.records;
    // A cursor over `deciding` (in row order), moved along with the records (in sheet order): no per-row index.
    let k = 0;
    let previous = 0;
    for (let r = 0; r < records.length; r++) {
      const row = records[r]!;
      if (row < previous) k = 0;
      previous = row;
      while (k < deciding.length && deciding[k]!.row! < row) k++;
      const first = k;
      while (k < deciding.length && deciding[k]!.row === row) k++;
      const reasons = side(deciding, first, k, true);
      const student = new RosterStudent(roster, row, reasons, side(deciding, first, k, false));
      if (k > first) countRules(deciding, first, k, perRule);
      (reasons.length ? refuse : apply).push(student);
    }
  }
  const counts: ReasonCount[] = PRECHECK_RULES.filter((r) => perRule.has(r)).map((rule) => ({
    rule,
    title: ruleTitle(rule),
    severity: rule === 'graduation.expiring' ? 'warning' : 'error',
    students: perRule.get(rule)!,
  }));
  return {
    batch,
    code: batchCode(batch),
    certificateDate: certificateDate(batch, batchRules(profile)),
    reportDate,
    sheets: sheets.map((s) => ({ sheet: s.sheet.name, records: s.records.length })),
    apply,
    refuse,
    counts,
    reminders: remindersFor(batch, profile, reportDate),
  };
}

/**
 * The sheet's pre-check issues on a row, by row, each row's in the sheet's issue order. The check lists its issues in
 * row order already (issueOrder): then this is a filter; otherwise a stable sort by row keeps each row's order.
 */
function decidingByRow(issues: readonly Issue[]): readonly Issue[] {
  const out: Issue[] = [];
  let sorted = true;
  // Loops by index: run once over 100,000 rows they stay unoptimised, and for…of would make a result per step.
  for (let k = 0; k < issues.length; k++) {
    const i = issues[k]!;
    if (i.row === null || !DECIDING.has(i.rule)) continue;
    if (out.length && i.row < out[out.length - 1]!.row!) sorted = false;
    out.push(i);
  }
  return sorted ? out : out.sort((a, b) => a.row! - b.row!);
}

/**
 * One student's reasons (errors) or notes (warnings): the issues deciding[from..to) of that side, in their order, in an
 * array of their number (100,000 of these outlive the check); none: the shared empty list.
 */
function side(deciding: readonly Issue[], from: number, to: number, errors: boolean): readonly Issue[] {
  let n = 0;
  for (let k = from; k < to; k++) if ((deciding[k]!.severity === 'error') === errors) n++;
  if (n === 0) return NONE;
  const out = new Array<Issue>(n);
  n = 0;
  for (let k = from; k < to; k++) if ((deciding[k]!.severity === 'error') === errors) out[n++] = deciding[k]!;
  return out;
}

/** Each rule of a student's issues (deciding[from..to)) counted once (a student may have one rule on two cells). */
function countRules(deciding: readonly Issue[], from: number, to: number, perRule: Map<string, number>): void {
  for (let k = from; k < to; k++) {
    const rule = deciding[k]!.rule;
    let first = true;
    for (let j = from; j < k; j++) if (deciding[j]!.rule === rule) first = false;
    if (first) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  }
}

/** A student's reasons (or notes) in words, for the export's 原因 / 提示 column. */
export function inWords(issues: readonly Issue[]): string {
  return issues.map((i) => `${ruleTitle(i.rule)}：${i.message}`).join('；\n');
}
