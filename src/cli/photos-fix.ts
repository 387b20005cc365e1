/**
 * `xueji photos ROSTER.xlsx --dir FOLDER --fix -o OUT [--force] [--jobs N] [--json] [--profile P.json]`: a
 * conforming copy of every 在籍 student's photo (DOMAIN.md §3 "Conforming copies"), written into the folder OUT as
 * `学号.jpg` (or `身份证号.jpg`), then the upload zips OUT/毕业照片.zip (-2, -3 … when over 40 MB). The sources are
 * only read: OUT may not be the photo folder or inside it, and files already in OUT are replaced only with --force.
 *
 * Streamed: each worker holds one source; a copy is written as soon as it is made and only its numbers are kept;
 * the zips read the copies back one part at a time. Exit 0 every 在籍 student has a copy, 1 some could not be made
 * (listed, with why), 2 roster, folder or output unusable.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readSheetsStreaming, sniffInput, writeAllAtomic, type WriteOptions } from '../files/node-io';
import { XuejiInputError, XuejiOutputError, baseName } from '../files/errors';
import { sniffContentType } from '../files/images';
import { buildZipParts, PhotoZipError, zipPartNames, type ZipMember } from '../files/photo-zip';
import { fixResultOf } from '../files/photo-fix';
import { describeFix, photoRoster, planPhotoFixes, photoFixReport, type PhotoFixResult } from '../core/evidence';
import type { FolderListing, InspectedFile } from '../core/evidence/types';
import type { FilesReport, PhotoFixRecord } from '../core/types';
import type { Profile } from '../core/profile/schema';
import { err } from '../core/engine/issue';
import { formatLimit } from '../core/evidence/report';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile } from './options';
import { assertFolder, issueLines, sameFileSkip, walkFolder } from './files';
import { displayWidth, padEnd } from './format';
import { defaultJobs, openPhotoPool, PhotoPoolError } from './photo-pool';
import { excludedLines, existingParts, staleParts, type PhotosFlags } from './photos';
import { planOutputFiles } from './output-target';
import { TEXT_ISSUES_PER_SHEET, maxOf, terminalText, writeJson } from './output';

/** The flags of `xueji photos` (with --fix, -o is a folder and --force, --jobs apply). */
export type PhotosFixFlags = PhotosFlags;

/** The zip of the fixed copies, inside OUT (the task pane downloads the same name). */
export const FIX_ZIP_NAME = '毕业照片.zip';

/** Bytes read from each file to tell a photo from anything else (the pixels are read by the workers). */
const SNIFF_BYTES = 32;

async function sniffFile(abs: string, rel: string, size: number): Promise<InspectedFile> {
  const fh = await fsp.open(abs, 'r').catch(() => {
    throw new CliError(`无法读取文件“${baseName(abs)}”：没有权限或正被其他程序占用`);
  });
  try {
    const buf = new Uint8Array(Math.min(size, SNIFF_BYTES));
    await fh.read(buf, 0, buf.length, 0);
    return { path: rel, size, type: sniffContentType(buf), width: null, height: null, damaged: false };
  } finally {
    await fh.close();
  }
}

/** Said once when sharp's native libraries did not load: the copies are still right, only slower. */
export function codecFallbackNotice(reason: string): string {
  const first = reason.split('\n').find((l) => l.trim() !== '') ?? reason;
  return `提示：本机无法加载图像库 sharp，改用 WebAssembly 编解码器（结果同样合格，速度约慢一倍）。原因：${first.trim()}\n`;
}

function jobsOption(raw: string | undefined): number {
  if (raw === undefined) return defaultJobs();
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 16) throw new CliError(`--jobs 应为 1 到 16 之间的整数，当前为“${raw}”`);
  return Number(raw);
}

/** OUT: a folder, not the photo folder nor inside it (the next check of the folder would find the copies twice). */
async function outputFolder(output: string, dir: string): Promise<{ out: string; exists: boolean }> {
  if (/\.zip$/i.test(output)) {
    throw new CliError(`加 --fix 时 -o 应为文件夹（修正后的照片和压缩包都写在里面），不是“${baseName(output)}”`);
  }
  const out = resolve(output);
  const rel = relative(resolve(dir), out);
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))) {
    throw new CliError('输出文件夹不能是照片文件夹本身或其中的子文件夹：原照片不会被改动，修正后的照片请另放一个文件夹');
  }
  const st = await fsp.stat(out).catch(() => undefined);
  if (st && !st.isDirectory()) throw new CliError(`“${baseName(output)}”已存在且不是文件夹；加 --fix 时 -o 应为文件夹`);
  if (!st && !(await fsp.stat(dirname(out)).catch(() => undefined))?.isDirectory()) {
    throw new CliError(`无法创建文件夹“${baseName(output)}”：所在文件夹不存在`);
  }
  return { out, exists: !!st };
}

