/**
 * `xueji photos ROSTER.xlsx --dir FOLDER -o OUT.zip [--json] [--profile P.json]`: graduation photos checked against
 * the roster (DOMAIN.md §3, §5 `photo.*`), and the upload zip built from the photos that pass every rule: no
 * folders inside, each zip ≤ `photos.zipMaxBytes`, split into OUT.zip, OUT-2.zip … when larger (src/files/
 * photo-zip.ts). Students whose 学籍状态 is not 在籍 are left out and listed (seed 002).
 *
 * A photo with an error is left out of the zip (and the exit code is 1): the zip holds only what the platform
 * accepts. The zips are written atomically (temp file, flushed, renamed) and never over the roster.
 * Exit 0 no errors, 1 errors (the zip of the good photos is still written), 2 roster, folder or output unusable.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { assertNotInput, readSheetsStreaming, sniffInput } from '../files/node-io';
import { XuejiInputError, XuejiOutputError, baseName } from '../files/errors';
import { inspectPhoto } from '../files/images';
import { newTempPath, releaseTemp } from '../files/temp-files';
import { buildZipParts, PhotoZipError, zipPartNames, type ZipMember } from '../files/photo-zip';
import { checkPhotos, photoRoster } from '../core/evidence';
import type { FolderListing } from '../core/evidence/types';
import type { FilesReport } from '../core/types';
import type { Profile } from '../core/profile/schema';
import { formatLimit } from '../core/evidence/report';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile } from './options';
import { assertFolder, formatFilesReport, readEntry, sameFileSkip, walkFolder } from './files';
import { writeJson } from './output';

export interface PhotosFlags {
  dir: string;
  output?: string;
  json?: boolean;
  profile?: string;
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
  if (!flags.dir) throw new CliError('请用 --dir 指定存放图片的文件夹，例如：--dir 扫描件');
  const profile = loadProfile(flags.profile);
  const output = flags.output;
  if (!output) throw new CliError('请用 -o 指定输出的压缩包，例如：xueji photos 名单.xlsx --dir 照片 -o 毕业照片.zip');
  if (!/\.zip$/i.test(output)) throw new CliError(`输出文件“${baseName(output)}”应以 .zip 结尾`);
  try {
    await sniffInput(roster);
    await assertNotInput(output, roster);
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
      for (const n of names) await assertNotInput(n, roster);
      await writeAllAtomic(names.map((n, i) => ({ path: n, bytes: parts[i]!.bytes })));
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
async function staleParts(output: string, written: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = written + 1; ; i++) {
    const name = zipPartNames(output, i)[i - 1]!;
    const st = await fsp.stat(name).catch(() => undefined);
    if (!st) break;
    out.push(`注意：“${basename(name)}”是以前生成的，不属于本次结果，请删除后再上传`);
  }
  return out;
}

/**
 * Writes every file or none of them: each goes to a temp file in its folder, flushed; only when all are written
 * are they renamed into place. Temp files are removed on any failure.
 */
export async function writeAllAtomic(files: readonly { path: string; bytes: Uint8Array }[]): Promise<void> {
  const temps: { temp: string; out: string }[] = [];
  try {
    for (const f of files) {
      const out = resolve(f.path);
      const dirStat = await fsp.stat(dirname(out)).catch(() => undefined);
      if (!dirStat?.isDirectory()) throw new XuejiOutputError('output-dir-missing', `无法保存文件“${baseName(f.path)}”：所在文件夹不存在`);
      if ((await fsp.stat(out).catch(() => undefined))?.isDirectory()) {
        throw new XuejiOutputError('output-is-directory', `无法保存：“${baseName(f.path)}”是一个文件夹，请指定文件名`);
      }
      // Registered: Ctrl+C removes it (issue 14 item 5).
      const temp = newTempPath(dirname(out));
      temps.push({ temp, out });
      const fh = await fsp.open(temp, 'wx');
      try {
        await fh.writeFile(f.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    for (const t of temps) {
      await fsp.rename(t.temp, t.out);
      releaseTemp(t.temp);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => fsp.rm(t.temp, { force: true }).catch(() => undefined)));
    for (const t of temps) releaseTemp(t.temp);
    if (e instanceof XuejiOutputError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    const reason =
      code === 'EACCES' || code === 'EPERM' || code === 'EBUSY'
        ? '没有写入权限，或文件正被其他程序打开'
        : code === 'ENOSPC'
          ? '磁盘空间不足'
          : '写入时出错';
    throw new XuejiOutputError('write-failed', `无法保存压缩包“${baseName(files[0]?.path ?? '')}”：${reason}`, { cause: e });
  }
}

function formatPhotosReport(r: FilesReport, output: string, profile: Profile, notes: string[]): string {
  const lines = [formatFilesReport(r).trimEnd()];
  const excluded = r.excluded ?? [];
  if (excluded.length) {
    lines.push(`  学籍状态不是“${profile.photos.enrolledStatuses.join('、')}”、未打包的学生 ${excluded.length} 名：`);
    for (const x of excluded) lines.push(`    ${x.cell.padEnd(7)} ${x.status}${x.path ? `  照片：${x.path}` : ''}`);
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
    if (r.summary.errors) lines.push('  有错误的照片未打包：改好后重新运行本命令，会重新生成压缩包。');
  }
  for (const n of notes) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}
