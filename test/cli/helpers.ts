/**
 * Helpers for the command-line tests: run `xueji` in-process with captured output, and write generated .xlsx files
 * (fake students only: 学号 from makeSid, names from makeName, IDs from makeId) into a fresh temp folder.
 */
import * as ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { makeName, makeSid } from '../helpers/rules';
import { makeId } from '../helpers/sheet';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';

export { makeName, makeSid, makeId };

/** The report date every test runs with unless it says otherwise (also `io.today`). */
export const TODAY = '2026-11-22';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process; stdout/stderr are captured. */
export async function xueji(argv: string[], opts: { tty?: boolean; today?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stderrIsTTY: opts.tty ?? false,
    cwd: process.cwd(),
    today: opts.today ?? TODAY,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Runs `check --json` and parses stdout (throws when it is not JSON). */
export async function checkJson(files: string[], extra: string[] = []): Promise<{ code: number; report: any; stderr: string }> {
  const r = await xueji(['check', ...files, '--json', ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

export function tempDir(prefix = 'xueji-cli-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name: string) => path.join(dir, name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function saveWorkbook(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

export async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Asserts the shape of a failure the user must understand: one Chinese line on stderr, no stack trace. */
export function expectOneChineseLine(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/Error:|TypeError|内部错误/);
}

// ------------------------------------------------------------------ rosters (T2 withdrawal)

export type Row = (ExcelJS.CellValue | undefined)[];

export const WD_HEADER = ['序号', '分部名称', '学号全码', '学生姓名'];
export const WD_SIGNATURE = DEFAULT_PROFILE.withdrawal.signature;

/** n correct roster rows: 序号 1..n, one 分部, 学号 ascending, generated names. */
export function rosterRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => [i + 1, '河北分部', makeSid(i + 1), makeName(i)]);
}

export interface RosterOptions {
  sheetName?: string;
  /** A title row merged over the header's width (the header then sits in row 2). */
  title?: string;
  /** Append the 经办人 row (default true). */
  signature?: boolean;
}

/** Adds a withdrawal roster sheet: optional merged title row, header, rows, signature row. */
export function addRoster(wb: ExcelJS.Workbook, rows: Row[], o: RosterOptions = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(o.sheetName ?? '退学');
  if (o.title !== undefined) {
    ws.addRow([o.title]);
    ws.mergeCells(1, 1, 1, WD_HEADER.length);
  }
  ws.addRow(WD_HEADER);
  for (const r of rows) ws.addRow(r);
  if (o.signature ?? true) ws.addRow([WD_SIGNATURE]);
  return ws;
}

export async function saveRoster(file: string, rows: Row[], o: RosterOptions = {}): Promise<string> {
  return saveWorkbook(file, (wb) => addRoster(wb, rows, o));
}

// ------------------------------------------------------------------ T1 exemption

export const EX_HEADER = ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'];
export const REASON_1 = DEFAULT_PROFILE.exemption.reasons[0]!.text;

/** A correct exemption table (reason 1 for 大学英语B = 71) with the given centre codes, and its terminator row. */
export async function saveExemption(file: string, centreCodes: string[]): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('免考信息');
    ws.addRow(EX_HEADER);
    centreCodes.forEach((code, i) => ws.addRow([code, makeSid(i + 1), makeName(i), '71', REASON_1]));
    ws.addRow([DEFAULT_PROFILE.exemption.terminator]);
  });
}

// ------------------------------------------------------------------ T3 correction

export const CO_HEADER = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
export const CO_SIGNATURE = DEFAULT_PROFILE.correction.signature;
export const NEW_TITLE = '国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表';

/**
 * A correction sheet: 民族 corrections (满族 → 汉族, 录入错误) for students with the given 学号, sorted as given,
 * with the signature row. `title` adds a merged title row above the header.
 */
export async function saveCorrection(file: string, sids: string[], o: { title?: string; sheetName?: string } = {}): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet(o.sheetName ?? 'Sheet1');
    if (o.title !== undefined) {
      ws.addRow([o.title]);
      ws.mergeCells(1, 1, 1, CO_HEADER.length);
    }
    ws.addRow(CO_HEADER);
    sids.forEach((sid, i) => ws.addRow([i + 1, sid, makeName(i), '民族', '满族', '汉族', '录入错误', null]));
    ws.addRow([CO_SIGNATURE]);
  });
}
