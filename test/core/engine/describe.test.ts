/** A fix plan's table changes in words (core/engine/describe.ts, issue 9 item 7): a sort is rows moving. */
import { tableStory } from '../../../src/core/engine/describe';
import { planFixes } from '../../../src/core/engine/fix';
import { check, makeSid, PROFILE, WD_SIGNATURE, wdRecord, wdRecords, wdSheet, sheetOf, WD_HEADER, rowsFor } from '../../helpers/rules';

const story = (sheet: Parameters<typeof check>[0]) => tableStory(planFixes(sheet, PROFILE, check(sheet)), '学号');

test('a sort: "按学号升序重排：移动 N 行" with each row’s move and its 学号 (their 序号 move with them)', () => {
  const recs = wdRecords(3);
  const s = story(wdSheet([recs[2]!, recs[0]!, recs[1]!]));
  expect(s[0]).toEqual({
    title: '按学号升序重排：移动 3 行',
    items: [`第3行 → 第2行（学号 ${makeSid(1)}）`, `第4行 → 第3行（学号 ${makeSid(2)}）`, `第2行 → 第4行（学号 ${makeSid(3)}）`],
  });
  expect(s).toHaveLength(1);
});

test('序号 out of step: renumbered, counted in cells', () => {
  const s = story(wdSheet([wdRecord(0), wdRecord(1, { 序号: 5 }), wdRecord(2, { 序号: 6 })]));
  expect(s.map((x) => x.title)).toEqual(['重编序号（从1起连续）：改写 2 个单元格']);
});

test('a blank row removed: the records below move up; the signature row follows them', () => {
  const recs = wdRecords(2);
  const s = story(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, [recs[0]!]), [], ...rowsFor(WD_HEADER, [recs[1]!]), [WD_SIGNATURE]]));
  expect(s.map((x) => x.title)).toEqual(['删除空行（第3行），下面的记录上移：移动 1 行', '“经办人：”从第5行移到第4行（紧接最后一条记录）']);
});

test('a record below the signature row moves into the table; a missing signature row is written', () => {
  const s = story(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, [wdRecord(0)]), [WD_SIGNATURE], ...rowsFor(WD_HEADER, [wdRecord(1)])]));
  expect(s[0]!.title).toBe('把结束行 / 签字行之后的记录移入表格：移动 1 行');
  expect(story(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, [wdRecord(0)])])).map((x) => x.title)).toEqual(['在第3行写入“经办人：”']);
});

test('a chosen table fix left undone (together with the others it would lose something) comes first, with why', () => {
  const plan = planFixes(wdSheet(wdRecords(2)), PROFILE, check(wdSheet(wdRecords(2))));
  const refused = { ...plan, notFixed: [{ rule: 'table.unsorted', reason: '合并单元格 A5:D5 会被移动或拆开' }] };
  expect(tableStory(refused, '学号')[0]).toEqual({ title: '未修复「记录顺序」（table.unsorted）：合并单元格 A5:D5 会被移动或拆开', items: [] });
});
