import type { Patch } from '../../src/core/types';
import type { ExcelSnapshot } from '../../src/excel/write';
import { cellState, FakeExcel, portFor } from './helpers';

/** Row 2 holds one of every kind of cell; row 3 is untouched by patches. */
function mixedSheet(fake: FakeExcel): void {
  fake.addSheet('T', [
    ['学号', '编码', '民族', '日期', '公式', '错误', '性别', '身份证号', '金额', '文本', '布尔文本', '空'],
    [
      2023010100001, // a number stored as a number (General)
      { v: '0123', fmt: 'General' }, // text in a General cell
      null, // empty
      { v: 36526, fmt: 'yyyy-mm-dd' }, // a date
      { v: 2023010100001, f: '=A2' }, // a formula
      { v: '#N/A', err: true }, // an error constant
      true, // a boolean
      { v: '110105199001011234', fmt: '@' }, // an ID stored as text
      { v: 1.5, fmt: '0.00' }, // a number with a format
      { v: '=abc', fmt: '@' }, // text that looks like a formula
      { v: 'TRUE', fmt: '@' }, // text that looks like a boolean
      { v: null, fmt: '@' }, // empty but formatted as text
    ],
    ['keep', 'keep'],
  ]);
}

const patches: Patch[] = [
  { cell: 'A2', value: '2023010100001', numberFormat: '@' },
  { cell: 'B2', value: '00123', numberFormat: '@' },
  { cell: 'C2', value: '汉族', numberFormat: 'General' },
  { cell: 'D2', value: '2000-01-01', numberFormat: '@' },
  { cell: 'E2', value: '2023010100001', numberFormat: '@' },
  { cell: 'F2', value: null, numberFormat: 'General' },
  { cell: 'G2', value: '男', numberFormat: 'General' },
  { cell: 'H2', value: '11010519900101123X', numberFormat: '@' },
  { cell: 'I2', value: null, numberFormat: '@' },
  { cell: 'J2', value: 'abc', numberFormat: '@' },
  { cell: 'K2', value: 1, numberFormat: 'General' },
  { cell: 'L2', value: '007', numberFormat: 'General' },
];

