/**
 * Files on disk: check an input, read its sheets (streaming for `check`, the full ExcelJS model for `fix`), write a
 * workbook atomically. Node only. Every failure about the input is a `XuejiInputError` with a Chinese message; about
 * the output a `XuejiOutputError`.
 */
import { fidelityProblems, keepWorkbookProtection, unsupportedContent } from './fidelity';
import * as ExcelJS from 'exceljs';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Patch, SheetInput } from '../core/types';
import { XuejiInputError, XuejiOutputError, XuejiPatchError, baseName, inputError } from './errors';
import { patchXlsx } from './xlsx-patch';
import { installChineseBuiltinNumberFormats } from './exceljs-internals';
import { sniffInput } from './sniff';
import { newTempPath, releaseTemp, removeStaleTemps } from './temp-files';
import { sheetFromWorksheet, workbookBytes } from './workbook';
import { decodeRange } from './sheet-builder';
import {
  ReadBudget,
  type ReadLimits,
  openXlsxZip,
  readSharedParts,
  readWorkbookParts,
  readWorksheetPart,
  rootElementPrefix,
  zipEntry,
} from './xlsx-stream';

export { sniffInput } from './sniff';

/** Rows between two `onRows` calls. */
export const ROWS_PER_PROGRESS = 1000;

export interface ReadOptions {
  /** Called every 1,000 rows read, with the number of rows read so far in the whole file. */
  onRows?: (rowsSoFar: number) => void;
  /**
   * Refuse ('too-many-rows') a sheet with more rows than this (the streaming reader stops right there). Rows the sheet
   * has are counted, not row numbers: one stray value in row 1,048,576 is one row.
   */
  maxRows?: number;
  /** Refuse ('too-many-cells', 'too-large') a file beyond the profile's limits (the reader stops right there). */
  limits?: ReadLimits;
}

/** Carries an error thrown by the caller's own callback through the "anything else means corrupt" wrapping. */
class CallerError {
  constructor(readonly error: unknown) {}
}

function hasAnyCell(sheets: readonly SheetInput[]): boolean {
  return sheets.some((s) => s.rows.some((r) => r !== undefined && r.some((c) => c !== undefined)));
}

async function readInput(path: string, limits?: ReadLimits): Promise<Buffer> {
  await sniffInput(path);
  // A zip never holds more than it inflates to: a file larger than the inflate limit is refused before it is read.
  if (limits !== undefined && (await fsp.stat(path)).size > limits.inflatedBytes) {
    throw inputError('too-large', path, { limit: limits.inflatedBytes });
  }
  try {
    return await fsp.readFile(path);
  } catch (e) {
    throw inputError('not-found', path, { cause: e });
  }
}

/**
 * Reads every worksheet of an .xlsx in workbook order without building ExcelJS's workbook model: memory grows with
 * one small object per non-empty cell (a 1,000,000-row sheet fits), never with the XML. See xlsx-stream.ts for why
 * this is not ExcelJS's WorkbookReader. Returns exactly what `loadWorkbook` returns as `sheets`.
 */
export async function readSheetsStreaming(path: string, opts?: ReadOptions): Promise<SheetInput[]> {
  installChineseBuiltinNumberFormats();
  const data = await readInput(path, opts?.limits);
  const { zip } = await openXlsxZip(data, path);
  let rowsSoFar = 0;
  let sheetRows = 0;
  const onRow = (): void => {
    if (opts?.maxRows !== undefined && ++sheetRows > opts.maxRows) {
      throw inputError('too-many-rows', path, { limit: opts.maxRows });
    }
    rowsSoFar++;
    if (opts?.onRows !== undefined && rowsSoFar % ROWS_PER_PROGRESS === 0) {
      try {
        opts.onRows(rowsSoFar);
      } catch (e) {
        throw new CallerError(e);
      }
    }
  };
  let sheets: SheetInput[];
  const budget = new ReadBudget(path, opts?.limits);
  try {
    const workbook = await readWorkbookParts(zip, budget);
    const { styles, sharedStrings } = await readSharedParts(zip, budget);
    const ctx = { path, styles, sharedStrings, date1904: workbook.date1904, onRow, budget };
    sheets = [];
    for (const sheet of workbook.sheets) {
      if (sheet.kind !== 'worksheet') continue;
      if (sheet.part === undefined) throw inputError('corrupt', path);
      sheetRows = 0;
      sheets.push(await readWorksheetPart(zip, sheet.part, sheet.name, ctx));
    }
  } catch (e) {
    if (e instanceof CallerError) throw e.error;
    if (e instanceof XuejiInputError) throw e;
    throw inputError('corrupt', path, { cause: e });
  }
  if (!hasAnyCell(sheets)) throw inputError('empty', path);
  return sheets;
}

