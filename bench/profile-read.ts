/** Where reading's time goes (a helper for tuning, not part of `npm run bench`). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchSheet, type BenchKind } from './generate';
import { readSheetsStreaming } from '../src/files/node-io';

async function main() {
  const kind = (process.argv[2] ?? 'correction') as BenchKind;
  const rows = Number(process.argv[3] ?? 100000);
  const path = join(mkdtempSync(join(tmpdir(), 'xueji-prof-')), 'f.xlsx');
  await writeBenchSheet(path, kind, rows);
  for (let i = 0; i < Number(process.env.ITER ?? 3); i++) {
    const t0 = Date.now();
    const sheets = await readSheetsStreaming(path);
    console.log(Date.now() - t0, 'ms', sheets[0]!.rows.length);
  }
}
void main();
