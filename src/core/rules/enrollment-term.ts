/** 入学年度学期: many spellings, normalised to 2021春季 / 2021秋季 (DOMAIN.md §1). */
import { excelSerialToYmd, formatYmd } from '../cells/dates';
import { formatTerm, parseEnrollmentTerm, termFromYmd, type Term } from '../cells/enrollment-term';
import { err, warn } from '../engine/issue';
import type { StudentId } from './student-id';
import type { Outcome } from './outcome';

export function checkEnrollmentTerm(text: string, dateSerial: number | null): Outcome<Term> {
  let term: Term | null = null;
  if (dateSerial !== null) {
    const d = excelSerialToYmd(dateSerial);
    term = d ? termFromYmd(d) : null;
  } else {
    term = parseEnrollmentTerm(text);
  }
  if (!term) {
    return { drafts: [err('enrollment-term.format', `入学年度学期“${text}”无法识别，应写成“2021春季”或“2021秋季”`)] };
  }
  const canonical = formatTerm(term);
  if (canonical === text && dateSerial === null) return { drafts: [], parsed: term };
  // Readable but not the standard form (2021春, 21秋, 202109, 2021年秋季, 2021.9, a date): a warning with its fix;
  // every rule that needs the term reads it anyway (issue 9).
  const date = dateSerial === null ? null : excelSerialToYmd(dateSerial);
  const shown = date ? `（日期 ${formatYmd(date)}）` : `“${text}”`;
  return {
    drafts: [warn('enrollment-term.nonstandard', `入学年度学期${shown}不是标准写法，应写成“${canonical}”`, true)],
    canonical,
    parsed: term,
  };
}

/** The 学号 holds the entry year and, by its serial, the intake (00001–49999 spring, 50001–99999 autumn). */
export function termOfStudentId(id: StudentId): Term {
  return { year: id.year, season: id.intake === 'spring' ? '春季' : '秋季' };
}

export function termMismatch(term: Term, id: StudentId) {
  // Compared before any term is made: on a roster nearly every row agrees.
  if (id.year === term.year && (id.intake === 'spring' ? '春季' : '秋季') === term.season) return null;
  const fromId = termOfStudentId(id);
  return warn('enrollment-term.mismatch', `入学年度学期“${formatTerm(term)}”与学号显示的“${formatTerm(fromId)}”不一致，请核对`);
}
