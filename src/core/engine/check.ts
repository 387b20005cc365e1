/**
 * Running every rule over a sheet (DOMAIN.md §4–§6): header → records → per-cell hygiene and field rules →
 * cross-column and table rules → report. Pure: the caller passes the report date.
 */
import type { Cell, Issue, OmittedIssues, Patch, SheetInput, SheetReport, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { FIELD_LABEL, type CorrectionItem, type Field } from '../templates/fields';
import { FIELD_SPECS, TEMPLATE_SPECS, isCorrection } from '../templates/specs';
import { detectHeader, type HeaderInfo } from './header';
import { locateRecords, type Layout } from './records';
import { prepareCell, type Prepared } from './prepare';
import { err, makeIssue, warn } from './issue';
import { address, parseRange } from './a1';
import type { Ymd } from '../cells/dates';
import { addMonths, ageOn, compareYmd, endOfMonth } from '../cells/dates';
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
  type ChangeType,
} from '../rules/correction';
import type { Outcome } from '../rules/outcome';
import { planTable, type TableSteps } from './plan';
import { MAX_ROW } from './formula-refs';

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

/** One record while it is being checked; only its RecordKey outlives the pass (100,000 rows stay cheap). */
interface RecordRow extends RecordKey {
  cells: Partial<Record<Field, Prepared>>;
  changes: Change[];
  studentId?: StudentId;
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

/** `budget`: what the file's report may still list (default: the profile's `limits.issues` for this sheet alone). */
export function analyseSheet(sheet: SheetInput, profile: Profile, options: CheckOptions, budget?: IssueBudget): SheetAnalysis {
  const header = detectHeader(sheet, options.template);
  if (!header) {
    return emptyAnalysis(sheet, [
      makeIssue(null, null, null, err('sheet.unknown-template', `工作表“${sheet.name}”的前20行中找不到可识别的表头（免考信息表、退学汇总名单或学生基本信息修改情况统计表）`), null),
    ]);
  }
  return new SheetChecker(sheet, profile, options, header, budget ?? { left: options.issueLimit ?? profile.limits.issues }).run();
}

class SheetChecker {
  private readonly issues: Issue[] = [];
  private readonly cellFixes = new Map<string, Patch>();
  private readonly template: TemplateId;
  private readonly spec;
  private layout!: Layout;
  private readonly rows: RecordKey[] = [];
  private renumber = false;
  private readonly merged: ReturnType<typeof parseRange>[];
  private readonly requiredFields: ReadonlySet<Field>;
  private readonly columns: readonly (readonly [Field, number])[];
  private omitted: OmittedIssues | null = null;
  private readonly unlisted: Issue[] = [];
  private readonly keepFixes: boolean;

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
  }

  run(): SheetAnalysis {
    const h = this.header;
    this.checkHeader();
    this.layout = locateRecords(this.sheet, h, this.profile);
    const cross: CrossState = { seen: new Map(), firstBranch: null, mixedBranchReported: false };
    const seqCol = h.fields.get('seq');
    this.layout.records.forEach((r, i) => {
      const rec = this.checkRow(r);
      this.checkCrossRow(rec, cross);
      if (seqCol !== undefined) this.checkSequence(rec.cells.seq!, i + 1);
      this.emitRow(rec);
      this.rows.push({ row: rec.row, key: rec.key });
    });
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
    return {
      report,
      header: h,
      layout: this.layout,
      rows: this.rows,
      cellFixes: this.cellFixes,
      tableSteps: steps,
      renameSheet,
      unlisted: this.unlisted,
    };
  }

