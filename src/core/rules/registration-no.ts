/** 注册证号 (学历证书电子注册号): 18 digits starting 51161, 层次 05/06; 17 digits is the pre-2002 form (seed 003). */
import { parseRegistrationNo } from '../cells/registration-no';
import { err, warn } from '../engine/issue';
import type { Outcome } from './outcome';

export function checkRegistrationNo(text: string): Outcome {
  const p = parseRegistrationNo(text);
  if (p.shape === 'ok') return { drafts: [] };
  if (p.shape === 'legacy') return { drafts: [warn('registration-no.legacy', '注册证号为17位旧式编号，请核对')] };
  return { drafts: [err('registration-no.format', `注册证号${p.reason}（应为51161开头的18位毕业生电子注册号）`)] };
}