/**
 * Refuses ('too-many-cells', 'too-large') a workbook that ExcelJS's full reader would blow up in memory: beyond the
 * limits when read as a stream, or whose merged ranges (which ExcelJS expands cell by cell) cover more than
 * `limits.cells` cells — a merge over A1:XFD1048576 would be 17 billion cells.
 */
export async function assertLoadable(path: string, limits: ReadLimits): Promise<void> {
  const sheets = await readSheetsStreaming(path, { limits });
  let merged = 0;
  for (const s of sheets) {
    for (const m of s.merges) {
      const r = decodeRange(m);
      if (r) merged += (r.bottom - r.top + 1) * (r.right - r.left + 1);
    }
  }
  if (merged > limits.cells) throw inputError('too-many-cells', path, { limit: limits.cells });
}

/** The worksheet part names ExcelJS's full reader loads (others it silently leaves out). */
const EXCELJS_SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/**
 * Loads the whole workbook into ExcelJS (for `fix`: patches are written into it and it is saved again).
 * `unsupported` lists, in Chinese, what the saved copy will lack (charts, pivot tables, macros, …).
 */
export async function loadWorkbook(
  path: string,
  opts?: Pick<ReadOptions, 'maxRows'>,
): Promise<{ workbook: ExcelJS.Workbook; sheets: SheetInput[]; unsupported: string[] }> {
  installChineseBuiltinNumberFormats();
  const data = await readInput(path);
  const { zip } = await openXlsxZip(data, path);
  const workbook = new ExcelJS.Workbook();
  let sheets: SheetInput[];
  try {
    // ExcelJS drops a worksheet stored under another part name, or one whose part is missing, and reads a sheet
    // whose elements carry a namespace prefix (<x:row>) as empty, without a word: a saved copy would silently lose
    // that sheet's data. Refuse such a file instead.
    const parts = await readWorkbookParts(zip);
    for (const sheet of parts.sheets) {
      if (sheet.kind !== 'worksheet') continue;
      if (sheet.part === undefined || zipEntry(zip, sheet.part) === null) throw inputError('corrupt', path);
      if (!EXCELJS_SHEET_PART.test(sheet.part) || (await rootElementPrefix(zipEntry(zip, sheet.part)!)) !== '') {
        throw inputError('unsupported-content', path, { variant: 'nonstandard-sheet' });
      }
    }
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
    sheets = workbook.worksheets.map((ws) => sheetFromWorksheet(ws));
  } catch (e) {
    if (e instanceof XuejiInputError) throw e;
    throw inputError('corrupt', path, { cause: e });
  }
  if (opts?.maxRows !== undefined && sheets.some((s) => s.rows.length > (opts.maxRows as number))) {
    throw inputError('too-many-rows', path, { limit: opts.maxRows });
  }
  if (!hasAnyCell(sheets)) throw inputError('empty', path);
  return { workbook, sheets, unsupported: await unsupportedContent(data) };
}

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await fsp.realpath(p);
  } catch {
    return undefined;
  }
}

/** Whether two paths name the same file: same inode when both exist, else the same real path. */
/** Refuse early when the output would be the input (any spelling, link or case on case-insensitive systems). */
export async function assertNotInput(outPath: string, inputPath: string): Promise<void> {
  if (await sameFile(resolve(outPath), resolve(inputPath))) throw inputError('same-as-input', outPath);
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fsp.stat(a).catch(() => undefined), fsp.stat(b).catch(() => undefined)]);
  if (sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0) return true;
  const ra = (await realpathOrUndefined(a)) ?? join((await realpathOrUndefined(dirname(a))) ?? dirname(a), basename(a));
  const rb = (await realpathOrUndefined(b)) ?? join((await realpathOrUndefined(dirname(b))) ?? dirname(b), basename(b));
  const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
  return caseInsensitive ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

