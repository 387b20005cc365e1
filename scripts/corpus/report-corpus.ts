/**
 * The byte-identical report check of a refactor (issue 13 item 5): a corpus of workbooks and sheet sets, and a hash of
 * every report the project makes of each, so that the reports before and after can be compared file by file.
 *
 *   npm run build:cli
 *   node build/scripts/corpus/report-corpus.js write DIR [--fuzz N]   the corpus (below) into DIR
 *   node build/scripts/corpus/report-corpus.js hash DIR OUT.json       the hashes of DIR's reports into OUT.json
 *   node build/scripts/corpus/report-corpus.js compare A.json B.json   the files whose reports differ (exit 1 if any)
 *
 * The corpus: the examples (examples/*.xlsx), N seeded fuzz workbooks (scripts/fuzz/workbooks.ts, default 400), and
 * what the test suite checks — every workbook the tests of test/core, test/cli, test/files, test/excel,
 * test/taskpane, test/workbench and test/examples.test.ts write, and every sheet set they hand to the checker (issue
 * 9's corpus in test/helpers/corpus.ts, the rule tests' sheets), captured by scripts/corpus/capture.ts.
 *
 * Per workbook: `check --json` (and with each `--template` for the examples and the first 60 fuzz seeds), `fix
 * --dry-run`, the export (records and the built-in layout of every sheet) and the written reports. Per sheet set:
 * the report, each sheet's fix plan, and the export. The corpus is written once (before the change); the hashes are
 * taken of the same corpus before and after. Writes nothing into the project's tree.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { readSheetsStreaming } from '../../src/files/node-io';
import { analyseSheet } from '../../src/core/engine/check';
import { analyseWorkbook, checkWorkbook } from '../../src/core/engine/report';
import { planFixes } from '../../src/core/engine/fix';
import { prepareExports } from '../../src/core/export/records';
import { buildExportWorkbook } from '../../src/core/export/build';
import { buildWrittenReports } from '../../src/core/written-report/build';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import type { Profile } from '../../src/core/profile/schema';
import { TEMPLATE_IDS, type SheetInput } from '../../src/core/types';
import { fuzzWorkbook } from '../fuzz/workbooks';

const ROOT = path.resolve(__dirname, '../../..');
const REPORT_DATE = '2026-11-22';
const YMD = { y: 2026, m: 11, d: 22 };
const TEST_DIRS = ['test/core', 'test/cli', 'test/files', 'test/excel', 'test/taskpane', 'test/workbench', 'test/examples.test.ts'];
/** Fuzz seeds also checked with every forced template. */
const FORCED_SEEDS = 60;

type Hashes = Record<string, string>;

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with Sets and Maps as lists and Infinity named (JSON.stringify would write {} and null). */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Set) return [...v];
    if (v instanceof Map) return [...v.entries()];
    if (v === Number.POSITIVE_INFINITY) return 'Infinity';
    return v;
  });
}

/** A step's result, or the error it threw (an error is a result too: it must stay the same). */
function attempt(f: () => unknown): string {
  try {
    return stable(f());
  } catch (e) {
    return `THROWN ${(e as Error).message}`;
  }
}

async function cli(argv: string[]): Promise<string> {
  let out = '';
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += `[stderr]${t}`),
    stderrIsTTY: false,
    cwd: process.cwd(),
    today: REPORT_DATE,
  };
  const code = await run(argv, io);
  return `${code}\n${out}`;
}

// ------------------------------------------------------------------------------------------------ write

