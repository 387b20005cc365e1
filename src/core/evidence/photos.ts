/**
 * Graduation photos (seed 002 附件3, seed 003 §六, seed 004; DOMAIN.md §3): `.jpg` only — the platform matches
 * only .jpg files —, exactly 480 wide × 640 high, ≤ 50 KB, blue background, no white border, named by 学号 (seed
 * 002) or by 身份证号 with an upper-case X (seed 004), every roster row with its photo. Only students still 在籍 go
 * into the batch (seed 002: 只能导入"在籍"的学生): a 学籍状态 other than 在籍 leaves the student out, listed.
 *
 * The background, border and head-position tests work on the decoded pixels (photo-measure.ts, photo-rules.ts): a
 * pixel is blue when B ≥ 150, B − R ≥ 60 and B ≥ G; the background is blue when ≥ 90% of the pixels of the 4-pixel
 * frame (top edge, sides down to 60 % of the height) are blue. Every number is a profile value.
 *
 * Where a seed is more precise than DOMAIN.md, the seed wins: seed 002 lets only 在籍 students in, so any other
 * status (毕业, 休学, 退学 …) is left out, not only 毕业; a blank status counts as 在籍 (the issue: leave out
 * students "whose 学籍状态 column says they are no longer 在籍"). Seed 002's "40M以下" is read as ≤ 40,000,000
 * bytes (以下 includes the number in Chinese regulations, and 40,000,000 is below 40 MiB either way).
 */
import type { Profile } from '../profile/schema';
import type { ExcludedStudent, FilesReport } from '../types';
import { err, warn, type IssueDraft } from '../engine/issue';
import type { PhotoLimits } from './profile';
import { CONTENT_TYPE_LABEL, type FolderListing, type InspectedFile } from './types';
import { photoPixelDrafts } from './photo-rules';
import { baseName, describeProblems, isIgnorablePath, NameIndex, splitExt, type NameCandidate, type NameVerdict } from './names';
import { EntryBook, filesReport, formatBytes, formatLimit, type ReportMeta } from './report';
import { isEnrolled, type PhotoRoster, type PhotoRow } from './roster';

/** The rules of one photo's content: format, size, dimensions, border, background. */
export function photoContentDrafts(f: InspectedFile, ext: string, p: PhotoLimits): IssueDraft[] {
  const out: IssueDraft[] = [];
  if (f.type !== 'jpeg') {
    const named = ext.toLowerCase() === '.jpg' || ext.toLowerCase() === '.jpeg' ? `扩展名是 ${ext}，但` : '此文件';
    out.push(err('photo.format', `照片应为 JPG 格式（平台只匹配 .jpg 文件），${named}内容实际是${CONTENT_TYPE_LABEL[f.type]}，请用图片软件另存为 JPG`));
  } else if (f.damaged) {
    out.push(err('photo.format', 'JPG 文件已损坏或不完整，无法读取，请重新导出照片'));
  }
  if (f.size > p.maxBytes) {
    out.push(err('photo.size', `照片大小为 ${formatBytes(f.size)}，超过上限 ${formatLimit(p.maxBytes)}，请压缩后再打包`));
  }
  if (f.type === 'jpeg' && f.width !== null && f.height !== null && (f.width !== p.width || f.height !== p.height)) {
    const size = `${f.width}×${f.height}`;
    const want = `宽 ${p.width} × 高 ${p.height} 像素`;
    out.push(
      err(
        'photo.dimensions',
        f.width > f.height && p.height > p.width
          ? `照片是横向的（宽 ${f.width} × 高 ${f.height}），应为竖向 ${want}`
          : `照片尺寸为 ${size} 像素（宽×高），应为 ${want}；请按比例裁剪后缩放，不要拉伸变形`,
      ),
    );
  }
  if (f.frame) out.push(...photoPixelDrafts(f.frame, f.height ?? p.height, p));
  return out;
}

/** A photo that passed every rule: it goes into the zip under its own name. */
export interface PhotoMember {
  /** Relative path of the file in the folder. */
  path: string;
  /** Its name in the zip (no folders). */
  name: string;
  size: number;
  row: number;
}

export interface PhotoCheck {
  report: FilesReport;
  /** In roster order. */
  members: PhotoMember[];
}

/** What the photo check knows of the roster while it reads the files. */
interface PhotoContext {
  book: EntryBook;
  /** One candidate per key, in roster order (a repeated row is `xueji check`'s business). */
  keys: string[];
  rowsOf: Map<string, PhotoRow[]>;
  /** Enrolled when any of the key's rows is. */
  enrolled(key: string): boolean;
  keyLabel: string;
  example: string;
  profile: Profile;
}

/** What the files gave, by candidate: the photo claimed, the photo of a student left out, the zip member. */
interface PhotoClaims {
  claimed: Map<number, InspectedFile>;
  excludedPhoto: Map<number, string>;
  members: Map<number, PhotoMember>;
}

