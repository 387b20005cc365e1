/**
 * File names and title texts from the profile's patterns: {分部名称} (the roster's 分部名称), {报送日期} (the report
 * date), {工作表名} (the user's sheet). Values are made safe for Windows, which forbids < > : " / \ | ? * and control
 * characters, names ending in a dot or a space, and the device names CON, PRN, AUX, NUL, COM1–9, LPT1–9.
 */
import { formatYmd, type Ymd } from '../cells/dates';

export interface NameContext {
  /** Distinct 分部名称 of the records, in order of first appearance (none when the sheet has no such column). */
  branchNames: readonly string[];
  reportDate: Ymd;
  /** The user's sheet name. */
  sheet: string;
}

/** At most this many 分部 names go into a file name; more are written as "…等". */
const MAX_BRANCHES = 3;
/**
 * A file name's limit on Linux and macOS is 255 bytes of UTF-8 (a Chinese character is 3): 150 characters of a long
 * 分部名称 were 450 bytes and failed to write (issue 14 item 6). Windows counts 255 UTF-16 units: fewer than bytes.
 */
export const MAX_NAME_BYTES = 255;
const FORBIDDEN_G = /[<>:"/\\|?*\u0000-\u001f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

function branchText(names: readonly string[]): string {
  if (names.length <= MAX_BRANCHES) return names.join('、');
  return `${names.slice(0, MAX_BRANCHES).join('、')}等`;
}

/** The pattern with its placeholders filled in. A missing 分部名称 becomes empty text (the rest of the name stays). */
export function expandPattern(pattern: string, ctx: NameContext): string {
  return pattern
    .replace(/\{分部名称\}/g, branchText(ctx.branchNames))
    .replace(/\{报送日期\}/g, formatYmd(ctx.reportDate))
    .replace(/\{工作表名\}/g, ctx.sheet);
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The longest start of `stem` (whole characters) that, with `tail`, fits in MAX_NAME_BYTES. */
export function fitStem(stem: string, tail: string): string {
  const budget = MAX_NAME_BYTES - utf8Bytes(tail);
  if (utf8Bytes(stem) <= budget) return stem;
  let out = '';
  let used = 0;
  for (const ch of stem) {
    const b = utf8Bytes(ch);
    if (used + b > budget) break;
    out += ch;
    used += b;
  }
  return out;
}

/** A file name Windows, macOS and Linux accept, keeping the .xlsx extension. */
export function sanitiseFileName(name: string): string {
  const ext = /\.xlsx$/i.test(name) ? name.slice(-5) : '.xlsx';
  let stem = (/\.xlsx$/i.test(name) ? name.slice(0, -5) : name).replace(FORBIDDEN_G, '_');
  stem = fitStem(stem.trim(), ext);
  stem = stem.replace(/[. ]+$/, '');
  if (!stem) stem = '导出';
  if (RESERVED.test(stem)) stem = `_${stem}`;
  return stem + ext.toLowerCase();
}

export function fileNameFor(pattern: string, ctx: NameContext): string {
  return sanitiseFileName(expandPattern(pattern, ctx));
}

/**
 * Several sheets may give the same file name (two rosters of one 分部): each then gets its sheet's name added,
 * `…名单（第二批）.xlsx`, and a number if that still collides. Comparison ignores case, as Windows does.
 */
export function uniqueFileNames(items: readonly { fileName: string; sheet: string }[]): string[] {
  const count = new Map<string, number>();
  for (const it of items) count.set(it.fileName.toLowerCase(), (count.get(it.fileName.toLowerCase()) ?? 0) + 1);
  const taken = new Set<string>();
  return items.map((it) => {
    let name = it.fileName;
    if ((count.get(name.toLowerCase()) ?? 0) > 1) {
      // The sheet's name goes in whole, the stem gives way (a file name has at most 255 bytes).
      const tail = sanitiseFileName(`（${it.sheet}）.xlsx`);
      name = `${fitStem(name.slice(0, -5), tail)}${tail}`;
    }
    let n = 2;
    const base = name.slice(0, -5);
    while (taken.has(name.toLowerCase())) name = `${fitStem(base, `（${n}）.xlsx`)}（${n++}）.xlsx`;
    taken.add(name.toLowerCase());
    return name;
  });
}