function writeFailure(outPath: string, e: unknown): XuejiOutputError {
  const first = e instanceof AggregateError ? e.errors[0] : e;
  const code = (first as NodeJS.ErrnoException | undefined)?.code;
  const f = `“${baseName(outPath)}”`;
  let reason: string;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      reason = '没有写入权限，或文件正被其他程序（如 Excel）打开';
      break;
    case 'ENOSPC':
      reason = '磁盘空间不足';
      break;
    case 'ENAMETOOLONG':
      reason = '文件名太长（最多 255 字节），请换一个短一些的文件名';
      break;
    case 'EROFS':
      reason = '磁盘或文件夹是只读的';
      break;
    default:
      reason = '写入时出错';
      break;
  }
  return new XuejiOutputError('write-failed', `无法保存文件${f}：${reason}`, { cause: e });
}

/** The longest file name (in UTF-8 bytes) the common file systems accept (ext4, NTFS, APFS). */
export const MAX_NAME_BYTES = 255;

export interface WriteOptions {
  /** The inputs of the run: none of them is ever written, however spelled, even with `force`. */
  inputs?: readonly string[];
  /** Replace an existing file (without it an existing file is refused: 'output-exists'). */
  force?: boolean;
  /**
   * The folder as the user named it (`-o DIR` of a verb writing several files): the refusal of an existing file then
   * names the folder and the file; without it, the file as given.
   */
  folder?: string;
}

/**
 * Where `outPath` may be written — the one rule every verb follows (issues 12 item 4, 14 item 6), checked before any
 * work is done and again just before writing: not one of the inputs (any spelling, link or case), a name of at most
 * 255 UTF-8 bytes, a folder that exists, not a folder itself, not an existing file unless `force`. Throws
 * XuejiInputError 'same-as-input' or XuejiOutputError.
 */
export async function assertWritable(outPath: string, opts: WriteOptions = {}): Promise<void> {
  const out = resolve(outPath);
  const name = basename(out);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw new XuejiOutputError('name-too-long', `文件名“${name.slice(0, 40)}…”太长（超过 ${MAX_NAME_BYTES} 字节），无法保存`);
  }
  for (const input of opts.inputs ?? []) {
    if (await sameFile(out, resolve(input))) throw inputError('same-as-input', outPath);
  }
  const dirStat = await fsp.stat(dirname(out)).catch(() => undefined);
  if (dirStat === undefined || !dirStat.isDirectory()) {
    throw new XuejiOutputError('output-dir-missing', `无法保存文件“${baseName(outPath)}”：所在文件夹不存在，请先创建它`);
  }
  const outStat = await fsp.lstat(out).catch(() => undefined);
  if (outStat === undefined) return;
  if ((await fsp.stat(out).catch(() => outStat)).isDirectory()) {
    throw new XuejiOutputError('output-is-directory', `无法保存：“${baseName(outPath)}”是一个文件夹，请指定文件名`);
  }
  if (!opts.force) {
    throw new XuejiOutputError(
      'output-exists',
      opts.folder !== undefined
        ? `“${baseName(opts.folder)}”中已有文件“${name}”，为免覆盖未写入任何文件；确认要替换它，请加 --force`
        : `文件“${baseName(outPath)}”已经存在，为免覆盖没有写入；请另指定文件名，或加 --force 覆盖它`,
    );
  }
}

/**
 * Saves `bytes` to `outPath` so that the file is either complete or untouched (`writeAllAtomic` of one file).
 */
export async function writeBytesAtomic(bytes: Uint8Array, outPath: string, opts: WriteOptions = {}): Promise<void> {
  await writeAllAtomic([{ path: outPath, bytes }], opts);
}

/**
 * Writes every file or none of them, each checked by `assertWritable` just before: each goes to a temp file in its
 * folder (`.xueji-<pid>-<hex>.tmp`, registered so that Ctrl+C / SIGTERM remove it; temp files a killed earlier run
 * left in the folder are removed first), is flushed to disk, and only when all are written are they renamed into
 * place. The temp files are removed on any failure.
 */
