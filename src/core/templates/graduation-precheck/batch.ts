/**
 * Graduation batches and the dates the pre-check compares (DOMAIN.md §3 T5). Pure calendar arithmetic on
 * { y, m, d } and semester indices: no Date objects.
 *
 * - A batch is `YYYY01` or `YYYY07` (seed 002: 毕业批次 202307); its certificate date is the 20th of that month
 *   (seed 000: 发证日期统一为2021年1月20日; seed 002: 2023年7月20日) — the profile's `certificateDay`.
 * - Minimum study time (seed 001: 最短学习时间不得低于二年半 = 5 semesters): a batch YYYY07 closes the spring
 *   semester of YYYY, a batch YYYY01 the autumn semester of YYYY−1; the entry semester counts. 202307 therefore takes
 *   2021春季 and earlier (seed 002: 入学年度学期为2021年春季及之前入学的学生), 202401 takes 2021秋季 and earlier.
 * - Validity (seed 000 §四7: 学生学籍从入学注册8年内有效): registration is March 1 (春季) or September 1 (秋季); "8年内"
 *   is read like an age: the 学籍 is valid through the day before the 8th anniversary and has expired on the
 *   anniversary itself (our reading; the anniversary never falls on a certificate date, the 20th, with the default
 *   profile, so the reading changes no verdict there).
 */
import { compareYmd, type Ymd } from '../../cells/dates';
import type { Season, Term } from '../../cells/enrollment-term';

export interface Batch {
  year: number;
  /** January or July. */
  month: 1 | 7;
}

/** The numbers the date rules use (profile `precheck`, defaults from seeds 000–002). */
export interface BatchRules {
  /** Day of the batch month on which the certificates are dated (seed 000, 002: the 20th). */
  certificateDay: number;
  /** Semesters from entry to the batch, the entry semester included (seed 001: 二年半 = 5). */
  minSemesters: number;
  /** Years the 学籍 is valid from entry registration (seed 000 §四7: 8). */
  validityYears: number;
}

export const DEFAULT_BATCH_RULES: BatchRules = { certificateDay: 20, minSemesters: 5, validityYears: 8 };

/** 202307, 2023-07, 2023.7, 2023/07, 2023年7月 (批次): a January or July batch; null otherwise. */
const BATCH_RE = /^((?:19|20)\d{2})(?:(0[17])|[-./](0?[17])|年(0?[17])月(?:批次?)?)$/;

export function parseBatch(text: string): Batch | null {
  const m = BATCH_RE.exec(text.replace(/[\s\u3000]/g, ''));
  if (!m) return null;
  const month = Number(m[2] ?? m[3] ?? m[4]);
  return { year: Number(m[1]), month: month === 1 ? 1 : 7 };
}

/** The platform's code: 202307. */
export function batchCode(b: Batch): string {
  return `${b.year}${b.month === 1 ? '01' : '07'}`;
}

/** For people: 2023年7月. */
export function batchLabel(b: Batch): string {
  return `${b.year}年${b.month}月`;
}

export function certificateDate(b: Batch, rules: BatchRules = DEFAULT_BATCH_RULES): Ymd {
  return { y: b.year, m: b.month, d: rules.certificateDay };
}

/** The batch after this one: 202307 → 202401, 202401 → 202407. */
export function followingBatch(b: Batch): Batch {
  return b.month === 1 ? { year: b.year, month: 7 } : { year: b.year + 1, month: 1 };
}

export function previousBatch(b: Batch): Batch {
  return b.month === 7 ? { year: b.year, month: 1 } : { year: b.year - 1, month: 7 };
}

export function compareBatch(a: Batch, b: Batch): number {
  return a.year !== b.year ? a.year - b.year : a.month - b.month;
}

/**
 * The next batch on a day: the first whose certificate date is that day or later (on 2023-07-20 the 202307 batch,
 * on 2023-07-21 the 202401 batch).
 */
export function nextBatchOn(day: Ymd, rules: BatchRules = DEFAULT_BATCH_RULES): Batch {
  let b: Batch = { year: day.y, month: 1 };
  while (compareYmd(certificateDate(b, rules), day) < 0) b = followingBatch(b);
  return b;
}

