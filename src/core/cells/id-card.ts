/**
 * 身份证号 per GB 11643-1999 (DOMAIN.md §1): 6-digit region + YYYYMMDD + 3-digit sequence (odd = 男,
 * even = 女) + check character. Legacy 15-digit numbers carry YYMMDD (19YY) and no check character.
 * Parsing walks char codes instead of regexes/substrings: it runs on every ID cell of large sheets.
 */
import { compareYmd, isRealDate, type Ymd } from './dates';

/** Weights wᵢ = 2^(17−i) mod 11 (ISO 7064 MOD 11-2). */
export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_X = 88;

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < CODE_0 || c > CODE_9) return false;
  }
  return true;
}

function checkCharOf(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - CODE_0) * ID_WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The check character for the first 17 digits: "10X98765432"[S mod 11]. Throws unless given 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (first17.length !== 17 || !allDigits(first17, 0, 17)) {
    throw new RangeError('idCardCheckChar expects exactly 17 digits');
  }
  return checkCharOf(first17);
}

export type IdCardParse =
  | { shape: 'bad' }
  | {
      shape: '18' | '15';
      birth: Ymd;
      /** A real date, not after `today`, year ≥ 1900. */
      birthValid: boolean;
      gender: '男' | '女';
      /** Always true for 15-digit numbers (they have no check character). */
      checksumOk: boolean;
    };

const BAD: IdCardParse = Object.freeze({ shape: 'bad' as const });

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - CODE_0);
  return n;
}

/**
 * `s` must already be normalised (no spaces, trailing X upper-case): a lower-case x is 'bad' here — the
 * engine applies fixIdCardCase first and reports x→X as its own fix (DOMAIN.md §4 "normalise first").
 */
export function parseIdCard(s: string, today: Ymd): IdCardParse {
  if (s.length === 18) {
    if (!allDigits(s, 0, 17)) return BAD;
    const last = s.charCodeAt(17);
    if (last !== CODE_X && (last < CODE_0 || last > CODE_9)) return BAD;
    const birth = { y: num(s, 6, 10), m: num(s, 10, 12), d: num(s, 12, 14) };
    return {
      shape: '18',
      birth,
      birthValid: isBirthValid(birth, today),
      gender: (s.charCodeAt(16) - CODE_0) % 2 === 1 ? '男' : '女',
      checksumOk: checkCharOf(s).charCodeAt(0) === last,
    };
  }
  if (s.length === 15) {
    if (!allDigits(s, 0, 15)) return BAD;
    const birth = { y: 1900 + num(s, 6, 8), m: num(s, 8, 10), d: num(s, 10, 12) };
    return {
      shape: '15',
      birth,
      birthValid: isBirthValid(birth, today),
      gender: (s.charCodeAt(14) - CODE_0) % 2 === 1 ? '男' : '女',
      checksumOk: true,
    };
  }
  return BAD;
}

function isBirthValid(b: Ymd, today: Ymd): boolean {
  return b.y >= 1900 && isRealDate(b.y, b.m, b.d) && compareYmd(b, today) <= 0;
}

/** x → X for a trailing check character (the only fix id-card.format offers, DOMAIN.md §5). */
export function fixIdCardCase(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 120 /* x */ ? s.slice(0, -1) + 'X' : s;
}