export function checkPhotos(meta: ReportMeta, roster: PhotoRoster, listing: FolderListing, profile: Profile): PhotoCheck {
  const keys: string[] = [];
  const rowsOf = new Map<string, PhotoRow[]>();
  for (const r of roster.rows) {
    if (!r.key) continue;
    const list = rowsOf.get(r.key);
    if (list) list.push(r);
    else {
      rowsOf.set(r.key, [r]);
      keys.push(r.key);
    }
  }
  const ctx: PhotoContext = {
    book: new EntryBook(),
    keys,
    rowsOf,
    enrolled: (k) => rowsOf.get(k)!.some((r) => isEnrolled(r.status, profile)),
    keyLabel: roster.keyField === 'idCard' ? '身份证号' : '学号',
    example: roster.keyField === 'idCard' ? '身份证号.jpg（末位X大写）' : '1711001201115.jpg',
    profile,
  };
  const claims = judgeFiles(ctx, listing);
  const excluded = checkRosterRows(ctx, roster, claims);
  const report = filesReport(meta, 'graduation-photos', [roster.sheet], ctx.book);
  report.excluded = excluded;
  report.zips = [];
  const inOrder = [...claims.members.values()].sort((a, b) => a.row - b.row || (a.name < b.name ? -1 : 1));
  return { report, members: inOrder };
}

/** Each file against the candidates: exact names claim their row first; almost-matching names take what is left. */
function judgeFiles(ctx: PhotoContext, listing: FolderListing): PhotoClaims {
  const { book, keys, rowsOf } = ctx;
  const index = new NameIndex(keys.map((key, id): NameCandidate => ({ id, key, name: null })));
  const files = listing.files.filter((f) => !isIgnorablePath(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const claims: PhotoClaims = { claimed: new Map(), excludedPhoto: new Map(), members: new Map() };
  const verdicts = files.map((f) => ({ f, v: index.judge(splitExt(baseName(f.path)).stem) }));
  const ordered = [...verdicts.filter((x) => x.v?.exact), ...verdicts.filter((x) => !x.v?.exact)];
  for (const { f, v } of ordered) {
    const { ext } = splitExt(baseName(f.path));
    if (!v) {
      const e = book.file(f);
      const imageLike = f.type === 'jpeg' || f.type === 'png' || /^\.(jpe?g|png|gif|bmp|webp|heic|tiff?)$/i.test(ext);
      book.issue(
        e,
        null,
        warn(
          'photo.unmatched',
          imageLike ? `名单中没有与此照片对应的学生（照片应以${ctx.keyLabel}命名，如“${ctx.example}”），不会打包` : '不是照片文件，不会打包',
        ),
      );
      continue;
    }
    const key = keys[v.id]!;
    const row = rowsOf.get(key)![0]!;
    if (!ctx.enrolled(key)) {
      book.file(f, row.ref);
      if (!claims.excludedPhoto.has(v.id)) claims.excludedPhoto.set(v.id, f.path);
      continue;
    }
    claimPhoto(ctx, claims, f, v, row);
  }
  return claims;
}

/** An enrolled student's photo: the first claims the student (named and made right), a second is one too many. */
function claimPhoto(ctx: PhotoContext, claims: PhotoClaims, f: InspectedFile, v: NameVerdict, row: PhotoRow): void {
  const { ext } = splitExt(baseName(f.path));
  const key = ctx.keys[v.id]!;
  const e = ctx.book.file(f, row.ref);
  const first = claims.claimed.get(v.id);
  if (first) {
    ctx.book.issue(e, row.ref, err('photo.name', `同一学生有多张照片（另见“${first.path}”），请只保留一张正确命名的照片`));
    return;
  }
  claims.claimed.set(v.id, f);
  const drafts: IssueDraft[] = [];
  if (!v.exact) drafts.push(nameDraft(v, key, ctx.keyLabel));
  if (f.type === 'jpeg' && ext !== '.jpg') {
    drafts.push(err('photo.name', `扩展名应为小写“.jpg”（平台只匹配 .jpg 文件），当前为“${ext || '（无）'}”，应命名为“${key}.jpg”`));
  }
  drafts.push(...photoContentDrafts(f, ext, ctx.profile.photos));
  for (const d of drafts) ctx.book.issue(e, row.ref, d);
  if (!drafts.some((d) => d.severity === 'error')) {
    claims.members.set(v.id, { path: f.path, name: baseName(f.path), size: f.size, row: row.ref.row });
  }
}

/** Each roster row: its key readable, its photo there (enrolled students), or the student left out (the others). */
function checkRosterRows(ctx: PhotoContext, roster: PhotoRoster, claims: PhotoClaims): ExcludedStudent[] {
  const { book, keyLabel, rowsOf } = ctx;
  const excluded: ExcludedStudent[] = [];
  const idOf = new Map(ctx.keys.map((k, i) => [k, i]));
  for (const r of roster.rows) {
    if (!r.key) {
      const e = book.missingFile(`第${r.ref.row}行（${keyLabel}无法读取）`, r.ref);
      book.issue(e, r.ref, err('photo.missing', `该行${keyLabel}为空或无法读取，无法匹配照片`));
      continue;
    }
    const id = idOf.get(r.key)!;
    if (rowsOf.get(r.key)![0] !== r) continue;
    if (!ctx.enrolled(r.key)) {
      excluded.push({ sheet: r.ref.sheet, row: r.ref.row, cell: r.ref.cell, status: r.status ?? '', path: claims.excludedPhoto.get(id) ?? null });
      continue;
    }
    if (claims.claimed.has(id)) continue;
    const e = book.missingFile(`${r.key}.jpg`, r.ref);
    book.issue(e, r.ref, err('photo.missing', `缺少该生的毕业照片，应命名为“${r.key}.jpg”`));
  }
  return excluded;
}

function nameDraft(v: NameVerdict, key: string, keyLabel: string): IssueDraft {
  const what = describeProblems(v, { id: v.id, key, name: null }, keyLabel);
  return err('photo.name', `照片名称不符合要求：${what}。应命名为“${key}.jpg”`);
}
