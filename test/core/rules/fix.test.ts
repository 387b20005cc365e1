/**
 * Fixing is idempotent (DOMAIN.md §5–§6): applying every planned patch to a defective sheet gives a sheet with
 * no fixable issue left, and planning again on it gives no patch at all.
 */
import { applyPatchesToSheet, planFixes } from '../../../src/core/engine/fix';
import { makeId } from '../../helpers/sheet';
import {
  check,
  CO_TITLE,
  coRecord,
  coSheet,
  EX_FULL_HEADER,
  EX_HEADER,
  EX_TITLE,
  exFullRecord,
  exRecord,
  exSheet,
  idEndingInX,
  makeName,
  PROFILE,
  REASON,
  rowsFor,
  rules,
  sheetOf,
  TERMINATOR,
  textRows,
  WD_HEADER,
  WD_SIGNATURE,
  wdRecord,
  wdRecords,
  wdSheet,
  type V,
} from '../../helpers/rules';
import type { SheetInput } from '../../../src/core/types';

function fixOnce(sheet: SheetInput): SheetInput {
  const a = check(sheet);
  expect(a.report.issues.some((i) => i.fix)).toBe(true);
  const plan = planFixes(sheet, PROFILE, a);
  expect(plan.patches.length + (plan.renameSheet ? 1 : 0)).toBeGreaterThan(0);
  return applyPatchesToSheet(sheet, plan.patches, plan.renameSheet);
}

function expectIdempotent(sheet: SheetInput): SheetInput {
  const fixed = fixOnce(sheet);
  const again = check(fixed);
  expect(again.report.issues.filter((i) => i.fix).map((i) => `${i.rule}@${i.cell ?? '-'}`)).toEqual([]);
  const plan = planFixes(fixed, PROFILE, again);
  expect(plan.patches).toEqual([]);
  expect(plan.renameSheet).toBeNull();
  return fixed;
}

test('a withdrawal roster with numbers, spaces, wrong order and 序号, no signature and a wrong sheet name', () => {
  const recs = wdRecords(5);
  const messy = [
    wdRecord(3, { 序号: 1 }),
    wdRecord(0, { 序号: 2, 学号全码: Number(recs[0]!['学号全码']) }),
    wdRecord(4, { 序号: 2, 学生姓名: ` ${makeName(4)}\u00a0` }),
    wdRecord(1, { 序号: 4, 分部名称: '河北 分部' }),
    wdRecord(2, { 序号: 7, 学号全码: String(recs[2]!['学号全码']).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }),
  ];
  const fixed = expectIdempotent(wdSheet(messy, { signature: false, name: 'Sheet1' }));
  expect(fixed.name).toBe('退学');
  expect(check(fixed).report.issues).toEqual([]);
  expect(textRows(fixed)).toEqual([
    WD_HEADER,
    ...recs.map((r) => [String(r['序号']), '河北分部', String(r['学号全码']), String(r['学生姓名'])]),
    [WD_SIGNATURE],
  ]);
});

test('an exemption table with padded codes, names, x, M, 汉, 20春, no terminator and a 备注 block below', () => {
  const x = idEndingInX('19850612', true);
  const messy = [
    exFullRecord(0, { 学习中心代码: 1300801 }),
    exFullRecord(1, { 学习中心代码: '1300801', 免考科目代码: '', 免考科目名称: '大学英语B' }),
    exFullRecord(2, { 身份证号: x.slice(0, 17) + 'x', 性别: 'M', 民族: '汉', 入学年度学期: '20春' }),
    exFullRecord(3, { 姓名: `${makeName(3)}•${makeName(20)}`, 免考原因: ` ${REASON[3]} ` }),
  ];
  const header = [...EX_FULL_HEADER, '免考科目名称'];
  const remark: V[][] = [['备注：'], ['1、' + REASON[1]], ['2、' + REASON[2]]];
  const sheet = exSheet(messy, { header, terminator: false, after: remark });
  const before = check(sheet);
  expect(rules(before)).toEqual(
    expect.arrayContaining(['table.terminator@A7', 'exemption.subject-code@D4', 'cell.number-stored@A3', 'name.invalid@C6', 'id-card.format@F5']),
  );
  const fixed = expectIdempotent(sheet);
  expect(check(fixed).report.issues).toEqual([]);
  const text = textRows(fixed);
  expect(text[6]).toEqual([TERMINATOR]);
  expect(text.slice(7)).toEqual(remark.map((r) => r.map(String)));
});

test('an exemption table with records after the terminator and a misplaced terminator', () => {
  const recs = [0, 1, 2].map((i) => exRecord(i, { 学习中心代码: '1300801' }));
  const sheet = sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, recs.slice(0, 1)), [], [TERMINATOR], ...rowsFor(EX_HEADER, recs.slice(1))]);
  const fixed = expectIdempotent(sheet);
  expect(check(fixed).report.issues).toEqual([]);
});

test('a correction sheet: unsorted, 序号 wrong, short forms, spaces and no signature row', () => {
  const messy = [
    coRecord(2, { 序号: 1, 修改后信息: '汉', 原信息: '回族' }),
    coRecord(0, { 序号: 1, 修改项目: '性别', 原信息: '女', 修改后信息: 'M' }),
    coRecord(1, { 序号: 3, 姓名: makeName(1) + ' ', 修改项目: '身份证号', 原信息: makeId('19900101'), 修改后信息: ` ${makeId('19900102')} ` }),
  ];
  const fixed = expectIdempotent(coSheet(messy, { variant: 'enrolled', signature: false }));
  expect(check(fixed).report.issues).toEqual([]);
  expect(textRows(fixed)[0]).toEqual([CO_TITLE.enrolled]);
});

test('a roster with a blank row between records', () => {
  const recs = wdRecords(3);
  const sheet = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, recs.slice(0, 2)), [], ...rowsFor(WD_HEADER, recs.slice(2)), [WD_SIGNATURE]]);
  expectIdempotent(sheet);
});

test('an exemption table with a blank row between records', () => {
  const recs = [0, 1, 2].map((i) => exRecord(i));
  const sheet = sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, recs.slice(0, 1)), [], ...rowsFor(EX_HEADER, recs.slice(1)), [TERMINATOR]]);
  expectIdempotent(sheet);
});

test('a roster with a blank row and no signature row at all', () => {
  const recs = wdRecords(3);
  const sheet = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, recs.slice(0, 2)), [], ...rowsFor(WD_HEADER, recs.slice(2))]);
  const fixed = expectIdempotent(sheet);
  expect(textRows(fixed)).toEqual([WD_HEADER, ...rowsFor(WD_HEADER, recs).map((r) => r.map(String)), [WD_SIGNATURE]]);
});
