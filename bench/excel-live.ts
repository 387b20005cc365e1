/**
 * The live re-check inside Excel (issue 10, item 2), on the recording fake of the Excel API (test/excel/fake-excel.ts):
 * a checked 100,000-row roster, then one edit at a time — the pane reads the changed row, re-checks it against what
 * it kept and re-marks the band whose marks changed. Printed: syncs, blocks read, bytes, and the pane's own time
 * (the re-check in the core and the planning around it, without the fake's), median of 20 edits. No Excel runs here:
 * what Excel itself takes per sync is not in these figures.
 */
import type { ExcelRun } from '../src/excel/run';
import { ExcelPort } from '../src/excel/excel-port';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';
import { checkForRecheck, recheckRows } from '../src/core/engine/recheck';
import { marksOf } from '../src/taskpane/model';
import { changedMarks, markChanges, recheckChanged, type CheckedBase } from '../src/taskpane/live-recheck';
import { FakeExcel, type FakeCell } from '../test/excel/fake-excel';
import { makeStudent, rng } from '../scripts/fake/students';

const ROWS = 100_000;
const OPTIONS = { reportDate: { y: 2026, m: 11, d: 22 } };

function sid(i: number): string {
  const year = 15 + Math.floor(i / 49_999);
  return `${year}130012${String(1 + (i % 49_999)).padStart(5, '0')}`;
}

function roster(fake: FakeExcel): void {
  const s = fake.addSheet('退学', [['序号', '分部名称', '学号全码', '学生姓名']]);
  const r = rng(7);
  for (let i = 0; i < ROWS; i++) {
    // Every 10th name with a space: 10,000 marks, as in the other benchmarks.
    const name = makeStudent(r, i).name;
    const line: FakeCell[] = [{ v: i + 1 }, { v: '河北分部' }, { v: sid(i), fmt: '@' }, { v: i % 10 === 5 ? `${name[0]} ${name.slice(1)}` : name }];
    s.rows[i + 1] = line;
  }
  s.rows[ROWS + 1] = [{ v: '经办人：' }];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function excelLiveBench(out: (s: string) => void): Promise<void> {
  const fake = new FakeExcel();
  roster(fake);
  const port = new ExcelPort({ run: fake.run as ExcelRun, isSetSupported: fake.isSetSupported, pause: async () => undefined, createWorkbook: null });
  const input = await port.readSheet('退学');
  const { analysis } = checkForRecheck(input, DEFAULT_PROFILE, OPTIONS);
  let base: CheckedBase = { sheet: '退学', input, analysis, marks: marksOf(analysis.report.issues) };
  await port.highlight('退学', base.marks);

  const syncs: number[] = [];
  const blocks: number[] = [];
  const bytes: number[] = [];
  const own: number[] = [];
  const total: number[] = [];
  for (let k = 0; k < 20; k++) {
    const row = 2 + ((k * 4_999 + 7) % ROWS);
    // Alternately put a space into a name and take one out: every edit changes a mark.
    const current = String(fake.sheet('退学').cell(row, 3)!.v);
    const next = current.includes(' ') ? current.replace(' ', '') : `${current[0]} ${current.slice(1)}`;
    await fake.userEdit('退学', `D${row}`, [[next]]);
    fake.resetCounters();
    const t0 = performance.now();
    const outcome = await recheckChanged(port, base, [row], DEFAULT_PROFILE, OPTIONS);
    await markChanges(port, base, outcome);
    total.push(performance.now() - t0);
    syncs.push(fake.syncCount);
    blocks.push(port.diagnostics.lastReadRows!.blocks);
    bytes.push(fake.requests.reduce((n, r) => n + r.requestBytes + r.responseBytes, 0));
    // The pane's own work for the same edit, on the rows as read: re-check, marks, what changed.
    const read = await port.readRows('退学', [row]);
    const t1 = performance.now();
    const again = recheckRows({ input: base.input, analysis: base.analysis }, read, DEFAULT_PROFILE, OPTIONS);
    changedMarks(base.marks, marksOf(again.analysis.report.issues));
    own.push(performance.now() - t1);
    base = outcome;
  }
  out(
    [
      `Excel 中的自动重新校验（记录式模拟，${ROWS.toLocaleString('en-US')} 行，改一格，20 次）`,
      `  context.sync() 次数  最多 ${Math.max(...syncs)}（目标 ≤ 3）；读取的块 最多 ${Math.max(...blocks)}（目标 ≤ 1）；收发 中位数 ${(median(bytes) / 1024).toFixed(1)} KB`,
      `  任务窗格自身用时    中位数 ${median(own).toFixed(1)} ms，最多 ${Math.max(...own).toFixed(1)} ms（目标 ≤ 100；重新校验 + 标记比较）`,
      `  含模拟 Excel 全程   中位数 ${median(total).toFixed(1)} ms`,
      '',
    ].join('\n'),
  );
}
