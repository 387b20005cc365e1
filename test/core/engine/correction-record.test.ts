/**
 * The corrected record agrees with itself (issue 9 item 3), in the long and the wide layouts: the new 性别 (or the one
 * as it stands) with the new 身份证号 (or the one as it stands), a new 出生日期 with the ID's birth date — reported on
 * the cell the request changes. Lost digits are never "fixed" (item 4): an ID stored as a number that lost its digits
 * is cell.precision-lost in every ID column, 原 and 新 alike, never a checksum error proposing a last digit.
 */
import type { Cell } from '../../../src/core/types';
import { prepareExports } from '../../../src/core/export/records';
import {
  check,
  CO_TITLE,
  CORR_SIGNATURE,
  expectIssue,
  expectNoIssue,
  idWithBirth,
  issuesOf,
  makeName,
  makeSid,
  PROFILE,
  REPORT_DATE,
  sheetOf,
  type V,
} from '../../helpers/rules';

const MALE = idWithBirth('19900102', true, '130102', 41);
const FEMALE = idWithBirth('19900102', false, '130102', 42);
const MALE_1985 = idWithBirth('19850607', true, '130102', 43);
/** An 18-digit ID typed into a General cell: its last digits are gone. */
const lost = (id: string): Cell => ({ kind: 'number', value: Number(id.slice(0, 15) + '000') });

const LONG = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '身份证号', '性别'];
/** Long layout: title row 1, header row 2, records from row 3 (E 原信息, F 修改后信息, H 身份证号, I 性别). */
const long = (rows: V[][]) => sheetOf('Sheet1', [[CO_TITLE.enrolled], LONG, ...rows, [CORR_SIGNATURE]], ['A1:I1']);
const row = (n: number, sid: string, item: string, from: V, to: V, id: V = '', gender: V = '') => [n, sid, makeName(n), item, from, to, '录入错误', id, gender];

const WIDE = ['序号', '学号', '姓名', '原性别', '新性别', '原身份证号', '新身份证号', '原出生日期', '新出生日期', '修改类型'];
/** Wide layout: header row 2, records from row 3 (D/E 性别, F/G 身份证号, H/I 出生日期). */
const wide = (rows: V[][]) => sheetOf('Sheet1', [[CO_TITLE.enrolled], WIDE, ...rows.map((r, i) => [i + 1, makeSid(i + 1), makeName(i), ...r, '录入错误']), [CORR_SIGNATURE]], ['A1:J1']);

describe('long layout: one student’s rows together', () => {
  test('a new 性别 against the new 身份证号 on another row: on the new 性别, naming that row', () => {
    const sid = makeSid(1);
    const a = check(long([row(1, sid, '身份证号', MALE, FEMALE, MALE, '男'), row(2, sid, '性别', '女', '男', MALE, '男')]));
    const issue = expectIssue(a, { rule: 'correction.new-value', cell: 'F4', severity: 'error', fix: null });
    expect(issue.message).toBe('修改后的性别“男”与修改后的身份证号（第3行）第17位表示的“女”不一致');
    expect(issue.field).toBe('newValue');
    expect(issue.column).toBe('修改后信息');
  });

  test('the same rows in the other order give the same issue on the same cell', () => {
    const sid = makeSid(1);
    const a = check(long([row(1, sid, '性别', '女', '男', MALE, '男'), row(2, sid, '身份证号', MALE, FEMALE, MALE, '男')]));
    expect(issuesOf(a, 'correction.new-value').map((i) => i.cell)).toEqual(['F3']);
  });

  test('a new 身份证号 against the 性别 as it stands: on the new 身份证号', () => {
    const a = check(long([row(1, makeSid(1), '身份证号', MALE, FEMALE, MALE, '男')]));
    const issue = expectIssue(a, { rule: 'correction.new-value', cell: 'F3', severity: 'error', fix: null });
    expect(issue.message).toContain('修改后的身份证号第17位表示“女”，与该生性别“男”不一致');
  });

  test('a new 身份证号 with the new 性别 that matches it: clean', () => {
    const sid = makeSid(1);
    const a = check(long([row(1, sid, '身份证号', MALE, FEMALE, MALE, '男'), row(2, sid, '性别', '男', '女', MALE, '男')]));
    expectNoIssue(a, 'correction.new-value');
  });

  test('a new 出生日期 against the new 身份证号 on another row', () => {
    const sid = makeSid(1);
    const a = check(long([row(1, sid, '出生日期', '1985-06-07', '1990-01-05', MALE_1985, '男'), row(2, sid, '身份证号', MALE_1985, MALE, MALE_1985, '男')]));
    const issue = expectIssue(a, { rule: 'correction.new-value', cell: 'F3', severity: 'error', fix: null });
    expect(issue.message).toBe('修改后的出生日期 1990-01-05 与修改后的身份证号（第4行）中的出生日期 1990-01-02 不一致');
  });
});

