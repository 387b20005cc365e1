/**
 * Running every rule over a sheet (DOMAIN.md §4–§6): header → records → per-cell hygiene and field rules →
 * cross-column and table rules → report. Pure: the caller passes the report date.
 */
import type { Cell, Fix, Issue, OmittedIssues, Patch, SheetInput, SheetReport, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { FIELD_LABEL, itemFromText, type CorrectionItem, type Field } from '../templates/fields';
import { cellText } from './cell-text';
import { FIELD_SPECS, TEMPLATE_SPECS, isCorrection } from '../templates/specs';
import { detectHeader, titledTemplate, type HeaderInfo } from './header';
import { isBlankRow, locateRecords, rowLead, type Layout } from './records';
import { prepareCell, type Prepared } from './prepare';
import { err, makeIssue, warn, type IssueDraft } from './issue';
import { address, parseRange } from './a1';
import type { Ymd } from '../cells/dates';
import { ageOn, compareYmd, excelSerialToYmd, formatYmd, parseLooseDate } from '../cells/dates';
import { fixIdCardCase, parseIdCard } from '../cells/id-card';
import { normaliseGender } from '../cells/gender';
import { FactBook, StudentFacts, type RowFacts } from './record-facts';
import { normaliseEthnicity } from '../cells/ethnicity';
import { termStartYmd, type Term } from '../cells/enrollment-term';
import { checkStudentId, type StudentId } from '../rules/student-id';
import { checkIdCard, type IdCard } from '../rules/id-card';
import { checkGender, genderMismatch } from '../rules/gender';
import { checkEthnicity } from '../rules/ethnicity';
import { checkName } from '../rules/name';
import { centreBranchMismatch, checkCentreCode } from '../rules/centre-code';
import { checkEnrollmentTerm, termMismatch, termOfStudentId } from '../rules/enrollment-term';
import { checkRegistrationNo } from '../rules/registration-no';
import { checkReason, checkSubjectCode, reasonSubjectMismatch } from '../rules/exemption';
import {
  checkChangeType,
  checkItem,
  checkNewValue,
  doubleChange,
  graduateChange,
  newStudentLate,
  newStudentWindowEnd,
  type ChangeType,
  type NewValueResult,
} from '../rules/correction';
import type { Outcome } from '../rules/outcome';
import { mayRefuse, planTable, type TablePlan, type TableSteps } from './plan';
import { MAX_ROW } from './formula-refs';
import { precheckRow, batchRules, type PrecheckTarget } from '../templates/graduation-precheck/rules';
import { nextBatchOn, type Batch } from '../templates/graduation-precheck/batch';

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
  /** The graduation pre-check (DOMAIN.md §3 T5): its batch (default: the next after the report date) and photo folder. */
  precheck?: PrecheckOptions;
}

export interface PrecheckOptions {
  batch?: Batch;
  /** The 学号 and 身份证号 the photo folder has photos of (`precheck --photos`); absent: no folder given. */
  photoKeys?: ReadonlySet<string>;
  /** The folder's name, for messages. */
  photoFolder?: string;
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

/** One change of a correction row (the long layout has one per row, the wide layout one per 原/新 pair). */
export interface Change {
  item: CorrectionItem | null;
  itemCell: Prepared | null;
  oldCell: Prepared;
  newCell: Prepared;
}

/** What is kept of each record once it is checked: where it is and its key (the fixer sorts by it). */
export interface RecordKey {
  row: number;
  /** Normalised key (学号 or 注册证号) for duplicates and sorting; '' when unreadable. */
  key: string;
}

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
  /** The 序号 cell as the check read it; null without a 序号 column. */
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

/** One record while it is being checked; only its RecordKey outlives the pass (100,000 rows stay cheap). */
interface RecordRow extends RecordKey {
  cells: Partial<Record<Field, Prepared>>;
  changes: Change[];
  /** The wide layout's 原/新 cells, changed or not (an unchanged 原 ID may still have lost its digits). */
  wideCells?: Prepared[];
  studentId?: StudentId;
  /** What the row's request leaves the record with (correction sheets, when it changes a fact). */
  facts?: RowFacts;
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
    const columns = titled ? `（应有${TEMPLATE_SPECS[titled].required.map((f) => FIELD_LABEL[f]).join('、')}等列）` : '';
    const message = options.template
      ? `工作表“${sheet.name}”的前20行中找不到${TEMPLATE_SPECS[options.template].title}的表头${columns}`
      : titled
        ? `工作表“${sheet.name}”的标题是${TEMPLATE_SPECS[titled].title}，但前20行中找不到它的表头${columns}`
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
  private readonly spec;
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
  private readonly keyCol: number | undefined;
  private readonly itemCol: number | undefined;
  private omitted: OmittedIssues | null = null;
  private readonly unlisted: Issue[] = [];
  private readonly keepFixes: boolean;
  /** The pre-check's batch (graduation-precheck sheets only). */
  private readonly batch: Batch | null;

