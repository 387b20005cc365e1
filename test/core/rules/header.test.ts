/**
 * Reading the header (DOMAIN.md §4): the first of the first 20 rows that maps a template's required columns,
 * title rows above it ignored; synonyms; header text compared without spaces, full-width forms and brackets.
 */
import { makeId } from '../../helpers/sheet';
import {
  check,
  CO_HEADER,
  coRecord,
  coSheet,
  EX_HEADER,
  EX_TITLE,
  exRecord,
  expectIssue,
  expectNoIssue,
  issuesOf,
  makeName,
  makeSid,
  REASON,
  rowsFor,
  sheetOf,
  TERMINATOR,
  WD_HEADER,
  WD_SIGNATURE,
  wdRecords,
  withWrongCheck,
  type V,
} from '../../helpers/rules';

describe('header.missing-column', () => {
  test('a roster without 分部名称: an error with cell null and no fix', () => {
    const header = ['序号', '学号全码', '学生姓名'];
    const a = check(sheetOf('退学', [header, ...rowsFor(header, wdRecords(2)), [WD_SIGNATURE]]));
    expect(a.report.template).toBe('withdrawal');
    const issue = expectIssue(a, { rule: 'header.missing-column', cell: null, severity: 'error', fix: null });
    expect(issue.field).toBe('branchName');
    expect(issue.row).toBeNull();
  });

  test('an exemption table without 免考原因', () => {
    const header = EX_HEADER.slice(0, 4);
    const a = check(sheetOf('Sheet1', [header, ...rowsFor(header, [exRecord(0)]), [TERMINATOR]]));
    expect(a.report.template).toBe('exemption');
    const issue = expectIssue(a, { rule: 'header.missing-column', cell: null, severity: 'error', fix: null });
    expect(issue.field).toBe('reason');
  });

  test('a correction sheet without 原信息', () => {
    const header = CO_HEADER.filter((h) => h !== '原信息');
    const a = check(coSheet([coRecord(0)], { header }));
    const issue = expectIssue(a, { rule: 'header.missing-column', cell: null, severity: 'error', fix: null });
    expect(issue.field).toBe('oldValue');
  });

  test('complete headers give no missing column', () => {
    expectNoIssue(check(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(2)), [WD_SIGNATURE]])), 'header.missing-column');
    expectNoIssue(check(coSheet([coRecord(0)])), 'header.missing-column');
  });
});

describe('header.duplicate-column', () => {
  test('学号 and 学号全码 both present: an error with cell null', () => {
    const header = [...WD_HEADER, '学号'];
    const recs = wdRecords(2).map((r) => ({ ...r, 学号: r['学号全码'] }));
    const a = check(sheetOf('退学', [header, ...rowsFor(header, recs), [WD_SIGNATURE]]));
    const issue = expectIssue(a, { rule: 'header.duplicate-column', cell: null, severity: 'error', fix: null });
    expect(issue.field).toBe('studentId');
  });

  test('姓名 twice under two synonyms is a duplicate', () => {
    const header = [...EX_HEADER, '学生姓名'];
    const recs = [exRecord(0)].map((r) => ({ ...r, 学生姓名: r['姓名'] }));
    const a = check(sheetOf('Sheet1', [header, ...rowsFor(header, recs), [TERMINATOR]]));
    expectIssue(a, { rule: 'header.duplicate-column', cell: null, severity: 'error', fix: null });
  });

  test('distinct columns are fine', () => {
    expectNoIssue(check(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(2)), [WD_SIGNATURE]])), 'header.duplicate-column');
  });
});

describe('the header row below title rows', () => {
  const bad = makeSid(2).slice(0, 12);

  test('row 1 a merged title, header on row 2: issues point at the user rows', () => {
    const recs = [exRecord(0), exRecord(1, { 学号: bad })];
    const a = check(sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, recs), [TERMINATOR]], ['A1:E1']));
    expect(a.report.template).toBe('exemption');
    expect(a.report.headerRow).toBe(2);
    expect(a.report.records).toBe(2);
    expectIssue(a, { rule: 'student-id.format', cell: 'B4', severity: 'error', fix: null });
  });

  test('row 1 a merged title, row 2 a 填报单位 line, header on row 3', () => {
    const recs = [exRecord(0), exRecord(1, { 学号: bad })];
    const rows: V[][] = [[EX_TITLE], ['填报单位：某某学习中心', '', '', '填报日期：2026年11月'], EX_HEADER, ...rowsFor(EX_HEADER, recs), [TERMINATOR]];
    const a = check(sheetOf('Sheet1', rows, ['A1:E1', 'A2:C2']));
    expect(a.report.headerRow).toBe(3);
    expect(a.report.records).toBe(2);
    expectIssue(a, { rule: 'student-id.format', cell: 'B5', severity: 'error', fix: null });
  });

  test('a title merged over two rows (A1:D2), header on row 3', () => {
    const rows: V[][] = [['河北分部学信网退学汇总名单'], [], WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(2)), [WD_SIGNATURE]];
    const a = check(sheetOf('退学', rows, ['A1:D2']));
    expect(a.report.template).toBe('withdrawal');
    expect(a.report.headerRow).toBe(3);
    expect(a.report.issues).toEqual([]);
  });

  test('a header below row 20 is not found', () => {
    const rows: V[][] = [...Array.from({ length: 20 }, (_, i) => [`说明第${i + 1}行`]), WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(1))];
    const a = check(sheetOf('退学', rows));
    expect(a.report.template).toBeNull();
    expect(issuesOf(a, 'sheet.unknown-template')).toHaveLength(1);
  });
});