describe('fix → undo', () => {
  test('writes codes as text (@ first) and 撤销 restores every value, type, formula and number format', async () => {
    const fake = new FakeExcel();
    mixedSheet(fake);
    const before = cellState(fake.sheet('T'));
    const port = portFor(fake);
    const snapshot = (await port.applyPatches('T', patches)) as ExcelSnapshot;

    // The snapshot holds what was there before, cell by cell.
    expect(snapshot.sheet).toBe('T');
    expect(snapshot.renamedFrom).toBeUndefined();
    expect(snapshot.cells).toEqual([
      { cell: 'A2', value: 2023010100001, numberFormat: 'General' },
      { cell: 'B2', value: '0123', numberFormat: 'General' },
      { cell: 'C2', value: null, numberFormat: 'General' },
      { cell: 'D2', value: 36526, numberFormat: 'yyyy-mm-dd' },
      { cell: 'E2', value: 2023010100001, numberFormat: 'General', formula: '=A2' },
      { cell: 'F2', value: '#N/A', numberFormat: 'General', error: true },
      { cell: 'G2', value: true, numberFormat: 'General' },
      { cell: 'H2', value: '110105199001011234', numberFormat: '@' },
      { cell: 'I2', value: 1.5, numberFormat: '0.00' },
      { cell: 'J2', value: '=abc', numberFormat: '@' },
      { cell: 'K2', value: 'TRUE', numberFormat: '@' },
      { cell: 'L2', value: null, numberFormat: '@' },
    ]);

    // After the fix every patched cell holds exactly the patch's value (strings stay strings) and format.
    const s = fake.sheet('T');
    patches.forEach((p, j) => {
      const c = s.cell(2, j);
      expect([c?.v ?? null, c?.fmt ?? 'General', c?.f]).toEqual([p.value, p.numberFormat, undefined]);
    });
    expect(s.cell(3, 0)!.v).toBe('keep');

    // 撤销, even from a snapshot that went through JSON (as a pane might keep it).
    await port.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(cellState(fake.sheet('T'))).toBe(before);
  });

  test('a rename (sheet.name fix) is undone too', async () => {
    const fake = new FakeExcel();
    mixedSheet(fake);
    const before = cellState(fake.sheet('T'));
    const port = portFor(fake);
    const snapshot = await port.applyPatches('T', [{ cell: 'A1', value: '学号全码', numberFormat: 'General' }], '退学');
    expect(snapshot).toMatchObject({ sheet: '退学', renamedFrom: 'T' });
    expect(fake.sheets.map((x) => x.name)).toEqual(['退学']);
    await port.restore(snapshot);
    expect(fake.sheets.map((x) => x.name)).toEqual(['T']);
    expect(cellState(fake.sheet('T'))).toBe(before);
  });

  test('ExcelApi 1.20: the write is one undo group (the snapshot run is not); if Excel refuses to group, it writes ungrouped', async () => {
    const fake = new FakeExcel({ api: 20 });
    mixedSheet(fake);
    const port = portFor(fake);
    await port.applyPatches('T', patches.slice(0, 3));
    expect(fake.runs.map((r) => r.mergeUndoGroup ?? false)).toEqual([false, true]);
    expect(fake.runs.every((r) => r.delayForCellEdit)).toBe(true);

    const refusing = new FakeExcel({ api: 20, undoGroupUnsupported: true });
    mixedSheet(refusing);
    const before = cellState(refusing.sheet('T'));
    const p2 = portFor(refusing);
    const snap = await p2.applyPatches('T', patches);
    expect(refusing.runs.map((r) => r.mergeUndoGroup ?? false)).toEqual([false, true, false]);
    expect(refusing.sheet('T').cell(2, 1)!.v).toBe('00123');
    await p2.restore(snap);
    expect(cellState(refusing.sheet('T'))).toBe(before);
  });

  test('below ExcelApi 1.20 mergeUndoGroup is never asked for', async () => {
    const fake = new FakeExcel({ api: 14 });
    mixedSheet(fake);
    const port = portFor(fake);
    const snap = await port.applyPatches('T', patches);
    await port.restore(snap);
    expect(fake.runs.some((r) => r.mergeUndoGroup)).toBe(false);
  });

  test('a column fix is a handful of ranges, not one call per cell', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', Array.from({ length: 3001 }, (_, i) => [i === 0 ? '学号' : 2023010100000 + i]));
    const port = portFor(fake);
    const ps: Patch[] = Array.from({ length: 3000 }, (_, i) => ({ cell: `A${i + 2}`, value: String(2023010100001 + i), numberFormat: '@' }));
    fake.resetCounters();
    const snap = await port.applyPatches('S', ps);
    expect(snap.cells).toHaveLength(3000);
    expect(port.diagnostics.lastWrite).toMatchObject({ syncs: 1, rects: [{ top: 2, bottom: 3001, left: 0, right: 0 }] });
    expect(fake.syncCount).toBe(2);
    expect(fake.sheet('S').cell(3001, 0)).toMatchObject({ v: '2023010103000', fmt: '@' });
  });

  test('a snapshot too large for one response is read again in halves; a write refused for its size is sent in halves', async () => {
    const fake = new FakeExcel({ payloadLimit: 200_000 });
    const long = '长'.repeat(2000); // 6 KB of UTF-8 per cell, four properties each
    fake.addSheet('S', Array.from({ length: 60 }, (_, i) => [`${long}${i}`]));
    const before = cellState(fake.sheet('S'));
    const port = portFor(fake);
    const ps: Patch[] = Array.from({ length: 60 }, (_, i) => ({ cell: `A${i + 1}`, value: `短${i}`, numberFormat: '@' }));
    const snap = await port.applyPatches('S', ps);
    expect(fake.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(snap.cells.map((c) => c.value)).toEqual(Array.from({ length: 60 }, (_, i) => `${long}${i}`));
    expect(fake.sheet('S').cell(60, 0)!.v).toBe('短59');
    fake.resetCounters();
    await port.restore(snap);
    expect(fake.requests.some((r) => r.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(cellState(fake.sheet('S'))).toBe(before);
  });
});
