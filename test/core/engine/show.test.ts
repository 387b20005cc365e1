/** Showing values in fix previews (core/engine/show.ts, issue 9 item 7): invisible characters and the value's type. */
import { hasHidden, showCell, showPatch, shownText, visible } from '../../../src/core/engine/show';

test('every space, line break and invisible character gets a mark', () => {
  expect(visible('孔桂 ')).toBe('孔桂␣');
  expect(visible('刘\u00a0洋\u3000\u200b')).toBe('刘⍽洋□¤');
  expect(visible('a\tb\r\nc\u202ed\ufeff')).toBe('a⇥b↵c¤d¤');
  expect(visible('刘洋')).toBe('刘洋');
  expect(hasHidden('刘洋')).toBe(false);
  expect(hasHidden('刘洋\u200b')).toBe(true);
});

test('both sides name the value type: 1300806（数字） → 01300806（文本）', () => {
  const before = showCell({ kind: 'number', value: 1300806 });
  const after = showPatch({ value: '01300806', numberFormat: '@' });
  expect(`${shownText(before)} → ${shownText(after)}`).toBe('1300806（数字） → 01300806（文本）');
  expect(shownText(showCell({ kind: 'string', value: '孔桂 ' }))).toBe('孔桂␣（文本）');
  expect(shownText(showCell(undefined))).toBe('（空）');
  expect(shownText(showPatch({ value: null, numberFormat: 'General' }))).toBe('（空）');
  expect(shownText(showCell({ kind: 'number', value: 43891, numberFormat: 'yyyy-mm-dd' }))).toBe('43891（数字，格式 yyyy-mm-dd）');
  expect(shownText(showCell({ kind: 'string', value: '3', formula: 'LEN(D2)' }))).toBe('3（公式）');
  expect(shownText(showCell({ kind: 'error', value: '#N/A' }))).toBe('#N/A（错误值）');
});
