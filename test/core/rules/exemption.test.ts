/**
 * 免考信息表 rules (DOMAIN.md §2 T1, seed 003): subject codes 71/69 from the subject name, the reason by
 * number, full text or an unambiguous part, reason ↔ subject, reason 6 age ≥ 40 at entry, reason 7 not 汉族,
 * one row per (学号, 科目).
 */
import {
  check,
  EX_HEADER,
  exFullWith,
  exRecord,
  exSheet,
  expectIssue,
  expectNoIssue,
  idWithBirth,
  issuesOf,
  makeSid,
  REASON,
  type Rec,
} from '../../helpers/rules';

/** Three records; the second (row 4) changed by `over`. */
function sheetWith(over: Rec, header: readonly string[] = EX_HEADER) {
  return exSheet([exRecord(0), exRecord(1, over), exRecord(2)], { header });
}
const CODE = 'D4';
const REASON_CELL = 'E4';

describe('exemption.subject-code', () => {
  const withName = [...EX_HEADER, '免考科目名称'];

  test.each([
    ['大学英语B', '71'],
    ['计算机应用基础', '69'],
  ])('an empty code is filled from the subject name %s → %s', (name, code) => {
    const a = check(sheetWith({ 免考科目代码: '', 免考科目名称: name, 免考原因: REASON[1] }, withName));
    expectIssue(a, { rule: 'exemption.subject-code', cell: CODE, severity: 'error', fix: { value: code } });
    expectNoIssue(a, 'cell.required');
  });

  test('a wrong code is fixed from the subject name', () => {
    const a = check(sheetWith({ 免考科目代码: '99', 免考科目名称: '计算机应用基础' }, withName));
    expectIssue(a, { rule: 'exemption.subject-code', cell: CODE, severity: 'error', fix: { value: '69' } });
  });

  test('an empty code with no subject name is an error with no fix', () => {
    const a = check(sheetWith({ 免考科目代码: '' }));
    expectIssue(a, { rule: 'exemption.subject-code', cell: CODE, severity: 'error', fix: null });
  });

  test('an unknown code with no subject name is an error with no fix', () => {
    const a = check(sheetWith({ 免考科目代码: '99' }));
    expectIssue(a, { rule: 'exemption.subject-code', cell: CODE, severity: 'error', fix: null });
  });

  test('a code that disagrees with the subject name is an error with no fix', () => {
    const a = check(sheetWith({ 免考科目代码: '71', 免考科目名称: '计算机应用基础' }, withName));
    expectIssue(a, { rule: 'exemption.subject-code', cell: CODE, severity: 'error', fix: null });
  });

  test.each([
    ['71', '大学英语B'],
    ['69', '计算机应用基础'],
  ])('code %s with name %s is fine', (code, name) => {
    expectNoIssue(check(sheetWith({ 免考科目代码: code, 免考科目名称: name }, withName)), 'exemption.subject-code');
    expectNoIssue(check(sheetWith({ 免考科目代码: code })), 'exemption.subject-code');
  });
});

