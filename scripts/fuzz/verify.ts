/**
 * What the fuzz test and `npm run fuzz` assert of every workbook (issue 14 "Done when"): `check --json` and `fix`
 * exit 0, 1 or 2 with valid JSON; every issue and patch is on a real cell; a fix "[可修复]" promised is not refused;
 * the fixed copy opens (our reader and ExcelJS); every cell no patch names is unchanged — value, type, number
 * format and formula; every patched cell holds what the patch says; fixing the copy again changes nothing.
 */
import ExcelJS from 'exceljs';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { readSheetsStreaming } from '../../src/files/node-io';
import { analyseWorkbook } from '../../src/core/engine/report';
import { planFixes } from '../../src/core/engine/fix';
import { cellFromPatch } from '../../src/core/engine/plan';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import type { Cell, Patch, SheetInput } from '../../src/core/types';
import { columnLetters } from '../../src/files/sheet-builder';

export const REPORT_DATE = '2026-11-22';
const OPTIONS = { reportDate: { y: 2026, m: 11, d: 22 } };
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

export type Problem = 'crash' | 'bad-json' | 'bad-address' | 'refused-promise' | 'unreadable-output' | 'collateral' | 'wrong-patch' | 'non-idempotent';

export interface Verdict {
  problems: { kind: Problem; detail: string }[];
  /** Exit codes of check and fix. */
  check: number;
  fix: number;
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false, cwd: process.cwd(), today: REPORT_DATE };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export function realCell(a: string): boolean {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(a);
  if (!m) return false;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return col <= MAX_COL && Number(m[2]) <= MAX_ROW;
}

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  const empty = (c: Cell | undefined) => c === undefined || (c.kind === 'empty' && c.formula === undefined);
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  return a!.kind === b!.kind && a!.value === b!.value && (a!.numberFormat ?? 'General') === (b!.numberFormat ?? 'General') && a!.formula === b!.formula;
}

function show(c: Cell | undefined): string {
  return c === undefined ? '（空）' : JSON.stringify(c);
}

function cellAt(s: SheetInput, row: number, col: number): Cell | undefined {
  return s.rows[row - 1]?.[col - 1];
}

function addresses(a: SheetInput, b: SheetInput): [number, number][] {
  const out: [number, number][] = [];
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 1; r <= rows; r++) {
    const width = Math.max(a.rows[r - 1]?.length ?? 0, b.rows[r - 1]?.length ?? 0);
    for (let c = 1; c <= width; c++) out.push([r, c]);
  }
  return out;
}


/** Runs every assertion on the workbook at `input`, writing the fixed copy into `work`. */
export async function verify(input: string, work: string): Promise<Verdict> {
  const problems: Verdict['problems'] = [];
  const add = (kind: Problem, detail: string) => problems.push({ kind, detail });

  const check = await cli(['check', input, '--json', '--report-date', REPORT_DATE]);
  if (![0, 1, 2].includes(check.code)) add('crash', `check exit ${check.code}: ${check.stderr.trim()}`);
  let report: { summary?: { fixable: number }; sheets?: { issues: { cell: string | null; fix: { patches: Patch[] } | null }[] }[] } = {};
  try {
    report = JSON.parse(check.stdout);
  } catch {
    add('bad-json', `check --json printed ${check.stdout.length} characters that are not JSON`);
  }
  for (const s of report.sheets ?? []) {
    for (const i of s.issues) {
      if (i.cell !== null && !realCell(i.cell)) add('bad-address', `issue at ${i.cell}`);
      for (const p of i.fix?.patches ?? []) if (!realCell(p.cell)) add('bad-address', `patch at ${p.cell}`);
    }
  }

  const out = join(work, 'fixed.xlsx');
  await fsp.rm(out, { force: true });
  const fix = await cli(['fix', input, '-o', out, '--report-date', REPORT_DATE]);
  if (![0, 1, 2].includes(fix.code)) add('crash', `fix exit ${fix.code}: ${fix.stderr.trim()}`);
  if (fix.code === 2 && check.code !== 2 && (report.summary?.fixable ?? 0) > 0) add('refused-promise', fix.stderr.trim());
  if (check.code === 2 || !existsSync(out)) return { problems, check: check.code, fix: fix.code };

  // What the fix meant to write, planned the way `fix` plans it.
  const before = await readSheetsStreaming(input, { limits: DEFAULT_PROFILE.limits });
  const analyses = analyseWorkbook(before, DEFAULT_PROFILE, OPTIONS);
  const plans = analyses.map((a) => planFixes(before.find((s) => s.name === a.report.sheet)!, DEFAULT_PROFILE, a));
  let after: SheetInput[];
  try {
    after = await readSheetsStreaming(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fsp.readFile(out)) as unknown as ExcelJS.Buffer);
  } catch (e) {
    add('unreadable-output', (e as Error).message);
    return { problems, check: check.code, fix: fix.code };
  }
  if (after.length !== before.length) add('collateral', `${before.length} sheets became ${after.length}`);
  before.forEach((b, k) => {
    const a = after[k];
    if (!a) return;
    const plan = plans.find((p) => p.sheet === b.name);
    const wanted = plan?.renameSheet ?? b.name;
    if (a.name !== wanted) add('collateral', `sheet “${b.name}” is now “${a.name}”`);
    if (JSON.stringify(a.merges) !== JSON.stringify(b.merges)) add('collateral', `${b.name}: merges ${JSON.stringify(b.merges)} → ${JSON.stringify(a.merges)}`);
    const patched = new Map<string, Patch>();
    for (const p of plan?.patches ?? []) patched.set(p.cell, p);
    for (const [row, col] of addresses(a, b)) {
      const addr = `${columnLetters(col)}${row}`;
      const p = patched.get(addr);
      const now = cellAt(a, row, col);
      if (p) {
        if (!sameCell(now, cellFromPatch(p))) add('wrong-patch', `${b.name}!${addr}: wanted ${JSON.stringify(p)}, got ${show(now)}`);
      } else if (!sameCell(now, cellAt(b, row, col))) {
        add('collateral', `${b.name}!${addr}: ${show(cellAt(b, row, col))} → ${show(now)}`);
      }
    }
  });
  const again = analyseWorkbook(after, DEFAULT_PROFILE, OPTIONS);
  for (const a of again) {
    const p = planFixes(after.find((s) => s.name === a.report.sheet)!, DEFAULT_PROFILE, a);
    if (p.patches.length || p.renameSheet) {
      add('non-idempotent', `${a.report.sheet}: fixing the copy again writes ${p.patches.slice(0, 3).map((x) => x.cell).join(', ')}${p.renameSheet ? ` and renames it “${p.renameSheet}”` : ''}`);
    }
  }
  return { problems, check: check.code, fix: fix.code };
}
