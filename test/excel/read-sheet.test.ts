import { FakeExcel, portFor } from './helpers';
import type { ReadProgress } from '../../src/core/port';

describe('readSheet', () => {
  test('value types → core cells; dates stay serials with their format; formulas, errors, offsets, merges', async () => {
    const fake = new FakeExcel({ api: 14 });
    const s = fake.addSheet('T1', [
      [],
      [null, '免考信息表'],
      [null, '学号', '出生日期', '是否', '公式', '错误'],
      [null, { v: '2023010100001', fmt: '@' }, { v: 36526, fmt: 'yyyy-mm-dd' }, true, { v: 'X', f: '="X"' }, { v: '#N/A', err: true }],
      [null, 2023010100002, { v: 1.5, fmt: '0.00' }, false, { v: 3, f: '=3' }, ''],
    ]);
    s.merges.push({ top: 2, bottom: 2, left: 1, right: 5 });
    const input = await portFor(fake).readSheet('T1');
    expect(input.name).toBe('T1');
    expect(input.merges).toEqual(['B2:F2']);
    expect(input.rows[0]).toBeUndefined();
    expect(input.rows[1]![0]).toBeUndefined();
    expect(input.rows[1]![1]).toEqual({ kind: 'string', value: '免考信息表' });
    expect(input.rows[3]).toEqual([
      undefined,
      { kind: 'string', value: '2023010100001', numberFormat: '@' },
      { kind: 'number', value: 36526, numberFormat: 'yyyy-mm-dd' },
      { kind: 'boolean', value: true },
      { kind: 'string', value: 'X', formula: '' },
      { kind: 'error', value: '#N/A' },
    ]);
    expect(input.rows[4]![1]).toEqual({ kind: 'number', value: 2023010100002 });
    expect(input.rows[4]![2]).toEqual({ kind: 'number', value: 1.5, numberFormat: '0.00' });
    expect(input.rows[4]![4]).toEqual({ kind: 'number', value: 3, formula: '' });
    expect(input.rows[4]![5]).toBeUndefined();
  });

  test('an empty sheet is empty; without ExcelApi 1.13 merges are not asked for', async () => {
    const fake = new FakeExcel({ api: 12 });
    fake.addSheet('Empty');
    const s = fake.addSheet('M', [['a', 'b']]);
    s.merges.push({ top: 1, bottom: 1, left: 0, right: 1 });
    const port = portFor(fake);
    expect(await port.readSheet('Empty')).toEqual({ name: 'Empty', rows: [], merges: [] });
    const m = await port.readSheet('M');
    expect(m.merges).toEqual([]);
    expect(m.rows[0]).toEqual([{ kind: 'string', value: 'a' }, { kind: 'string', value: 'b' }]);
  });

  test('one sync per block of 5,000 rows, progress after each block, used range only', async () => {
    const fake = new FakeExcel();
    const grid = Array.from({ length: 12_001 }, (_, i) => [i + 1, `名${i}`, { v: String(i).padStart(13, '0'), fmt: '@' }]);
    const s = fake.addSheet('Big', grid);
    // Formatting far below the data must not enlarge the read.
    s.ensure(900_000, 0).fmt = '@';
    const progress: ReadProgress[] = [];
    const port = portFor(fake);
    fake.resetCounters();
    const input = await port.readSheet('Big', (p) => progress.push(p));
    expect(fake.syncCount).toBe(1 + 3);
    expect(port.diagnostics.lastRead).toEqual({ blocks: 3, retries: 0, blockRows: 5000 });
    expect(progress.map((p) => p.rowsRead)).toEqual([0, 5000, 10_000, 12_001]);
    expect(progress.every((p) => p.totalRows === 12_001)).toBe(true);
    expect(input.rows.length).toBe(12_001);
    expect(input.rows[12_000]![2]).toEqual({ kind: 'string', value: '0000000012000', numberFormat: '@' });
  });

  test('a block refused for its size is read again in smaller blocks (RequestPayload/ResponsePayloadSizeLimitExceeded)', async () => {
    const fake = new FakeExcel();
    // 300 characters per cell × 8 columns: 5,000 rows ≈ 12 MB of values, far above 5 MB.
    const long = 'x'.repeat(290);
    const grid = Array.from({ length: 20_000 }, (_, i) => Array.from({ length: 8 }, (_, j) => `${long}${i}-${j}`));
    fake.addSheet('Wide', grid);
    const port = portFor(fake);
    fake.resetCounters();
    const input = await port.readSheet('Wide');
    const stats = port.diagnostics.lastRead!;
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.blockRows).toBeLessThan(5000);
    expect(fake.requests.filter((r) => !r.ok).every((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(fake.requests.filter((r) => r.ok).every((r) => r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    // Smaller blocks are kept once found: failures happen only while shrinking.
    expect(fake.requests.filter((r) => !r.ok).length).toBe(stats.retries);
    expect(input.rows.length).toBe(20_000);
    expect(input.rows[19_999]![7]).toEqual({ kind: 'string', value: `${long}19999-7` });
    expect(input.rows[0]![0]).toEqual({ kind: 'string', value: `${long}0-0` });
  });
});
