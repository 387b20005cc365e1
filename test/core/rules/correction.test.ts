/**
 * 学生基本信息修改情况统计表 rules (DOMAIN.md §2 T3, seed 003 §五): items, 原 ≠ 新, no 双改, valid new values,
 * 修改类型, graduates (items and 信息变更), the 新生 window, the wide layout.
 */
import { makeId } from '../../helpers/sheet';
import {
  check,
  CO_HEADER,
  CO_TITLE,
  CORR_SIGNATURE,
  coRecord,
  coSheet,
  expectIssue,
  expectNoIssue,
  GR_HEADER,
  grRecord,
  issuesOf,
  makeName,
  makeSid,
  sheetOf,
  withWrongCheck,
  type Rec,
} from '../../helpers/rules';
import type { Ymd } from '../../../src/core/cells/dates';

/** An 在籍生 sheet with three records, the second (row 4) changed by `over`. Columns: D 修改项目, F 修改后信息, G 修改类型. */
function enrolledWith(over: Rec) {
  return coSheet([coRecord(0), coRecord(1, over), coRecord(2)], { variant: 'enrolled' });
}
function graduateWith(over: Rec) {
  return coSheet([grRecord(0), grRecord(1, over), grRecord(2)], { variant: 'graduate', header: GR_HEADER });
}

/** Valid changes of every item (原, 新). */
const VALID_CHANGES: Record<string, [string, string]> = {
  姓名: [makeName(30) + '玮', makeName(30)],
  性别: ['男', '女'],
  身份证号: [makeId('19900101', true), makeId('19900102', true)],
  民族: ['汉族', '回族'],
  出生日期: ['1990-01-01', '1990-01-02'],
  入学文化程度: ['高中', '中专'],
};
const change = (item: string): Rec => ({ 修改项目: item, 原信息: VALID_CHANGES[item]![0], 修改后信息: VALID_CHANGES[item]![1] });

describe('correction.item', () => {
  test.each(['转学', '转专业', '转学习中心', '学历上网', '照片', '退学'])(
    '%s is a 学籍异动, not allowed on this sheet: an error on the 修改项目 cell',
    (item) => {
      const a = check(enrolledWith({ 修改项目: item, 原信息: 'a', 修改后信息: 'b' }));
      expectIssue(a, { rule: 'correction.item', cell: 'D4', severity: 'error', fix: null });
    },
  );

  test('an unknown item is an error', () => {
    const a = check(enrolledWith({ 修改项目: '身高', 原信息: '170', 修改后信息: '171' }));
    expectIssue(a, { rule: 'correction.item', cell: 'D4', severity: 'error', fix: null });
  });

  test.each(Object.keys(VALID_CHANGES))('%s may be corrected for an 在籍生', (item) => {
    const a = check(enrolledWith(change(item)));
    expect(a.report.issues).toEqual([]);
  });

  test.each(['出生日期', '入学文化程度'])('%s may not be corrected for a 毕业生', (item) => {
    const a = check(graduateWith(change(item)));
    expectIssue(a, { rule: 'correction.item', cell: 'D4', severity: 'error', fix: null });
  });

  test.each(['姓名', '性别', '身份证号', '民族'])('%s may be corrected for a 毕业生', (item) => {
    const a = check(graduateWith(change(item)));
    expect(a.report.issues).toEqual([]);
  });
});

describe('correction.unchanged', () => {
  test('原信息 equal to 修改后信息 is an error on the 修改后信息 cell', () => {
    const a = check(enrolledWith({ 修改项目: '民族', 原信息: '回族', 修改后信息: '回族' }));
    expectIssue(a, { rule: 'correction.unchanged', cell: 'F4', severity: 'error', fix: null });
  });

  test('an unchanged 身份证号 is an error', () => {
    const id = makeId('19900101');
    const a = check(enrolledWith({ 修改项目: '身份证号', 原信息: id, 修改后信息: id }));
    expectIssue(a, { rule: 'correction.unchanged', cell: 'F4', severity: 'error', fix: null });
  });

  test('a real change is fine', () => {
    expectNoIssue(check(enrolledWith(change('民族'))), 'correction.unchanged');
  });
});

