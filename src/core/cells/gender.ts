/** 性别: 男 / 女; M/F, male/female, 1/2 (GB/T 2261.1 codes) and 男性/女性 are fixable input (DOMAIN.md §1). */

export type Gender = '男' | '女';

export type GenderCheck = { status: 'valid'; value: Gender } | { status: 'fixable'; value: Gender } | { status: 'invalid' };

const VALID_MALE: GenderCheck = Object.freeze({ status: 'valid' as const, value: '男' as const });
const VALID_FEMALE: GenderCheck = Object.freeze({ status: 'valid' as const, value: '女' as const });
const FIX_MALE: GenderCheck = Object.freeze({ status: 'fixable' as const, value: '男' as const });
const FIX_FEMALE: GenderCheck = Object.freeze({ status: 'fixable' as const, value: '女' as const });
const INVALID: GenderCheck = Object.freeze({ status: 'invalid' as const });

/** Keys are lower-cased, so M/m, Male/MALE all match. */
const FIXABLE: ReadonlyMap<string, GenderCheck> = new Map([
  ['m', FIX_MALE],
  ['male', FIX_MALE],
  ['1', FIX_MALE],
  ['男性', FIX_MALE],
  ['f', FIX_FEMALE],
  ['female', FIX_FEMALE],
  ['2', FIX_FEMALE],
  ['女性', FIX_FEMALE],
]);

export function normaliseGender(s: string): GenderCheck {
  if (s === '男') return VALID_MALE;
  if (s === '女') return VALID_FEMALE;
  return FIXABLE.get(s.toLowerCase()) ?? INVALID;
}
