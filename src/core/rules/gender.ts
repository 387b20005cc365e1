/** 性别: 男/女; M/F and 1/2 are fixable (DOMAIN.md §1). */
import { normaliseGender, type Gender } from '../cells/gender';
import { err } from '../engine/issue';
import type { Outcome } from './outcome';

export function checkGender(text: string, label = '性别'): Outcome<Gender> {
  const g = normaliseGender(text);
  if (g.status === 'valid') return { drafts: [], parsed: g.value };
  if (g.status === 'fixable') {
    return { drafts: [err('gender.invalid', `${label}应填“男”或“女”，“${text}”可改为“${g.value}”`, true)], canonical: g.value, parsed: g.value };
  }
  return { drafts: [err('gender.invalid', `${label}应填“男”或“女”，当前为“${text}”`)] };
}

/** gender.mismatch: the 17th digit of the ID is odd for 男, even for 女 (GB 11643). */
export function genderMismatch(gender: Gender, idGender: Gender, label = '性别') {
  if (gender === idGender) return null;
  return err('gender.mismatch', `${label}为“${gender}”，但身份证号第17位表示“${idGender}”，请核对`);
}