describe('correction.double-change (no 双改)', () => {
  test('姓名 then 身份证号 for one student: an error on the 修改项目 cell of the second change', () => {
    const sid = makeSid(2);
    const a = check(
      coSheet([coRecord(0), coRecord(1, { 学号: sid, ...change('姓名') }), coRecord(2, { 学号: sid, ...change('身份证号') })]),
    );
    expectIssue(a, { rule: 'correction.double-change', cell: 'D5', severity: 'error', fix: null });
    expect(issuesOf(a, 'correction.double-change')).toHaveLength(1);
  });

  test('身份证号 then 姓名 is a 双改 too', () => {
    const sid = makeSid(2);
    const a = check(
      coSheet([coRecord(0), coRecord(1, { 学号: sid, ...change('身份证号') }), coRecord(2, { 学号: sid, ...change('姓名') })]),
    );
    expectIssue(a, { rule: 'correction.double-change', cell: 'D5', severity: 'error', fix: null });
  });

  test('姓名 and 性别 for one student is fine; 姓名 and 身份证号 of two students is fine', () => {
    const sid = makeSid(2);
    const same = check(
      coSheet([coRecord(0), coRecord(1, { 学号: sid, ...change('姓名') }), coRecord(2, { 学号: sid, ...change('性别') })]),
    );
    expectNoIssue(same, 'correction.double-change');
    const two = check(coSheet([coRecord(0), coRecord(1, change('姓名')), coRecord(2, change('身份证号'))]));
    expectNoIssue(two, 'correction.double-change');
  });
});

describe('row.duplicate in the correction sheet: one row per (学号, 修改项目)', () => {
  test('the same student and item twice: an error on the 学号 cell of the second', () => {
    const sid = makeSid(2);
    const a = check(
      coSheet([coRecord(0), coRecord(1, { 学号: sid, ...change('民族') }), coRecord(2, { 学号: sid, ...change('民族') })]),
    );
    expectIssue(a, { rule: 'row.duplicate', cell: 'B5', severity: 'error', fix: null });
  });

  test('the same student with two items is fine', () => {
    const sid = makeSid(2);
    const a = check(
      coSheet([coRecord(0), coRecord(1, { 学号: sid, ...change('民族') }), coRecord(2, { 学号: sid, ...change('性别') })]),
    );
    expectNoIssue(a, 'row.duplicate');
  });
});

describe('correction.new-value', () => {
  test.each<[string, string, string]>([
    ['身份证号', makeId('19900101'), withWrongCheck(makeId('19900102'))],
    ['身份证号', makeId('19900101'), makeId('19900102').slice(0, 16)],
    ['性别', '男', '未知'],
    ['民族', '汉族', '火星族'],
    ['姓名', makeName(5), makeName(5) + '3'],
    ['出生日期', '1990-01-01', '1990-02-30'],
    ['入学文化程度', '高中', '幼儿园'],
  ])('a new %s that is not valid (%s → %s) is an error on the 修改后信息 cell', (item, from, to) => {
    const a = check(enrolledWith({ 修改项目: item, 原信息: from, 修改后信息: to }));
    expectIssue(a, { rule: 'correction.new-value', cell: 'F4', severity: 'error', fix: null });
  });

  test('a new 民族 in short form keeps its own fixable rule (汉 → 汉族), not new-value', () => {
    const a = check(enrolledWith({ 修改项目: '民族', 原信息: '回族', 修改后信息: '汉' }));
    expectIssue(a, { rule: 'ethnicity.invalid', cell: 'F4', severity: 'error', fix: { value: '汉族' } });
    expectNoIssue(a, 'correction.new-value');
  });

  test('a new 出生日期 that disagrees with the row 身份证号 is correction.new-value', () => {
    const header = [...CO_HEADER, '身份证号'];
    const a = check(
      coSheet([coRecord(0), coRecord(1, { 修改项目: '出生日期', 原信息: '1990-01-01', 修改后信息: '1990-01-05', 身份证号: makeId('19900102') }), coRecord(2)], {
        header,
      }),
    );
    expectIssue(a, { rule: 'correction.new-value', cell: 'F4', severity: 'error', fix: null });
    const ok = check(
      coSheet([coRecord(0), coRecord(1, { 修改项目: '出生日期', 原信息: '1990-01-01', 修改后信息: '1990-01-02', 身份证号: makeId('19900102') }), coRecord(2)], {
        header,
      }),
    );
    expectNoIssue(ok, 'correction.new-value');
  });

  test.each(Object.keys(VALID_CHANGES))('a valid new %s is fine', (item) => {
    expectNoIssue(check(enrolledWith(change(item))), 'correction.new-value');
  });
});

