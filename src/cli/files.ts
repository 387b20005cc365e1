/**
 * `xueji files ROSTER.xlsx --dir FOLDER [--json] [--template ID] [--profile P.json]`: the withdrawal scans of a
 * 学信网退学汇总名单, or the evidence folders of a 学生基本信息修改情况统计表, checked against the roster (DOMAIN.md
 * §2 T2/T3, §5 `evidence.*`). Nothing is written. Exit 0 no errors, 1 errors, 2 roster or folder unusable.
 *
 * Also the folder walking and the readable report that `xueji photos` shares. Node lives here; the checks are
 * the pure core's (src/core/evidence) and the image inspection is browser-safe (src/files/images.ts).
 */
import { promises as fsp } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { readSheetsStreaming, sniffInput } from '../files/node-io';
import { XuejiInputError, baseName } from '../files/errors';
import { HEAD_BYTES, inspectFile, needsMoreBytes, type FileEntry } from '../files/images';
import { analyseWorkbook } from '../core/engine/report';
import { checkEvidenceFiles, evidenceRoster, isIgnorable } from '../core/evidence';
import type { FolderListing, InspectedFile } from '../core/evidence/types';
import type { FileEntryReport, FileIssue, FilesReport, FilesTemplate } from '../core/types';
import { TEMPLATE_SPECS } from '../core/templates/specs';
import { displayWidth, padEnd } from './format';
import { ruleTitle } from '../core/rules/catalog';
import { TEXT_ISSUES_PER_SHEET, maxOf, omittedText, terminalText, writeJson } from './output';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate, templateOption } from './options';

export interface FilesFlags {
  dir: string;
  json?: boolean;
  template?: string;
  profile?: string;
  reportDate?: string;
}

/** Deepest level looked into below the folder (correction evidence needs two: 学生文件夹/图片). */
export const MAX_DEPTH = 4;
/** More entries than this is not a batch folder (someone pointed at a whole drive). */
export const MAX_ENTRIES = 50_000;
/** A JPEG whose frame header lies beyond HEAD_BYTES is read whole only up to this size. */
const WHOLE_READ_LIMIT = 64 * 1024 * 1024;

export interface WalkedFile {
  abs: string;
  /** Relative to the folder, '/' separators, NFC. */
  rel: string;
  size: number;
}

/** The folder must exist and be a folder; the message names it by its base name only. */
export async function assertFolder(dir: string): Promise<string> {
  const abs = resolve(dir);
  const st = await fsp.stat(abs).catch(() => undefined);
  if (!st) throw new CliError(`找不到文件夹“${baseName(dir)}”，请检查 --dir 的路径`);
  if (!st.isDirectory()) throw new CliError(`“${baseName(dir)}”不是文件夹，--dir 应指定存放图片的文件夹`);
  return abs;
}

/**
 * Every file and folder below `root` (hidden and system files left out, symbolic links to folders not followed),
 * except the absolute paths in `skip` (the roster, the zips being written). What is there but cannot be read as a
 * file — a pipe, a device, a symbolic link that loops or leads nowhere, or out of the folder — is listed in
 * `specials`, never opened (a pipe would block the read forever) and never followed out of the folder (issue 14
 * item 7): the check reports it as what it is, not as a missing file.
 */
export async function walkFolder(
  root: string,
  skip: (abs: string) => boolean,
): Promise<{ files: WalkedFile[]; directories: string[]; specials: InspectedFile[] }> {
  const files: WalkedFile[] = [];
  const directories: string[] = [];
  const specials: InspectedFile[] = [];
  const realRoot = await fsp.realpath(root).catch(() => root);
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  let count = 0;
  const visit = async (abs: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = await fsp.readdir(abs);
    } catch {
      throw new CliError(`无法读取文件夹“${baseName(abs)}”的内容：没有权限或不是文件夹`);
    }
    for (const name of names.sort()) {
      if (isIgnorable(name)) continue;
      if (++count > MAX_ENTRIES) throw new CliError(`文件夹“${baseName(root)}”中的文件超过 ${MAX_ENTRIES} 个，请只指定本批材料所在的文件夹`);
      const path = join(abs, name);
      if (skip(path)) continue;
      const rel = relative(root, path).split(sep).join('/').normalize('NFC');
      const lst = await fsp.lstat(path).catch(() => undefined);
      if (!lst) continue;
      const special = (): void => {
        specials.push({ path: rel, size: 0, type: 'special', width: null, height: null, damaged: false });
      };
      let st = lst;
      if (lst.isSymbolicLink()) {
        const target = await fsp.realpath(path).catch(() => undefined);
        const followed = target === undefined ? undefined : await fsp.stat(target).catch(() => undefined);
        if (target === undefined || followed === undefined || !inside(target)) {
          special();
          continue;
        }
        st = followed;
      }
      if (st.isDirectory()) {
        if (lst.isSymbolicLink()) continue;
        directories.push(rel);
        if (depth < MAX_DEPTH) await visit(path, depth + 1);
      } else if (st.isFile()) {
        files.push({ abs: path, rel, size: st.size });
      } else {
        special();
      }
    }
  };
  await visit(root, 1);
  return { files, directories, specials };
}

