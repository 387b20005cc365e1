import { ExcelAdapterError } from '../../src/excel/errors';
import { FakeExcel, portFor } from './helpers';

function sheet(fake: FakeExcel): void {
  fake.addSheet('S', Array.from({ length: 8 }, (_, i) => [i === 0 ? '学号' : 2023010100000 + i, '姓名']));
}

describe('onRowsChanged', () => {
  test.each([14, 12])('ExcelApi 1.%i: user edits are reported, the add-in’s own writes are not', async (api) => {
    const fake = new FakeExcel({ api });
    sheet(fake);
    let now = 0;
    const port = portFor(fake, { now: () => now });
    const seen: number[][] = [];
    const unsubscribe = await port.onRowsChanged!('S', (rows) => seen.push(rows));

    await fake.userEdit('S', 'B3', [['李四']]);
    expect(seen).toEqual([[3]]);

    const snap = await port.applyPatches('S', [
      { cell: 'A2', value: '2023010100001', numberFormat: '@' },
      { cell: 'A3', value: '2023010100002', numberFormat: '@' },
    ]);
    await fake.settle();
    await port.restore(snap);
    await fake.settle();
    expect(seen).toEqual([[3]]);

    // The user edits next to what we wrote, inside the grace period: still reported.
    await fake.userEdit('S', 'B2:B4', [['a'], ['b'], ['c']]);
    expect(seen).toEqual([[3], [2, 3, 4]]);
    // …and the same cells we wrote, after the grace period.
    now += 10_000;
    await fake.userEdit('S', 'A2', [['x']]);
    expect(seen).toEqual([[3], [2, 3, 4], [2]]);

    await unsubscribe();
    await fake.userEdit('S', 'B5', [['z']]);
    expect(seen).toHaveLength(3);
    expect(fake.runs.filter((r) => r.reusedContext)).toHaveLength(1);
    expect(fake.eventErrors).toEqual([]);
  });

  test('inserted rows and whole-column edits report every row below to the end of the used range', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    const port = portFor(fake);
    const seen: number[][] = [];
    await port.onRowsChanged!('S', (rows) => seen.push(rows));
    fake.fireChanged(fake.sheet('S'), '5:5', 'RowInserted', false);
    await fake.settle();
    fake.fireChanged(fake.sheet('S'), 'B:B', 'RangeEdited', false);
    await fake.settle();
    expect(seen).toEqual([[5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]]);
    // Finding the end waited for cell edit like every other run.
    expect(fake.runs.every((r) => r.delayForCellEdit || r.reusedContext)).toBe(true);
  });

  test('a failing handler is reported (typed), not swallowed', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    const reported: ExcelAdapterError[] = [];
    const port = portFor(fake, { onEventError: (e) => reported.push(e) });
    await port.onRowsChanged!('S', () => {
      throw new Error('pane bug');
    });
    await fake.userEdit('S', 'B2', [['x']]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ code: 'internal', operation: 'events', sheet: 'S' });
    expect(reported[0]!.message).toMatch(/监听表格修改失败/);

    // Without an error callback the typed error is rethrown to Excel (which logs it).
    const fake2 = new FakeExcel();
    sheet(fake2);
    await portFor(fake2).onRowsChanged!('S', () => {
      throw new Error('pane bug');
    });
    await fake2.userEdit('S', 'B2', [['x']]);
    expect(fake2.eventErrors).toHaveLength(1);
    expect(fake2.eventErrors[0]).toBeInstanceOf(ExcelAdapterError);
  });

  test('subscribing to a missing sheet is a typed error', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    await expect(portFor(fake).onRowsChanged!('不存在', () => undefined)).rejects.toMatchObject({
      code: 'sheet-not-found',
      operation: 'events',
    });
  });
});

test('a structural change after a fix renamed the sheet is still read from the right sheet (by its id)', async () => {
  const fake = new FakeExcel();
  sheet(fake);
  const port = portFor(fake, { onEventError: (e) => errors.push(e) });
  const errors: unknown[] = [];
  const seen: number[][] = [];
  await port.onRowsChanged('S', (rows) => seen.push(rows));
  await port.applyPatches('S', [{ cell: 'A2', value: '2023010100001', numberFormat: '@' }], '退学');
  await fake.settle();
  await fake.userEdit('退学', 'A4:B4', [['x', 'y']], 'RowInserted');
  expect(errors).toEqual([]);
  expect(seen).toEqual([[4, 5, 6, 7, 8]]);
});