describe('exemption.reason', () => {
  test('a reason that matches no listed reason is an error with no fix, on the 免考原因 cell', () => {
    const a = check(sheetWith({ 免考原因: '领导批准' }));
    expectIssue(a, { rule: 'exemption.reason', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('a part that matches several reasons is ambiguous: an error', () => {
    const a = check(sheetWith({ 免考原因: '非英语专业' }));
    expectIssue(a, { rule: 'exemption.reason', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('a number that is no listed reason is an error', () => {
    const a = check(sheetWith({ 免考原因: '8' }));
    expectIssue(a, { rule: 'exemption.reason', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('an empty reason is cell.required', () => {
    const a = check(sheetWith({ 免考原因: '' }));
    expectIssue(a, { rule: 'cell.required', cell: REASON_CELL, severity: 'error', fix: null });
  });

  // Each form must resolve to reason 2 (计算机等级考试, subject 69 only): valid with 69, reason-subject with 71.
  test.each<[string, string | number]>([
    ['the number as text', '2'],
    ['the number as a number', 2],
    ['the number with its text', `2、${REASON[2]}`],
    ['the full text', REASON[2]!],
    ['an unambiguous part', '计算机等级考试'],
  ])('reason given as %s is valid and resolves to the right reason', (_what, value) => {
    const fits = check(sheetWith({ 免考科目代码: '69', 免考原因: value }));
    expectNoIssue(fits, 'exemption.reason');
    expectNoIssue(fits, 'exemption.reason-subject');
    const wrongSubject = check(sheetWith({ 免考科目代码: '71', 免考原因: value }));
    expectNoIssue(wrongSubject, 'exemption.reason');
    expectIssue(wrongSubject, { rule: 'exemption.reason-subject', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('an unambiguous part of reason 3 (CET-4) resolves to reason 3', () => {
    expectNoIssue(check(sheetWith({ 免考科目代码: '71', 免考原因: 'CET-4' })), 'exemption.reason');
    expectIssue(check(sheetWith({ 免考科目代码: '69', 免考原因: 'CET-4' })), {
      rule: 'exemption.reason-subject',
      cell: REASON_CELL,
      severity: 'error',
      fix: null,
    });
  });
});

describe('exemption.reason-subject', () => {
  test.each([
    [2, '71'],
    [3, '69'],
    [4, '69'],
    [5, '69'],
    [6, '69'],
    [7, '69'],
  ])('reason %s does not exempt subject %s: an error on the 免考原因 cell', (reason, code) => {
    const a = check(sheetWith({ 免考科目代码: code, 免考原因: REASON[reason] }));
    expectIssue(a, { rule: 'exemption.reason-subject', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test.each([
    [1, '71'],
    [1, '69'],
    [2, '69'],
    [3, '71'],
    [5, '71'],
  ])('reason %s exempts subject %s', (reason, code) => {
    expectNoIssue(check(sheetWith({ 免考科目代码: code, 免考原因: REASON[reason] })), 'exemption.reason-subject');
  });
});

describe('exemption.age-under-40 (reason 6: 40 full years at 入学注册)', () => {
  const header = [...EX_HEADER, '身份证号'];
  const row = (sid: string, birth8: string) =>
    sheetWith({ 学号: sid, 免考科目代码: '71', 免考原因: REASON[6], 身份证号: idWithBirth(birth8) }, header);
  const spring2017 = makeSid(2, { year: 2017 });
  const autumn2017 = makeSid(50002, { year: 2017 });

  test('spring entry (1 March 2017): born 1 March 1977 is exactly 40 and passes', () => {
    const a = check(row(spring2017, '19770301'));
    expectNoIssue(a, 'exemption.age-under-40');
  });

  test('spring entry: born 2 March 1977 is one day short and fails on the 免考原因 cell', () => {
    const a = check(row(spring2017, '19770302'));
    expectIssue(a, { rule: 'exemption.age-under-40', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('autumn entry (1 September 2017): born 1 September 1977 passes', () => {
    expectNoIssue(check(row(autumn2017, '19770901')), 'exemption.age-under-40');
  });

  test('autumn entry: born 2 September 1977 fails', () => {
    const a = check(row(autumn2017, '19770902'));
    expectIssue(a, { rule: 'exemption.age-under-40', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('the entry date comes from the 入学年度学期 column when present', () => {
    const withTerm = [...header, '入学年度学期'];
    const sheet = (birth8: string) =>
      sheetWith(
        { 学号: autumn2017, 免考科目代码: '71', 免考原因: REASON[6], 身份证号: idWithBirth(birth8), 入学年度学期: '2017秋季' },
        withTerm,
      );
    expectNoIssue(check(sheet('19770901')), 'exemption.age-under-40');
    expectIssue(check(sheet('19770902')), { rule: 'exemption.age-under-40', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('reason 6 given by number is checked too', () => {
    const a = check(sheetWith({ 学号: spring2017, 免考原因: '6', 身份证号: idWithBirth('19900101') }, header));
    expectIssue(a, { rule: 'exemption.age-under-40', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('without a 身份证号 column the age check is skipped, not failed', () => {
    const a = check(sheetWith({ 学号: spring2017, 免考科目代码: '71', 免考原因: REASON[6] }));
    expectNoIssue(a, 'exemption.age-under-40');
    expect(a.report.issues).toEqual([]);
  });

  test('other reasons are not age-checked', () => {
    const a = check(sheetWith({ 学号: spring2017, 免考原因: REASON[3], 身份证号: idWithBirth('19900101') }, header));
    expectNoIssue(a, 'exemption.age-under-40');
  });
});

describe('exemption.han-ethnicity (reason 7: a minority student)', () => {
  const header = [...EX_HEADER, '民族'];

  test('reason 7 with 汉族 is an error on the 免考原因 cell', () => {
    const a = check(sheetWith({ 免考原因: REASON[7], 民族: '汉族' }, header));
    expectIssue(a, { rule: 'exemption.han-ethnicity', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test('reason 7 with the short form 汉 is an error too', () => {
    const a = check(sheetWith({ 免考原因: REASON[7], 民族: '汉' }, header));
    expectIssue(a, { rule: 'exemption.han-ethnicity', cell: REASON_CELL, severity: 'error', fix: null });
  });

  test.each(['回族', '藏族', '维吾尔族'])('reason 7 with %s is fine', (e) => {
    expectNoIssue(check(sheetWith({ 免考原因: REASON[7], 民族: e }, header)), 'exemption.han-ethnicity');
  });

  test('without a 民族 column the check is skipped', () => {
    const a = check(sheetWith({ 免考原因: REASON[7] }));
    expectNoIssue(a, 'exemption.han-ethnicity');
    expect(a.report.issues).toEqual([]);
  });

  test('other reasons do not care about 汉族', () => {
    expectNoIssue(check(sheetWith({ 免考原因: REASON[1], 民族: '汉族' }, header)), 'exemption.han-ethnicity');
  });
});

describe('row.duplicate in the exemption table: one row per (学号, 科目)', () => {
  test('the same 学号 and subject twice: an error on the 学号 cell of the second row', () => {
    const sid = makeSid(7);
    const a = check(exSheet([exRecord(0), exRecord(1, { 学号: sid }), exRecord(2, { 学号: sid })]));
    expectIssue(a, { rule: 'row.duplicate', cell: 'B5', severity: 'error', fix: null });
    expect(issuesOf(a, 'row.duplicate')).toHaveLength(1);
  });

  test('the same 学号 with the two subjects is fine', () => {
    const sid = makeSid(7);
    const a = check(exSheet([exRecord(0), exRecord(1, { 学号: sid, 免考科目代码: '71' }), exRecord(2, { 学号: sid, 免考科目代码: '69' })]));
    expectNoIssue(a, 'row.duplicate');
  });
});

test('a clean exemption table with every optional column gives no issue', () => {
  expect(check(exFullWith({})).report.issues).toEqual([]);
});
