/**
 * `xueji photos ROSTER.xlsx --dir FOLDER -o OUT.zip [--force] [--json] [--profile P.json]`: graduation photos checked against
 * the roster (DOMAIN.md §3, §5 `photo.*`), and the upload zip built from the photos that pass every rule: no
 * folders inside, each zip ≤ `photos.zipMaxBytes`, split into OUT.zip, OUT-2.zip … when larger (src/files/
 * photo-zip.ts). Students whose 学籍状态 is not 在籍 are left out and listed (seed 002).
 *
 * A photo with an error is left out of the zip (and the exit code is 1): the zip holds only what the platform
 * accepts. The zips are written atomically (temp file, flushed, renamed), never over the roster, and replace an
 * earlier zip only with --force.
 * Exit 0 no errors, 1 errors (the zip of the good photos is still written), 2 roster, folder or output unusable.
 * With --fix, main.ts runs photos-fix.ts instead: conforming copies.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { assertWritable, readSheetsStreaming, sniffInput, writeAllAtomic } from '../files/node-io';
import { XuejiInputError, XuejiOutputError, baseName } from '../files/errors';
import { inspectPhoto } from '../files/images';
import { buildZipParts, PhotoZipError, zipPartNames, type ZipMember } from '../files/photo-zip';
import { checkPhotos, photoRoster } from '../core/evidence';
import type { FolderListing } from '../core/evidence/types';
import type { FilesReport } from '../core/types';
import type { Profile } from '../core/profile/schema';
import { formatLimit } from '../core/evidence/report';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile } from './options';
import { assertFolder, formatFilesReport, readEntry, sameFileSkip, walkFolder } from './files';
import { padEnd } from './format';
import { TEXT_ISSUES_PER_SHEET, terminalText, writeJson } from './output';
import type { ExcludedStudent } from '../core/types';

export interface PhotosFlags {
  dir: string;
  output?: string;
  json?: boolean;
  profile?: string;
  /** Replace existing outputs (the zips; with --fix, the copies too). */
  force?: boolean;
  /** Option of --fix (photos-fix.ts), refused without it. */
  jobs?: string;
}

