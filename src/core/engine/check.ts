/**
 * Running every rule over a sheet (DOMAIN.md §4–§6): header → records → per-cell hygiene and field rules →
 * cross-column and table rules → report. Pure: the caller passes the report date.
 */
import type { Issue, OmittedIssues, Patch, SheetInput, SheetReport, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { FIELD_LABEL, FIELD_SPECS, type CorrectionItem, type Field } from '../templates/fields';
import type { TemplateDefinition } from '../templates/definition';
import { templateOf } from '../templates/registry';
import { detectHeader, titledTemplate, type HeaderInfo } from './header';
import { locateRecords, type Layout } from './records';
import { cellSlot, prepareInto, type CellSlot, type Prepared, type PrepareOptions } from './prepare';
import { err, issueOrder, makeIssue, warn, type IssueDraft } from './issue';
import { address, parseRange } from './a1';
import type { Ymd } from '../cells/dates';
import { FactBook, StudentFacts, type RowFacts } from './record-facts';
import type { Term } from '../cells/enrollment-term';
import type { Outcome } from '../rules/outcome';
import { checkStudentId } from '../rules/student-id';
import { checkIdCard, type IdCard } from '../rules/id-card';
import { checkGender, genderMismatch } from '../rules/gender';
import { checkEthnicity } from '../rules/ethnicity';
import { checkName } from '../rules/name';
import { centreBranchMismatch, checkCentreCode } from '../rules/centre-code';
import { checkEnrollmentTerm, termMismatch } from '../rules/enrollment-term';
import { checkRegistrationNo } from '../rules/registration-no';
import { doubleChange } from '../rules/correction';
import { ok, record as add, type RecordKey, type RecordRow, type RowContext, type TemplateOptions } from './row';
import type { TableSteps } from './plan';
import { at, checkTable } from './table-rules';

export interface CheckOptions {
  /** Force the template instead of recognising it. */
  template?: TemplateId;
  /** The date the sheet is handed in, for date rules (新生 window). */
  reportDate: Ymd;
  /**
   * Keep the fix of every issue, also of those beyond the report's limit (`limits.issues`), for fixing. Default
   * true; `xueji check` says false: a report of 1,000,000 rows then holds only what it lists.
   */
  keepFixes?: boolean;
  /** How many issues a file's report lists (default: the profile's `limits.issues`); the export lists them all. */
  issueLimit?: number;
  /** What a template's own rules take for this check (the pre-check's batch and photos): see `RowRules.forCheck`. */
  templateOptions?: TemplateOptions;
}

/** How many more issues the report of one file may list (profile `limits.issues`), shared by its sheets. */
export interface IssueBudget {
  left: number;
}

/** Issues always listed, whatever the budget: at most one or two per sheet, and the ones a reader needs first. */
const ALWAYS_LISTED: ReadonlySet<string> = new Set([
  'sheet.unknown-template',
  'sheet.name',
  'header.missing-column',
  'header.duplicate-column',
  'table.unsorted',
  'table.terminator',
  'table.signature-row',
]);

export type { Change, RecordKey } from './row';

/**
 * One record once its own cells are checked: their issues and fixes, and what the cross-row rules (duplicates, 双改,
 * mixed 分部) and 序号 need of it. The incremental re-check (recheck.ts) keeps these and reuses a row's outcome
 * while the row is unchanged: only these small facts outlive the pass, never the prepared cells.
 */
export interface RowOutcome extends RecordKey {
  /** Issues of the row's own cells, in emission order (cross-row, 序号 and table rules come separately). */
  issues: readonly Issue[];
  /** The row's cell fixes. */
  fixes: readonly Patch[];
  /** The subject (免考) or the items (修改) this record claims for its key. */
  second: readonly string[];
  /** Correction changes: the item, and the cell a 双改 is reported on. */
  changes: readonly { item: CorrectionItem | null; col: number; field: string }[];
  /** The 分部名称 when filled, else null. */
  branch: string | null;
  /** The 序号 cell as the check read it; null without a 序号 column, or when the template does not check 序号. */
  seq: { text: string; empty: boolean; unusable: boolean; number: number | null } | null;
  /** Correction sheets: what the row's request leaves the student's record with, when it changes 性别 / 身份证号 / 出生日期. */
  facts: RowFacts | null;
}

/**
 * Hooks for the incremental re-check (recheck.ts): reuse what did not change, keep what the next re-check needs; and
 * the issue budget a file's sheets share.
 */
export interface AnalyseHooks {
  /** What the file's report may still list (default: the profile's `limits.issues` for this sheet alone). */
  budget?: IssueBudget;
  /** The outcome of a record row (at `index` among the records) checked before and unchanged since; else undefined. */
  reuse?: (row: number, index: number) => RowOutcome | undefined;
  /** The record layout, when the caller knows it is unchanged. */
  layout?: Layout;
  /**
   * With `layout` (records at the same positions): the duplicate and 双改 issues of the last check, per record, and
   * its corrected-record conflicts, per student, to reuse for every record and student not among `staleStudents`
   * (the students the changed rows had, `studentOf`) or the ones the re-checked rows have now. Those students'
   * records are checked against each other again, in order.
   */
  cross?: { issues: CrossIssues; facts: FactIssues; staleStudents: Iterable<string> };
  /** Keep every record's outcome (`outcomes`), key-rule issues (`crossIssues`) and fact conflicts (`factIssues`). */
  keep?: boolean;
}

/** The duplicate and 双改 issues of each record (by its index among the records); undefined: none. */
export type CrossIssues = readonly (readonly Issue[] | undefined)[];

/** The corrected-record conflicts of each student (`studentOf`) that has any. */
export type FactIssues = ReadonlyMap<string, readonly Issue[]>;

/** Whose record a row belongs to: its key, or the row itself when the key cannot be read. */
export function studentOf(r: RecordKey): string {
  return r.key || `#${r.row}`;
}

/** What the cross-row rules remember while rows stream past. */
interface CrossState {
  /**
   * Per key (学号 / 注册证号): the subject or item seen so far ('' for the roster), or several. A single
   * string is the common case and allocates nothing: item names are the constants the parser returned.
   */
  seen: Map<string, string | string[]>;
  firstBranch: string | null;
  mixedBranchReported: boolean;
}

/** Everything a check learned: the report, and what the fixer needs to plan the fixes. */
export interface SheetAnalysis {
  report: SheetReport;
  header: HeaderInfo | null;
  layout: Layout | null;
  rows: RecordKey[];
  /** Cells with a fix, by address: the value to write. */
  cellFixes: Map<string, Patch>;
  /** Table fixes this sheet needs. */
  tableSteps: TableSteps;
  renameSheet: string | null;
  /** Every record's outcome, in record order (only when asked for with `AnalyseHooks.keep`). */
  outcomes?: readonly RowOutcome[];
  /** Every record's duplicate and 双改 issues (only with `AnalyseHooks.keep`). */
  crossIssues?: CrossIssues;
  /** Every student's corrected-record conflicts (only with `AnalyseHooks.keep`). */
  factIssues?: FactIssues;
  /** Fixable issues not listed in the report (beyond `limits.issues`), when `keepFixes`: a fix still cures them. */
  unlisted: Issue[];
}

function emptyAnalysis(sheet: SheetInput, issues: Issue[], template: TemplateId | null = null, headerRow: number | null = null): SheetAnalysis {
  return {
    report: { sheet: sheet.name, template, headerRow, records: 0, issues },
    header: null,
    layout: null,
    rows: [],
    cellFixes: new Map(),
    tableSteps: { removeBlank: false, sort: false, renumber: false, marker: false },
    renameSheet: null,
    unlisted: [],
  };
}

export function isEmptySheet(sheet: SheetInput): boolean {
  for (const row of sheet.rows) {
    if (!row) continue;
    for (const c of row) if (c && c.kind !== 'empty') return false;
  }
  return true;
}

export function analyseSheet(sheet: SheetInput, profile: Profile, options: CheckOptions, hooks: AnalyseHooks = {}): SheetAnalysis {
  const header = detectHeader(sheet, options.template);
  if (!header) {
    // A title that names a template whose header is not there: say which columns were looked for.
    const titled = options.template ?? titledTemplate(sheet);
    const columns = titled ? `（应有${templateOf(titled).required.map((f) => FIELD_LABEL[f]).join('、')}等列）` : '';
    const message = options.template
      ? `工作表“${sheet.name}”的前20行中找不到${templateOf(options.template).title}的表头${columns}`
      : titled
        ? `工作表“${sheet.name}”的标题是${templateOf(titled).title}，但前20行中找不到它的表头${columns}`
        : `工作表“${sheet.name}”的前20行中找不到可识别的表头（免考信息表、退学汇总名单或学生基本信息修改情况统计表）`;
    return emptyAnalysis(sheet, [makeIssue(null, null, null, err('sheet.unknown-template', message), null)]);
  }
  return analyseWithHeader(sheet, profile, options, header, hooks);
}

/** The check below a header already found (the incremental re-check passes the header it verified unchanged). */
export function analyseWithHeader(sheet: SheetInput, profile: Profile, options: CheckOptions, header: HeaderInfo, hooks: AnalyseHooks = {}): SheetAnalysis {
  const budget = hooks.budget ?? { left: options.issueLimit ?? profile.limits.issues };
  return new SheetChecker(sheet, profile, options, header, budget).run(hooks);
}

class SheetChecker {
  private readonly issues: Issue[] = [];
  private readonly cellFixes = new Map<string, Patch>();
  private readonly template: TemplateId;
  private readonly spec: TemplateDefinition;
  private layout!: Layout;
  private readonly rows: RecordKey[] = [];
  /** Correction sheets: per student, the record's 性别 / 身份证号 / 出生日期 once corrected (only students whose request changes one). */
  private readonly facts = new FactBook();
  /** The facts of the row being checked (one object reused for every row). */
  private readonly rowFacts = new StudentFacts();
  private renumber = false;
  private readonly merged: ReturnType<typeof parseRange>[];
  private readonly requiredFields: ReadonlySet<Field>;
  private readonly columns: readonly (readonly [Field, number])[];
  /** Each column's field and sheet column (same order as `columns`), apart: no pair to unpack per cell. */
  private readonly fieldOf: readonly Field[];
  private readonly colOf: readonly number[];
  /** How each column's cells are read (same order as `columns`). */
  private readonly readOptions: readonly PrepareOptions[];
  private readonly keyCol: number | undefined;
  private omitted: OmittedIssues | null = null;
  private readonly unlisted: Issue[] = [];
  private readonly keepFixes: boolean;
  /** Whether 序号 must run 1..n (the template's `table.sequence`). */
  private readonly sequenced: boolean;
  /**
   * The record's cells: each column's field, in column order, with the column's cell slot, refilled for every row (a
   * record's cells live for its row only: nothing the check keeps holds one).
   */
  private readonly cells: Partial<Record<Field, Prepared>>;
  /** Each column's cell slot (same order as `columns`). */
  private readonly slots: readonly CellSlot[];
  /** What the template's row rules see besides the record (one object, refilled for each row). */
  private readonly rowContext: RowContext;
  /** The 入学年度学期 outcomes by text (termOutcome). */
  private readonly terms = new Map<string, Outcome<Term>>();
  /** The template's own row rules for this check. */
  private readonly rowRules: ((rec: RecordRow, ctx: RowContext) => void) | undefined;

  constructor(
    private readonly sheet: SheetInput,
    private readonly profile: Profile,
    private readonly options: CheckOptions,
    private readonly header: HeaderInfo,
    private readonly budget: IssueBudget,
  ) {
    this.keepFixes = options.keepFixes !== false;
    this.template = header.template;
    this.spec = templateOf(this.template);
    this.merged = sheet.merges.map(parseRange);
    this.requiredFields = new Set(this.required());
    this.columns = [...header.fields];
    this.readOptions = this.columns.map(([f]) => SheetChecker.readOptions(f));
    const today = options.reportDate;
    this.rowContext = { raw: [], header, profile, today, idCard: undefined, ethnicity: undefined, term: undefined, facts: this.rowFacts };
    this.fieldOf = this.columns.map(([f]) => f);
    this.colOf = this.columns.map(([, c]) => c);
    this.slots = this.columns.map(() => cellSlot());
    const cells: Partial<Record<Field, Prepared>> = {};
    this.columns.forEach(([f], k) => (cells[f] = this.slots[k]));
    this.cells = cells;
    this.keyCol = header.fields.get(this.spec.key);
    this.sequenced = this.spec.table.sequence !== false;
    const rules = this.spec.rows;
    this.rowRules = rules.forCheck ? rules.forCheck(options.templateOptions?.[this.template], profile, options.reportDate) : rules.check;
  }

  run(hooks: AnalyseHooks): SheetAnalysis {
    const h = this.header;
    this.checkHeader();
    this.layout = hooks.layout ?? locateRecords(this.sheet, h, this.profile);
    const cross: CrossState = { seen: new Map(), firstBranch: null, mixedBranchReported: false };
    const records = this.layout.records;
    const n = records.length;
    const outcomes: RowOutcome[] | undefined = hooks.keep ? new Array<RowOutcome>(n) : undefined;
    const keyIssues: (readonly Issue[] | undefined)[] | undefined = hooks.keep ? new Array<readonly Issue[] | undefined>(n) : undefined;
    this.rows.length = n;
    const { known, fresh } = this.reusable(hooks, records);
    const reused = hooks.cross?.issues;
    // Per record: 序号, the row's own issues, then the cross-row ones (the order a cell's issues are listed in).
    for (let i = 0; i < n; i++) {
      const out = known ? known[i]! : (hooks.reuse?.(records[i]!, i) ?? this.rowOutcome(records[i]!));
      if (out.seq && this.sequenced) this.checkSequence(out.row, out.seq, i + 1);
      const own = out.issues;
      for (let j = 0; j < own.length; j++) this.add(own[j]!);
      const fixes = out.fixes;
      if (this.keepFixes) for (let j = 0; j < fixes.length; j++) this.cellFixes.set(fixes[j]!.cell, fixes[j]!);
      const keyed = fresh && reused && !fresh.has(studentOf(out)) ? reused[i] : this.checkKeyRules(out, cross);
      if (keyed) for (let j = 0; j < keyed.length; j++) this.add(keyed[j]!);
      if (out.branch !== null) this.checkBranch(out, cross);
      // A student's corrected record: noted again only for the students a re-check cannot reuse.
      if (out.facts) {
        const student = studentOf(out);
        if (!fresh || fresh.has(student)) this.facts.note(student, out.facts);
      }
      if (outcomes) outcomes[i] = out;
      if (keyIssues) keyIssues[i] = keyed;
      this.rows[i] = outcomes ? out : { row: out.row, key: out.key };
    }
    const factIssues = this.checkFacts(fresh && hooks.cross ? { issues: hooks.cross.facts, fresh } : null);
    const steps = checkTable({
      sheet: this.sheet,
      profile: this.profile,
      header: h,
      layout: this.layout,
      rows: this.rows,
      spec: this.spec,
      renumber: this.renumber,
      merged: this.merged,
      label: (f) => this.label(f),
      add: (issue) => this.add(issue),
    });
    const renameSheet = this.checkSheetName();
    this.issues.sort(issueOrder);
    const report: SheetReport = {
      sheet: this.sheet.name,
      template: this.template,
      headerRow: h.headerRow,
      records: this.layout.records.length,
      issues: this.issues,
    };
    if (this.omitted) report.omitted = this.omitted;
    const analysis: SheetAnalysis = {
      report,
      header: h,
      layout: this.layout,
      rows: this.rows,
      cellFixes: this.cellFixes,
      tableSteps: steps,
      renameSheet,
      unlisted: this.unlisted,
    };
    if (outcomes) analysis.outcomes = outcomes;
    if (keyIssues) analysis.crossIssues = keyIssues;
    if (hooks.keep) analysis.factIssues = factIssues;
    return analysis;
  }

  /**
   * A re-check that can reuse the key rules' issues (`hooks.cross`) needs every row's outcome, and the students the
   * re-checked rows now have, before the key rules run: both, or nulls for a full check.
   */
  private reusable(hooks: AnalyseHooks, records: readonly number[]): { known: RowOutcome[] | null; fresh: Set<string> | null } {
    if (!hooks.cross || !hooks.layout) return { known: null, fresh: null };
    const n = records.length;
    const fresh = new Set(hooks.cross.staleStudents);
    const known = new Array<RowOutcome>(n);
    for (let i = 0; i < n; i++) {
      let o = hooks.reuse?.(records[i]!, i);
      if (!o) {
        o = this.rowOutcome(records[i]!);
        fresh.add(studentOf(o));
      }
      known[i] = o;
    }
    return { known, fresh };
  }

  /** Check one record's own cells: its issues, fixes and the facts the cross-row rules need. */
  private rowOutcome(r: number): RowOutcome {
    const rec = this.checkRow(r);
    const { issues, fixes } = this.emitRow(rec);
    const c = rec.cells;
    const second: readonly string[] = this.spec.rows.claims?.(rec) ?? NO_SECOND;
    const changes = rec.changes.length
      ? rec.changes.map((ch) => ({ item: ch.item, col: (ch.itemCell ?? ch.newCell).col, field: ch.itemCell ? 'item' : 'newValue' }))
      : NO_CHANGES;
    const b = c.branchName;
    const s = c.seq;
    return {
      row: r,
      key: rec.key,
      issues,
      fixes,
      second,
      changes,
      branch: b && !b.empty ? b.fixed : null,
      // Read only where 序号 must run 1..n (a roster's 序号 is not ours to check).
      seq: s && this.sequenced ? { text: s.text, empty: s.empty, unusable: s.unusable, number: DECIMAL.test(s.text) ? Number(s.text) : null } : null,
      facts: rec.facts ?? null,
    };
  }

  /**
   * An issue into the report while the file's budget lasts (`limits.issues`); beyond it, counted per rule — so a
   * sheet of 1,000,000 faulty rows gives a report of bounded size whose summary still counts them all. Issues come
   * here in the same order whether a row was checked or its outcome reused, so a re-check lists what a full check does.
   */
  private add(issue: Issue): void {
    if (ALWAYS_LISTED.has(issue.rule)) {
      this.issues.push(issue);
      return;
    }
    if (this.budget.left > 0) {
      this.budget.left--;
      this.issues.push(issue);
      return;
    }
    const o = (this.omitted ??= { issues: 0, errors: 0, warnings: 0, fixable: 0, rules: {} });
    o.issues++;
    if (issue.severity === 'error') o.errors++;
    else o.warnings++;
    if (issue.fix) {
      o.fixable++;
      if (this.keepFixes) this.unlisted.push(issue);
    }
    o.rules[issue.rule] = (o.rules[issue.rule] ?? 0) + 1;
  }

  private label(f: Field): string {
    const col = this.header.fields.get(f);
    return col === undefined ? FIELD_LABEL[f] : this.header.labels[col] || FIELD_LABEL[f];
  }

  private required(): readonly Field[] {
    return this.spec.rows.requiredColumns?.(this.header) ?? this.spec.required;
  }

  private checkHeader(): void {
    for (const f of this.required()) {
      if (!this.header.fields.has(f)) {
        const also = f === 'registrationNo' ? '（毕业生按51161开头的注册证号填写）' : '';
        this.add(makeIssue(null, null, f, err('header.missing-column', `缺少“${FIELD_LABEL[f]}”列${also}`), null));
      }
    }
    for (const [f, cols] of this.header.fieldColumns) {
      if (cols.length > 1) {
        const names = cols.map((c) => `${address(this.header.headerRow, c)}“${this.header.labels[c]}”`).join('、');
        this.add(makeIssue(null, null, f, err('header.duplicate-column', `有多列都是“${FIELD_LABEL[f]}”：${names}，请只保留一列`), null));
      }
    }
  }

  /** How a field's cells are read (its spec and label), made once per sheet rather than once per cell. */
  private static readOptions(f: Field): PrepareOptions {
    const spec = FIELD_SPECS[f];
    return { mode: spec.mode, isCode: spec.isCode, label: FIELD_LABEL[f] };
  }

  private checkRow(r: number): RecordRow {
    const raw = this.sheet.rows[r - 1] ?? [];
    const cells = this.cells;
    // A row may read some cells differently from their column (the template says which).
    const specs = this.spec.rows.cellSpecs?.(raw, this.header) ?? null;
    const mayBeEmpty = this.spec.rows.mayBeEmpty;
    const fields = this.fieldOf;
    const cols = this.colOf;
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k]!;
      const col = cols[k]!;
      const p = prepareInto(this.slots[k]!, raw[col], r, col, (specs && specs[f]) ?? this.readOptions[k]!);
      if (p.empty && this.requiredFields.has(f) && !mayBeEmpty?.has(f)) {
        p.drafts.push(err('cell.required', `“${this.label(f)}”不能为空`));
      }
    }
    const rec: RecordRow = { row: r, cells, changes: [], key: '' };
    const today = this.options.reportDate;

    const sid = cells.studentId;
    if (ok(sid)) rec.studentId = add(sid, checkStudentId(sid.text));
    const idc = cells.idCard;
    let idCard: IdCard | undefined;
    if (ok(idc)) idCard = add(idc, checkIdCard(idc.text, today));
    const gen = cells.gender;
    if (ok(gen)) {
      const g = add(gen, checkGender(gen.text));
      if (g && idCard?.checksumOk) {
        const m = genderMismatch(g, idCard.gender);
        if (m) gen.drafts.push(m);
      }
    }
    let ethnicity: string | undefined;
    if (ok(cells.ethnicity)) ethnicity = add(cells.ethnicity, checkEthnicity(cells.ethnicity.text));
    if (ok(cells.name)) add(cells.name, checkName(cells.name.text));
    const cc = cells.centreCode;
    if (ok(cc)) {
      const code = add(cc, checkCentreCode(cc.text, this.profile, cc.raw?.kind === 'number'));
      if (code && rec.studentId) {
        const m = centreBranchMismatch(code, rec.studentId.branch, this.profile);
        if (m) cc.drafts.push(m);
      }
    }
    let term: Term | undefined;
    const tc = cells.enrollmentTerm;
    if (ok(tc)) {
      term = add(tc, this.termOutcome(tc.text, tc.dateSerial));
      if (term && rec.studentId) {
        const m = termMismatch(term, rec.studentId);
        if (m) tc.drafts.push(m);
      }
    }
    const reg = cells.registrationNo;
    if (ok(reg)) add(reg, checkRegistrationNo(reg.text));

    const keyCell = cells[this.spec.key];
    rec.key = keyCell && !keyCell.unusable ? (keyCell.fixed || keyCell.text) : '';

    if (this.rowRules) {
      // One context for the sheet's rows, refilled per row: the template's rules read it during the call only.
      const ctx = this.rowContext;
      ctx.raw = raw;
      ctx.idCard = idCard;
      ctx.ethnicity = ethnicity;
      ctx.term = term;
      this.rowRules(rec, ctx);
    }
    return rec;
  }

  /**
   * The 入学年度学期 rule's outcome, once per distinct text of the sheet (a roster has a few dozen terms in 100,000
   * rows). Sound to share: the outcome depends on the text alone, and record() copies its drafts onto each cell.
   */
  private termOutcome(text: string, dateSerial: number | null): Outcome<Term> {
    if (dateSerial !== null) return checkEnrollmentTerm(text, dateSerial);
    let o = this.terms.get(text);
    if (!o) {
      o = checkEnrollmentTerm(text, null);
      if (this.terms.size < MEMO_LIMIT) this.terms.set(text, o);
    }
    return o;
  }

  /**
   * Conflicts within each student's corrected record, on the cell the request changes (record-facts.ts). A student's
   * conflicts depend only on that student's rows: a re-check reuses every other student's (`reuse`) and keeps them
   * all by student for the next one.
   */
  private checkFacts(reuse: { issues: FactIssues; fresh: ReadonlySet<string> } | null): Map<string, readonly Issue[]> {
    const byStudent = new Map<string, readonly Issue[]>();
    const found: Issue[] = [];
    if (reuse) {
      for (const [student, issues] of reuse.issues) {
        if (reuse.fresh.has(student)) continue;
        for (const issue of issues) found.push(issue);
        byStudent.set(student, issues);
      }
    }
    for (const c of this.facts.conflicts()) {
      const cell = at(c.cell.row, c.cell.col);
      const issue = makeIssue(cell, this.header.labels[cell.col] ?? null, 'newValue', err('correction.new-value', c.message), null);
      found.push(issue);
      const had = byStudent.get(c.student);
      byStudent.set(c.student, had ? [...had, issue] : [issue]);
    }
    // In sheet order, however they were found: beyond `limits.issues` a re-check then lists what a full check does.
    found.sort((a, b) => issueOrder(a, b) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    for (const issue of found) this.add(issue);
    return byStudent;
  }

  /**
   * Rules across rows by key, as rows pass: duplicates and 双改 (each flags the later occurrence). Depends only on
   * the earlier records with the same key, which is what lets a re-check redo only the keys that changed.
   */
  private checkKeyRules(rec: RowOutcome, st: CrossState): Issue[] | undefined {
    if (!rec.key || this.keyCol === undefined) return undefined;
    let out: Issue[] | undefined;
    // Keyed by the key itself (a flat string from the sheet): no composite strings to build and hash.
    const second = rec.second;
    const before = st.seen.get(rec.key);
    if (before !== undefined && claimsAny(before, second)) {
      const what = this.spec.rows.duplicate;
      out = [this.crossIssue(rec.row, this.keyCol, this.spec.key, err('row.duplicate', `${what}重复出现（${rec.key}），请删除重复的行`))];
    }
    let mine: readonly string[] = second;
    if (rec.changes.length) {
      const items: string[] = [];
      rec.changes.forEach((ch, i) => {
        // 双改: 姓名 and 身份证号 of one student, in this row or an earlier one.
        const other = ch.item === '姓名' ? '身份证号' : ch.item === '身份证号' ? '姓名' : null;
        if (other && ((before !== undefined && claims(before, other)) || items.includes(other))) {
          (out ??= []).push(this.crossIssue(rec.row, ch.col, ch.field, doubleChange()));
        }
        items.push(second[i]!);
      });
      mine = items;
    }
    if (before === undefined) st.seen.set(rec.key, mine.length === 1 ? mine[0]! : [...mine]);
    // Only `claims` reads what a key has claimed: a row that claims nothing new (a roster's duplicate) changes nothing.
    else if (!claimsAll(before, mine)) st.seen.set(rec.key, [...(typeof before === 'string' ? [before] : before), ...mine]);
    return out;
  }

  /** More than one 分部名称 in one roster: reported once, on the first row that differs from the first. */
  private checkBranch(rec: RowOutcome, st: CrossState): void {
    const b = rec.branch;
    if (b === null || !this.spec.table.oneBranch || st.mixedBranchReported) return;
    if (st.firstBranch === null) st.firstBranch = b;
    else if (b !== st.firstBranch) {
      st.mixedBranchReported = true;
      const col = this.header.fields.get('branchName')!;
      this.add(
        this.crossIssue(rec.row, col, 'branchName', warn('withdrawal.mixed-branch', `同一份名单中出现了多个分部名称（“${st.firstBranch}”与“${b}”），每个分部应分别报送`)),
      );
    }
  }

  private crossIssue(row: number, col: number, field: string, draft: IssueDraft): Issue {
    return makeIssue(at(row, col), this.header.labels[col] ?? null, field, draft, null);
  }

  /** 序号 runs 1..n in sheet order (陕西 notice); each wrong cell gets its own patch. */
  private checkSequence(row: number, p: NonNullable<RowOutcome['seq']>, n: number): void {
    // `number`: the text read as a plain decimal, so that 100,000 rows compare without making 100,000 strings.
    if (p.unusable || p.number === n) return;
    this.renumber = true;
    const what = p.empty ? '为空' : `为“${p.text}”`;
    const cell = at(row, this.header.fields.get('seq')!);
    this.add(
      makeIssue(cell, this.label('seq'), 'seq', err('table.sequence', `序号应从1起连续编号，此处应为${n}，当前${what}`, true), [
        { cell: cell.addr, value: n, numberFormat: 'General' },
      ]),
    );
  }

  private checkSheetName(): string | null {
    const wanted = this.spec.table.sheetName?.(this.profile) ?? null;
    if (!wanted || this.sheet.name === wanted) return null;
    const issue = makeIssue(null, null, null, warn('sheet.name', `工作表名称应为“${wanted}”，当前为“${this.sheet.name}”`, true), null);
    issue.fix = { patches: [], renameSheet: wanted };
    this.add(issue);
    return wanted;
  }

  /** The field of a wide layout's column: its side. */
  private wideField(col: number): string | null {
    const w = this.header.wide.find((x) => x.col === col);
    return w ? (w.side === 'old' ? 'oldValue' : 'newValue') : null;
  }

  /** Turn a row's own drafts into issues; every fixable issue of a cell carries the cell's final value. */
  private emitRow(rec: RecordRow): { issues: readonly Issue[]; fixes: readonly Patch[] } {
    // Most rows have no draft at all: nothing to collect, no arrays made.
    if (!hasAnyDraft(rec)) return NO_ISSUES;
    const out: RowIssues = { issues: [], fixes: [] };
    // The columns' cells first, in column order, by index (no pair unpacked per column: in a hot loop that makes an
    // iterator each time), then the changes' and the wide layout's cells that are no column's, each once.
    const columnFields = this.fieldOf;
    for (let k = 0; k < columnFields.length; k++) {
      const p = rec.cells[columnFields[k]!]!;
      if (p.hasDrafts) this.emitCell(p, columnFields[k]!, out);
    }
    if (rec.changes.length || rec.wideCells) {
      const done: Prepared[] = [];
      const other = (p: Prepared) => {
        if (!p.hasDrafts || done.includes(p) || isColumnCell(rec, p)) return;
        done.push(p);
        this.emitCell(p, changeFieldOf(rec, p) ?? this.wideField(p.col), out);
      };
      for (const ch of rec.changes) {
        other(ch.oldCell);
        other(ch.newCell);
      }
      if (rec.wideCells) for (const p of rec.wideCells) other(p);
    }
    return out;
  }

  /** One cell's drafts as issues (and its patch, when a fixable rule fired on it). */
  private emitCell(p: Prepared, field: string | null, out: RowIssues): void {
    const column = this.header.labels[p.col] ?? null;
    const drafts = p.drafts;
    let patch: Patch | null = null;
    if (p.needsFix && drafts.some((d) => d.fixable)) {
      patch = { cell: p.addr, value: p.fixed, numberFormat: '@' };
      out.fixes.push(patch);
    }
    for (let j = 0; j < drafts.length; j++) out.issues.push(makeIssue(p, column, field, drafts[j]!, drafts[j]!.fixable && patch ? [patch] : null));
  }
}

