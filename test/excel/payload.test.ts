import fc from 'fast-check';
import { groupByBudget, jsonBytes, utf8Length } from '../../src/excel/payload';
import { base64Encode } from '../../src/excel/open-workbook';
import { changedRows, OwnWriteTracker } from '../../src/excel/events';
import { entryFormat, planWrites } from '../../src/excel/write';

test('utf8Length equals Buffer.byteLength for any string', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'))));
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'))));
  expect(jsonBytes({ 姓名: '张三' })).toBe(Buffer.byteLength('{"姓名":"张三"}'));
});

test('base64Encode equals Buffer base64 for any bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString('base64'))),
  );
});

test('groupByBudget keeps order and stays within budget (an oversized item goes alone)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 100 })), fc.integer({ min: 50, max: 300 }), (sizes, budget) => {
      const groups = groupByBudget(sizes, (x) => x, budget);
      expect(groups.flat()).toEqual(sizes);
      for (const g of groups) expect(g.length === 1 || g.reduce((a, b) => a + b, 0) <= budget).toBe(true);
    }),
  );
});

test('entry formats: text under @ first, formulas/numbers never under @', () => {
  expect(entryFormat({ row: 1, col: 0, value: '0123', numberFormat: 'General' })).toBe('@');
  expect(entryFormat({ row: 1, col: 0, value: 5, numberFormat: '@' })).toBe('General');
  expect(entryFormat({ row: 1, col: 0, value: 5, numberFormat: '0.00' })).toBe('0.00');
  expect(entryFormat({ row: 1, col: 0, value: 1, formula: '=A1', numberFormat: '@' })).toBe('General');
  expect(entryFormat({ row: 1, col: 0, value: '#N/A', error: true, numberFormat: 'General' })).toBe('General');
  expect(entryFormat({ row: 1, col: 0, value: null, numberFormat: '@' })).toBe('@');
  const [b] = planWrites([{ row: 2, col: 1, value: '007', numberFormat: 'General' }]);
  expect(b).toMatchObject({ address: 'B2', entryFormats: [['@']], values: [['007']], finalFormats: [['General']] });
});

test('changed rows: single edits, whole columns and structural changes', () => {
  expect(changedRows('B3', 'RangeEdited', 0)).toEqual([3]);
  expect(changedRows('B3:C5', 'RangeEdited', 0)).toEqual([3, 4, 5]);
  expect(changedRows('C:C', 'RangeEdited', 4)).toEqual([1, 2, 3, 4]);
  expect(changedRows('5:5', 'RowInserted', 8)).toEqual([5, 6, 7, 8]);
  expect(changedRows('garbage', 'RangeEdited', 8)).toEqual([]);
});

test('OwnWriteTracker: own writes during and shortly after, not the user elsewhere or later', () => {
  let now = 1000;
  const t = new OwnWriteTracker(() => now, 3000);
  const token = t.begin('S', [{ top: 2, bottom: 10, left: 1, right: 1 }]);
  expect(t.isOwnWrite('S', [{ top: 3, bottom: 4, left: 1, right: 1 }])).toBe(true);
  expect(t.isOwnWrite('S', [{ top: 3, bottom: 11, left: 1, right: 1 }])).toBe(false);
  expect(t.isOwnWrite('Other', [{ top: 3, bottom: 3, left: 1, right: 1 }])).toBe(false);
  t.end(token);
  now += 2999;
  expect(t.isOwnWrite('S', [{ top: 2, bottom: 2, left: 1, right: 1 }])).toBe(true);
  now += 2;
  expect(t.isOwnWrite('S', [{ top: 2, bottom: 2, left: 1, right: 1 }])).toBe(false);
});
