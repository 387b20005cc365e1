/**
 * `npm run bench`: generate 100,000-row (and 200,000-row) correction sheets and withdrawal rosters with 10%
 * defective rows, then time separately: ExcelJS alone reading the file (the baseline), our parse, the check,
 * the fix plan and `xueji check` end to end. Prints rows per second and the ratios the goals name. Then
 * `xueji photos --fix` on 3000×4000 sources (bench/photos.ts), the live re-check inside Excel on the recording fake
 * (excel-live.ts), the browser workbench in Debian's Chromium (browser.ts), 汇总 of 200 centres' files (merge.ts) and
 * the graduation pre-check of a 100,000-row roster (precheck.ts). `BENCH_ONLY=sheets|precheck|photos|excel|browser|merge`
 * runs one part (`node`: sheets, precheck and photos); BENCH_PHOTOS=200,1000 sets the photo batch sizes.
 * Speed is measured here, never asserted in tests.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchSheet, type BenchKind } from './generate';
import { benchPhotos } from './photos';
import { benchPrecheck } from './precheck';
import { readSheetsStreaming } from '../src/files/node-io';
import { analyseWorkbook } from '../src/core/engine/report';
import { planFixes } from '../src/core/engine/fix';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';
import { excelLiveBench } from './excel-live';
import { browserBench } from './browser';
import { benchMerge } from './merge';

const REPORT_DATE = { y: 2026, m: 11, d: 22 };

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function excelJsAlone(path: string): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      row.eachCell(() => cells++);
    }
  }
  return cells;
}

const quietIO: CliIO = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd(), today: '2026-11-22' };

interface Result {
  kind: BenchKind;
  rows: number;
  mb: number;
  baseline: number;
  parse: number;
  check: number;
  fix: number;
  cli: number;
  issues: number;
  heapMb: number;
}

async function measure(dir: string, kind: BenchKind, rows: number): Promise<Result> {
  const path = join(dir, `${kind}-${rows}.xlsx`);
  await writeBenchSheet(path, kind, rows);
  const mb = statSync(path).size / 1e6;
  const baseline = await time(() => excelJsAlone(path));
  const parsed = await time(() => readSheetsStreaming(path));
  const sheets = parsed.value;
  const checked = await time(() => analyseWorkbook(sheets, DEFAULT_PROFILE, { reportDate: REPORT_DATE }));
  const fixed = await time(() => checked.value.map((a, i) => planFixes(sheets[i]!, DEFAULT_PROFILE, a)));
  global.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const cli = await time(() => run(['check', path, '--json', '--report-date', '2026-11-22'], quietIO));
  return {
    kind,
    rows,
    mb,
    baseline: baseline.ms,
    parse: parsed.ms,
    check: checked.ms,
    fix: fixed.ms,
    cli: cli.ms,
    issues: checked.value.reduce((n, a) => n + a.report.issues.length, 0),
    heapMb,
  };
}

function rate(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} 行/秒`;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const out = (s: string) => void process.stdout.write(s);
  if (!only || only === 'node' || only === 'sheets' || only === 'precheck' || only === 'photos') await nodeBench();
  if (!only || only === 'excel') await excelLiveBench(out);
  if (!only || only === 'browser') await browserBench(out);
  if (!only || only === 'merge') {
    const dir = mkdtempSync(join(tmpdir(), 'xueji-bench-merge-'));
    try {
      out((await benchMerge(dir)).join('\n') + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function nodeBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xueji-bench-'));
  const sizes = (process.env.BENCH_ROWS ?? '100000,200000').split(',').map(Number);
  const results: Result[] = [];
  const only = process.env.BENCH_ONLY;
  try {
    for (const kind of only === 'photos' || only === 'precheck' ? [] : (['correction', 'withdrawal'] as BenchKind[])) {
      for (const rows of sizes) {
        const r = await measure(dir, kind, rows);
        results.push(r);
        process.stdout.write(
          [
            `${kind} ${rows.toLocaleString('en-US')} 行（${r.mb.toFixed(1)} MB，${r.issues.toLocaleString('en-US')} 个问题）`,
            `  ExcelJS 单独读取  ${r.baseline.toFixed(0).padStart(7)} ms  ${rate(rows, r.baseline)}`,
            `  解析（读取+转换）  ${r.parse.toFixed(0).padStart(7)} ms  ${rate(rows, r.parse)}`,
            `  校验              ${r.check.toFixed(0).padStart(7)} ms  ${rate(rows, r.check)}`,
            `  修复计划          ${r.fix.toFixed(0).padStart(7)} ms  ${rate(rows, r.fix)}`,
            `  xueji check 全程  ${r.cli.toFixed(0).padStart(7)} ms  ${rate(rows, r.cli)}  = ExcelJS 的 ${(r.cli / r.baseline).toFixed(2)} 倍（目标 ≤ 1.3）`,
            `  读取后堆内存      ${r.heapMb.toFixed(0).padStart(7)} MB`,
            '',
          ].join('\n'),
        );
      }
    }
    for (const kind of ['correction', 'withdrawal'] as BenchKind[]) {
      const [a, b] = [results.find((r) => r.kind === kind && r.rows === sizes[0]), results.find((r) => r.kind === kind && r.rows === sizes[1])];
      if (a && b) {
        process.stdout.write(
          `${kind} 线性：${sizes[1]} 行 / ${sizes[0]} 行 — 校验 ${(b.check / a.check).toFixed(2)} 倍，全程 ${(b.cli / a.cli).toFixed(2)} 倍（目标 ≤ 2.2）\n`,
        );
      }
    }
    if (only !== 'sheets' && only !== 'photos') process.stdout.write((await benchPrecheck(dir)).join('\n'));
    if (only !== 'sheets' && only !== 'precheck') {
      const counts = (process.env.BENCH_PHOTOS ?? '200,1000').split(',').map(Number);
      process.stdout.write((await benchPhotos(dir, counts)).join('\n') + '\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`基准测试失败：${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
