/**
 * 学信网退学 scans against the withdrawal roster (seed 003 §三(一)3, DOMAIN.md §2 T2): one 退学申请表 image per
 * student named 学号全码 + 姓名 with nothing between (`1711001201115刘洋.jpg`), JPG or PNG, ≤ 10 MB, ≥ 200×200;
 * and the signed summary scan `分部名称学信网退学汇总表N.jpg`, ≤ 1 MB ([public]).
 *
 * Files may sit anywhere below the folder given (each is uploaded on its own). A file that names a row almost
 * (a "+", a space, wrong name characters …) belongs to that row: `evidence.name`, not also `evidence.missing`.
 */
import type { Profile } from '../profile/schema';
import type { FilesReport } from '../types';
import { err, warn } from '../engine/issue';
import type { FolderListing, InspectedFile } from './types';
import { baseName, describeProblems, isIgnorablePath, NameIndex, splitExt, type NameCandidate } from './names';
import { evidenceImageDrafts, extFor } from './image-rules';
import { EntryBook, filesReport, type ReportMeta } from './report';
import type { EvidenceRoster, WithdrawalRow } from './roster';

const SUMMARY_HINT = /汇总/;

export function checkWithdrawalScans(
  meta: ReportMeta,
  roster: Extract<EvidenceRoster, { kind: 'withdrawal' }>,
  listing: FolderListing,
  profile: Profile,
): FilesReport {
  const book = new EntryBook();
  const limits = profile.evidence;
  const rows = roster.rows;
  const index = new NameIndex(rows.map((r, id): NameCandidate => ({ id, key: r.key, name: r.name })));
  const files = listing.files.filter((f) => !isIgnorablePath(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const summaries: InspectedFile[] = [];
  const claimed = new Map<number, InspectedFile>();
  const later: { f: InspectedFile; id: number; problems: ReturnType<NameIndex['judge']> }[] = [];

  // Exact names first, so that an almost-matching file never takes a row that has its file.
  for (const f of files) {
    const { stem } = splitExt(baseName(f.path));
    const v = index.judge(stem);
    if (v?.exact) {
      if (claimed.has(v.id)) {
        later.push({ f, id: v.id, problems: v });
        continue;
      }
      claimed.set(v.id, f);
      book.file(f, rows[v.id]!.ref);
      checkImage(book, f, rows[v.id]!, profile);
    } else if (v) {
      later.push({ f, id: v.id, problems: v });
    } else if (SUMMARY_HINT.test(stem.replace(/\s/g, '')) || stem.includes(limits.summaryScan.stem)) {
      summaries.push(f);
    } else {
      const e = book.file(f);
      book.issue(e, null, warn('evidence.unmatched', '名单中没有与此文件对应的学生（文件应以“学号全码姓名”命名）'));
    }
  }
  for (const { f, id, problems: v } of later) {
    const row = rows[id]!;
    const expected = `${row.key}${row.name}${extFor(f.type)}`;
    const first = claimed.get(id);
    if (first) {
      const e = book.file(f);
      book.issue(e, row.ref, warn('evidence.unmatched', `第${row.ref.row}行学生已有扫描件“${first.path}”，此文件多余，请删除`));
      continue;
    }
    claimed.set(id, f);
    const e = book.file(f, row.ref);
    const what = describeProblems(v!, { id, key: row.key, name: row.name }, '学号');
    book.issue(e, row.ref, err('evidence.name', `文件名不符合要求：${what}。应命名为“${expected}”（学号全码与姓名之间不加“+”、不加空格）`));
    checkImage(book, f, row, profile);
  }
  rows.forEach((row, id) => {
    if (claimed.has(id)) return;
    if (!row.key) {
      const e = book.missingFile(`第${row.ref.row}行（学号无法读取）`, row.ref);
      book.issue(e, row.ref, err('evidence.missing', '该行学号为空或无法读取，无法核对退学申请表扫描件；请先用 xueji check 修正名单'));
      return;
    }
    const name = `${row.key}${row.name}.jpg`;
    const e = book.missingFile(name, row.ref);
    book.issue(e, row.ref, err('evidence.missing', `缺少该生的退学申请表扫描件，应命名为“${name}”（或 .png）`));
  });
  checkSummaries(book, summaries, rows, profile);
  return filesReport(meta, 'withdrawal', roster.sheets, book);
}

function checkImage(book: EntryBook, f: InspectedFile, row: WithdrawalRow, profile: Profile): void {
  const e = book.file(f, row.ref);
  const { ext } = splitExt(baseName(f.path));
  for (const d of evidenceImageDrafts(f, ext, profile.evidence)) book.issue(e, row.ref, d);
}

/** `分部名称学信网退学汇总表N.jpg`, ≤ 1 MB (DOMAIN.md §2 T2 [public]). */
function checkSummaries(book: EntryBook, summaries: InspectedFile[], rows: readonly WithdrawalRow[], profile: Profile): void {
  const s = profile.evidence.summaryScan;
  const branches = [...new Set(rows.map((r) => r.branch).filter((b) => b.length > 0))];
  const branch = branches[0] ?? '分部名称';
  const example = `${branch}${s.stem}1.jpg`;
  if (!summaries.length) {
    if (s.required) {
      const e = book.missingFile(example, null);
      book.issue(e, null, err('evidence.missing', `缺少签字盖章的退学汇总表扫描件，应命名为“${example}”（末尾的数字是批次），大小不超过 ${s.maxBytes.toLocaleString('en-US')} 字节`));
    }
    return;
  }
  const named = new RegExp(`^(.+)${escapeRe(s.stem)}(\\d+)$`);
  for (const f of summaries) {
    const e = book.file(f);
    const { stem, ext } = splitExt(baseName(f.path));
    const m = named.exec(stem);
    const branchOk = m !== null && (branches.length === 0 || branches.includes(m[1]!));
    if (!m || !branchOk) {
      book.issue(e, null, err('evidence.name', `汇总表扫描件应命名为“分部名称${s.stem}N.jpg”（N 为批次，不加空格或其他符号），例如“${example}”`));
    } else if (f.type === 'jpeg' && ext.toLowerCase() === '.jpeg') {
      // Other wrong extensions are evidence.format's (the content decides what the extension should be).
      book.issue(e, null, err('evidence.name', `汇总表扫描件的扩展名应为 .jpg，例如“${example}”`));
    }
    for (const d of evidenceImageDrafts(f, ext, { ...profile.evidence, maxBytes: s.maxBytes }, ['jpeg'])) book.issue(e, null, d);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
