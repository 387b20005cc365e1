/** Where the check's time goes, rule by rule (a helper for `npm run bench`, not part of it). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchSheet, type BenchKind } from './generate';
import { readSheetsStreaming } from '../src/files/node-io';
import { analyseWorkbook } from '../src/core/engine/report';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';

async function main() {
  const kind = (process.argv[2] ?? 'correction') as BenchKind;
  const rows = Number(process.argv[3] ?? 100000);
  const path = join(mkdtempSync(join(tmpdir(), 'xueji-prof-')), 'f.xlsx');
  await writeBenchSheet(path, kind, rows);
  const sheets = await readSheetsStreaming(path);
  for (let i = 0; i < Number(process.env.ITER ?? 3); i++) {
    const t0 = Date.now();
    const a = analyseWorkbook(sheets, DEFAULT_PROFILE, { reportDate: { y: 2026, m: 11, d: 22 } });
    const ms = Date.now() - t0;
    const by = new Map<string, number>();
    for (const s of a) for (const x of s.report.issues) by.set(x.rule, (by.get(x.rule) ?? 0) + 1);
    console.log(ms, 'ms', JSON.stringify([...by]));
  }
}
void main();