describe('wide layout: the row is the record', () => {
  test('a new 性别 against the unchanged 身份证号: on 新性别', () => {
    const a = check(wide([['男', '女', MALE, '', '', '']]));
    expectIssue(a, { rule: 'correction.new-value', cell: 'E3', severity: 'error', fix: null });
  });

  test('a new 身份证号 against the unchanged 性别: on 新身份证号', () => {
    const a = check(wide([['男', '', MALE, FEMALE, '', '']]));
    expectIssue(a, { rule: 'correction.new-value', cell: 'G3', severity: 'error', fix: null });
  });

  test('a new 身份证号 against the unchanged 出生日期: on 新身份证号', () => {
    const a = check(wide([['', '', MALE_1985, MALE, '1985-06-07', '']]));
    const issue = expectIssue(a, { rule: 'correction.new-value', cell: 'G3', severity: 'error', fix: null });
    expect(issue.message).toContain('出生日期也需更正');
  });

  test('性别 and 身份证号 both changed and agreeing, 原 side wrong as it was: clean', () => {
    expect(check(wide([['女', '男', FEMALE, MALE, '1990-01-02', '']])).report.issues).toEqual([]);
  });

  test('unchanged items (新 blank or equal to 原) are no change: neither 不能为空 nor 相同', () => {
    const a = check(wide([['男', '男', MALE, '', '1990-01-01', '1990-01-02']]));
    expect(a.report.issues).toEqual([]);
  });

  test('a 新 that says what its 原 says in another form (a date cell of that day, x for X) is no change either', () => {
    const dateCell: Cell = { kind: 'number', value: 32875, numberFormat: 'yyyy-mm-dd' }; // 1990-01-02
    expect(check(wide([['女', '男', MALE, MALE.toLowerCase(), '1990-01-02', dateCell]])).report.issues).toEqual([]);
  });

  test('a row that changes nothing is one error on the cell to fill in', () => {
    expectIssue(check(wide([['男', '男', '', '', '', '']])), { rule: 'correction.unchanged', cell: 'E3', severity: 'error', fix: null });
    expectIssue(check(wide([['男', '', MALE, '', '', '']])), { rule: 'cell.required', cell: 'E3', severity: 'error', fix: null });
  });

  test('the export writes only the changed items of a row', () => {
    const sheet = wide([['男', '', MALE, '', '1990-01-01', '1990-01-02']]);
    const sx = prepareExports([sheet], PROFILE, { reportDate: REPORT_DATE }).exports[0]!;
    expect(sx.records.map((r) => [r.values.item, r.values.oldValue, r.values.newValue])).toEqual([['出生日期', '1990-01-01', '1990-01-02']]);
  });
});

describe('lost digits are never "fixed" (item 4)', () => {
  test.each([
    ['the wide 原身份证号', wide([['', '', lost(MALE), FEMALE, '', '']]), 'F3'],
    ['the wide 新身份证号', wide([['', '', MALE, lost(FEMALE), '', '']]), 'G3'],
    ['an unchanged wide 原身份证号', wide([['男', '女', lost(MALE), '', '', '']]), 'F3'],
    ['the long 原信息 of a 身份证号 change', long([row(1, makeSid(1), '身份证号', lost(MALE), FEMALE, FEMALE, '女')]), 'E3'],
    ['the long 修改后信息 of a 身份证号 change', long([row(1, makeSid(1), '身份证号', MALE, lost(FEMALE), MALE, '男')]), 'F3'],
    ['the 身份证号 column', long([row(1, makeSid(1), '民族', '汉族', '回族', lost(MALE), '男')]), 'H3'],
  ])('%s: cell.precision-lost, no checksum error, no suggested digit', (_what, sheet, cell) => {
    const a = check(sheet);
    const issue = expectIssue(a, { rule: 'cell.precision-lost', cell, severity: 'error', fix: null });
    expect(issue.message).toContain('无法自动恢复');
    expectNoIssue(a, 'id-card.checksum');
    expect(a.report.issues.filter((i) => i.cell === cell).map((i) => i.rule)).toEqual(['cell.precision-lost']);
    expect(a.report.issues.some((i) => /末位应为/.test(i.message))).toBe(false);
  });

  test('an exact number in an ID column of a change (a 15-digit ID) is cell.number-stored, fixed as text', () => {
    const old15 = 130102900102411;
    const a = check(long([row(1, makeSid(1), '身份证号', old15, MALE, MALE, '男')]));
    expectIssue(a, { rule: 'cell.number-stored', cell: 'E3', severity: 'error', fix: { value: String(old15) } });
  });

  test('text that shows the digits were lost before it was pasted: scientific notation, or …000 with a wrong check', () => {
    const sci = check(long([row(1, makeSid(1), '民族', '汉族', '回族', '1.30102E+17', '男')]));
    expectIssue(sci, { rule: 'cell.precision-lost', cell: 'H3', severity: 'error', fix: null });
    const zeros = MALE.slice(0, 15) + '000';
    const a = check(long([row(1, makeSid(1), '身份证号', MALE, zeros, MALE, '男')]));
    expectIssue(a, { rule: 'cell.precision-lost', cell: 'F3', severity: 'error', fix: null });
    expectNoIssue(a, 'correction.new-value');
  });
});

describe('the 新生 window reads the entry term in any readable form (item 5)', () => {
  const newSheet = (sid: string, term: string) =>
    sheetOf('Sheet1', [[CO_TITLE.new], ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '入学年度学期'], [1, sid, makeName(0), '民族', '汉族', '回族', '录入错误', term], [CORR_SIGNATURE]], ['A1:H1']);

  test.each(['25秋', '2025年秋季', '202509', '2025.9'])('“%s”: autumn 2025 is past its first semester on 2026-11-22', (term) => {
    const a = check(newSheet(makeSid(50001, { year: 2025 }), term));
    expectIssue(a, { rule: 'correction.new-student-window', cell: 'B3', severity: 'warning', fix: null });
    expectIssue(a, { rule: 'enrollment-term.nonstandard', cell: 'H3', severity: 'warning', fix: { value: '2025秋季' } });
  });

  test('the term the row states decides, not only the 学号 (they disagree: both warnings)', () => {
    const a = check(newSheet(makeSid(50001, { year: 2026 }), '25秋'));
    expectIssue(a, { rule: 'enrollment-term.mismatch', cell: 'H3', severity: 'warning', fix: null });
    expectIssue(a, { rule: 'correction.new-student-window', cell: 'B3', severity: 'warning', fix: null });
    expectNoIssue(check(newSheet(makeSid(50001, { year: 2026 }), '26秋')), 'correction.new-student-window');
  });
});