  /**
   * An issue into the report while the file's budget lasts (`limits.issues`); beyond it, counted per rule — so a
   * sheet of 1,000,000 faulty rows gives a report of bounded size whose summary still counts them all.
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
    for (const [f, col] of this.columns) {
      const p = this.prepare(f, r, col, raw[col]);
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
    if (isCorrection(this.template)) this.checkCorrectionRow(rec, raw, idCard);
    return rec;
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

  private checkCorrectionRow(rec: RecordRow, raw: readonly (Cell | undefined)[], idCard: IdCard | undefined): void {
    const c = rec.cells;
    const today = this.options.reportDate;
    if (c.item || c.oldValue || c.newValue) {
      const ic = c.item;
      let item: CorrectionItem | null = null;
      if (ic && !ic.empty && !ic.unusable) item = add(ic, checkItem(ic.text, this.template)) ?? null;
      if (c.oldValue && c.newValue) rec.changes.push({ item, itemCell: ic ?? null, oldCell: c.oldValue, newCell: c.newValue });
    }
    const pairs = new Map<CorrectionItem, { old?: Prepared; new?: Prepared }>();
    for (const w of this.header.wide) {
      const p = prepareCell(raw[w.col], rec.row, w.col, { mode: 'text', isCode: false, label: `${w.side === 'old' ? '原' : '新'}${w.item}` });
      const pair = pairs.get(w.item) ?? {};
      pair[w.side] = p;
      pairs.set(w.item, pair);
    }
    for (const [item, pair] of pairs) {
      if (!pair.old || !pair.new || (pair.old.empty && pair.new.empty)) continue;
      const templateItem = checkItem(item, this.template);
      const change: Change = { item: templateItem.parsed ?? null, itemCell: null, oldCell: pair.old, newCell: pair.new };
      if (!templateItem.parsed) pair.new.drafts.push(...templateItem.drafts);
      rec.changes.push(change);
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
      const ref = res.idCard ?? idCard;
      if (ch.item === '性别' && ref && res.drafts.length === 0) {
        const g = res.canonical ?? nv.text;
        if (g !== ref.gender) nv.drafts.push(err('correction.new-value', `修改后的性别“${g}”与身份证号第17位表示的“${ref.gender}”不一致`));
      }
      if (ch.item === '出生日期' && res.birth && ref && ref.birthValid && compareYmd(res.birth, ref.birth) !== 0) {
        nv.drafts.push(err('correction.new-value', '修改后的出生日期与身份证号中的出生日期不一致'));
      }
      const ov = ch.oldCell;
      const oldText = compactFor(ch.item, ov);
      const newText = res.canonical ?? compactFor(ch.item, nv);
      if (!ov.empty && oldText === newText) {
        nv.drafts.push(err('correction.unchanged', `原信息与修改后信息相同（“${newText}”），无需修改`));
      }
    }
    const ct = c.changeType;
    let changeType: ChangeType | undefined;
    if (ct && !ct.empty) changeType = add(ct, checkChangeType(ct.text));
    if (this.template === 'correction-graduate' && changeType === '信息变更') ct!.drafts.push(graduateChange());
    if (this.template === 'correction-new') {
      const term = rec.studentId ? termOfStudentId(rec.studentId) : undefined;
      if (term) {
        const start = termStartYmd(term);
        const last = addMonths(start.y, start.m, this.profile.correction.newStudentWindowMonths - 1);
        const end = endOfMonth(last.y, last.m);
        if (compareYmd(today, end) > 0) c.studentId!.drafts.push(newStudentLate(end, today));
      }
    }
  }

  /** Rules across rows, as rows pass: duplicates, 双改, mixed 分部 (each flags the later occurrence). */
  private checkCrossRow(rec: RecordRow, st: CrossState): void {
    const keyCell = rec.cells[this.spec.key];
    if (rec.key && keyCell) {
      // Keyed by the key itself (a flat string from the sheet): no composite strings to build and hash.
      const second: string[] =
        this.template === 'exemption'
          ? [rec.cells.subjectCode?.fixed ?? '']
          : isCorrection(this.template)
            ? rec.changes.map((ch) => ch.item ?? ch.itemCell?.text ?? '')
            : [''];
      const before = st.seen.get(rec.key);
      const has = (k: string) => (typeof before === 'string' ? before === k : before !== undefined && before.includes(k));
      if (before !== undefined && second.some(has)) {
        const what = this.template === 'exemption' ? '同一学号同一科目' : isCorrection(this.template) ? '同一学生同一修改项目' : '同一学号';
        keyCell.drafts.push(err('row.duplicate', `${what}重复出现（${rec.key}），请删除重复的行`));
      }
      let items: string[] | null = null;
      rec.changes.forEach((ch, i) => {
        // 双改: 姓名 and 身份证号 of one student, in this row or an earlier one.
        const other = ch.item === '姓名' ? '身份证号' : ch.item === '身份证号' ? '姓名' : null;
        if (other && (has(other) || (items !== null && items.includes(other)))) (ch.itemCell ?? ch.newCell).drafts.push(doubleChange());
        (items ??= []).push(second[i]!);
      });
      const mine = items ?? second;
      if (before === undefined) st.seen.set(rec.key, mine.length === 1 ? mine[0]! : mine);
      else st.seen.set(rec.key, [...(typeof before === 'string' ? [before] : before), ...mine]);
    }
    const b = rec.cells.branchName;
    if (this.template === 'withdrawal' && b && !b.empty && !st.mixedBranchReported) {
      if (st.firstBranch === null) st.firstBranch = b.fixed;
      else if (b.fixed !== st.firstBranch) {
        st.mixedBranchReported = true;
        b.drafts.push(warn('withdrawal.mixed-branch', `同一份名单中出现了多个分部名称（“${st.firstBranch}”与“${b.fixed}”），每个分部应分别报送`));
      }
    }
  }

