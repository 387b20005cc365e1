/**
 * A check of 100,000 rows × 8 columns: read, mark N flagged cells, apply N patches. The number of syncs must be
 * bounded by read blocks + ⌈bytes written / 4 MB⌉ + a constant and must not grow with the number of issues; no
 * request or response may exceed 5 MB (Excel on the web's limit, enforced by the fake).
 */
import type { Mark } from '../../src/core/port';
import type { Patch } from '../../src/core/types';
import { FakeExcel, portFor } from './helpers';
import type { FakeCell } from './fake-excel';

const ROWS = 100_000;
const COLS = 8;
const MB4 = 4 * 1024 * 1024;
const MB5 = 5 * 1024 * 1024;

function bigSheet(fake: FakeExcel): void {
  const s = fake.addSheet('退学', [['序号', '学号', '姓名', '身份证号', '性别', '民族', '分部代码', '入学学期']]);
  for (let i = 0; i < ROWS; i++) {
    const row: FakeCell[] = [
      { v: i + 1 },
      { v: String(2023010100000 + i), fmt: '@' },
      { v: `学生${i}` },
      { v: `11010519900101${String(1000 + (i % 9000))}`, fmt: '@' },
      { v: i % 2 ? '男' : '女' },
      { v: '汉族' },
      { v: '0101', fmt: '@' },
      { v: '2023秋季' },
    ];
    s.rows[i + 1] = row;
  }
}

/** n distinct pseudo-random data cells (deterministic). */
function scattered(n: number, seed: number): string[] {
  const seen = new Set<string>();
  let x = seed >>> 0;
  const next = (): number => {
    // mulberry32
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  while (seen.size < n) {
    const row = 2 + Math.floor(next() * ROWS);
    const col = Math.floor(next() * COLS);
    seen.add(`${'ABCDEFGH'[col]}${row}`);
  }
  return [...seen];
}

interface Phase {
  syncs: number;
  bytes: number;
  largestRequest: number;
  largestResponse: number;
}

function phase(fake: FakeExcel): Phase {
  return {
    syncs: fake.syncCount,
    bytes: fake.requests.reduce((n, r) => n + r.requestBytes, 0),
    largestRequest: fake.largestRequest,
    largestResponse: fake.largestResponse,
  };
}

async function check(issues: number): Promise<{ read: Phase; highlight: Phase; apply: Phase; blocks: number }> {
  const fake = new FakeExcel();
  bigSheet(fake);
  const port = portFor(fake);
  fake.resetCounters();
  const input = await port.readSheet('退学');
  expect(input.rows.length).toBe(ROWS + 1);
  const read = phase(fake);
  const blocks = port.diagnostics.lastRead!.blocks;

  const marks: Mark[] = scattered(issues, 7).map((cell, i) => ({ cell, severity: i % 4 === 0 ? 'warning' : 'error' }));
  await port.highlight('退学', [{ cell: 'A1', severity: 'warning' }]); // a previous check's marks exist
  fake.resetCounters();
  await port.highlight('退学', marks);
  const highlight = phase(fake);

  const patches: Patch[] = scattered(issues, 11).map((cell, i) => ({ cell, value: `修正值${i}`, numberFormat: '@' }));
  fake.resetCounters();
  const snapshot = await port.applyPatches('退学', patches);
  const apply = phase(fake);
  expect(snapshot.cells).toHaveLength(issues);
  return { read, highlight, apply, blocks };
}

test('100,000 rows × 8 columns: syncs bounded and not growing with issues; every request under 5 MB', async () => {
  const small = await check(1_000);
  const large = await check(10_000);

  for (const r of [small, large]) {
    // Read: one sync for the used range + one per block of 5,000 rows.
    expect(r.blocks).toBe(Math.ceil((ROWS + 1) / 5000)); // header + 100,000 records
    expect(r.read.syncs).toBe(r.blocks + 1);
    // Highlight: a constant.
    expect(r.highlight.syncs).toBeLessThanOrEqual(5);
    // Apply: snapshot + writes, one sync per ~4 MB written, plus a constant.
    expect(r.apply.syncs).toBeLessThanOrEqual(Math.ceil(r.apply.bytes / MB4) + 2);
    const total = r.read.syncs + r.highlight.syncs + r.apply.syncs;
    const bytesWritten = r.highlight.bytes + r.apply.bytes;
    expect(total).toBeLessThanOrEqual(r.blocks + Math.ceil(bytesWritten / MB4) + 8);
    for (const p of [r.read, r.highlight, r.apply]) {
      expect(p.largestRequest).toBeLessThan(MB5);
      expect(p.largestResponse).toBeLessThan(MB5);
    }
  }
  // Not growing with the number of issues: 1,000 → 10,000 flagged cells.
  expect(large.read.syncs).toBe(small.read.syncs);
  expect(large.highlight.syncs).toBe(small.highlight.syncs);

  // The figures reported in docs/excel-adapter.md.
  const fmt = (p: Phase): string =>
    `${p.syncs} syncs, ${(p.bytes / 1e6).toFixed(2)} MB sent, largest request ${(p.largestRequest / 1e6).toFixed(2)} MB, largest response ${(p.largestResponse / 1e6).toFixed(2)} MB`;
  process.stdout.write(
    ['1,000', '10,000']
      .map((n, i) => {
        const r = i === 0 ? small : large;
        return `[${n} issues] read: ${fmt(r.read)}\n  highlight: ${fmt(r.highlight)}\n  apply: ${fmt(r.apply)}\n`;
      })
      .join(''),
  );
});
