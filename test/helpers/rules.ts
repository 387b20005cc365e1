/**
 * Helpers for the rule tests: generated student data, record builders per template, and assertions on
 * the issues of an analysis. Every value here is generated: no real student.
 */
import type { Issue, Patch, Severity, SheetInput, TemplateId } from '../../src/core/types';
import type { Ymd } from '../../src/core/cells/dates';
import { idCardCheckChar } from '../../src/core/cells/id-card';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { analyseSheet, type SheetAnalysis } from '../../src/core/engine/check';
import { applyPatchesToSheet, planFixes } from '../../src/core/engine/fix';
import { cellText } from '../../src/core/engine/cell-text';
import { REPORT_DATE, sheetOf, type V } from './sheet';

export { REPORT_DATE, sheetOf, type V };
export const PROFILE = DEFAULT_PROFILE;
export const TERMINATOR = DEFAULT_PROFILE.exemption.terminator;
export const WD_SIGNATURE = DEFAULT_PROFILE.withdrawal.signature;
export const CORR_SIGNATURE = DEFAULT_PROFILE.correction.signature;
/** Reason texts of the default profile by their number (1..7). */
export const REASON: Record<number, string> = Object.fromEntries(
  DEFAULT_PROFILE.exemption.reasons.map((r) => [r.id, r.text]),
);

// ---------------------------------------------------------------- generated identifiers

export interface SidOptions {
  /** Entry year (2000–2099). */
  year?: number;
  branch?: string;
  category?: string;
}

/** A 学号: YY + 分部 + 类别 + 5-digit serial (1–49999 spring, 50001–99999 autumn). */
export function makeSid(serial: number, o: SidOptions = {}): string {
  const yy = String((o.year ?? 2020) % 100).padStart(2, '0');
  return yy + (o.branch ?? '130') + (o.category ?? '012') + String(serial).padStart(5, '0');
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛'];

/** A generated two- or three-character Han name, distinct for i < 12·14·14. */
export function makeName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const k = Math.floor(i / (SURNAMES.length * GIVEN.length));
  return k === 0 ? s + g1 : s + g1 + GIVEN[(k - 1) % GIVEN.length]!;
}

/** YYYYMMDD of a date. */
export function ymd8(d: Ymd): string {
  return String(d.y).padStart(4, '0') + String(d.m).padStart(2, '0') + String(d.d).padStart(2, '0');
}

/** An 18-digit ID with a valid check character for any 8-digit birth string (even an impossible date). */
export function idWithBirth(birth8: string, male = true, region = '110105', seq = 12): string {
  const s = String(seq * 2 + (male ? 1 : 0)).padStart(3, '0').slice(-3);
  const first17 = region + birth8 + s;
  return first17 + idCardCheckChar(first17);
}