/** Whether `abs` is one of the zips this run writes (OUT.zip, OUT-2.zip …): never read as photos. */
function isOutputPart(abs: string, output: string): boolean {
  const out = resolve(output);
  if (resolve(dirname(abs)) !== dirname(out)) return false;
  const m = /^(.*?)(\.zip)$/i.exec(basename(out));
  if (!m) return false;
  const re = new RegExp(`^${escapeRe(m[1]!)}(-\\d+)?${escapeRe(m[2]!)}$`, 'i');
  return re.test(basename(abs));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function runPhotos(roster: string, flags: PhotosFlags, io: CliIO): Promise<number> {
  if (flags.jobs !== undefined) throw new CliError('--jobs 只用于 --fix（修正照片）');
  if (!flags.dir) throw new CliError('请用 --dir 指定存放图片的文件夹，例如：--dir 扫描件');
  const profile = loadProfile(flags.profile);
  const output = flags.output;
  if (!output) throw new CliError('请用 -o 指定输出的压缩包，例如：xueji photos 名单.xlsx --dir 照片 -o 毕业照片.zip');
  if (!/\.zip$/i.test(output)) throw new CliError(`输出文件“${baseName(output)}”应以 .zip 结尾`);
  try {
    await sniffInput(roster);
    // The zip (and the parts an earlier run left) checked before any work: never the roster, never an existing
    // file without --force.
    const target = { inputs: [roster], force: flags.force === true };
    for (const n of [output, ...(await existingParts(output))]) await assertWritable(n, target);
    const dir = await assertFolder(flags.dir);
    const sheets = await readSheetsStreaming(roster, { limits: profile.limits });
    const pr = photoRoster(sheets, profile);
    if (!pr) {
      const col = profile.photos.nameBy === 'idCard' ? '身份证号' : '学号';
      throw new CliError(`“${basename(roster)}”的前20行中找不到“${col}”列，无法匹配照片（照片按${col}命名，见配置项 photos.nameBy）`);
    }
    const skipRoster = sameFileSkip([roster]);
    const walked = await walkFolder(dir, (abs) => skipRoster(abs) || isOutputPart(abs, output));
    const listing: FolderListing = { files: [...walked.specials], directories: walked.directories };
    const absOf = new Map<string, string>();
    for (const f of walked.files) {
      absOf.set(f.rel, f.abs);
      listing.files.push(inspectPhoto(await readEntry(f, profile.photos.decodeMaxBytes), profile));
    }
    const { report, members } = checkPhotos({ file: basename(roster), folder: basename(dir) }, pr, listing, profile);

    const zipMembers: ZipMember[] = members.map((m) => ({
      name: m.name,
      size: m.size,
      read: async () => new Uint8Array(await fsp.readFile(absOf.get(m.path)!)),
    }));
    const notes: string[] = [];
    let written = 0;
    if (zipMembers.length) {
      const parts = await buildZipParts(zipMembers, profile.photos.zipMaxBytes);
      const names = zipPartNames(output, parts.length);
      await writeAllAtomic(
        names.map((n, i) => ({ path: n, bytes: parts[i]!.bytes })),
        target,
      );
      report.zips = names.map((n, i) => ({ file: basename(n), bytes: parts[i]!.bytes.length, photos: parts[i]!.names }));
      written = names.length;
    }
    notes.push(...(await staleParts(output, written)));
    // Streamed: a roster of a million rows must not make one string longer than JavaScript allows (issue 14).
    if (flags.json) writeJson(report, io.stdout);
    else io.stdout(formatPhotosReport(report, output, profile, notes));
    if (flags.json && notes.length) io.stderr(notes.map((n) => `xueji：${n}\n`).join(''));
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError || e instanceof PhotoZipError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}

/** Zips of an earlier, larger run (OUT-5.zip when this run wrote up to OUT-3.zip) would mislead: say so. */
export async function staleParts(output: string, written: number): Promise<string[]> {
  return (await existingParts(output, written + 1)).map((name) => `注意：“${basename(name)}”是以前生成的，不属于本次结果，请删除后再上传`);
}

/** The parts OUT-2.zip, OUT-3.zip … (from part `from`) that are there, up to the first that is not. */
export async function existingParts(output: string, from = 2): Promise<string[]> {
  const out: string[] = [];
  for (let i = from; ; i++) {
    const name = zipPartNames(output, i)[i - 1]!;
    if (!(await fsp.stat(name).catch(() => undefined))) break;
    out.push(name);
  }
  return out;
}

/** The students left out for their 学籍状态, one line each (the first 1,000 of a long list, then how many more). */
export function excludedLines(excluded: readonly ExcludedStudent[]): string[] {
  const shown = excluded.slice(0, TEXT_ISSUES_PER_SHEET);
  const lines = shown.map((x) => `    ${padEnd(x.cell, 7)} ${terminalText(x.status)}${x.path ? `  照片：${terminalText(x.path)}` : ''}`);
  if (excluded.length > shown.length) lines.push(`    ……另有 ${(excluded.length - shown.length).toLocaleString('en-US')} 名未逐条列出（--json 可查看全部）`);
  return lines;
}

function formatPhotosReport(r: FilesReport, output: string, profile: Profile, notes: string[]): string {
  const lines = [formatFilesReport(r).trimEnd()];
  const excluded = r.excluded ?? [];
  if (excluded.length) {
    lines.push(`  学籍状态不是“${profile.photos.enrolledStatuses.join('、')}”、未打包的学生 ${excluded.length} 名：`);
    lines.push(...excludedLines(excluded));
  }
  const zips = r.zips ?? [];
  if (!zips.length) {
    lines.push('  没有可打包的照片，未生成压缩包。');
  } else {
    const total = zips.reduce((n, z) => n + z.photos.length, 0);
    const dir = dirname(output);
    const shown = (f: string) => (dir === '.' ? f : join(dir, f));
    lines.push(`  已打包 ${total} 张照片，压缩包 ${zips.length} 个（每个不超过 ${formatLimit(profile.photos.zipMaxBytes)}，包内没有文件夹）：`);
    for (const z of zips) lines.push(`    ${shown(z.file)}  ${z.photos.length} 张，${z.bytes.toLocaleString('en-US')} 字节`);
    if (r.summary.errors) lines.push('  有错误的照片未打包：改好后加 --force 重新运行本命令，会替换压缩包。');
  }
  for (const n of notes) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}
