/**
 * The fuzz test of issue 14: 300 seeded odd workbooks (scripts/fuzz/workbooks.ts) through `check --json` and `fix`,
 * each held to scripts/fuzz/verify.ts — exit 0/1/2, valid JSON, real cells, no refused promise, a readable copy in
 * which nothing but the patched cells changed (formulas included), and a fix that a second fix leaves alone.
 * `npm run fuzz` runs thousands the same way.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzWorkbook } from '../../scripts/fuzz/workbooks';
import { verify } from '../../scripts/fuzz/verify';

const COUNT = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xueji-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it(`${COUNT} seeded workbooks: no crash, no bad address, no refused promise, nothing lost, fixes idempotent`, async () => {
  const failures: string[] = [];
  const exits = new Map<string, number>();
  for (let seed = 1; seed <= COUNT; seed++) {
    const file = path.join(dir, `fuzz-${seed}.xlsx`);
    fs.writeFileSync(file, await fuzzWorkbook(seed));
    const v = await verify(file, dir);
    const key = `check ${v.check} / fix ${v.fix}`;
    exits.set(key, (exits.get(key) ?? 0) + 1);
    for (const p of v.problems.slice(0, 3)) failures.push(`seed ${seed}: ${p.kind}: ${p.detail}`);
  }
  expect(failures).toEqual([]);
  // The generator reaches every outcome: clean files, files with errors, unusable files.
  const codes = [...exits.keys()].join(' | ');
  for (const c of ['check 0', 'check 1', 'check 2']) expect(codes).toContain(c);
}, 900_000);
