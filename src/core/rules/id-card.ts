/** 身份证号: GB 11643-1999 (DOMAIN.md §1): shape, check character, birth date; 15-digit numbers warn. */
import { fixIdCardCase, idCardCheckChar, parseIdCard, type IdCardParse } from '../cells/id-card';
import type { Ymd } from '../cells/dates';
import { err, warn } from '../engine/issue';
import type { Outcome } from './outcome';

export type IdCard = Exclude<IdCardParse, { shape: 'bad' }>;

export function checkIdCard(text: string, today: Ymd, label = '身份证号'): Outcome<IdCard> {
  const drafts = [];
  let value = text;
  let canonical: string | undefined;
  const upper = fixIdCardCase(text);
  if (upper !== text) {
    drafts.push(err('id-card.format', `${label}末位校验码应为大写 X`, true));
    value = upper;
    canonical = upper;
  }
  const p = parseIdCard(value, today);
  if (p.shape === 'bad') {
    const why = /^\d*[Xx]?$/.test(value) ? `当前为${value.length}位` : '含有不应出现的字符';
    return { drafts: [...drafts, err('id-card.format', `${label}应为18位（末位可为X），${why}`)] };
  }
  if (!p.birthValid) {
    const b = p.birth;
    drafts.push(err('id-card.birthdate', `${label}中的出生日期 ${b.y}-${pad2(b.m)}-${pad2(b.d)} 不是有效的日期`));
  }
  if (p.shape === '15') {
    drafts.push(warn('id-card.legacy', `${label}是15位旧号码，请核对学生现用的18位身份证号`));
  } else if (!p.checksumOk && value.endsWith('000')) {
    // …000 and a wrong check character: almost always an 18-digit ID that went through a number cell and lost its
    // last digits (DOMAIN.md §1). Never suggest a last digit for it.
    drafts.push(
      err('cell.precision-lost', `${label}末三位为000且校验码不符，多半是曾以数字形式存储、后几位已丢失，无法自动恢复：请从原始资料重新粘贴（先把该列设为“文本”格式）`),
    );
  } else if (!p.checksumOk) {
    drafts.push(err('id-card.checksum', `${label}校验码不正确（按 GB 11643 计算，末位应为 ${idCardCheckChar(value.slice(0, 17))}），请核对是否有数字录错`));
  }
  return { drafts, canonical, parsed: p };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
