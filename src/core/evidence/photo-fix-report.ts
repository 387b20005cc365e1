/**
 * `xueji photos --fix` before and after the pixels (DOMAIN.md §3 "Conforming copies", §6): which source becomes
 * which student's copy, and the report of what was made and what could not be.
 *
 * Sources may be named by 学号, by 身份证号 (either column of the roster, whatever the profile names the copies by)
 * or by 学号+姓名, and the near misses the check reports as `photo.name` (spaces, "+", separators, full-width
 * digits, a lower-case x, .JPG/.png): the copy gets the right name. Not taken: a name one digit off a student's
 * number (it may be someone else's photo), and a student with several candidate photos (which one?) — both are
 * listed. Only 在籍 students get copies (seed 002); the others are listed as in the check.
 */
import type { Profile } from '../profile/schema';
import type { ExcludedStudent, FileEntryReport, FilesReport, PhotoFixRecord } from '../types';
import { err, warn, type IssueDraft } from '../engine/issue';
import { CONTENT_TYPE_LABEL, type FolderListing, type InspectedFile } from './types';
import { baseName, isIgnorablePath, NameIndex, splitExt, type NameCandidate } from './names';
import { EntryBook, filesReport, type ReportMeta } from './report';
import { isEnrolled, type PhotoRoster, type PhotoRow } from './roster';

/** One copy to make: the student's row, the source, the copy's name. */
export interface PhotoFixJob {
  row: PhotoRow;
  /** The source file (path relative to the folder). */
  source: InspectedFile;
  /** `学号.jpg` or `身份证号.jpg` (profile `photos.nameBy`). */
  output: string;
}

/** What the pixel work said about one job: the copy, or why there is none. */
export type PhotoFixResult =
  | { ok: true; record: Omit<PhotoFixRecord, 'sheet' | 'row' | 'cell' | 'source' | 'output'>; warnings: IssueDraft[] }
  | { ok: false; issues: IssueDraft[] };

export interface PhotoFixPlan {
  meta: ReportMeta;
  roster: PhotoRoster;
  jobs: PhotoFixJob[];
  /** Issues found while matching (missing, several photos, unmatched files). */
  book: EntryBook;
  excluded: ExcludedStudent[];
}

const IMAGE_EXT = /^\.(jpe?g|png|gif|bmp|webp|heic|tiff?)$/i;

/** Which student each source is, and which students have none. */
export function planPhotoFixes(meta: ReportMeta, roster: PhotoRoster, listing: FolderListing, profile: Profile): PhotoFixPlan {
  const book = new EntryBook();
  const keyLabel = roster.keyField === 'idCard' ? '身份证号' : '学号';
  // One entry per student (first row of a repeated key).
  const students: PhotoRow[] = [];
  const seen = new Set<string>();
  for (const r of roster.rows) {
    if (!r.key || seen.has(r.key)) continue;
    seen.add(r.key);
    students.push(r);
  }
  const sources = sourcesOf(book, students, listing, keyLabel);
  const jobs: PhotoFixJob[] = [];
  const excluded: ExcludedStudent[] = [];
  for (const r of roster.rows) {
    if (!r.key) {
      const e = book.missingFile(`第${r.ref.row}行（${keyLabel}无法读取）`, r.ref);
      book.issue(e, r.ref, err('photo.missing', `该行${keyLabel}为空或无法读取，无法匹配照片`));
    }
  }
  students.forEach((r, i) => {
    const found = sources.get(i) ?? [];
    if (!r.status || isEnrolled(r.status, profile)) {
      const job = jobOf(book, r, found);
      if (job) jobs.push(job);
      return;
    }
    for (const f of found) book.file(f, r.ref);
    excluded.push({ sheet: r.ref.sheet, row: r.ref.row, cell: r.ref.cell, status: r.status, path: found[0]?.path ?? null });
  });
  return { meta, roster, jobs, book, excluded };
}

/**
 * Which student each file is a photo of (by index into `students`): named by the student's 学号 or 身份证号 (or 学号+姓名,
 * and the near misses `photo.name` describes — spaces, "+", full-width digits, a lower-case x). A name one digit off a
 * student's number is not taken (it may be someone else's photo): it is `unmatched` with `typo`. Ignorable files
 * (Thumbs.db, .DS_Store …) are left out; the rest is in path order. The pre-check's `--photos` uses it too.
 */