describe('header synonyms and spelling', () => {
  /** An exemption sheet with the given header texts (in EX_HEADER + 身份证号 order) and a wrong ID on row 3. */
  function exemptionHeadedBy(header: string[]) {
    const rec = [exRecord(0)].map((r) => [r['学习中心代码'], r['学号'], r['姓名'], r['免考科目代码'], r['免考原因'], withWrongCheck(makeId('19800101'))]);
    return sheetOf('Sheet1', [header, ...rec, [TERMINATOR]]);
  }
  const expectMapped = (header: string[]) => {
    const a = check(exemptionHeadedBy(header));
    expect(a.report.template).toBe('exemption');
    expectNoIssue(a, 'header.missing-column');
    const issue = expectIssue(a, { rule: 'id-card.checksum', cell: 'F2', severity: 'error', fix: null });
    expect(issue.column).toBe(header[5]);
    expect(issue.field).toBe('idCard');
    return a;
  };

  test.each(['身份证号', '证件号', '身份证号码'])('the ID column may be headed %s', (h) => {
    expectMapped(['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因', h]);
  });

  test.each(['学习中心代码', '中心代码'])('the centre code column may be headed %s', (h) => {
    expectMapped([h, '学号', '姓名', '免考科目代码', '免考原因', '身份证号']);
  });

  test('学号全码 and 学生姓名 are 学号 and 姓名', () => {
    const a = expectMapped(['学习中心代码', '学号全码', '学生姓名', '免考科目代码', '免考原因', '身份证号']);
    expect(a.header!.fields.get('studentId')).toBe(1);
    expect(a.header!.fields.get('name')).toBe(2);
  });

  test('spaces, ideographic spaces, full-width letters and bracketed notes in header text are ignored', () => {
    expectMapped(['学习中心代码（8位）', '学　号', '姓 名', '免考科目代码(71/69)', '免考原因（参照表后备注填写）', '身份证号【18位】']);
  });

  test('full-width brackets around a header and a required-marker are ignored', () => {
    expectMapped(['*学习中心代码', '（学号）', '姓名*', '免考科目代码', '免考原因', '身份证号码（１８位）']);
  });

  test('the withdrawal columns under their synonyms: 学号全码 / 学生姓名 and 学号 / 姓名', () => {
    for (const header of [WD_HEADER, ['序号', '分部名称', '学号', '姓名']]) {
      const recs = wdRecords(2).map((r) => [r['序号'], r['分部名称'], r['学号全码'], r['学生姓名']]);
      const a = check(sheetOf('退学', [header, ...recs, [WD_SIGNATURE]]));
      expect(a.report.template).toBe('withdrawal');
      expect(a.report.issues).toEqual([]);
    }
  });

  test('the column of an issue is the user’s own header text', () => {
    const header = ['序号', '分部名称', '学号 全码', '学生 姓名'];
    const a = check(sheetOf('退学', [header, [1, '河北分部', makeSid(1), makeName(0) + ' ']]));
    const issue = expectIssue(a, { rule: 'cell.whitespace', cell: 'D2', severity: 'error', fix: { value: makeName(0) } });
    expect(issue.column).toBe('学生 姓名');
    expect(issue.field).toBe('name');
  });
});

describe('the reasons legend does not count as records', () => {
  test('免考原因 legend rows after the terminator are ignored', () => {
    const rows: V[][] = [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, [exRecord(0)]), [TERMINATOR], ['备注：'], ['1、' + REASON[1]]];
    const a = check(sheetOf('Sheet1', rows, ['A1:E1']));
    expect(a.report.records).toBe(1);
    expect(a.report.issues).toEqual([]);
  });
});
