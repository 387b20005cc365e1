/** 姓名: Chinese characters, minority names with the middle dot · (DOMAIN.md §1). */
import { checkName as checkNameText } from '../cells/name';
import { err } from '../engine/issue';
import type { Outcome } from './outcome';

export function checkName(text: string, label = '姓名'): Outcome {
  const n = checkNameText(text);
  if (n.status === 'valid') return { drafts: [] };
  if (n.status === 'fixable') {
    return { drafts: [err('name.invalid', `${label}中的间隔点应为“·”`, true)], canonical: n.value };
  }
  return { drafts: [err('name.invalid', `${label}：${n.reason}`)] };
}