export async function runPhotosFix(roster: string, flags: PhotosFixFlags, io: CliIO): Promise<number> {
  if (!flags.dir) throw new CliError('请用 --dir 指定存放照片的文件夹，例如：--dir 照片');
  const profile = loadProfile(flags.profile);
  if (!flags.output) throw new CliError('请用 -o 指定存放修正后照片的文件夹，例如：xueji photos 名单.xlsx --dir 照片 --fix -o 修正后照片');
  const jobs = jobsOption(flags.jobs);
  try {
    await sniffInput(roster);
    const dir = await assertFolder(flags.dir);
    const { out, exists } = await outputFolder(flags.output, dir);
    const sheets = await readSheetsStreaming(roster, { limits: profile.limits });
    const pr = photoRoster(sheets, profile);
    if (!pr) {
      const col = profile.photos.nameBy === 'idCard' ? '身份证号' : '学号';
      throw new CliError(`“${basename(roster)}”的前20行中找不到“${col}”列，无法匹配照片（照片按${col}命名，见配置项 photos.nameBy）`);
    }
    const walked = await walkFolder(dir, sameFileSkip([roster]));
    // Pipes, devices and links that loop or lead out of the folder are listed as what they are, never read (issue 14).
    const listing: FolderListing = { files: [...walked.specials], directories: walked.directories };
    const absOf = new Map<string, string>();
    for (const f of walked.files) {
      absOf.set(f.rel, f.abs);
      listing.files.push(await sniffFile(f.abs, f.rel, f.size));
    }
    const plan = planPhotoFixes({ file: basename(roster), folder: basename(dir) }, pr, listing, profile);

    // Every output checked before any is written, by the rule every verb follows (output-target.ts): the copies and
    // the zips (with the parts an earlier run left), never the roster, nothing replaced without --force.
    const target: WriteOptions = { inputs: [roster], force: flags.force === true, folder: flags.output };
    const zipOut = join(out, FIX_ZIP_NAME);
    const names = [...plan.jobs.map((j) => j.output), FIX_ZIP_NAME, ...(await existingParts(zipOut)).map((p) => basename(p))];
    if (!exists) await fsp.mkdir(out);
    await planOutputFiles(out, names, { inputs: target.inputs!, force: target.force! }).catch(async (e: unknown) => {
      // A refusal leaves nothing behind, not even the folder it made.
      if (!exists) await fsp.rmdir(out).catch(() => undefined);
      throw e;
    });

    const results = await makeCopies(plan.jobs, absOf, out, profile, jobs, io, target);
    const { report, fixes } = photoFixReport(plan, results);

    const notes: string[] = [];
    let written = 0;
    if (fixes.length) {
      const members: ZipMember[] = fixes.map((f) => ({
        name: f.output,
        size: f.bytes,
        read: async () => new Uint8Array(await fsp.readFile(join(out, f.output))),
      }));
      const parts = await buildZipParts(members, profile.photos.zipMaxBytes);
      const names = zipPartNames(zipOut, parts.length);
      await writeAllAtomic(
        names.map((n, i) => ({ path: n, bytes: parts[i]!.bytes })),
        target,
      );
      report.zips = names.map((n, i) => ({ file: basename(n), bytes: parts[i]!.bytes.length, photos: parts[i]!.names }));
      written = names.length;
    }
    notes.push(...(await staleParts(zipOut, written)));
    // Streamed: a roster of a million rows must not make one string longer than JavaScript allows (issue 14).
    if (flags.json) writeJson(report, io.stdout);
    else io.stdout(formatFixReport(report, fixes, flags.output, profile, notes));
    if (flags.json && notes.length) io.stderr(notes.map((n) => `xueji：${n}\n`).join(''));
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError || e instanceof PhotoZipError || e instanceof PhotoPoolError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}

/**
 * Every job through the pool, in roster order as far as results go; each copy written (atomically) as soon as it
 * is made, so that only its numbers stay in memory.
 */
async function makeCopies(
  jobs: readonly { source: InspectedFile; output: string }[],
  absOf: ReadonlyMap<string, string>,
  out: string,
  profile: Profile,
  workers: number,
  io: CliIO,
  target: WriteOptions,
): Promise<PhotoFixResult[]> {
  const pool = await openPhotoPool(profile.photos, workers);
  if (pool.fallback !== null) io.stderr(codecFallbackNotice(pool.fallback));
  const results: PhotoFixResult[] = new Array(jobs.length);
  let nextJob = 0;
  let done = 0;
  let guess: number | undefined;
  const progress = (): void => {
    if (jobs.length < 20) return;
    if (io.stderrIsTTY) io.stderr(`\r正在修正照片：${done}/${jobs.length}`);
    else if (done % 100 === 0 || done === jobs.length) io.stderr(`正在修正照片：${done}/${jobs.length}\n`);
  };
  try {
    const lane = async (): Promise<void> => {
      while (nextJob < jobs.length) {
        const k = nextJob++;
        const job = jobs[k]!;
        const reply = await pool.fix({ abs: absOf.get(job.source.path)!, guess });
        if ('failure' in reply) {
          results[k] = { ok: false, issues: [err('photo.format', '无法读取此文件：没有权限、正被其他程序占用，或在处理时被移走')] };
        } else {
          if (reply.outcome.ok) {
            guess = reply.outcome.quality;
            await writeAllAtomic([{ path: join(out, job.output), bytes: reply.outcome.bytes }], target);
          }
          results[k] = fixResultOf(reply.outcome);
        }
        done++;
        progress();
      }
    };
    await Promise.all(Array.from({ length: pool.size }, lane));
  } finally {
    await pool.close();
    if (jobs.length >= 20 && io.stderrIsTTY) io.stderr('\n');
  }
  return results;
}

function formatFixReport(r: FilesReport, fixes: PhotoFixRecord[], output: string, profile: Profile, notes: string[]): string {
  const p = profile.photos;
  const lines: string[] = [`${r.file} ↔ 文件夹「${r.folder}」 → 修正后的照片写入「${output}」`];
  for (const s of r.roster) lines.push(`  名单：工作表「${terminalText(s.sheet)}」  毕业照片名单（${s.template}）  表头：第${s.headerRow}行  记录：${s.records} 条`);
  if (fixes.length) {
    lines.push(`  已生成合格照片 ${fixes.length} 张（${p.width}×${p.height}，JPG，≤ ${formatLimit(p.maxBytes)}，不含拍摄信息等元数据）：`);
    // The first 1,000 of a long batch, then how many more (issue 14: no Math.max(...list), no list as long as the roster).
    const shown = fixes.slice(0, TEXT_ISSUES_PER_SHEET);
    const outW = maxOf(shown, (f) => displayWidth(f.output));
    const srcW = Math.min(40, maxOf(shown, (f) => displayWidth(terminalText(f.source))));
    for (const f of shown) lines.push(`    ${padEnd(f.cell, 7)} ${padEnd(f.output, outW)} ← ${padEnd(terminalText(f.source), srcW)}  ${describeFix(f)}`);
    if (fixes.length > shown.length) lines.push(`    ……另有 ${(fixes.length - shown.length).toLocaleString('en-US')} 张未逐条列出（--json 可查看全部）`);
  } else {
    lines.push('  没有生成任何照片。');
  }
  const issues = r.files.flatMap((f) => f.issues);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (errors.length) {
    const students = new Set(errors.map((i) => i.cell ?? i.path)).size;
    lines.push(`  无法修正、需要人工处理的学生 ${students} 名（底色、头部位置需要重新拍摄或裁剪）：`);
    lines.push(...issueLines(errors));
  }
  if (warnings.length) {
    lines.push('  警告：');
    lines.push(...issueLines(warnings));
  }
  lines.push(`  合计：错误 ${r.summary.errors} 个，警告 ${r.summary.warnings} 个`);
  const excluded = r.excluded ?? [];
  if (excluded.length) {
    lines.push(`  学籍状态不是“${p.enrolledStatuses.join('、')}”、未处理的学生 ${excluded.length} 名：`);
    lines.push(...excludedLines(excluded));
  }
  const zips = r.zips ?? [];
  if (zips.length) {
    const total = zips.reduce((n, z) => n + z.photos.length, 0);
    lines.push(`  已打包 ${total} 张照片，压缩包 ${zips.length} 个（每个不超过 ${formatLimit(p.zipMaxBytes)}，包内没有文件夹）：`);
    for (const z of zips) lines.push(`    ${join(output, z.file)}  ${z.photos.length} 张，${z.bytes.toLocaleString('en-US')} 字节`);
  }
  lines.push(`  原照片没有改动。${errors.length ? '处理好上面的问题后重新运行本命令（加 --force 覆盖本次生成的文件）。' : ''}`);
  for (const n of notes) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}
