/**
 * 入学年度学期 (DOMAIN.md §1): written as 2021春季, 2021春, 21春, 202103, 2021秋季, 202109, …;
 * normalised to 2021春季 / 2021秋季. Entry batches are YYYY03 (spring) and YYYY09 (autumn) [seed 002/004].
 */
import { isRealDate, type Ymd } from './dates';

export type Season = '春季' | '秋季';

export interface Term {
  year: number;
  season: Season;
}

/** 2021春季, 2021春, 21秋季, 2021年秋, 2021年春季学期, 2021秋季入学. Two-digit years are 20YY, as in the 学号. */
const SEASON_RE = /^((?:19|20)\d{2}|\d{2})年?(春|秋)季?(?:学期)?(?:入学)?$/;
/** 202103, 202109. */
const COMPACT_RE = /^((?:19|20)\d{2})(\d{2})$/;
/** 2021.03, 2021-03, 2021-3, 2021/09, 2021年3月, and whole dates: 2021-09-01, 2021/9/1, 2021年9月1日. */
const SEPARATED_RE = /^((?:19|20)\d{2})(?:[-/.]|年)(\d{1,2})月?(?:[-/.](\d{1,2})|(\d{1,2})日)?$/;

function seasonOfMonth(m: number): Season | null {
  return m === 3 ? '春季' : m === 9 ? '秋季' : null;
}

export function parseEnrollmentTerm(s: string): Term | null {
  let r = SEASON_RE.exec(s);
  if (r) {
    const y = r[1]!.length === 2 ? 2000 + +r[1]! : +r[1]!;
    return { year: y, season: r[2] === '春' ? '春季' : '秋季' };
  }
  r = COMPACT_RE.exec(s) ?? SEPARATED_RE.exec(s);
  if (!r) return null;
  const day = r[3] ?? r[4];
  if (day !== undefined && !isRealDate(+r[1]!, +r[2]!, +day)) return null;
  const season = seasonOfMonth(+r[2]!);
  return season ? { year: +r[1]!, season } : null;
}

export function formatTerm(t: Term): string {
  return `${t.year}${t.season}`;
}

/** Term of an entry date: March → spring, September → autumn; other months are no intake. */
export function termFromYmd(d: Ymd): Term | null {
  const season = seasonOfMonth(d.m);
  return season ? { year: d.y, season } : null;
}

/** First day of the term (DOMAIN.md §2 T1: March 1 for spring, September 1 for autumn). */
export function termStartYmd(t: Term): Ymd {
  return { y: t.year, m: t.season === '春季' ? 3 : 9, d: 1 };
}
