/**
 * A jest set-up file for `scripts/corpus/report-corpus.ts write` (issue 13 item 5): while the chosen test files run,
 * every workbook they write (ExcelJS `writeFile` / `writeBuffer`, or bytes of an .xlsx written with fs) and every
 * sheet set they hand to the checker (`analyseSheet`, `analyseWorkbook`, `checkWorkbook`, with the profile and
 * options given) is copied into $XUEJI_CORPUS_CAPTURE, so that the reports of exactly these inputs can be compared
 * before and after a refactor. Does nothing when the variable is not set. Fictional students only (the tests').
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = process.env.XUEJI_CORPUS_CAPTURE;
/** Larger inputs are left out: the corpus is compared often, and the scale tests only repeat shapes. */
const MAX_ROWS = 20_000;
const MAX_BYTES = 3_000_000;

function save(name: string, data: string | Uint8Array): void {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 20);
  const file = path.join(dir!, `${hash}${name}`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, data);
}

function keepBytes(data: unknown): void {
  if (!(data instanceof Uint8Array) || data.length > MAX_BYTES) return;
  // An .xlsx is a zip: PK\x03\x04.
  if (data[0] === 0x50 && data[1] === 0x4b) save('.xlsx', data);
}

interface SheetLike {
  rows: readonly unknown[];
}

/** `entry`: checked one sheet at a time (analyseSheet) or as a workbook (analyseWorkbook / checkWorkbook). */
function keepSheets(entry: 'sheet' | 'workbook', sheets: readonly SheetLike[], profile: unknown, options: unknown): void {
  if (sheets.reduce((n, s) => n + s.rows.length, 0) > MAX_ROWS) return;
  // An issue limit of Infinity (the export's) is written as the string, JSON has no Infinity.
  const replacer = (_k: string, v: unknown) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v);
  save('.sheets.json', JSON.stringify({ entry, sheets, profile, options }, replacer));
}

if (dir) {
  fs.mkdirSync(dir, { recursive: true });
}

// ExcelJS: every workbook a test writes (in node suites only: under jsdom ExcelJS's internals resolve to browser ES
// modules jest does not load).
if (dir && typeof window === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('exceljs/lib/xlsx/xlsx');
  const writeBuffer = XLSX.prototype.writeBuffer;
  XLSX.prototype.writeBuffer = async function (this: unknown, ...args: unknown[]) {
    const buf = await writeBuffer.apply(this, args);
    keepBytes(buf);
    return buf;
  };
  const writeFile = XLSX.prototype.writeFile;
  XLSX.prototype.writeFile = async function (this: unknown, file: string, ...args: unknown[]) {
    await writeFile.call(this, file, ...args);
    if (fs.existsSync(file)) keepBytes(fs.readFileSync(file));
  };
  // Bytes written straight to an .xlsx (a zip edited after ExcelJS wrote it).
  // (The module itself, not `import * as`'s read-only copy of it: test files import it after this runs.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFs = require('node:fs') as { writeFileSync: typeof fs.writeFileSync };
  const writeFileSync = nodeFs.writeFileSync;
  nodeFs.writeFileSync = function (file: fs.PathOrFileDescriptor, data: unknown, ...rest: unknown[]) {
    (writeFileSync as (...a: unknown[]) => void)(file, data, ...rest);
    if (typeof file === 'string' && /\.xlsx$/i.test(file) && !file.startsWith(dir)) keepBytes(data);
  } as typeof fs.writeFileSync;
}

if (dir) {
  // The checker's entry points, as the tests call them (a call from inside the module itself is not seen: fine).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const check = require('../../src/core/engine/check');
  const analyseSheet = check.analyseSheet;
  check.analyseSheet = (sheet: SheetLike, profile: unknown, options: unknown, ...rest: unknown[]) => {
    keepSheets('sheet', [sheet], profile, options);
    return analyseSheet(sheet, profile, options, ...rest);
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const report = require('../../src/core/engine/report');
  for (const name of ['analyseWorkbook', 'checkWorkbook'] as const) {
    const original = report[name];
    report[name] = (...args: unknown[]) => {
      const sheets = (name === 'checkWorkbook' ? args[1] : args[0]) as SheetLike[];
      const [profile, options] = name === 'checkWorkbook' ? [args[2], args[3]] : [args[1], args[2]];
      keepSheets('workbook', sheets, profile, options);
      return original(...args);
    };
  }
}