/** A row's own issues and cell fixes, as emitRow collects them. */
interface RowIssues {
  issues: Issue[];
  fixes: Patch[];
}

/** Shared empties: most records have no issue, no change and no second key part. */
const NO_ISSUES: { issues: readonly Issue[]; fixes: readonly Patch[] } = { issues: [], fixes: [] };
const NO_SECOND: readonly string[] = [''];
const NO_CHANGES: RowOutcome['changes'] = [];
/** Distinct values a per-sheet memo keeps at most (a sheet of garbage must not grow it without bound). */
const MEMO_LIMIT = 4096;
/** A 序号 as the text of a whole number, exactly (what `String(n)` gives). */
const DECIMAL = /^(0|[1-9]\d{0,14})$/;

/** Whether any cell of a record (its columns', its changes', its wide layout's) has a draft. */
function hasAnyDraft(rec: RecordRow): boolean {
  for (const f in rec.cells) if (rec.cells[f as Field]?.hasDrafts) return true;
  for (const ch of rec.changes) if (ch.oldCell.hasDrafts || ch.newCell.hasDrafts) return true;
  if (rec.wideCells) for (const p of rec.wideCells) if (p.hasDrafts) return true;
  return false;
}

/** Whether what a key has claimed so far (one subject or item, or several) includes `k`. */
function claims(seen: string | string[], k: string): boolean {
  return typeof seen === 'string' ? seen === k : seen.includes(k);
}

/** Whether it includes one of `ks` (a loop: no callback made per row). */
function claimsAny(seen: string | string[], ks: readonly string[]): boolean {
  for (let i = 0; i < ks.length; i++) if (claims(seen, ks[i]!)) return true;
  return false;
}

/** Whether it includes every one of `ks`. */
function claimsAll(seen: string | string[], ks: readonly string[]): boolean {
  for (let i = 0; i < ks.length; i++) if (!claims(seen, ks[i]!)) return false;
  return true;
}

/** Whether a cell is one of the record's columns' cells. */
function isColumnCell(rec: RecordRow, p: Prepared): boolean {
  for (const f in rec.cells) if (rec.cells[f as Field] === p) return true;
  return false;
}

/** The field of a change's cell (newValue / oldValue); null for any other cell. */
function changeFieldOf(rec: RecordRow, p: Prepared): string | null {
  for (const ch of rec.changes) {
    if (ch.newCell === p) return 'newValue';
    if (ch.oldCell === p) return 'oldValue';
  }
  return null;
}
