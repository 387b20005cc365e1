/**
 * Evidence of a 学生基本信息修改情况统计表 (seed 003 §五(二)2–4, DOMAIN.md §2 T3): one folder per student named
 * 学号姓名 (毕业生: 注册证号姓名), holding JPG/PNG images ≤ 10 MB, ≥ 200×200, named by content. A file counts for a
 * document when its name starts with the document's stem (`身份证正反面.jpg` is a 身份证).
 *
 * Which documents a row needs (DOMAIN.md's table, from seed 003 §五(二)3):
 *   性别, 民族 (信息变更)                    身份证
 *   入学文化程度                             专科以上: 学历网查 or 学历认证; below 专科: 毕业证书
 *   姓名 (信息变更)                          身份证 + 户口本 or 公安证明
 *   身份证号, 出生日期 (信息变更)            身份证 + 更正告知函 or 变更证明 or 公安证明
 *   录入错误 of 姓名/性别/身份证号/民族/出生日期   身份证 + 报名登记表
 *   any row of a graduate                    the above + 毕业生登记表
 * A row whose 修改类型 is empty or unreadable needs what both kinds need, and one of the documents either kind
 * adds (that is all the sheet tells).
 */
import type { Profile } from '../profile/schema';
import type { FilesReport } from '../types';
import type { CorrectionItem } from '../templates/fields';
import type { ChangeType } from '../rules/correction';
import { err, warn } from '../engine/issue';
import { normaliseHeader } from '../templates/fields';
import type { FolderListing, InspectedFile } from './types';
import { baseName, describeProblems, isIgnorablePath, NameIndex, segments, splitExt, type NameCandidate } from './names';
import { evidenceImageDrafts } from './image-rules';
import { EntryBook, filesReport, type ReportMeta, type RowRef } from './report';
import type { CorrectionChange, CorrectionRow, EvidenceRoster } from './roster';

/** One document a row needs: any file whose name starts with one of `stems`. */
export interface EvidenceGroup {
  stems: readonly string[];
  /** Chinese, for messages. */
  label: string;
}

const ID_CARD: EvidenceGroup = { stems: ['身份证'], label: '身份证（正反面扫描在同一页）' };
const HOUSEHOLD: EvidenceGroup = { stems: ['户口本', '公安证明'], label: '户口本（曾用名页）或公安证明' };
const ID_CHANGE: EvidenceGroup = { stems: ['更正告知函', '变更证明', '公安证明'], label: '更正告知函、变更证明或公安证明' };
const ENROLMENT_FORM: EvidenceGroup = { stems: ['报名登记表'], label: '报名登记表' };
const HIGHER_EDU: EvidenceGroup = { stems: ['学历网查', '学历认证'], label: '学历网查结果或学历认证报告' };
const DIPLOMA: EvidenceGroup = { stems: ['毕业证书'], label: '毕业证书' };
const GRADUATE_FORM: EvidenceGroup = { stems: ['毕业生登记表'], label: '毕业生登记表' };

/** Every stem the table knows: a file named otherwise is not named by content. */
export const EVIDENCE_STEMS: readonly string[] = [
  ...new Set([ID_CARD, HOUSEHOLD, ID_CHANGE, ENROLMENT_FORM, HIGHER_EDU, DIPLOMA, GRADUATE_FORM].flatMap((g) => g.stems)),
].sort((a, b) => b.length - a.length);

/** 专科以上(含专科) vs below; null when the value says neither. */
export function educationAtLeastJunior(value: string): boolean | null {
  const k = normaliseHeader(value);
  if (!k) return null;
  if (/专科|大专|高职|本科|研究生|硕士|博士|学士/.test(k) && !/中专/.test(k)) return true;
  if (/初中|高中|中专|职高|技校|中技|小学|中等/.test(k)) return false;
  return null;
}

function requirementsByType(c: CorrectionChange, type: ChangeType): EvidenceGroup[] {
  if (c.item === '入学文化程度') {
    const higher = educationAtLeastJunior(c.newValue);
    if (higher === true) return [HIGHER_EDU];
    if (higher === false) return [DIPLOMA];
    return [{ stems: [...HIGHER_EDU.stems, ...DIPLOMA.stems], label: `${HIGHER_EDU.label}（专科以上）或毕业证书（专科以下）` }];
  }
  if (type === '录入错误') return [ID_CARD, ENROLMENT_FORM];
  const byItem: Record<Exclude<CorrectionItem, '入学文化程度'>, EvidenceGroup[]> = {
    性别: [ID_CARD],
    民族: [ID_CARD],
    姓名: [ID_CARD, HOUSEHOLD],
    身份证号: [ID_CARD, ID_CHANGE],
    出生日期: [ID_CARD, ID_CHANGE],
  };
  return byItem[c.item];
}

