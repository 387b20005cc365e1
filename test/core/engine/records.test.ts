/**
 * The end of the records (core/engine/records.ts). Issue 14 item 1: a row below the terminator, the 经办人 row or a
 * 备注 / 说明 line that looks like a record — a key-like value (full-width, mistyped, stored as a number) or a name — is
 * a record: counted, checked, moved into the table by the fix, exported, and reported by the end-marker rule; footer
 * text stays footer. Issue 9 item 6: a 说明 / 备注 line between the last record and the signature row is not called a
 * blank row: the message says what stands there.
 */
import { prepareExports } from '../../../src/core/export/records';
import {
  check,
  EX_HEADER,
  exRecord,
  expectIssue,
  expectNoIssue,
  fixAll,
  issuesOf,
  makeName,
  makeSid,
  PROFILE,
  REASON,
  REPORT_DATE,
  rowsFor,
  sheetOf,
  TERMINATOR,
  textRows,
  WD_HEADER,
  WD_SIGNATURE,
  wdRecord,
  wdRecords,
  type V,
} from '../../helpers/rules';

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const roster = (rows: V[][]) => sheetOf('退学', [WD_HEADER, ...rows]);
const wd = (i: number) => rowsFor(WD_HEADER, [wdRecord(i)])[0]!;

describe('rows below the end that look like records are records (issue 14)', () => {
  test.each([
    ['a full-width 学号', [4, '河北分部', fullWidth(makeSid(4)), makeName(3)], 'cell.fullwidth'],
    ['a mistyped 学号 (letter O for a zero)', [4, '河北分部', makeSid(4).replace(/0(?=\d{4}$)/, 'O'), makeName(3)], 'student-id.format'],
    ['a 学号 with spaces inside', [4, '河北分部', `${makeSid(4).slice(0, 6)} ${makeSid(4).slice(6)}`, makeName(3)], 'cell.whitespace'],
    ['a 学号 stored as a number', [4, '河北分部', Number(makeSid(4)), makeName(3)], 'cell.number-stored'],
    ['a name and no 学号', [4, '河北分部', '', makeName(3)], 'cell.required'],
    ['a name alone, starting the row', ['', '', '', makeName(3)], 'cell.required'],
  ] as const)('below the 经办人 row: %s is counted, checked and reported', (_what, row, rule) => {
    const a = check(roster([...wdRecords(3).map((_, i) => wd(i)), [WD_SIGNATURE], row as unknown as V[]]));
    expect(a.report.records).toBe(4);
    expect(a.layout!.recordsAfterEnd).toEqual([6]);
    expect(issuesOf(a, rule).some((i) => i.row === 6)).toBe(true);
    const end = expectIssue(a, { rule: 'table.signature-row', cell: 'A6', severity: 'warning', fix: 'table' });
    expect(end.message).toContain('第6行在签字行（经办人）（第5行）之后，看起来是学生记录');
  });

  test('below a 备注 line and below /记录行结束/ alike', () => {
    const remark = check(roster([wd(0), wd(1), ['备注：以下为补报学生'], wd(2)]));
    expect(remark.report.records).toBe(3);
    expect(issuesOf(remark, 'table.signature-row')[0]!.message).toContain('第5行在第4行“备注：以下为补报学生”之后');
    const ex = check(sheetOf('Sheet1', [EX_HEADER, ...rowsFor(EX_HEADER, [exRecord(0)]), [TERMINATOR], ['说明：另有一人'], ...rowsFor(EX_HEADER, [exRecord(1, { 学号: fullWidth(makeSid(2)) })])]));
    expect(ex.report.records).toBe(2);
    expectIssue(ex, { rule: 'table.terminator', cell: 'A4', severity: 'error', fix: 'table' });
    expectIssue(ex, { rule: 'cell.fullwidth', cell: 'B5', severity: 'error', fix: { value: makeSid(2) } });
  });

  test('the fix moves every one of them into the table, sorted, with the signature row after them and the footer below', () => {
    const sheet = roster([wd(0), wd(2), [WD_SIGNATURE], ['备注：补报'], [4, '河北分部', fullWidth(makeSid(2)), makeName(1)], [5, '河北分部', '', makeName(5)]]);
    const fixed = fixAll(sheet);
    expect(textRows(fixed)).toEqual([
      WD_HEADER,
      ['1', '河北分部', makeSid(1), makeName(0)],
      ['2', '河北分部', makeSid(2), makeName(1)],
      ['3', '河北分部', makeSid(3), makeName(2)],
      ['4', '河北分部', '', makeName(5)],
      [WD_SIGNATURE],
      ['备注：补报'],
    ]);
    const again = check(fixed);
    expect(again.report.records).toBe(4);
    expectNoIssue(again, 'table.signature-row');
  });

  test('the export writes them too', () => {
    const sheet = roster([wd(0), [WD_SIGNATURE], [2, '河北分部', fullWidth(makeSid(2)), makeName(1)]]);
    const sx = prepareExports([sheet], PROFILE, { reportDate: REPORT_DATE }).exports[0]!;
    expect(sx.records.map((r) => r.values.studentId)).toEqual([makeSid(1), makeSid(2)]);
  });

  test('footer text stays footer: signatures, dates, legends, totals, a signer’s name beside its label', () => {
    const footers: V[][] = [
      ['经办人：', '', '审核人：', '日期：2026年11月20日'],
      ['', '', '填表人：', makeName(7)],
      ['合计：3人'],
      ['1、' + REASON[1]],
      ['以下空白'],
      ['（盖章）'],
    ];
    const a = check(roster([wd(0), wd(1), wd(2), ...footers]));
    expect(a.report.records).toBe(3);
    expect(a.layout!.recordsAfterEnd).toEqual([]);
    expect(a.report.issues).toEqual([]);
  });

  test('a legend laid out in the table’s columns is no record', () => {
    const ex = check(sheetOf('Sheet1', [EX_HEADER, ...rowsFor(EX_HEADER, [exRecord(0)]), [TERMINATOR], ['序号', '免考原因', '可免科目'], [1, REASON[1], '71、69']]));
    expect(ex.report.records).toBe(1);
    expect(ex.report.issues).toEqual([]);
  });
});