export async function writeAllAtomic(files: readonly { path: string; bytes: Uint8Array }[], opts: WriteOptions = {}): Promise<void> {
  for (const f of files) await assertWritable(f.path, opts);
  const temps: { temp: string; out: string; path: string }[] = [];
  let current = files[0]?.path ?? '';
  try {
    const cleaned = new Set<string>();
    for (const f of files) {
      current = f.path;
      const out = resolve(f.path);
      const dir = dirname(out);
      if (!cleaned.has(dir)) {
        cleaned.add(dir);
        await removeStaleTemps(dir);
      }
      const temp = newTempPath(dir);
      temps.push({ temp, out, path: f.path });
      const fh = await fsp.open(temp, 'wx');
      try {
        await fh.writeFile(f.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    for (const t of temps) {
      current = t.path;
      await fsp.rename(t.temp, t.out);
      releaseTemp(t.temp);
    }
  } catch (e) {
    // The original failure is what matters; a failed clean-up is added to its cause, not thrown instead of it.
    const failed: unknown[] = [];
    for (const t of temps) {
      const cleanup = await fsp.rm(t.temp, { force: true }).then(
        () => undefined,
        (cleanupError: unknown) => cleanupError,
      );
      if (cleanup === undefined) releaseTemp(t.temp);
      else failed.push(cleanup);
    }
    throw writeFailure(current, failed.length ? new AggregateError([e, ...failed], 'write and clean-up failed') : e);
  }
}

/**
 * `writeBytesAtomic` of the workbook ExcelJS builds (an export). Its data validations are written as the ranges they
 * are (compactDataValidations); `keepFrom`, the bytes of the workbook it was loaded from (a school's template), gives
 * back what ExcelJS drops at the workbook level (the structure protection).
 */
export async function writeWorkbookAtomic(
  workbook: ExcelJS.Workbook,
  outPath: string,
  opts: WriteOptions & { keepFrom?: Uint8Array } = {},
): Promise<void> {
  await assertWritable(outPath, opts);
  let buffer: Uint8Array;
  try {
    buffer = await workbookBytes(workbook);
    if (opts.keepFrom) buffer = await keepWorkbookProtection(opts.keepFrom, buffer);
  } catch (e) {
    throw new XuejiOutputError('write-failed', `无法生成文件“${baseName(outPath)}”的内容`, { cause: e });
  }
  await writeBytesAtomic(buffer, outPath, opts);
}

/**
 * Writes the sheets' patches (and sheet renames) into a copy of the workbook at `path`, everything else carried
 * over unchanged (xlsx-patch.ts), and saves it atomically at `outPath`.
 */
export async function writeFixedCopy(
  path: string,
  edits: readonly { sheet: string; patches: readonly Patch[]; merges: readonly string[]; rename: string | null }[],
  outPath: string,
  opts: WriteOptions & { limits?: ReadLimits } = {},
): Promise<void> {
  const data = await readInput(path, opts.limits);
  const { zip } = await openXlsxZip(data, path);
  let bytes: Buffer;
  try {
    const parts = await readWorkbookParts(zip);
    const full = edits.map((e) => {
      const part = parts.sheets.find((s) => s.name === e.sheet && s.kind === 'worksheet')?.part;
      if (part === undefined) throw inputError('corrupt', path);
      return { ...e, part };
    });
    bytes = await patchXlsx(data, full, parts.date1904, new ReadBudget(path, opts.limits));
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiPatchError) throw e;
    throw inputError('corrupt', path, { cause: e });
  }
  await writeBytesAtomic(bytes, outPath, opts);
}

/**
 * Why ExcelJS could not rewrite this file faithfully (charts, macros, whole-column validations …), in Chinese;
 * empty when it can. A file that is no zip was refused by `sniffInput` before; one that still fails is corrupt.
 */
export async function workbookFidelityProblems(path: string): Promise<string[]> {
  const bytes = await fsp.readFile(path);
  try {
    return await fidelityProblems(bytes);
  } catch (e) {
    throw inputError('corrupt', path, { cause: e });
  }
}