/** The documents one change needs (DOMAIN.md §2 T3). */
export function requiredEvidence(c: CorrectionChange, graduate: boolean): EvidenceGroup[] {
  let groups: EvidenceGroup[];
  if (c.changeType) {
    groups = requirementsByType(c, c.changeType);
  } else {
    const a = requirementsByType(c, '信息变更');
    const b = requirementsByType(c, '录入错误');
    groups = a.filter((g) => b.includes(g));
    const restA = a.filter((g) => !b.includes(g));
    const restB = b.filter((g) => !a.includes(g));
    if (restA.length && restB.length) {
      const rest = [...restA, ...restB];
      groups.push({ stems: [...new Set(rest.flatMap((g) => g.stems))], label: rest.map((g) => g.label).join('或') });
    }
  }
  return graduate ? [...groups, GRADUATE_FORM] : groups;
}

/** The stem a file name starts with, longest first; `spaced` when it does only once spaces are taken out. */
export function evidenceStemOf(stem: string): { stem: string; spaced: boolean } | null {
  for (const s of EVIDENCE_STEMS) if (stem.startsWith(s)) return { stem: s, spaced: false };
  const compact = stem.replace(/[\s\u00a0\u3000]+/g, '');
  for (const s of EVIDENCE_STEMS) if (compact.startsWith(s)) return { stem: s, spaced: true };
  return null;
}

interface Student {
  key: string;
  name: string;
  rows: CorrectionRow[];
}

export function checkCorrectionEvidence(
  meta: ReportMeta,
  roster: Extract<EvidenceRoster, { kind: 'correction' }>,
  listing: FolderListing,
  profile: Profile,
): FilesReport {
  const book = new EntryBook();
  const { students, unreadable } = groupStudents(roster.rows);
  const keyLabel = roster.template === 'correction-graduate' ? '注册证号' : '学号';
  const inside = topFolders(book, listing, keyLabel);
  const folderOf = matchFolders(book, students, [...inside.keys()], keyLabel);
  students.forEach((s, id) => checkStudent(book, s, folderOf.get(id), inside, profile));
  for (const r of unreadable) {
    const e = book.directory(`第${r.ref.row}行（${keyLabel}无法读取）`, r.ref, false);
    book.issue(e, r.ref, err('evidence.missing', `该行${keyLabel}为空或无法读取，无法核对证明材料；请先用 xueji check 修正统计表`));
  }
  return filesReport(meta, roster.template, roster.sheets, book);
}

/** One folder per student: the rows of one key share it. Rows whose key cannot be read are set apart. */
function groupStudents(rows: readonly CorrectionRow[]): { students: Student[]; unreadable: CorrectionRow[] } {
  const students: Student[] = [];
  const byKey = new Map<string, Student>();
  const unreadable: CorrectionRow[] = [];
  for (const r of rows) {
    if (!r.key) {
      unreadable.push(r);
      continue;
    }
    let s = byKey.get(r.key);
    if (!s) {
      s = { key: r.key, name: r.name, rows: [] };
      byKey.set(r.key, s);
      students.push(s);
    }
    s.rows.push(r);
  }
  return { students, unreadable };
}

/** The folders at the top, and what is inside each (a file at the top belongs to no student: said so). */
function topFolders(book: EntryBook, listing: FolderListing, keyLabel: string): Map<string, InspectedFile[]> {
  const files = listing.files.filter((f) => !isIgnorablePath(f.path));
  const tops = new Set<string>();
  for (const d of listing.directories) if (!isIgnorablePath(d) && segments(d).length >= 1) tops.add(segments(d)[0]!);
  for (const f of files) if (segments(f.path).length >= 2) tops.add(segments(f.path)[0]!);
  const inside = new Map<string, InspectedFile[]>();
  for (const t of tops) inside.set(t, []);
  for (const f of files) {
    const seg = segments(f.path);
    if (seg.length === 1) {
      const e = book.file(f);
      book.issue(e, null, warn('evidence.unmatched', `证明材料应放在以“${keyLabel}姓名”命名的学生文件夹中，此文件不属于任何学生`));
      continue;
    }
    inside.get(seg[0]!)!.push(f);
  }
  return inside;
}

/** Each student's folder, by the student's index: an exact name first, else a near one (reported); the rest unmatched. */
function matchFolders(book: EntryBook, students: readonly Student[], tops: readonly string[], keyLabel: string): Map<number, string> {
  const index = new NameIndex(students.map((s, id): NameCandidate => ({ id, key: s.key, name: s.name, altNames: altNames(s) })));
  const folderOf = new Map<number, string>();
  const nearFolders: { dir: string; id: number; v: NonNullable<ReturnType<NameIndex['judge']>> }[] = [];
  for (const dir of [...tops].sort()) {
    const v = index.judge(dir);
    if (v?.exact && !folderOf.has(v.id)) folderOf.set(v.id, dir);
    else if (v) nearFolders.push({ dir, id: v.id, v });
    else {
      const e = book.directory(dir);
      book.issue(e, null, warn('evidence.unmatched', `名单中没有与此文件夹对应的学生（文件夹应以“${keyLabel}姓名”命名）`));
    }
  }
  for (const { dir, id, v } of nearFolders) {
    const s = students[id]!;
    const ref = s.rows[0]!.ref;
    const e = book.directory(dir, ref);
    const first = folderOf.get(id);
    if (first !== undefined) {
      book.issue(e, ref, warn('evidence.unmatched', `第${ref.row}行学生已有文件夹“${first}”，此文件夹多余，请把材料合并后删除`));
      continue;
    }
    folderOf.set(id, dir);
    const what = describeProblems(v, { id, key: s.key, name: s.name, altNames: altNames(s) }, keyLabel);
    book.issue(e, ref, err('evidence.name', `文件夹名称不符合要求：${what}。应命名为“${s.key}${s.name}”（中间不加“+”、不加空格）`));
  }
  return folderOf;
}