/** Semesters counted from year 0: 2021春季 → 4042, 2021秋季 → 4043. */
export function semesterIndex(t: Term): number {
  return t.year * 2 + (t.season === '秋季' ? 1 : 0);
}

function termOfIndex(i: number): Term {
  const season: Season = i % 2 === 0 ? '春季' : '秋季';
  return { year: Math.floor(i / 2), season };
}

/** The last semester a batch closes: YYYY07 → YYYY春季, YYYY01 → (YYYY−1)秋季. */
export function closingSemester(b: Batch): Term {
  return b.month === 7 ? { year: b.year, season: '春季' } : { year: b.year - 1, season: '秋季' };
}

/** Semesters studied by the batch, the entry semester included (0 or less: entered after the batch). */
export function semestersBy(entry: Term, b: Batch): number {
  return semesterIndex(closingSemester(b)) - semesterIndex(entry) + 1;
}

/** The latest entry a batch takes: 202307 → 2021春季, 202401 → 2021秋季 (with 5 semesters). */
export function latestEntryFor(b: Batch, rules: BatchRules = DEFAULT_BATCH_RULES): Term {
  return termOfIndex(semesterIndex(closingSemester(b)) - rules.minSemesters + 1);
}

/** Entry registration: March 1 (春季) or September 1 (秋季) (DOMAIN.md §2 T1, seed 000 §四7). */
export function registrationDate(t: Term): Ymd {
  return { y: t.year, m: t.season === '春季' ? 3 : 9, d: 1 };
}

/** The first day the 学籍 is no longer valid: the `validityYears`-th anniversary of the registration. */
export function expiryDate(t: Term, rules: BatchRules = DEFAULT_BATCH_RULES): Ymd {
  const r = registrationDate(t);
  return { y: r.y + rules.validityYears, m: r.m, d: r.d };
}

/** Whether the 学籍 has expired on a day (on the anniversary itself: yes). */
export function expiredOn(t: Term, day: Ymd, rules: BatchRules = DEFAULT_BATCH_RULES): boolean {
  return compareYmd(day, expiryDate(t, rules)) >= 0;
}

/** The pre-check's date verdict for one entry term and one batch. */
export type DateVerdict =
  | { kind: 'too-early'; semesters: number; latest: Term }
  | { kind: 'expired'; expiry: Ymd }
  | { kind: 'expiring'; expiry: Ymd; following: Batch }
  | { kind: 'ok' };

/** The validity of an entry's 学籍 at a certificate date and at the next one (the comparison the date rules make). */
export type Validity = 'expired' | 'expiring' | 'valid';

export function validityAt(entry: Term, certificate: Ymd, nextCertificate: Ymd, rules: BatchRules = DEFAULT_BATCH_RULES): Validity {
  if (expiredOn(entry, certificate, rules)) return 'expired';
  return expiredOn(entry, nextCertificate, rules) ? 'expiring' : 'valid';
}

/**
 * The date rules in order: too early (graduation.too-early), expired before this batch's certificate date
 * (graduation.expired), expired before the following batch's (graduation.expiring: this batch is the last chance).
 */
export function dateVerdict(entry: Term, b: Batch, rules: BatchRules = DEFAULT_BATCH_RULES): DateVerdict {
  const semesters = semestersBy(entry, b);
  if (semesters < rules.minSemesters) return { kind: 'too-early', semesters, latest: latestEntryFor(b, rules) };
  const following = followingBatch(b);
  switch (validityAt(entry, certificateDate(b, rules), certificateDate(following, rules), rules)) {
    case 'expired':
      return { kind: 'expired', expiry: expiryDate(entry, rules) };
    case 'expiring':
      return { kind: 'expiring', expiry: expiryDate(entry, rules), following };
    default:
      return { kind: 'ok' };
  }
}

/** Batches around a day for a picker: `before` earlier ones, the next one, `after` later ones. */
export function batchesAround(day: Ymd, before: number, after: number, rules: BatchRules = DEFAULT_BATCH_RULES): Batch[] {
  const next = nextBatchOn(day, rules);
  let first = next;
  for (let i = 0; i < before; i++) first = previousBatch(first);
  const out: Batch[] = [];
  for (let b = first, i = 0; i <= before + after; i++, b = followingBatch(b)) out.push(b);
  return out;
}
