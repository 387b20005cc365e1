/** 民族: one of the 56 groups of GB 3304; 汉 → 汉族 and other short forms are fixable (DOMAIN.md §1). */
import { normaliseEthnicity } from '../cells/ethnicity';
import { err } from '../engine/issue';
import type { Outcome } from './outcome';

export function checkEthnicity(text: string, label = '民族'): Outcome<string> {
  const e = normaliseEthnicity(text);
  if (e.status === 'valid') return { drafts: [], parsed: text };
  if (e.status === 'fixable') {
    return { drafts: [err('ethnicity.invalid', `${label}应写全称“${e.canonical}”`, true)], canonical: e.canonical, parsed: e.canonical };
  }
  return { drafts: [err('ethnicity.invalid', `${label}“${text}”不是56个民族之一（应写全称，如“汉族”“蒙古族”）`)] };
}