/** One student's folder: there, holding what each of the student's rows needs, and nothing it does not. */
function checkStudent(book: EntryBook, s: Student, dir: string | undefined, inside: ReadonlyMap<string, InspectedFile[]>, profile: Profile): void {
  const expected = `${s.key}${s.name}`;
  if (dir === undefined) {
    for (const r of s.rows) {
      const groups = rowGroups(r);
      if (!groups.length) continue;
      const e = book.directory(expected, r.ref, false);
      book.issue(e, r.ref, err('evidence.missing', `缺少该生的证明材料文件夹“${expected}”，其中应有：${groups.map((g) => g.label).join('；')}`));
    }
    return;
  }
  book.directory(dir, s.rows[0]!.ref);
  const present = checkFolder(book, inside.get(dir) ?? [], s, profile.evidence);
  const needed = new Set<string>();
  for (const r of s.rows) {
    const groups = rowGroups(r);
    for (const g of groups) for (const st of g.stems) needed.add(st);
    const lacking = groups.filter((g) => !g.stems.some((st) => present.has(st)));
    if (!lacking.length) continue;
    const e = book.directory(dir, r.ref);
    book.issue(e, r.ref, err('evidence.missing', `文件夹“${dir}”中缺少${changesText(r)}所需的证明材料：${lacking.map((g) => g.label).join('；')}（图片按内容命名，如“${lacking[0]!.stems[0]}.jpg”）`));
  }
  for (const [stem, f] of present) {
    if (needed.has(stem)) continue;
    const e = book.file(f);
    book.issue(e, s.rows[0]!.ref, warn('evidence.unmatched', `该生的修改项目不需要“${stem}”，请核对是否放错文件夹`));
  }
}

function rowGroups(r: CorrectionRow): EvidenceGroup[] {
  const out: EvidenceGroup[] = [];
  for (const c of r.changes) for (const g of requiredEvidence(c, r.graduate)) if (!out.some((o) => sameGroup(o, g))) out.push(g);
  return out;
}

function sameGroup(a: EvidenceGroup, b: EvidenceGroup): boolean {
  return a.stems.length === b.stems.length && a.stems.every((s) => b.stems.includes(s));
}

function changesText(r: CorrectionRow): string {
  const items = [...new Set(r.changes.map((c) => c.item))];
  return items.length ? `修改${items.join('、')}` : '该行';
}

/** A 姓名 change: the folder may carry the name before or after it. */
function altNames(s: Student): string[] {
  const out: string[] = [];
  for (const r of s.rows) {
    if (r.name && r.name !== s.name) out.push(r.name);
    for (const c of r.changes) {
      if (c.item !== '姓名') continue;
      for (const v of [c.oldValue, c.newValue]) {
        const n = v.replace(/[\s\u00a0\u3000]+/g, '');
        if (n && n !== s.name) out.push(n);
      }
    }
  }
  return [...new Set(out)];
}

/**
 * The files of one student folder: format, size, resolution, naming by content. Returns the documents present,
 * by stem (the first file of each). Sub-folders are not looked into (the upload wants the images right inside).
 */
function checkFolder(
  book: EntryBook,
  files: readonly InspectedFile[],
  s: Student,
  limits: Profile['evidence'],
): Map<string, InspectedFile> {
  const ref: RowRef = s.rows[0]!.ref;
  const present = new Map<string, InspectedFile>();
  const subfolders = new Set<string>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const seg = segments(f.path);
    if (seg.length > 2) {
      const sub = `${seg[0]}/${seg[1]}`;
      if (!subfolders.has(sub)) {
        subfolders.add(sub);
        const e = book.directory(sub, ref);
        book.issue(e, ref, warn('evidence.unmatched', '学生文件夹中不要再建子文件夹，子文件夹中的材料未检查，请把图片直接放在学生文件夹中'));
      }
      continue;
    }
    const e = book.file(f, ref);
    const { stem, ext } = splitExt(baseName(f.path));
    const known = evidenceStemOf(stem);
    if (!known) {
      book.issue(e, ref, err('evidence.name', `证明材料应按图片内容命名，如“身份证.jpg”“报名登记表.jpg”，无法识别“${baseName(f.path)}”是哪种材料`));
    } else {
      if (known.spaced) book.issue(e, ref, err('evidence.name', `文件名中有空格，应以“${known.stem}”开头，如“${known.stem}${ext || '.jpg'}”`));
      if (!present.has(known.stem)) present.set(known.stem, f);
    }
    for (const d of evidenceImageDrafts(f, ext, limits)) book.issue(e, ref, d);
  }
  return present;
}
