/**
 * 学历证书电子注册号 / 注册证号 (DOMAIN.md §1): 18 digits = 5-digit school (51161 = 国家开放大学, seed 003
 * "51161开头") + 1-digit 办学类型 + 4-digit year + 2-digit 层次 (05 本科, 06 专科) + 6-digit serial.
 * 17 digits is the pre-2002 form (registration-no.legacy, a warning).
 */

export type RegistrationNoParse =
  | { shape: 'ok'; school: string; type: string; year: number; level: '05' | '06'; serial: string }
  | { shape: 'legacy' }
  | { shape: 'bad'; reason: string };

const OU_SCHOOL_CODE = '51161';
const DIGITS_RE = /^\d*$/;

export function parseRegistrationNo(s: string): RegistrationNoParse {
  if (!DIGITS_RE.test(s) || s.length === 0) return { shape: 'bad', reason: '应为18位数字，含有非数字字符' };
  if (s.length === 17) return { shape: 'legacy' };
  if (s.length !== 18) return { shape: 'bad', reason: `应为18位数字，当前为${s.length}位` };
  if (!s.startsWith(OU_SCHOOL_CODE)) return { shape: 'bad', reason: `应以${OU_SCHOOL_CODE}开头` };
  const level = s.slice(10, 12);
  if (level !== '05' && level !== '06') return { shape: 'bad', reason: `层次应为05或06，当前为${level}` };
  return { shape: 'ok', school: OU_SCHOOL_CODE, type: s.slice(5, 6), year: +s.slice(6, 10), level, serial: s.slice(12) };
}