/** A valid 18-digit ID whose check character is X (searching the sequence numbers). */
export function idEndingInX(birth8 = '19850612', male = true): string {
  for (let seq = 1; seq < 400; seq++) {
    const id = idWithBirth(birth8, male, '130102', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check character found');
}

/** The same ID with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id[17]!;
  const wrong = right === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

/** A 学历证书电子注册号: 51161 + 办学类型 8 + year + 层次 + 6-digit serial. */
export function makeRegNo(serial: number, level = '05', year = 2017): string {
  return '51161' + '8' + String(year) + level + String(serial).padStart(6, '0');
}

// ---------------------------------------------------------------- record builders

export type Rec = Record<string, V>;

/** Rows of values in the order of `header`, taking each value by its header text. */
export function rowsFor(header: readonly string[], records: readonly Rec[]): V[][] {
  return records.map((r) => header.map((h) => r[h]));
}

export const EX_HEADER = ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'];
export const EX_TITLE = '河北电大免考信息表';

export function exRecord(i: number, over: Rec = {}): Rec {
  return {
    学习中心代码: '01300801',
    学号: makeSid(i + 1),
    姓名: makeName(i),
    免考科目代码: '71',
    免考原因: REASON[1],
    ...over,
  };
}

/** An exemption sheet: title row, header, records, terminator (unless `terminator: false`). */
export function exSheet(
  records: readonly Rec[],
  o: { header?: readonly string[]; terminator?: boolean; name?: string; title?: boolean; after?: V[][] } = {},
): SheetInput {
  const header = o.header ?? EX_HEADER;
  const rows: V[][] = [];
  if (o.title !== false) rows.push([EX_TITLE]);
  rows.push([...header]);
  rows.push(...rowsFor(header, records));
  if (o.terminator !== false) rows.push([TERMINATOR]);
  if (o.after) rows.push(...o.after);
  return sheetOf(o.name ?? 'Sheet1', rows, o.title !== false ? [`A1:${String.fromCharCode(64 + header.length)}1`] : []);
}

export const WD_HEADER = ['序号', '分部名称', '学号全码', '学生姓名'];

export function wdRecord(i: number, over: Rec = {}): Rec {
  return { 序号: i + 1, 分部名称: '河北分部', 学号全码: makeSid(i + 1), 学生姓名: makeName(i), ...over };
}

export function wdRecords(n: number): Rec[] {
  return Array.from({ length: n }, (_, i) => wdRecord(i));
}

/** A withdrawal sheet named 退学: header on row 1, records, 经办人 row (unless `signature: false`). */
export function wdSheet(
  records: readonly Rec[],
  o: { header?: readonly string[]; signature?: boolean; name?: string; merges?: string[] } = {},
): SheetInput {
  const header = o.header ?? WD_HEADER;
  const rows: V[][] = [[...header], ...rowsFor(header, records)];
  if (o.signature !== false) rows.push([WD_SIGNATURE]);
  return sheetOf(o.name ?? '退学', rows, o.merges ?? []);
}

export const CO_HEADER = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
export const CO_TITLE = {
  new: '国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表',
  enrolled: '国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表',
  graduate: '国家开放大学(原中央广播电视大学)毕业生基本信息修改情况统计表',
} as const;

export function coRecord(i: number, over: Rec = {}): Rec {
  return {
    序号: i + 1,
    学号: makeSid(i + 1),
    姓名: makeName(i),
    修改项目: '民族',
    原信息: '汉族',
    修改后信息: '回族',
    修改类型: '录入错误',
    ...over,
  };
}

/** A correction sheet: title row (by variant, or none), header, records, signature row. */
export function coSheet(
  records: readonly Rec[],
  o: { variant?: keyof typeof CO_TITLE | null; header?: readonly string[]; signature?: boolean; name?: string } = {},
): SheetInput {
  const header = o.header ?? CO_HEADER;
  const rows: V[][] = [];
  const variant = o.variant === undefined ? 'enrolled' : o.variant;
  if (variant) rows.push([CO_TITLE[variant]]);
  rows.push([...header]);
  rows.push(...rowsFor(header, records));
  if (o.signature !== false) rows.push([CORR_SIGNATURE]);
  return sheetOf(o.name ?? 'Sheet1', rows, variant ? [`A1:${String.fromCharCode(64 + header.length)}1`] : []);
}

export const GR_HEADER = ['序号', '注册证号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];

export function grRecord(i: number, over: Rec = {}): Rec {
  return {
    序号: i + 1,
    注册证号: makeRegNo(i + 1),
    姓名: makeName(i),
    修改项目: '民族',
    原信息: '汉族',
    修改后信息: '回族',
    修改类型: '录入错误',
    ...over,
  };
}

// ---------------------------------------------------------------- running and asserting

export function check(sheet: SheetInput, o: { template?: TemplateId; reportDate?: Ymd } = {}): SheetAnalysis {
  return analyseSheet(sheet, PROFILE, { reportDate: o.reportDate ?? REPORT_DATE, template: o.template });
}

export function issuesOf(a: SheetAnalysis, rule: string): Issue[] {
  return a.report.issues.filter((i) => i.rule === rule);
}

export function rules(a: SheetAnalysis): string[] {
  return a.report.issues.map((i) => `${i.rule}@${i.cell ?? '-'}`);
}

export interface Expected {
  rule: string;
  /** A1 cell, or null for header and sheet issues. */
  cell: string | null;
  severity: Severity;
  /**
   * null: no fix. A value: the fix is exactly one patch writing that value into `cell` (text '@' unless
   * `numberFormat` says otherwise). 'table': a table fix (a non-empty patch list, checked by the test).
   */
  fix: null | 'table' | { value: Patch['value']; numberFormat?: string };
}

/** Exactly one issue of `rule` at `cell`, with the severity and fix given. Returns it. */
export function expectIssue(a: SheetAnalysis, e: Expected): Issue {
  const hits = issuesOf(a, e.rule);
  const atCell = hits.filter((i) => i.cell === e.cell);
  if (atCell.length !== 1) {
    throw new Error(`expected one ${e.rule}@${e.cell ?? '-'}, got: ${JSON.stringify(rules(a))}`);
  }
  const issue = atCell[0]!;
  expect(issue.severity).toBe(e.severity);
  if (e.fix === null) {
    expect(issue.fix).toBeNull();
  } else if (e.fix === 'table') {
    expect(issue.fix).not.toBeNull();
    expect(issue.fix!.patches.length).toBeGreaterThan(0);
  } else {
    expect(issue.fix).toEqual({
      patches: [{ cell: e.cell, value: e.fix.value, numberFormat: e.fix.numberFormat ?? '@' }],
    });
  }
  return issue;
}

export function expectNoIssue(a: SheetAnalysis, rule: string): void {
  const hits = issuesOf(a, rule);
  if (hits.length) throw new Error(`expected no ${rule}, got: ${JSON.stringify(rules(a))}`);
}

/** All issues of the analysis (for a clean baseline). */
export function expectClean(a: SheetAnalysis): void {
  expect(rules(a)).toEqual([]);
}

// ---------------------------------------------------------------- fixing

/** Plan every fix, apply it, and return the fixed sheet. */
export function fixAll(sheet: SheetInput, a: SheetAnalysis = check(sheet)): SheetInput {
  const plan = planFixes(sheet, PROFILE, a);
  return applyPatchesToSheet(sheet, plan.patches, plan.renameSheet);
}

/** Apply only the fix carried by one issue. */
export function applyIssueFix(sheet: SheetInput, issue: Issue): SheetInput {
  return applyPatchesToSheet(sheet, issue.fix!.patches, issue.fix!.renameSheet);
}

/** The sheet as text rows (trailing empty cells and rows dropped), to compare layouts. */
export function textRows(sheet: SheetInput): string[][] {
  const out = sheet.rows.map((r) => {
    const t = (r ?? []).map((c) => cellText(c));
    while (t.length && t[t.length - 1] === '') t.pop();
    return t;
  });
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** The text of one cell of a sheet by A1 address. */
export function textAt(sheet: SheetInput, a1: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return cellText(sheet.rows[Number(m[2]) - 1]?.[col]);
}

/** The exemption header with the optional columns the checker understands (身份证号, 性别, 民族, 入学年度学期). */
export const EX_FULL_HEADER = [...EX_HEADER, '身份证号', '性别', '民族', '入学年度学期'];

/** A clean record for EX_FULL_HEADER: columns F 身份证号, G 性别, H 民族, I 入学年度学期; record i sits on row i + 3. */
export function exFullRecord(i: number, over: Rec = {}): Rec {
  const male = i % 2 === 0;
  return {
    ...exRecord(i),
    身份证号: idWithBirth(`198${i % 10}0${(i % 9) + 1}1${i % 10}`, male, '130102', 20 + i),
    性别: male ? '男' : '女',
    民族: '汉族',
    入学年度学期: '2020春季',
    ...over,
  };
}

/** An exemption sheet with EX_FULL_HEADER and three records, record 1 (row 4) changed by `over`. */
export function exFullWith(over: Rec, header: readonly string[] = EX_FULL_HEADER): SheetInput {
  return exSheet([exFullRecord(0), exFullRecord(1, over), exFullRecord(2)], { header });
}
