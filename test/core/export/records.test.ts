/**
 * From checked sheets to export records (core/export/records.ts): fixes applied, the errors no fix resolves kept with
 * the user's own cells, unusable values carried over unchanged, records found after the end marker kept, blank rows
 * dropped, order as the template requires, one export per recognised sheet.
 */
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';
import { prepareExports, stableSortByKey } from '../../../src/core/export/records';
import { buildExportWorkbook } from '../../../src/core/export/build';
import type { ExportRecord } from '../../../src/core/export/types';
import type { SheetInput } from '../../../src/core/types';
import { CORR_SIGNATURE, REASON, TERMINATOR, WD_SIGNATURE, makeName, makeSid, sheetOf } from '../../helpers/rules';
import { REPORT_DATE } from '../../helpers/sheet';

const prepare = (sheets: SheetInput[]) => prepareExports(sheets, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
const WD = ['序号', '分部名称', '学号全码', '学生姓名'];
const CORR = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];

describe('errors no fix resolves', () => {
  const input = sheetOf('退学', [
    WD,
    [1, '河北分部', makeSid(1), makeName(0)],
    [2, '河北分部', '12345', makeName(1)],
    [3, '河北分部', 1.30101200001e17, makeName(2)],
    [4, '河北分部', { kind: 'error', value: '#N/A' }, makeName(3)],
    [5, '河北分部', makeSid(1), makeName(4)],
    [WD_SIGNATURE],
  ]);
  const sx = prepare([input]).exports[0]!;

  it('are kept with the cell of the user’s sheet they point at', () => {
    expect(sx.errors.map((i) => `${i.rule}@${i.cell}`)).toEqual([
      'student-id.format@C3',
      'cell.precision-lost@C4',
      'cell.error-value@C5',
      'row.duplicate@C6',
    ]);
  });

  it('leave an unusable value as it is: a number whose digits are lost stays a number, an error stays an error', () => {
    const byRow = new Map(sx.records.map((r) => [r.sourceRow, r.values.studentId]));
    expect(byRow.get(4)).toBe(1.30101200001e17);
    expect(byRow.get(5)).toEqual({ error: '#N/A' });
    expect(byRow.get(3)).toBe('12345');
  });

  it('do not stop the records from being put in order (unreadable keys last, in sheet order)', () => {
    expect(sx.records.map((r) => r.sourceRow)).toEqual([3, 2, 6, 4, 5]);
  });
});

it('a sort the user\'s sheet cannot take in place (a formula reading the row above) is made by the export: no error left', () => {
  const running = (formula: string, value: number) => ({ kind: 'number' as const, value, formula });
  const input = sheetOf('退学', [
    [...WD, '累计'],
    [1, '河北分部', makeSid(2), makeName(1), 1],
    [2, '河北分部', makeSid(1), makeName(0), running('E2+1', 2)],
    [WD_SIGNATURE],
  ]);
  const sx = prepare([input]).exports[0]!;
  expect(sx.errors).toEqual([]);
  expect(sx.records.map((r) => r.sourceRow)).toEqual([3, 2]);
});

it('records after the terminator join the others; blank rows between records are dropped; the marker row is not a record', () => {
  const input = sheetOf('免考', [
    ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'],
    ['01300801', makeSid(1), makeName(0), '71', REASON[1]],
    [],
    ['01300801', makeSid(2), makeName(1), '69', REASON[1]],
    [TERMINATOR],
    ['01300801', makeSid(3), makeName(2), '71', REASON[3]],
  ]);
  const sx = prepare([input]).exports[0]!;
  expect(sx.errors).toEqual([]);
  expect(sx.records.map((r) => [r.sourceRow, r.values.studentId])).toEqual([
    [2, makeSid(1)],
    [4, makeSid(2)],
    [6, makeSid(3)],
  ]);
  const rows = buildExportWorkbook(sx, DEFAULT_PROFILE, { reportDate: REPORT_DATE }).sheets[0]!.rows;
  expect(rows.map((r) => r.role)).toEqual(['header', 'record', 'record', 'record', 'terminator']);
});

it('the exemption table keeps the sheet’s order by default (no notice asks for one)', () => {
  const input = sheetOf('免考', [
    ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'],
    ['01300801', makeSid(9), makeName(0), '71', REASON[1]],
    ['01300801', makeSid(1), makeName(1), '69', REASON[1]],
    [TERMINATOR],
  ]);
  expect(prepare([input]).exports[0]!.records.map((r) => r.values.studentId)).toEqual([makeSid(9), makeSid(1)]);
});

it('one export per recognised sheet, variants apart; unrecognised sheets are listed as skipped, empty ones ignored', () => {
  const title = (v: string) => `国家开放大学(原中央广播电视大学)${v}基本信息修改情况统计表`;
  const sheets = [
    sheetOf('新生', [[title('新生')], CORR, [1, makeSid(50001, { year: 2026 }), makeName(0), '民族', '满族', '汉族', '录入错误', null], [CORR_SIGNATURE]]),
    sheetOf('说明', [['填表说明：请按学号升序填写']]),
    sheetOf('空表', []),
    sheetOf('在籍生', [[title('在籍生')], CORR, [1, makeSid(7), makeName(1), '性别', '女', '男', '录入错误', null], [CORR_SIGNATURE]]),
  ];
  const prep = prepare(sheets);
  expect(prep.exports.map((e) => [e.sheet, e.template])).toEqual([
    ['新生', 'correction-new'],
    ['在籍生', 'correction-enrolled'],
  ]);
  expect(prep.skipped).toEqual([{ sheet: '说明', reason: '未识别为任何模板' }]);
});

it('several changes of one student keep their order after sorting (the sort is stable)', () => {
  const a = makeSid(5);
  const b = makeSid(2);
  const input = sheetOf('在籍生', [
    CORR,
    [1, a, makeName(0), '民族', '满族', '汉族', '录入错误', null],
    [2, b, makeName(1), '性别', '女', '男', '录入错误', null],
    [3, a, makeName(0), '性别', '男', '女', '录入错误', null],
    [CORR_SIGNATURE],
  ]);
  const sx = prepare([input]).exports[0]!;
  expect(sx.records.map((r) => [r.values.studentId, r.values.item])).toEqual([
    [b, '性别'],
    [a, '民族'],
    [a, '性别'],
  ]);
});

it('stableSortByKey: ascending, ties in input order, empty keys last', () => {
  const rec = (key: string, sourceRow: number): ExportRecord => ({ key, sourceRow, values: {} });
  const sorted = stableSortByKey([rec('', 1), rec('3', 2), rec('1', 3), rec('3', 4), rec('', 5), rec('2', 6)]);
  expect(sorted.map((r) => r.sourceRow)).toEqual([3, 6, 2, 4, 1, 5]);
});