describe('correction.change-type', () => {
  test('a 修改类型 that is neither 录入错误 nor 信息变更 is an error on its cell', () => {
    const a = check(enrolledWith({ 修改类型: '随便改改' }));
    expectIssue(a, { rule: 'correction.change-type', cell: 'G4', severity: 'error', fix: null });
  });

  test.each(['录入错误', '信息变更'])('%s is fine', (t) => {
    expectNoIssue(check(enrolledWith({ 修改类型: t })), 'correction.change-type');
  });
});

describe('correction.graduate-change', () => {
  test('a 毕业生 row of type 信息变更 is a warning on the 修改类型 cell', () => {
    const a = check(graduateWith({ 修改类型: '信息变更' }));
    expectIssue(a, { rule: 'correction.graduate-change', cell: 'G4', severity: 'warning', fix: null });
  });

  test('a 毕业生 row of type 录入错误 is fine; an 在籍生 信息变更 is fine', () => {
    expectNoIssue(check(graduateWith({ 修改类型: '录入错误' })), 'correction.graduate-change');
    expectNoIssue(check(enrolledWith({ 修改类型: '信息变更' })), 'correction.graduate-change');
  });
});

describe('correction.new-student-window (first semester: spring until 31 Aug, autumn until end of Feb)', () => {
  /** A 新生 sheet with one record (row 3, 学号 in B3). */
  const newSheet = (sid: string) => coSheet([coRecord(0, { 学号: sid })], { variant: 'new' });
  const at = (sid: string, reportDate: Ymd) => check(newSheet(sid), { reportDate });
  const spring2026 = makeSid(1, { year: 2026 });
  const autumn2025 = makeSid(50001, { year: 2025 });
  const autumn2023 = makeSid(50001, { year: 2023 });

  test('spring intake, reported on 31 August: inside the window', () => {
    const a = at(spring2026, { y: 2026, m: 8, d: 31 });
    expect(a.report.template).toBe('correction-new');
    expectNoIssue(a, 'correction.new-student-window');
  });

  test('spring intake, reported on 1 September: a warning on the 学号 cell', () => {
    const a = at(spring2026, { y: 2026, m: 9, d: 1 });
    expectIssue(a, { rule: 'correction.new-student-window', cell: 'B3', severity: 'warning', fix: null });
  });

  test('autumn intake, reported on 28 February: inside the window', () => {
    expectNoIssue(at(autumn2025, { y: 2026, m: 2, d: 28 }), 'correction.new-student-window');
  });

  test('autumn intake, reported on 1 March: a warning', () => {
    const a = at(autumn2025, { y: 2026, m: 3, d: 1 });
    expectIssue(a, { rule: 'correction.new-student-window', cell: 'B3', severity: 'warning', fix: null });
  });

  test('autumn intake with a leap February: 29 February is inside, 1 March outside', () => {
    expectNoIssue(at(autumn2023, { y: 2024, m: 2, d: 29 }), 'correction.new-student-window');
    expectIssue(at(autumn2023, { y: 2024, m: 3, d: 1 }), {
      rule: 'correction.new-student-window',
      cell: 'B3',
      severity: 'warning',
      fix: null,
    });
  });

  test('a year later is outside; the same student on an 在籍生 sheet has no window', () => {
    expectIssue(at(spring2026, { y: 2027, m: 4, d: 1 }), {
      rule: 'correction.new-student-window',
      cell: 'B3',
      severity: 'warning',
      fix: null,
    });
    const enrolled = check(coSheet([coRecord(0, { 学号: spring2026 })], { variant: 'enrolled' }), { reportDate: { y: 2027, m: 4, d: 1 } });
    expectNoIssue(enrolled, 'correction.new-student-window');
  });
});