describe('what stands between the last record and the end marker (issue 9 item 6)', () => {
  test('a 说明 line before the 经办人 row: the warning names it, not a blank row; the fix puts the signature row first', () => {
    const sheet = roster([wd(0), wd(1), ['说明：以上学生均已本人签字确认'], [WD_SIGNATURE]]);
    const a = check(sheet);
    const issue = expectIssue(a, { rule: 'table.signature-row', cell: 'A4', severity: 'warning', fix: 'table' });
    expect(issue.message).toContain('现在第4行是“说明：以上学生均已本人签字确认”');
    expect(issue.message).not.toContain('空行');
    expect(a.layout!.marker).toBe(5);
    expect(textRows(fixAll(sheet)).slice(3)).toEqual([[WD_SIGNATURE], ['说明：以上学生均已本人签字确认']]);
  });

  test('a 说明 line that mentions 签字 is not taken for the signature row', () => {
    const a = check(roster([wd(0), ['说明：以上学生均已本人签字确认']]));
    expect(a.layout!.marker).toBeNull();
    expect(issuesOf(a, 'table.signature-row')[0]!.message).toContain('现在第3行是“说明：以上学生均已本人签字确认”');
  });

  test('blank rows only: the message says so', () => {
    const a = check(roster([wd(0), [], [WD_SIGNATURE]]));
    expect(issuesOf(a, 'table.signature-row')[0]!.message).toContain('中间不能有空行');
  });

  test('a 备注 line before /记录行结束/: the error names it', () => {
    const a = check(sheetOf('Sheet1', [EX_HEADER, ...rowsFor(EX_HEADER, [exRecord(0)]), ['备注：原因见表后'], [TERMINATOR]]));
    const issue = expectIssue(a, { rule: 'table.terminator', cell: 'A3', severity: 'error', fix: 'table' });
    expect(issue.message).toContain('现在第3行是“备注：原因见表后”');
  });
});