export function matchPhotoSources(
  students: readonly Pick<PhotoRow, 'key' | 'studentId' | 'idCard'>[],
  files: readonly InspectedFile[],
): { sources: Map<number, InspectedFile[]>; unmatched: { file: InspectedFile; typo: boolean }[] } {
  const candidates: NameCandidate[] = [];
  const owner: number[] = [];
  students.forEach((r, i) => {
    for (const key of new Set([r.studentId, r.idCard, r.key].filter((k) => k))) {
      owner.push(i);
      candidates.push({ id: candidates.length, key, name: null });
    }
  });
  const index = new NameIndex(candidates);
  const sources = new Map<number, InspectedFile[]>();
  const unmatched: { file: InspectedFile; typo: boolean }[] = [];
  const sorted = files.filter((f) => !isIgnorablePath(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const v = index.judge(splitExt(baseName(f.path)).stem);
    if (!v || v.problems.includes('key-typo')) {
      unmatched.push({ file: f, typo: v !== null });
      continue;
    }
    const i = owner[v.id]!;
    const list = sources.get(i) ?? [];
    list.push(f);
    sources.set(i, list);
  }
  return { sources, unmatched };
}

/** The files of each student (by index); the files of no student reported. */
function sourcesOf(book: EntryBook, students: readonly PhotoRow[], listing: FolderListing, keyLabel: string): Map<number, InspectedFile[]> {
  const { sources, unmatched } = matchPhotoSources(students, listing.files);
  for (const { file: f, typo } of unmatched) {
    const { ext } = splitExt(baseName(f.path));
    const image = f.type === 'jpeg' || f.type === 'png';
    const e = book.file(f);
    const why = !image && !IMAGE_EXT.test(ext)
      ? '不是照片文件，不处理'
      : typo
        ? `文件名与名单中的${keyLabel}相差一位，无法确定是谁的照片，不处理；请核对后按${keyLabel}改名`
        : `名单中没有与此文件对应的学生（照片应以学号、身份证号或学号加姓名命名），不处理`;
    book.issue(e, null, warn('photo.unmatched', why));
  }
  return sources;
}

/** An enrolled student's one photo to make a copy of, or null (none, several, or not a file to open: reported). */
function jobOf(book: EntryBook, r: PhotoRow, found: readonly InspectedFile[]): PhotoFixJob | null {
  const output = `${r.key}.jpg`;
  if (!found.length) {
    const e = book.missingFile(output, r.ref);
    book.issue(e, r.ref, err('photo.missing', `缺少该生的照片：文件夹中没有以其学号、身份证号或学号加姓名命名的 JPG/PNG 照片`));
    return null;
  }
  if (found.length > 1) {
    const names = found.map((f) => `“${f.path}”`).join('、');
    for (const f of found) {
      book.issue(book.file(f, r.ref), r.ref, err('photo.name', `同一学生有多张照片（${names}），无法确定用哪一张；请只保留一张`));
    }
    return null;
  }
  const source = found[0]!;
  if (source.type === 'special') {
    // A pipe, a device, a link that loops or leads out of the folder (issue 14): never opened, said as such.
    book.issue(book.file(source, r.ref), r.ref, err('photo.format', `“${source.path}”是${CONTENT_TYPE_LABEL.special}，无法生成照片`));
    return null;
  }
  return { row: r, source, output };
}

/** The report of a fix run: every source with what is left to do, the copies made, the students left out. */
export function photoFixReport(plan: PhotoFixPlan, results: readonly PhotoFixResult[]): { report: FilesReport; fixes: PhotoFixRecord[] } {
  const fixes: PhotoFixRecord[] = [];
  plan.jobs.forEach((job, k) => {
    const r = results[k];
    const e = plan.book.file(job.source, job.row.ref);
    if (!r) return;
    if (r.ok) {
      fixes.push({ sheet: job.row.ref.sheet, row: job.row.ref.row, cell: job.row.ref.cell, source: job.source.path, output: job.output, ...r.record });
      for (const w of r.warnings) plan.book.issue(e, job.row.ref, w);
    } else {
      for (const d of r.issues) plan.book.issue(e, job.row.ref, d);
    }
  });
  const report = filesReport(plan.meta, 'graduation-photos', [plan.roster.sheet], plan.book);
  report.excluded = plan.excluded;
  report.zips = [];
  report.fixes = fixes;
  return { report, fixes };
}

/** Entries of the report that belong to a student whose copy could not be made. */
export function unfixedEntries(report: FilesReport): FileEntryReport[] {
  return report.files.filter((f) => f.issues.some((i) => i.severity === 'error'));
}

/** `上 52、左 41 像素` for the trimmed sides. */
function trimWords(t: PhotoFixRecord['trim']): string {
  const parts: string[] = [];
  if (t.top) parts.push(`上 ${t.top}`);
  if (t.bottom) parts.push(`下 ${t.bottom}`);
  if (t.left) parts.push(`左 ${t.left}`);
  if (t.right) parts.push(`右 ${t.right}`);
  return parts.length ? `裁掉白边（${parts.join('、')} 像素），` : '';
}

/** What was done to one source, in a line. */
export function describeFix(f: PhotoFixRecord): string {
  const whole = f.crop.x === 0 && f.crop.y === 0 && f.trim.top + f.trim.bottom + f.trim.left + f.trim.right === 0;
  const uprightW = f.orientation >= 5 ? f.sourceHeight : f.sourceWidth;
  const uprightH = f.orientation >= 5 ? f.sourceWidth : f.sourceHeight;
  const cropped = whole && f.crop.width === uprightW && f.crop.height === uprightH ? '' : `居中裁剪 ${f.crop.width}×${f.crop.height}，`;
  return [
    `${f.sourceType === 'png' ? 'PNG' : 'JPG'} ${f.sourceWidth}×${f.sourceHeight}，`,
    f.orientation !== 1 ? '按拍摄方向转正，' : '',
    trimWords(f.trim),
    cropped,
    f.upscaled ? '原图较小、已放大，' : '',
    `质量 ${f.quality}，${f.bytes.toLocaleString('en-US')} 字节`,
  ].join('');
}