  /** 序号 runs 1..n in sheet order (陕西 notice); each wrong cell gets its own patch. */
  private checkSequence(p: Prepared, n: number): void {
    if (p.unusable || p.text === String(n)) return;
    this.renumber = true;
    const what = p.empty ? '为空' : `为“${p.text}”`;
    this.add(
      makeIssue(p, this.label('seq'), 'seq', err('table.sequence', `序号应从1起连续编号，此处应为${n}，当前${what}`, true), [
        { cell: p.addr, value: n, numberFormat: 'General' },
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
    // per rule and shared by that rule's issues (one plan per blank row would be quadratic). "[可修复]" must mean
    // fixable (issue 14 item 4): a fix that would cut a merge or change a formula is not offered, and says why.
    const plans = new Map<keyof TableSteps, ReturnType<typeof planTable>>();
    for (const t of tableIssues) {
      let plan = plans.get(t.rule);
      if (!plan) {
        const opts = { maxPatches: this.profile.limits.issues };
        const only: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false, [t.rule]: true };
        plan = planTable(this.sheet, this.profile, this.header, L, this.rows, new Map(), only, opts);
        // Alone it may not fit (a signature row below a record in Excel's last row) where, with the sheet's other
        // table fixes, it does: `fix` applies them together, so it is fixable.
        const all = { ...steps, [t.rule]: true };
        if (plan.refused !== null && Object.entries(all).some(([k, on]) => on && k !== t.rule)) {
          const together = planTable(this.sheet, this.profile, this.header, L, this.rows, new Map(), all, opts);
          if (together.refused === null) plan = together;
        }
        plans.set(t.rule, plan);
      }
      if (plan.refused !== null) {
        steps[t.rule] = false;
        t.issue.message += `（无法自动修复：${plan.refused}）`;
      } else {
        t.issue.fix = plan.count > plan.patches.length ? { patches: [], omittedPatches: plan.count } : { patches: plan.patches };
      }
      this.add(t.issue);
    }
    return steps;
  }

  private checkMarker(steps: TableSteps, out: { rule: keyof TableSteps; issue: Issue }[]): void {
    const L = this.layout;
    if (L.records.length === 0) return;
    const last = L.records[L.records.length - 1]!;
    // Records after the end marker close up with the others when fixed: the marker belongs below them all.
    const expected = L.recordsAfterEnd.length ? this.header.headerRow + 1 + L.records.length : last + 1;
    // A sheet filled to Excel's last row has no row for the marker: the issue is on the last record, not fixable.
    const where = at(Math.min(expected, MAX_ROW), L.firstCol);
    if (L.markerKind === 'terminator') {
      const t = this.profile.exemption.terminator;
      let msg: string | null = null;
      if (L.marker === null && expected > MAX_ROW) msg = `表格已用到 Excel 的最后一行，最后一条记录之后放不下“${t}”，请把表格拆分后再报送`;
      else if (L.marker === null) msg = `表格最后一条记录的下一行（第${expected}行第一列）应填写“${t}”`;
      else if (L.recordsAfterEnd.length) msg = `“${t}”之后不能再有记录（${rowList(L.recordsAfterEnd)}），结束行应放在最后一条记录的下一行`;
      else if (L.marker !== expected) msg = `“${t}”应紧接在最后一条记录的下一行（第${expected}行），中间不能有空行`;
      if (msg) {
        steps.marker = true;
        out.push({ rule: 'marker', issue: makeIssue(where, null, null, err('table.terminator', msg, true), null) });
      }
      return;
    }
    const text = this.template === 'withdrawal' ? '经办人' : '主管领导、经手人签字和公章';
    let msg: string | null = null;
    if (L.marker === null) msg = `最后一条记录之后应紧接签字行（${text}）`;
    else if (L.recordsAfterEnd.length) msg = `签字行之后不能再有记录（${rowList(L.recordsAfterEnd)}）`;
    else if (L.marker !== expected) msg = `签字行（${text}）应紧接在最后一条记录的下一行（第${expected}行），中间不能有空行`;
    if (msg) {
      steps.marker = true;
      out.push({ rule: 'marker', issue: makeIssue(where, null, null, warn('table.signature-row', msg, true), null) });
    }
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

  /** Turn a row's drafts into issues; every fixable issue of a cell carries the cell's final value. */
  private emitRow(rec: RecordRow): void {
    const cells: Prepared[] = [];
    for (const [f] of this.columns) if (rec.cells[f]!.hasDrafts) cells.push(rec.cells[f]!);
    for (const ch of rec.changes) {
      if (ch.oldCell.hasDrafts && !cells.includes(ch.oldCell)) cells.push(ch.oldCell);
      if (ch.newCell.hasDrafts && !cells.includes(ch.newCell)) cells.push(ch.newCell);
    }
    for (const p of cells) {
      const field = fieldOf(rec, p);
      const column = this.header.labels[p.col] ?? null;
      let patch: Patch | null = null;
      if (p.needsFix && p.drafts.some((d) => d.fixable)) {
        patch = { cell: p.addr, value: p.fixed, numberFormat: '@' };
        if (this.keepFixes) this.cellFixes.set(p.addr, patch);
      }
      for (const d of p.drafts) this.add(makeIssue(p, column, field, d, d.fixable && patch ? [patch] : null));
    }
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