async function write(dir: string, fuzz: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'examples'))) {
    if (f.endsWith('.xlsx')) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, `example-${f}`));
  }
  for (let seed = 1; seed <= fuzz; seed++) fs.writeFileSync(path.join(dir, `fuzz-${String(seed).padStart(4, '0')}.xlsx`), await fuzzWorkbook(seed));
  const captured = path.join(dir, 'captured');
  const jest = spawnSync('npx', ['jest', ...TEST_DIRS, '--setupFilesAfterEnv', '<rootDir>/scripts/corpus/capture.ts'], {
    cwd: ROOT,
    env: { ...process.env, XUEJI_CORPUS_CAPTURE: captured },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (jest.status !== 0) throw new Error(`jest exited with ${jest.status}: the capture is incomplete`);
  const all = fs.readdirSync(captured);
  process.stdout.write(
    `corpus in ${dir}: ${fuzz} fuzz workbooks, ${all.filter((f) => f.endsWith('.xlsx')).length} workbooks and ` +
      `${all.filter((f) => f.endsWith('.sheets.json')).length} sheet sets from the tests\n`,
  );
}

// ------------------------------------------------------------------------------------------------ hash

async function hashWorkbook(file: string, forced: boolean): Promise<Hashes> {
  const h: Hashes = {};
  h.check = sha(await cli(['check', file, '--json', '--report-date', REPORT_DATE]));
  if (forced) for (const t of TEMPLATE_IDS) h[`check:${t}`] = sha(await cli(['check', file, '--json', '--template', t, '--report-date', REPORT_DATE]));
  h.fix = sha(await cli(['fix', file, '--dry-run', '--report-date', REPORT_DATE]));
  const sheets = await readSheetsStreaming(file, { limits: DEFAULT_PROFILE.limits }).catch((e: Error) => e);
  if (sheets instanceof Error) {
    h.read = sha(`THROWN ${sheets.message}`);
    return h;
  }
  h.export = sha(exportText(sheets, DEFAULT_PROFILE, { reportDate: YMD }));
  h.report = sha(attempt(() => buildWrittenReports([{ file: path.basename(file), sheets }], DEFAULT_PROFILE, YMD)));
  return h;
}

function exportText(sheets: readonly SheetInput[], profile: Profile, options: Parameters<typeof prepareExports>[2]): string {
  return attempt(() => {
    const prep = prepareExports(sheets, profile, options);
    return { prep, books: prep.exports.map((sx) => attempt(() => buildExportWorkbook(sx, profile, { reportDate: options.reportDate }))) };
  });
}

interface Captured {
  entry: 'sheet' | 'workbook';
  sheets: SheetInput[];
  profile: Profile;
  options: Parameters<typeof analyseSheet>[2];
}

/** A captured sheet set as it was: JSON's null holes are the sheet's missing rows and cells again. */
function revive(text: string): Captured {
  const c = JSON.parse(text, (_k, v: unknown) => (v === 'Infinity' ? Number.POSITIVE_INFINITY : v)) as Captured;
  const hole = (x: unknown) => (x === null ? undefined : x);
  c.sheets = c.sheets.map((s) => ({ ...s, rows: (s.rows as unknown[]).map((r) => (Array.isArray(r) ? r.map(hole) : undefined)) }) as SheetInput);
  return c;
}

function hashSheets(file: string): Hashes {
  const c = revive(fs.readFileSync(file, 'utf8'));
  const h: Hashes = {};
  const plans = (analyses: ReturnType<typeof analyseSheet>[]) =>
    analyses.map((a, i) => attempt(() => planFixes(c.sheets[i]!, c.profile, a)));
  if (c.entry === 'sheet') {
    const a = analyseSheet(c.sheets[0]!, c.profile, c.options);
    h.check = sha(stable(a.report));
    h.fix = sha(stable(plans([a])));
  } else {
    h.check = sha(attempt(() => checkWorkbook('captured', c.sheets, c.profile, c.options)));
    const analyses = analyseWorkbook(c.sheets, c.profile, c.options);
    // analyseWorkbook skips empty sheets: plan each analysis against its own sheet.
    h.fix = sha(stable(analyses.map((a) => attempt(() => planFixes(c.sheets.find((s) => s.name === a.report.sheet)!, c.profile, a)))));
  }
  h.export = sha(exportText(c.sheets, c.profile, c.options));
  return h;
}

async function hash(dir: string, out: string): Promise<void> {
  const result: Record<string, Hashes> = {};
  const captured = path.join(dir, 'captured');
  const files = [
    ...fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f)),
    ...fs.readdirSync(captured).sort().map((f) => path.join(captured, f)),
  ];
  let done = 0;
  for (const file of files) {
    const name = path.relative(dir, file);
    const seed = /^fuzz-(\d+)\.xlsx$/.exec(name);
    const forced = name.startsWith('example-') || (seed !== null && Number(seed[1]) <= FORCED_SEEDS);
    result[name] = file.endsWith('.sheets.json') ? hashSheets(file) : await hashWorkbook(file, forced);
    if (++done % 200 === 0) process.stderr.write(`${done} / ${files.length}\n`);
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
  const workbooks = files.filter((f) => f.endsWith('.xlsx')).length;
  const reports = Object.values(result).reduce((n, h) => n + Object.keys(h).length, 0);
  process.stdout.write(`${files.length} inputs (${workbooks} workbooks, ${files.length - workbooks} sheet sets), ${reports} reports hashed into ${out}\n`);
}

// ------------------------------------------------------------------------------------------------ compare

function compare(a: string, b: string): number {
  const before = JSON.parse(fs.readFileSync(a, 'utf8')) as Record<string, Hashes>;
  const after = JSON.parse(fs.readFileSync(b, 'utf8')) as Record<string, Hashes>;
  const differ: string[] = [];
  let reports = 0;
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = before[name] ?? {};
    const y = after[name] ?? {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      reports++;
      if (x[k] !== y[k]) differ.push(`${name} ${k}`);
    }
  }
  process.stdout.write(`${Object.keys(before).length} inputs, ${reports} reports: ${differ.length ? `${differ.length} differ` : 'all identical'}\n`);
  for (const d of differ.slice(0, 50)) process.stdout.write(`  ${d}\n`);
  return differ.length ? 1 : 0;
}

async function main(): Promise<void> {
  const [verb, a, b] = process.argv.slice(2);
  if (verb === 'write' && a) {
    const i = process.argv.indexOf('--fuzz');
    await write(path.resolve(a), i > 0 ? Number(process.argv[i + 1]) : 400);
  } else if (verb === 'hash' && a && b) {
    await hash(path.resolve(a), path.resolve(b));
  } else if (verb === 'compare' && a && b) {
    process.exitCode = compare(a, b);
  } else {
    process.stderr.write('usage: report-corpus write DIR [--fuzz N] | hash DIR OUT.json | compare A.json B.json\n');
    process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