describe('the wide layout (原姓名 | 新姓名 | 原身份证号 | 新身份证号 …)', () => {
  const WIDE = ['序号', '学号', '姓名', '原姓名', '新姓名', '原身份证号', '新身份证号', '修改类型'];
  const wideRow = (i: number, oldName: string, newName: string, oldId: string, newId: string) => [
    i + 1,
    makeSid(i + 1),
    makeName(i),
    oldName,
    newName,
    oldId,
    newId,
    '录入错误',
  ];
  const wideSheet = (rows: (string | number)[][]) =>
    sheetOf('Sheet1', [[CO_TITLE.enrolled], WIDE, ...rows, [CORR_SIGNATURE]], ['A1:H1']);

  test('a clean wide sheet is recognised as a correction sheet and gives no issue', () => {
    const a = check(
      wideSheet([
        wideRow(0, makeName(0) + '玮', makeName(0), '', ''),
        wideRow(1, '', '', makeId('19900101'), makeId('19900102')),
      ]),
    );
    expect(a.report.template).toBe('correction-enrolled');
    expect(a.report.headerRow).toBe(2);
    expect(a.report.issues).toEqual([]);
  });

  test('an invalid new ID is correction.new-value on the 新身份证号 cell', () => {
    const a = check(wideSheet([wideRow(0, '', '', makeId('19900101'), withWrongCheck(makeId('19900102')))]));
    expectIssue(a, { rule: 'correction.new-value', cell: 'G3', severity: 'error', fix: null });
  });

  test('原姓名 equal to 新姓名 is correction.unchanged on the 新姓名 cell', () => {
    const a = check(wideSheet([wideRow(0, makeName(0), makeName(0), '', '')]));
    expectIssue(a, { rule: 'correction.unchanged', cell: 'E3', severity: 'error', fix: null });
  });

  test('姓名 and 身份证号 changed in one row is a 双改', () => {
    const a = check(wideSheet([wideRow(0, makeName(0) + '玮', makeName(0), makeId('19900101'), makeId('19900102'))]));
    const hits = issuesOf(a, 'correction.double-change');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe('error');
    expect(hits[0]!.row).toBe(3);
  });

  test('a merged group header (姓名, 身份证号) over 原/新 sub-headers is read as one header', () => {
    const sheet = sheetOf(
      'Sheet1',
      [
        [CO_TITLE.enrolled],
        ['序号', '学号', '姓名', '姓名', '', '身份证号', '', '修改类型'],
        ['', '', '', '原', '新', '原', '新', ''],
        [1, makeSid(1), makeName(0), makeName(0) + '玮', makeName(0), '', '', '录入错误'],
        [2, makeSid(2), makeName(1), '', '', makeId('19900101'), withWrongCheck(makeId('19900102')), '录入错误'],
        [3, makeSid(3), makeName(2), makeName(2), makeName(2), '', '', '录入错误'],
        [CORR_SIGNATURE],
      ],
      ['A1:H1', 'D2:E2', 'F2:G2', 'A2:A3', 'B2:B3', 'C2:C3', 'H2:H3'],
    );
    const a = check(sheet);
    expect(a.report.template).toBe('correction-enrolled');
    expect(a.report.headerRow).toBe(3);
    expect(a.report.records).toBe(3);
    expectNoIssue(a, 'header.missing-column');
    expectIssue(a, { rule: 'correction.new-value', cell: 'G5', severity: 'error', fix: null });
    expectIssue(a, { rule: 'correction.unchanged', cell: 'E6', severity: 'error', fix: null });
    expect(a.report.issues).toHaveLength(2);
  });
});
