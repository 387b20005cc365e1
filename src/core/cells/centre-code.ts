/**
 * 学习中心代码. Organisation codes nest: 分部 3 digits, 分校 5, 学习中心 7 (e.g. 3300803). The exemption
 * table wants 8 digits: "必须是8位，不足8位的用0补足" [seed 003]; the pad side is a profile value [ours].
 */

export type PadSide = 'left' | 'right';

/** Digits of a 7-digit centre code (分部 3 + 分校 2 + centre 2). */
const CENTRE_DIGITS = 7;
const BRANCH_DIGITS = 3;
const DIGITS_RE = /^\d+$/;
const ZEROS_RE = /^0*$/;

/** Pads with '0' up to `length`. Idempotent, and never truncates a longer code (that is centre-code.format). */
export function padCentreCode(digits: string, length: number, side: PadSide): string {
  if (digits.length >= length) return digits;
  const zeros = '0'.repeat(length - digits.length);
  return side === 'left' ? zeros + digits : digits + zeros;
}

/**
 * The 分部 of a centre code, read from the unpadded 7-digit code (DOMAIN.md §1: 01300801 → 1300801 → 130).
 * `code` may be padded already or not (a number that lost its zeros). Null when it is not digits, longer
 * than `length`, the pad region holds non-zero digits, or the code is shorter than 7 once the pad is removed.
 * With a left pad, "shorter than 7" is read as: the 7-digit part starts with 00 — no 分部 code does
 * (the only one with a leading zero is 010 总部), so such a code was a 5-digit 分校 code or less.
 */
export function centreCodeBranch(code: string, length: number, side: PadSide): string | null {
  if (!DIGITS_RE.test(code) || code.length > length || length < CENTRE_DIGITS) return null;
  if (side === 'left') {
    const padded = padCentreCode(code, length, 'left');
    const padLen = length - CENTRE_DIGITS;
    if (!ZEROS_RE.test(padded.slice(0, padLen))) return null;
    if (padded.charCodeAt(padLen) === 48 && padded.charCodeAt(padLen + 1) === 48) return null;
    return padded.slice(padLen, padLen + BRANCH_DIGITS);
  }
  // A right pad hides nothing at the front, so a code shorter than 7 as given is simply too short.
  if (code.length < CENTRE_DIGITS || !ZEROS_RE.test(code.slice(CENTRE_DIGITS))) return null;
  return code.slice(0, BRANCH_DIGITS);
}
