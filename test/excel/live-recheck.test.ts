/**
 * The live re-check inside Excel (issue 10): one edit in a 100,000-row sheet reads that row (one block), re-checks
 * it against what the last check kept, and re-marks only the band of rows whose marks changed — at most 3 syncs in
 * all — and the sheet ends up marked exactly as a full check would mark it. On the recording fake.
 */
import type { Mark } from '../../src/core/port';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { checkForRecheck } from '../../src/core/engine/recheck';
import { analyseSheet } from '../../src/core/engine/check';
import { marksOf } from '../../src/taskpane/model';
import { markChanges, recheckChanged, type CheckedBase } from '../../src/taskpane/live-recheck';
import { HIGHLIGHT_COLORS } from '../../src/excel/highlight';
import type { ExcelPort } from '../../src/excel/excel-port';
import { FakeExcel, portFor } from './helpers';
import type { FakeCell } from './fake-excel';
import { makeName, makeSid } from '../helpers/rules';

jest.setTimeout(120_000);

const ROWS = 100_000;
const OPTIONS = { reportDate: { y: 2026, m: 11, d: 22 } };

/** Unique ascending 学号 (the serial carries the row; the year moves on every 49,999 rows). */
function studentId(i: number): string {
  return makeSid(1 + (i % 49_999), { year: 2015 + Math.floor(i / 49_999) });
}

/** A 退学 roster of `rows` students, every 10th name with a space (a mark each). */
function roster(fake: FakeExcel, rows: number): void {
  const s = fake.addSheet('退学', [['序号', '分部名称', '学号全码', '学生姓名']]);
  for (let i = 0; i < rows; i++) {
    const line: FakeCell[] = [
      { v: i + 1 },
      { v: '河北分部' },
      { v: studentId(i), fmt: '@' },
      { v: i % 10 === 5 ? `${makeName(i)} ` : makeName(i) },
    ];
    s.rows[i + 1] = line;
  }
  s.rows[rows + 1] = [{ v: '经办人：' }];
}

/** The cells our rules cover, by severity, as "A1" addresses. */
function covered(fake: FakeExcel): Mark[] {
  const out: Mark[] = [];
  for (const cf of fake.sheet('退学').cfs) {
    if (!cf.formula?.includes('xueji-highlight')) continue;
    const severity = cf.fill === HIGHLIGHT_COLORS.error ? 'error' : 'warning';
    for (const r of cf.rects) for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push({ cell: `${'ABCD'[c]}${row}`, severity });
  }
  return out.sort((a, b) => a.cell.localeCompare(b.cell));
}

async function checkedBase(port: ExcelPort): Promise<CheckedBase> {
  const input = await port.readSheet('退学');
  const { analysis } = checkForRecheck(input, DEFAULT_PROFILE, OPTIONS);
  const marks = marksOf(analysis.report.issues);
  await port.highlight('退学', marks);
  return { sheet: '退学', input, analysis, marks };
}

/** The user types into one cell; the port reports the row; the pane reads it, re-checks and re-marks. */
async function edit(fake: FakeExcel, port: ExcelPort, base: CheckedBase, address: string, value: string) {
  let reported: number[] = [];
  const unsubscribe = await port.onRowsChanged('退学', (rows) => (reported = rows));
  await fake.userEdit('退学', address, [[value]]);
  await unsubscribe();
  fake.resetCounters();
  const outcome = await recheckChanged(port, base, reported, DEFAULT_PROFILE, OPTIONS);
  await markChanges(port, base, outcome);
  return { outcome, syncs: fake.syncCount, responseBytes: fake.requests.reduce((n, r) => n + r.responseBytes, 0) };
}

describe('one edit in a 100,000-row sheet', () => {
  let fake: FakeExcel;
  let port: ExcelPort;
  let base: CheckedBase;

  beforeAll(async () => {
    fake = new FakeExcel();
    roster(fake, ROWS);
    port = portFor(fake);
    base = await checkedBase(port);
    expect(base.marks).toHaveLength(ROWS / 10);
  });

  test('fixing a name: 3 syncs, 1 block read, one band re-marked, marks as a full check gives them', async () => {
    const { outcome, syncs, responseBytes } = await edit(fake, port, base, 'D50007', makeName(50_005));
    expect(syncs).toBeLessThanOrEqual(3);
    expect(port.diagnostics.lastReadRows).toEqual({ blocks: 1, syncs: 1, retries: 0 });
    // The whole exchange answered a few kilobytes: the sheet was not read again.
    expect(responseBytes).toBeLessThan(8 * 1024);
    expect(outcome.incremental).toBe(true);
    expect(outcome.rowsChecked).toBe(1);
    expect(outcome.changedCells).toEqual(['D50007']);
    expect(port.diagnostics.lastHighlightMode).toBe('bands');

    const full = analyseSheet(outcome.input, DEFAULT_PROFILE, OPTIONS);
    expect(outcome.analysis.report).toEqual(full.report);
    expect(covered(fake)).toEqual([...marksOf(full.report.issues)].sort((a, b) => a.cell.localeCompare(b.cell)));
    base = outcome;
  });

  test('an edit that changes no mark costs one sync; a duplicate key re-marks only where it shows', async () => {
    const same = await edit(fake, port, base, 'D3', makeName(1));
    expect(same.syncs).toBe(1);
    expect(same.outcome.changedCells).toEqual([]);
    base = same.outcome;

    // Row 90,002 takes the 学号 of row 3: a duplicate and an order error, both on C90002.
    const dup = await edit(fake, port, base, 'C90002', String(fake.sheet('退学').cell(3, 2)!.v));
    expect(dup.syncs).toBeLessThanOrEqual(3);
    expect(dup.outcome.analysis.report.issues.filter((i) => i.row === 90_002).map((i) => i.rule)).toEqual(['row.duplicate', 'table.unsorted']);
    expect(covered(fake)).toEqual([...marksOf(dup.outcome.analysis.report.issues)].sort((a, b) => a.cell.localeCompare(b.cell)));
  });
});

describe('band re-marking stays safe', () => {
  test('rules this pane did not make (an earlier session) send it back to a full re-mark, still exact', async () => {
    const fake = new FakeExcel();
    roster(fake, 12_000);
    const first = portFor(fake);
    let base = await checkedBase(first);
    // The pane is reloaded: a new port that knows nothing of the rules; it checks again, then the user edits.
    const port = portFor(fake);
    base = { ...base };
    await port.readSheet('退学');
    // No band memory yet: the first re-mark is full (and learns the bands).
    const { outcome } = await edit(fake, port, base, 'D7', makeName(5));
    expect(port.diagnostics.lastHighlightMode).toBe('full');
    expect(covered(fake)).toEqual([...marksOf(outcome.analysis.report.issues)].sort((a, b) => a.cell.localeCompare(b.cell)));
    // A copy of our rule pasted by the user into a band: not one this pane made for it → full re-mark.
    const ours = fake.sheet('退学').cfs.find((c) => c.formula?.includes('xueji-highlight'))!;
    fake.addUserRule('退学', { type: 'Custom', formula: ours.formula, fill: ours.fill, rects: [{ top: 9000, bottom: 9000, left: 0, right: 0 }] });
    const again = await edit(fake, port, outcome, 'D9006', `${makeName(9004)} `);
    expect(port.diagnostics.lastHighlightMode).toBe('full');
    expect((port.diagnostics.lastBandFailure as { cause?: unknown }).cause?.constructor.name).toBe('BandsUnknown');
    expect(covered(fake)).toEqual([...marksOf(again.outcome.analysis.report.issues)].sort((a, b) => a.cell.localeCompare(b.cell)));
  });
});
