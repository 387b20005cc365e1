/**
 * 汇总 (issue 12 item 3): 200 centres' files of 500 records each — a withdrawal roster and a correction sheet, 10 % of
 * rows defective as in the other benchmarks, the students dealt out over the files so that the merge must sort them —
 * merged into one submission. Timed in this process phase by phase (read, check and fix each file, merge with the
 * check of the merged file, build and write the .xlsx), then `xueji merge` end to end in its own process with the
 * executable's heap cap (bench/peak.ts): time and peak memory. `BENCH_MERGE=FILES,ROWS` changes the sizes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeBenchSheet, type BenchKind } from './generate';
import { readSheetsStreaming } from '../src/files/node-io';
import { workbookFromExport } from '../src/files/export-xlsx';
import { workbookBytes } from '../src/files/workbook';
import { mergeSources, prepareSource, type PreparedSource } from '../src/core/merge';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';
import { DEFAULT_MEMORY_MB, heapMb } from '../src/cli/launcher';

const REPORT_DATE = { y: 2026, m: 11, d: 22 };

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

interface EndToEnd {
  code: number;
  peakMb: number;
  seconds: number;
  message: string;
}

async function one(dir: string, kind: BenchKind, files: number, rows: number): Promise<string[]> {
  const folder = join(dir, kind);
  const out = join(dir, `${kind}-汇总`);
  mkdirSync(folder);
  mkdirSync(out);
  const paths: string[] = [];
  for (let k = 0; k < files; k++) {
    const path = join(folder, `中心${String(k + 1).padStart(3, '0')}.xlsx`);
    // Centre k has every files-th student from k on: its own rows ascending, interleaved with every other centre's.
    await writeBenchSheet(path, kind, rows, 7 + k, (j) => j * files + k);
    paths.push(path);
  }
  const opts = { reportDate: REPORT_DATE };
  let t = process.hrtime.bigint();
  const sheets = [];
  for (const p of paths) sheets.push(await readSheetsStreaming(p, { limits: DEFAULT_PROFILE.limits, maxRows: DEFAULT_PROFILE.limits.fixMaxRows }));
  const read = seconds(t);
  t = process.hrtime.bigint();
  const prepared: PreparedSource[] = sheets.map((s, k) => prepareSource({ file: `中心${k + 1}.xlsx`, sheets: s }, DEFAULT_PROFILE, opts));
  const prepare = seconds(t);
  t = process.hrtime.bigint();
  const m = mergeSources(prepared, DEFAULT_PROFILE, opts);
  const merge = seconds(t);
  if (m.kind !== 'merged') throw new Error(m.refusal.message);
  t = process.hrtime.bigint();
  const bytes = await workbookBytes(workbookFromExport(m.book));
  const write = seconds(t);

  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb(DEFAULT_MEMORY_MB)}`, join(__dirname, 'peak.js'), 'merge', ...paths, '-o', out, '--force', '--report-date', '2026-11-22'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const e2e = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as EndToEnd;
  const total = files * rows;
  const summary = m.report.summary;
  return [
    `${kind}：${files} 个文件 × ${rows} 行 = ${total.toLocaleString('en-US')} 行（错误 ${summary.errors.toLocaleString('en-US')} 个，汇总文件 ${(bytes.length / 1e6).toFixed(1)} MB）`,
    `  读取 ${read.toFixed(2)} 秒，逐个检查和修正 ${prepare.toFixed(2)} 秒，汇总（排序、重复、检查汇总文件）${merge.toFixed(2)} 秒，生成 .xlsx ${write.toFixed(2)} 秒`,
    `  xueji merge 全程（单独进程，--force）：${e2e.seconds.toFixed(1)} 秒，退出码 ${e2e.code}，峰值内存 ${e2e.peakMb.toFixed(0)} MB`,
  ];
}

export async function benchMerge(dir: string): Promise<string[]> {
  const [files, rows] = (process.env.BENCH_MERGE ?? '200,500').split(',').map(Number) as [number, number];
  const lines = ['汇总（xueji merge）'];
  for (const kind of ['withdrawal', 'correction'] as BenchKind[]) lines.push(...(await one(dir, kind, files, rows)));
  rmSync(join(dir, 'withdrawal'), { recursive: true, force: true });
  rmSync(join(dir, 'correction'), { recursive: true, force: true });
  return lines;
}