  constructor(
    private readonly sheet: SheetInput,
    private readonly profile: Profile,
    private readonly options: CheckOptions,
    private readonly header: HeaderInfo,
    private readonly budget: IssueBudget,
  ) {
    this.keepFixes = options.keepFixes !== false;
    this.template = header.template;
    this.spec = TEMPLATE_SPECS[this.template];
    this.merged = sheet.merges.map(parseRange);
    this.requiredFields = new Set(this.required());
    this.columns = [...header.fields];
    this.keyCol = header.fields.get(this.spec.key);
    this.itemCol = isCorrection(this.template) ? header.fields.get('item') : undefined;
    this.batch =
      this.template === 'graduation-precheck' ? (options.precheck?.batch ?? nextBatchOn(options.reportDate, batchRules(profile.precheck))) : null;
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
    // Reusing the key rules' issues needs every re-checked row's new student first.
    let known: RowOutcome[] | null = null;
    let fresh: Set<string> | null = null;
    if (hooks.cross && hooks.layout) {
      fresh = new Set(hooks.cross.staleStudents);
      known = new Array<RowOutcome>(n);
      for (let i = 0; i < n; i++) {
        let o = hooks.reuse?.(records[i]!, i);
        if (!o) {
          o = this.rowOutcome(records[i]!);
          fresh.add(studentOf(o));
        }
        known[i] = o;
      }
    }
    const reused = hooks.cross?.issues;
    // Per record: 序号, the row's own issues, then the cross-row ones (the order a cell's issues are listed in).
    for (let i = 0; i < n; i++) {
      const out = known ? known[i]! : (hooks.reuse?.(records[i]!, i) ?? this.rowOutcome(records[i]!));
      if (out.seq && this.spec.submission) this.checkSequence(out.row, out.seq, i + 1);
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
    const steps = this.checkTable();
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

  /** Check one record's own cells: its issues, fixes and the facts the cross-row rules need. */
  private rowOutcome(r: number): RowOutcome {
    const rec = this.checkRow(r);
    const { issues, fixes } = this.emitRow(rec);
    const c = rec.cells;
    const second: readonly string[] =
      this.template === 'exemption'
        ? [c.subjectCode?.fixed ?? '']
        : isCorrection(this.template)
          ? rec.changes.map((ch) => ch.item ?? ch.itemCell?.text ?? '')
          : NO_SECOND;
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
      seq: s ? { text: s.text, empty: s.empty, unusable: s.unusable, number: DECIMAL.test(s.text) ? Number(s.text) : null } : null,
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

  private required(): Field[] {
    let req = this.spec.required;
    if (isCorrection(this.template) && this.header.wide.length > 0) {
      req = req.filter((f) => f !== 'item' && f !== 'oldValue' && f !== 'newValue');
    }
    return req;
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

  private prepare(f: Field, row: number, col: number, cell: Cell | undefined): Prepared {
    const spec = FIELD_SPECS[f];
    return prepareCell(cell, row, col, { mode: spec.mode, isCode: spec.isCode, label: FIELD_LABEL[f] });
  }

  private checkRow(r: number): RecordRow {
    const raw = this.sheet.rows[r - 1] ?? [];
    const cells: Partial<Record<Field, Prepared>> = {};
    // A 身份证号 change: its 原信息 / 修改后信息 are IDs, prepared as the ID column is (lost digits, numbers, spaces).
    const idValues = this.itemCol !== undefined && itemFromText(cellText(raw[this.itemCol])) === '身份证号';
    for (const [f, col] of this.columns) {
      const p =
        idValues && (f === 'oldValue' || f === 'newValue')
          ? prepareCell(raw[col], r, col, { mode: 'code', isCode: true, label: f === 'oldValue' ? '原身份证号' : '修改后的身份证号' })
          : this.prepare(f, r, col, raw[col]);
      cells[f] = p;
      if (p.empty && this.requiredFields.has(f) && !(f === 'subjectCode' && this.template === 'exemption')) {
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
      term = add(tc, checkEnrollmentTerm(tc.text, tc.dateSerial));
      if (term && rec.studentId) {
        const m = termMismatch(term, rec.studentId);
        if (m) tc.drafts.push(m);
      }
    }
    const reg = cells.registrationNo;
    if (ok(reg)) add(reg, checkRegistrationNo(reg.text));

    const keyCell = cells[this.spec.key];
    rec.key = keyCell && !keyCell.unusable ? (keyCell.fixed || keyCell.text) : '';

    if (this.template === 'exemption') this.checkExemptionRow(rec, idCard, ethnicity, term);
    if (isCorrection(this.template)) this.checkCorrectionRow(rec, raw, idCard, term);
    if (this.batch) this.checkPrecheckRow(rec, term);
    return rec;
  }

  /** The graduation pre-check of one student (DOMAIN.md §3 T5): its rules are graduation-precheck/rules.ts. */
  private checkPrecheckRow(rec: RecordRow, term: Term | undefined): void {
    const c = rec.cells;
    const text = (p: Prepared | undefined) => (ok(p) ? p.fixed || p.text : null);
    const keys = this.options.precheck?.photoKeys;
    const sid = text(c.studentId);
    const idc = text(c.idCard);
    const drafts = precheckRow(
      {
        term,
        termOfId: rec.studentId ? termOfStudentId(rec.studentId) : undefined,
        status: text(c.status),
        photoStatus: text(c.graduationPhoto),
        chsiPhoto: text(c.chsiPhoto),
        identityDoubt: text(c.identityDoubt),
        identityCheck: text(c.identityCheck),
        ...(keys ? { photoInFolder: (sid !== null && keys.has(sid)) || (idc !== null && keys.has(idc.toUpperCase())), photoFolder: this.options.precheck?.photoFolder ?? '' } : {}),
      },
      { batch: this.batch!, profile: this.profile.precheck },
    );
    for (const d of drafts) {
      const cell = c[d.at as PrecheckTarget] ?? c.studentId ?? c.name;
      cell?.drafts.push(d.draft);
    }
  }

  private checkExemptionRow(rec: RecordRow, idCard: IdCard | undefined, ethnicity: string | undefined, term: Term | undefined): void {
    const c = rec.cells;
    let subject: string | undefined;
    const sc = c.subjectCode;
    if (sc && !sc.unusable) {
      const name = c.subjectName && !c.subjectName.empty ? c.subjectName.text : '';
      subject = add(sc, checkSubjectCode(sc.text, name, this.profile));
    }
    const rc = c.reason;
    if (!rc || rc.empty || rc.unusable) return;
    const reason = add(rc, checkReason(rc.text, this.profile));
    if (!reason) return;
    if (subject) {
      const m = reasonSubjectMismatch(reason, subject, this.profile);
      if (m) rc.drafts.push(m);
    }
    if (reason.check === 'age-40' && idCard && idCard.birthValid) {
      const start = term ? termStartYmd(term) : rec.studentId ? termStartYmd(termOfStudentId(rec.studentId)) : null;
      if (start) {
        const age = ageOn(idCard.birth, start);
        if (age < 40) {
          rc.drafts.push(
            err('exemption.age-under-40', `免考原因为“入学注册时年满40周岁”，但按身份证号，该生入学注册时（${start.y}年${start.m}月1日）为${age}周岁`),
          );
        }
      }
    }
    if (reason.check === 'minority' && ethnicity === '汉族') {
      rc.drafts.push(err('exemption.han-ethnicity', '免考原因为“少数民族聚居地区的少数民族学生”，但该生民族为汉族'));
    }
  }

  private checkCorrectionRow(rec: RecordRow, raw: readonly (Cell | undefined)[], idCard: IdCard | undefined, term: Term | undefined): void {
    const c = rec.cells;
    const today = this.options.reportDate;
    const facts = this.rowFacts;
    facts.reset();
    const long = c.item !== undefined || c.oldValue !== undefined || c.newValue !== undefined;
    if (long) {
      const ic = c.item;
      let item: CorrectionItem | null = null;
      if (ic && !ic.empty && !ic.unusable) item = add(ic, checkItem(ic.text, this.template)) ?? null;
      if (c.oldValue && c.newValue) rec.changes.push({ item, itemCell: ic ?? null, oldCell: c.oldValue, newCell: c.newValue });
    }
    const pairs = new Map<CorrectionItem, { old?: Prepared; new?: Prepared }>();
    for (const w of this.header.wide) {
      const label = `${w.side === 'old' ? '原' : '新'}${w.item}`;
      const spec = w.item === '身份证号' ? ({ mode: 'code', isCode: true } as const) : ({ mode: 'text', isCode: false } as const);
      const p = prepareCell(raw[w.col], rec.row, w.col, { ...spec, label });
      (rec.wideCells ??= []).push(p);
      const pair = pairs.get(w.item) ?? {};
      pair[w.side] = p;
      pairs.set(w.item, pair);
    }
    // Wide layouts (DOMAIN.md §2 T3): an item whose 新 is blank, or the same as its 原, is not changed — the 原 side
    // may carry the whole record for reference. The unchanged values still count for the record's consistency.
    let unchangedNew: Prepared | null = null;
    let blankNew: Prepared | null = null;
    let firstNew: Prepared | null = null;
    for (const [item, pair] of pairs) {
      if (!pair.old || !pair.new) continue;
      firstNew ??= pair.new;
      if (pair.old.empty && pair.new.empty) continue;
      if (pair.new.empty || sameValue(item, pair.old, pair.new)) {
        if (pair.new.empty) blankNew ??= pair.new;
        else unchangedNew ??= pair.new;
        noteUnchanged(facts, item, pair.new.empty ? pair.old : pair.new, today);
        continue;
      }
      const templateItem = checkItem(item, this.template);
      const change: Change = { item: templateItem.parsed ?? null, itemCell: null, oldCell: pair.old, newCell: pair.new };
      if (!templateItem.parsed) pair.new.drafts.push(...templateItem.drafts);
      rec.changes.push(change);
    }
    if (!long && pairs.size > 0 && rec.changes.length === 0) {
      // A row that changes nothing: say so on the cell to fill in.
      if (unchangedNew) unchangedNew.drafts.push(err('correction.unchanged', '本行的原信息与修改后信息完全相同，没有需要修改的内容'));
      else if (blankNew ?? firstNew) (blankNew ?? firstNew)!.drafts.push(err('cell.required', '本行没有填写修改后的信息'));
    }
    for (const ch of rec.changes) {
      if (!ch.item) continue;
      const nv = ch.newCell;
      if (nv.empty) {
        if (!c.newValue || nv !== c.newValue) nv.drafts.push(err('cell.required', `修改后的${ch.item}不能为空`));
        continue;
      }
      if (nv.unusable) continue;
      // Values of IDs and names are codes: no spaces inside (cleaned the same way as their columns).
      const res = checkNewValue(ch.item, compactFor(ch.item, nv), nv.dateSerial, today);
      compactCell(ch.item, nv);
      add(nv, res);
      if (res.drafts.every((d) => d.fixable || d.severity === 'warning')) noteChanged(facts, ch.item, nv, res);
      const ov = ch.oldCell;
      const oldText = compactFor(ch.item, ov);
      const newText = res.canonical ?? compactFor(ch.item, nv);
      if (!ov.empty && !ov.unusable && oldText === newText) {
        nv.drafts.push(err('correction.unchanged', `原信息与修改后信息相同（“${newText}”），无需修改`));
      }
    }
    // The row's own 性别 / 身份证号 columns are the record as it stands.
    if (facts.changed) {
      const gc = c.gender;
      if (gc && ok(gc)) {
        const g = normaliseGender(gc.text);
        if (g.status !== 'invalid') facts.setGender(g.value, null);
      }
      if (idCard) facts.setId(idCard, null);
      rec.facts = facts.snapshot();
    }

    const ct = c.changeType;
    let changeType: ChangeType | undefined;
    if (ct && !ct.empty) changeType = add(ct, checkChangeType(ct.text));
    if (this.template === 'correction-graduate' && changeType === '信息变更') ct!.drafts.push(graduateChange());
    if (this.template === 'correction-new') {
      // The first semester runs from the entry term the row states (any readable form), else the 学号's.
      const entry = term ?? (rec.studentId ? termOfStudentId(rec.studentId) : undefined);
      if (entry && c.studentId) {
        const end = newStudentWindowEnd(entry, this.profile.correction.newStudentWindowMonths);
        if (compareYmd(today, end) > 0) c.studentId.drafts.push(newStudentLate(end, today));
      }
    }
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
    if (before !== undefined && second.some((k) => claims(before, k))) {
      const what = this.template === 'exemption' ? '同一学号同一科目' : isCorrection(this.template) ? '同一学生同一修改项目' : '同一学号';
      (out ??= []).push(this.crossIssue(rec.row, this.keyCol, this.spec.key, err('row.duplicate', `${what}重复出现（${rec.key}），请删除重复的行`)));
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
    else st.seen.set(rec.key, [...(typeof before === 'string' ? [before] : before), ...mine]);
    return out;
  }

  /** More than one 分部名称 in one roster: reported once, on the first row that differs from the first. */
  private checkBranch(rec: RowOutcome, st: CrossState): void {
    const b = rec.branch;
    if (b === null || this.template !== 'withdrawal' || st.mixedBranchReported) return;
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

  /** Table rules: blank rows, order, 序号, end marker, merged cells. Returns which table fixes apply. */
  private checkTable(): TableSteps {
    const L = this.layout;
    const steps: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false };
    const tableIssues: { rule: keyof TableSteps; issue: Issue }[] = [];
    // One issue per run of blank rows (a stray value at the sheet's last row leaves a million of them behind it).
    for (let i = 0; i < L.blankRows.length; ) {
      const first = L.blankRows[i]!;
      let j = i;
      while (j + 1 < L.blankRows.length && L.blankRows[j + 1] === L.blankRows[j]! + 1) j++;
      const last = L.blankRows[j]!;
      const what = first === last ? `第${first}行是记录中间的空行` : `第${first}–${last}行是记录中间的空行（共 ${last - first + 1} 行）`;
      steps.removeBlank = true;
      tableIssues.push({ rule: 'removeBlank', issue: makeIssue(at(first, L.firstCol), null, null, err('row.blank', `${what}，应删除`, true), null) });
      i = j + 1;
    }
    if (this.spec.sorted(this.profile)) {
      const keyField = this.spec.key;
      for (let i = 1; i < this.rows.length; i++) {
        const a = this.rows[i - 1]!;
        const b = this.rows[i]!;
        if (a.key && b.key && b.key < a.key) {
          steps.sort = true;
          const col = this.header.fields.get(keyField)!;
          const by = keyField === 'studentId' ? '学号' : '注册证号（51161开头）';
          tableIssues.push({
            rule: 'sort',
            issue: makeIssue(at(b.row, col), this.label(keyField), keyField, err('table.unsorted', `记录应按${by}升序排列：第${b.row}行排在了第${a.row}行（${a.key}）之后`, true), null),
          });
          break;
        }
      }
    }
    steps.renumber = this.renumber;
    this.checkMarker(steps, tableIssues);
    this.checkMerged();
    // Each table rule's fix is the list of every cell that table fix rewrites (DOMAIN.md §6), planned once
    // per rule and shared by that rule's issues (one plan per blank row would be quadratic).
    const plans = new Map<keyof TableSteps, Fix | string>();
    const refusable = tableIssues.length > 0 && mayRefuse(this.sheet, this.header, L);
    for (const t of tableIssues) {
      let fix = plans.get(t.rule);
      if (fix === undefined) {
        fix = this.tableFix(t.rule, steps, refusable);
        plans.set(t.rule, fix);
      }
      if (typeof fix === 'string') {
        steps[t.rule] = false;
        t.issue.message += `（无法自动修复：${fix}）`;
      } else {
        t.issue.fix = fix;
      }
      this.add(t.issue);
    }
    return steps;
  }

  /**
   * The fix of one table rule, or why it cannot be made (issue 14 item 4: "[可修复]" must mean fixable — a fix that
   * would cut a merge or change a formula is not offered). When nothing on the sheet could make it refuse (no formula,
   * merge or anchored object below the header, far from Excel's last row), the plan is made when first read: the pane
   * plans its own fixes and never reads it, and a live re-check of a 100,000-row sheet must not rebuild it on every
   * edit (issue 10); the JSON report reads it like any other.
   */
  private tableFix(rule: keyof TableSteps, steps: TableSteps, refusable: boolean): Fix | string {
    const L = this.layout;
    const opts = { maxPatches: this.profile.limits.issues };
    const only: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false, [rule]: true };
    const plan = (s: TableSteps) => planTable(this.sheet, this.profile, this.header, L, this.rows, new Map(), s, opts);
    if (!refusable) return lazyFix(() => plan(only));
    let made = plan(only);
    // Alone it may not fit (a signature row below a record in Excel's last row) where, with the sheet's other
    // table fixes, it does: `fix` applies them together, so it is fixable.
    const all = { ...steps, [rule]: true };
    if (made.refused !== null && Object.entries(all).some(([k, on]) => on && k !== rule)) {
      const together = plan(all);
      if (together.refused === null) made = together;
    }
    return made.refused ?? fixOf(made);
  }

  private checkMarker(steps: TableSteps, out: { rule: keyof TableSteps; issue: Issue }[]): void {
    const L = this.layout;
    if (L.records.length === 0 || L.markerKind === 'none') return;
    const last = L.records[L.records.length - 1]!;
    // Records after the end close up with the others when fixed: the marker belongs below them all.
    const expected = L.recordsAfterEnd.length ? this.header.headerRow + 1 + L.records.length : last + 1;
    // A sheet filled to Excel's last row has no row for the marker: the issue is on the last record, not fixable.
    const where = at(Math.min(expected, MAX_ROW), L.firstCol);
    const terminator = L.markerKind === 'terminator';
    const t = this.profile.exemption.terminator;
    const name = terminator ? `“${t}”` : `签字行（${this.template === 'withdrawal' ? '经办人' : '主管领导、经手人签字和公章'}）`;
    let msg: string | null = null;
    if (L.recordsAfterEnd.length) {
      // issue 14: a student below the footer is never dropped — say where they are and what stands above them.
      const first = L.recordsAfterEnd[0]!;
      // (A loop, not Math.min(...rows): the footer rows may be a million.)
      let endRow = L.marker !== null && L.marker < first ? L.marker : Infinity;
      for (const r of L.footerRows) if (r < first && r < endRow) endRow = r;
      const end = endRow === L.marker ? `${name}（第${endRow}行）` : `第${endRow}行“${this.lead(endRow)}”`;
      msg = `${rowList(L.recordsAfterEnd)}在${end}之后，看起来是学生记录：${name}之后不能再有记录。修复时这些行移入表格，${name}放在最后一条记录的下一行（第${expected}行）`;
    } else if (L.marker === null && expected > MAX_ROW) {
      msg = `表格已用到 Excel 的最后一行，最后一条记录之后放不下${name}，请把表格拆分后再报送`;
    } else if (L.marker === null) {
      const standing = this.standing(expected, expected + 1, name, false);
      msg = terminator
        ? `表格最后一条记录的下一行（第${expected}行第一列）应填写“${t}”${standing}`
        : `最后一条记录的下一行（第${expected}行）应为${name}${standing}`;
    } else if (L.marker !== expected) {
      msg = `${name}应紧接在最后一条记录的下一行（第${expected}行）${this.standing(expected, L.marker, name, true)}`;
    }
    if (!msg) return;
    steps.marker = true;
    const draft = terminator ? err('table.terminator', msg, true) : warn('table.signature-row', msg, true);
    out.push({ rule: 'marker', issue: makeIssue(where, null, null, draft, null) });
  }

  /** The first text of a sheet row, shortened for a message. */
  private lead(row: number): string {
    const t = rowLead(this.sheet.rows[row - 1]).replace(/\s+/g, ' ');
    return t.length > 20 ? `${t.slice(0, 20)}…` : t;
  }

  /** What stands in rows [from, to) where the end marker belongs (issue 9: a 说明 line is not a blank row). */
  private standing(from: number, to: number, name: string, gap: boolean): string {
    const texts: number[] = [];
    let blanks = 0;
    for (let r = from; r < to; r++) {
      if (isBlankRow(this.sheet.rows[r - 1])) blanks++;
      else texts.push(r);
    }
    if (!texts.length) return gap ? '，中间不能有空行' : '';
    const more = texts.length > 1 ? `等${texts.length}行` : '';
    return `；现在第${texts[0]}行是“${this.lead(texts[0]!)}”${more}${blanks ? '（另有空行）' : ''}，应放在${name}之后`;
  }

  private checkMerged(): void {
    const L = this.layout;
    if (!L.records.length) return;
    const top = L.records[0]!;
    const bottom = L.records[L.records.length - 1]!;
    for (const m of this.merged) {
      if (m.bottom < top || m.top > bottom) continue;
      this.add(
        makeIssue(at(m.top, m.left), null, null, err('cell.merged', `记录区域中有合并单元格（${address(m.top, m.left)}:${address(m.bottom, m.right)}），请取消合并后逐行填写`), null),
      );
    }
  }

  private checkSheetName(): string | null {
    const wanted = this.template === 'withdrawal' ? this.profile.withdrawal.sheetName : null;
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
    const cells: Prepared[] = [];
    for (const [f] of this.columns) if (rec.cells[f]!.hasDrafts) cells.push(rec.cells[f]!);
    for (const ch of rec.changes) {
      if (ch.oldCell.hasDrafts && !cells.includes(ch.oldCell)) cells.push(ch.oldCell);
      if (ch.newCell.hasDrafts && !cells.includes(ch.newCell)) cells.push(ch.newCell);
    }
    if (rec.wideCells) for (const p of rec.wideCells) if (p.hasDrafts && !cells.includes(p)) cells.push(p);
    if (cells.length === 0) return NO_ISSUES;
    const issues: Issue[] = [];
    const fixes: Patch[] = [];
    for (const p of cells) {
      const field = fieldOf(rec, p) ?? this.wideField(p.col);
      const column = this.header.labels[p.col] ?? null;
      let patch: Patch | null = null;
      if (p.needsFix && p.drafts.some((d) => d.fixable)) {
        patch = { cell: p.addr, value: p.fixed, numberFormat: '@' };
        fixes.push(patch);
      }
      for (const d of p.drafts) issues.push(makeIssue(p, column, field, d, d.fixable && patch ? [patch] : null));
    }
    return { issues, fixes };
  }
}

/** Shared empties: most records have no issue, no change and no second key part. */
const NO_ISSUES: { issues: readonly Issue[]; fixes: readonly Patch[] } = { issues: [], fixes: [] };
const NO_SECOND: readonly string[] = [''];
const NO_CHANGES: RowOutcome['changes'] = [];
/** A 序号 as the text of a whole number, exactly (what `String(n)` gives). */
const DECIMAL = /^(0|[1-9]\d{0,14})$/;

/** A table rule's fix from its plan: its patches, or only their number when there are more than a report lists. */
function fixOf(plan: TablePlan): Fix {
  return plan.count > plan.patches.length ? { patches: [], omittedPatches: plan.count } : { patches: plan.patches };
}

/**
 * A fix planned on first read, then kept (enumerable: JSON and comparisons see `patches`, and `omittedPatches` when
 * the plan is too large to list — undefined, so left out of JSON, otherwise). Only for plans that cannot refuse.
 */
function lazyFix(plan: () => TablePlan): Fix {
  let made: Fix | undefined;
  const fix = () => {
    if (made) return made;
    const p = plan();
    // mayRefuse said it could not: a refusal here is a bug of ours, said as one (never an empty fix passed off as one).
    if (p.refused !== null) throw new Error('a table plan refused although mayRefuse allowed it');
    return (made = fixOf(p));
  };
  return Object.defineProperties({} as Fix, {
    patches: { enumerable: true, get: () => fix().patches },
    omittedPatches: { enumerable: true, get: () => fix().omittedPatches },
  });
}

/** Whether what a key has claimed so far (one subject or item, or several) includes `k`. */
function claims(seen: string | string[], k: string): boolean {
  return typeof seen === 'string' ? seen === k : seen.includes(k);
}

/** A new value the request states (valid for its item). */
function noteChanged(facts: StudentFacts, item: CorrectionItem, cell: Prepared, res: NewValueResult): void {
  if (item === '性别') {
    const g = normaliseGender(res.canonical ?? cell.text);
    if (g.status !== 'invalid') facts.setGender(g.value, cell);
  } else if (item === '身份证号' && res.idCard) facts.setId(res.idCard, cell);
  else if (item === '出生日期' && res.birth) facts.setBirth(res.birth, cell);
}

/** The value of an item in the form the record holds it: a date, a canonical 性别 / 民族, an upper-case X. */
function canonicalOf(item: CorrectionItem, cell: Prepared): string {
  const text = compactFor(item, cell);
  switch (item) {
    case '出生日期': {
      const d = cell.dateSerial !== null ? excelSerialToYmd(cell.dateSerial) : parseLooseDate(text);
      return d ? formatYmd(d) : text;
    }
    case '性别': {
      const g = normaliseGender(text);
      return g.status === 'invalid' ? text : g.value;
    }
    case '民族': {
      const e = normaliseEthnicity(text);
      return e.status === 'fixable' ? e.canonical : text;
    }
    case '身份证号':
      return fixIdCardCase(text);
    default:
      return text;
  }
}

/** A wide pair whose 新 says what its 原 says (1990/1/2 and a date cell of that day, 汉 and 汉族): no change. */
function sameValue(item: CorrectionItem, old: Prepared, now: Prepared): boolean {
  if (old.empty || old.unusable || now.unusable) return false;
  return canonicalOf(item, old) === canonicalOf(item, now);
}

/** A value the request leaves as it is (a wide layout's 原 side, or a 新 equal to it). */
function noteUnchanged(facts: StudentFacts, item: CorrectionItem, cell: Prepared, today: Ymd): void {
  if (cell.empty || cell.unusable) return;
  if (item === '性别') {
    const g = normaliseGender(compactFor(item, cell));
    if (g.status !== 'invalid') facts.setGender(g.value, null);
  } else if (item === '身份证号') {
    const p = parseIdCard(fixIdCardCase(compactFor(item, cell)), today);
    if (p.shape !== 'bad') facts.setId(p, null);
  } else if (item === '出生日期') {
    const d = cell.dateSerial !== null ? excelSerialToYmd(cell.dateSerial) : parseLooseDate(compactFor(item, cell));
    if (d) facts.setBirth(d, null);
  }
}

/** A cell with a value to validate: present, filled, and not an error or a number whose digits are lost. */
function ok(p: Prepared | undefined): p is Prepared {
  return p !== undefined && !p.empty && !p.unusable;
}

function fieldOf(rec: RecordRow, p: Prepared): string | null {
  for (const [f, c] of Object.entries(rec.cells)) if (c === p) return f;
  for (const ch of rec.changes) {
    if (ch.newCell === p) return 'newValue';
    if (ch.oldCell === p) return 'oldValue';
  }
  return null;
}

/** Items whose values are codes or names: no spaces at all inside. */
const COMPACT_ITEMS: ReadonlySet<CorrectionItem> = new Set(['姓名', '性别', '身份证号', '民族', '出生日期']);

function compactFor(item: CorrectionItem, p: Prepared): string {
  return COMPACT_ITEMS.has(item) ? p.text.replace(/[\s\u00a0\u3000]/g, '') : p.text;
}

/** A new 姓名/身份证号 … with spaces inside: report and fix like the column it stands for. */
function compactCell(item: CorrectionItem, p: Prepared): void {
  const compact = compactFor(item, p);
  if (compact === p.text) return;
  if (!p.drafts.some((d) => d.rule === 'cell.whitespace')) p.drafts.push(err('cell.whitespace', `修改后的${item}中含有空格`, true));
  p.text = compact;
  p.fixed = compact;
  p.needsFix = true;
}

/** Record an outcome on its cell; returns what it parsed. */
function add<T>(p: Prepared, o: Outcome<T>): T | undefined {
  p.drafts.push(...o.drafts);
  if (o.canonical !== undefined) {
    p.fixed = o.canonical;
    if (o.drafts.some((d) => d.fixable)) p.needsFix = true;
  }
  return o.parsed;
}

/** 第5、7、9行 — at most five rows named, then how many more. */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 5).join('、');
  return rows.length > 5 ? `第${shown}行等 ${rows.length} 行` : `第${shown}行`;
}

function at(row: number, col: number) {
  return { row, col, addr: address(row, col) };
}

function issueOrder(a: Issue, b: Issue): number {
  const ra = a.row ?? 0;
  const rb = b.row ?? 0;
  if (ra !== rb) return ra - rb;
  return (a.cell ?? '').length - (b.cell ?? '').length || (a.cell ?? '').localeCompare(b.cell ?? '');
}

