/**
 * 学号 (DOMAIN.md §1): 13 digits = YY entry year + 3-digit 分部 + 3-digit 类别 + 5-digit serial;
 * serial 00001–49999 = spring intake, 50001–99999 = autumn. Example 1711001201115.
 */

/** Known 类别 codes; others may exist (student-id.category is a warning, not an error). */
export const STUDENT_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  '012': '开放本科',
  '014': '开放专科',
  '044': '一村一名大学生',
  '054': '课程开放专科',
  '064': '助力计划专科',
});

export type StudentIdParse =
  | { ok: true; year: number; branch: string; category: string; serial: number; intake: 'spring' | 'autumn' }
  | { ok: false; length: number };

const STUDENT_ID_RE = /^\d{13}$/;
const AUTUMN_FIRST_SERIAL = 50000;

export function parseStudentId(s: string): StudentIdParse {
  if (!STUDENT_ID_RE.test(s)) return { ok: false, length: s.length };
  const serial = digits(s, 8, 13);
  // 00000 and 50000 are the base of each intake's range and never issued.
  if (serial === 0 || serial === AUTUMN_FIRST_SERIAL) return { ok: false, length: 13 };
  return {
    ok: true,
    year: 2000 + digits(s, 0, 2),
    branch: s.slice(2, 5),
    category: s.slice(5, 8),
    serial,
    intake: serial < AUTUMN_FIRST_SERIAL ? 'spring' : 'autumn',
  };
}

/** The number the digits s[from..to) spell (already known to be digits): no substring made per 学号. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** 类别 name for a code, or null when unknown. */
export function studentCategoryName(code: string): string | null {
  return Object.prototype.hasOwnProperty.call(STUDENT_CATEGORIES, code) ? STUDENT_CATEGORIES[code]! : null;
}