async function readPrefix(abs: string, length: number): Promise<Uint8Array> {
  const fh = await fsp.open(abs, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A file's entry for the inspector: its first bytes, or all of them when `whole` allows. */
export async function readEntry(f: WalkedFile, wholeUpTo: number): Promise<FileEntry> {
  try {
    const bytes = await readPrefix(f.abs, f.size <= wholeUpTo ? f.size : Math.min(f.size, HEAD_BYTES));
    return { path: f.rel, size: f.size, bytes };
  } catch {
    throw new CliError(`无法读取文件“${baseName(f.abs)}”：没有权限或正被其他程序占用`);
  }
}

/** Evidence files: the header only, the whole file when its JPEG header lies further in. */
async function inspectEvidence(f: WalkedFile): Promise<InspectedFile> {
  let entry = await readEntry(f, HEAD_BYTES);
  if (needsMoreBytes(entry) && f.size <= WHOLE_READ_LIMIT) entry = await readEntry(f, f.size);
  return inspectFile(entry);
}

export function sameFileSkip(paths: readonly string[]): (abs: string) => boolean {
  const set = new Set(paths.map((p) => resolve(p)));
  const fold = process.platform === 'win32' || process.platform === 'darwin';
  const norm = (p: string) => (fold ? p.toLowerCase() : p);
  const folded = new Set([...set].map(norm));
  return (abs) => folded.has(norm(resolve(abs)));
}

export async function runFiles(roster: string, flags: FilesFlags, io: CliIO): Promise<number> {
  if (!flags.dir) throw new CliError('请用 --dir 指定存放图片的文件夹，例如：--dir 扫描件');
  const profile = loadProfile(flags.profile);
  const options = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template) };
  try {
    await sniffInput(roster);
    const dir = await assertFolder(flags.dir);
    const sheets = await readSheetsStreaming(roster, { limits: profile.limits });
    const analyses = analyseWorkbook(sheets, profile, options);
    const r = evidenceRoster(sheets, analyses);
    if (!r) {
      throw new CliError(`“${basename(roster)}”中找不到学信网退学汇总名单或学生基本信息修改情况统计表，无法核对附件（可先用 xueji check 查看）`);
    }
    const walked = await walkFolder(dir, sameFileSkip([roster]));
    const listing: FolderListing = { files: [...walked.specials], directories: walked.directories };
    for (const f of walked.files) listing.files.push(await inspectEvidence(f));
    const report = checkEvidenceFiles({ file: basename(roster), folder: basename(dir) }, r, listing, profile);
    if (flags.json) writeJson(report, io.stdout);
    else io.stdout(formatFilesReport(report));
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}

// ---------------------------------------------------------------- the readable report

const SEVERITY = { error: '错误', warning: '警告' } as const;

function templateTitle(t: FilesTemplate): string {
  return t === 'graduation-photos' ? '毕业照片名单' : TEMPLATE_SPECS[t].title;
}

/** As in `xueji check` (issue 9): the rule's Chinese title first, the id in brackets at the end; text escaped. */
function issueLine(i: FileIssue, titleWidth: number, pathWidth: number): string {
  return `    ${padEnd(i.cell ?? '—', 7)} ${SEVERITY[i.severity]}  ${padEnd(ruleTitle(i.rule), titleWidth)}  ${padEnd(terminalText(i.path ?? '—'), pathWidth)}  ${terminalText(i.message)}  [${i.rule}]`;
}

/**
 * Issue lines, the columns aligned over the list; a long list shows its first `TEXT_ISSUES_PER_SHEET` and counts
 * the rest (issue 14: a folder of 100,000 files is not read line by line on a terminal).
 */
export function issueLines(issues: readonly FileIssue[]): string[] {
  const shown = issues.length > TEXT_ISSUES_PER_SHEET ? issues.slice(0, TEXT_ISSUES_PER_SHEET) : issues;
  const titleWidth = maxOf(shown, (i) => displayWidth(ruleTitle(i.rule)));
  const pathWidth = Math.min(40, maxOf(shown, (i) => displayWidth(terminalText(i.path ?? '—'))));
  const lines = shown.map((i) => issueLine(i, titleWidth, pathWidth));
  const more = omittedText(issues.length - shown.length, undefined, 0);
  if (more) lines.push(more);
  return lines;
}

/** The header and issue lines of a files report; `xueji photos` adds its zips and left-out students. */
export function formatFilesReport(r: FilesReport): string {
  const lines: string[] = [];
  lines.push(`${r.file} ↔ 文件夹「${r.folder}」`);
  for (const s of r.roster) {
    lines.push(`  名单：工作表「${s.sheet}」  ${templateTitle(s.template)}（${s.template}）  表头：第${s.headerRow}行  记录：${s.records} 条`);
  }
  const seenFiles = r.files.filter((f) => f.exists && f.kind === 'file').length;
  const seenDirs = r.files.filter((f) => f.exists && f.kind === 'directory').length;
  lines.push(`  核对了文件 ${seenFiles} 个${seenDirs ? `、文件夹 ${seenDirs} 个` : ''}`);
  const issues = r.files.flatMap((f: FileEntryReport) => f.issues);
  if (!issues.length) lines.push('    ✓ 未发现问题');
  else lines.push(...issueLines(issues));
  lines.push(`  合计：错误 ${r.summary.errors} 个，警告 ${r.summary.warnings} 个`);
  return lines.join('\n') + '\n';
}
