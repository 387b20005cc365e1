/**
 * 免考信息表 (seed 003 §一): 免考科目代码 大学英语B = 71, 计算机应用基础 = 69, filled from the subject name;
 * 免考原因 "参照表后备注填写" — one of the profile's reasons, by number, full text or an unambiguous part;
 * the reason must exempt the subject; reason 6 needs age ≥ 40 at 入学注册; reason 7 a non-汉族 student.
 */
import type { ExemptionReason, Profile } from '../profile/schema';
import { normaliseHeader } from '../templates/fields';
import { err } from '../engine/issue';
import type { Outcome } from './outcome';

function key(s: string): string {
  return normaliseHeader(s).replace(/[，,。.、;；]/g, '');
}

/** The subject code a name stands for, or null when unknown or ambiguous. */
export function subjectCodeFromName(name: string, profile: Profile): string | null {
  const k = key(name);
  if (!k) return null;
  for (const s of profile.exemption.subjects) if (s.names.some((n) => key(n) === k)) return s.code;
  const hits = profile.exemption.subjects.filter((s) => k.includes(key(s.names[0]!)));
  return hits.length === 1 ? hits[0]!.code : null;
}

export function subjectLabel(code: string, profile: Profile): string {
  return profile.exemption.subjects.find((s) => s.code === code)?.names[0] ?? code;
}

export function checkSubjectCode(code: string, subjectName: string, profile: Profile): Outcome<string> {
  const known = profile.exemption.subjects.some((s) => s.code === code);
  const fromName = subjectName ? subjectCodeFromName(subjectName, profile) : null;
  const list = profile.exemption.subjects.map((s) => `${s.names[0]} = ${s.code}`).join('，');
  if (!code) {
    if (fromName) {
      return {
        drafts: [err('exemption.subject-code', `免考科目代码为空；按科目名称“${subjectName}”应填 ${fromName}（${list}）`, true)],
        canonical: fromName,
        parsed: fromName,
      };
    }
    return { drafts: [err('exemption.subject-code', `免考科目代码为空（${list}）`)] };
  }
  if (!known) {
    if (fromName) {
      return {
        drafts: [err('exemption.subject-code', `免考科目代码“${code}”不正确；按科目名称“${subjectName}”应为 ${fromName}（${list}）`, true)],
        canonical: fromName,
        parsed: fromName,
      };
    }
    return { drafts: [err('exemption.subject-code', `免考科目代码“${code}”不是统考科目代码（${list}）`)] };
  }
  if (fromName && fromName !== code) {
    return {
      drafts: [err('exemption.subject-code', `免考科目代码 ${code}（${subjectLabel(code, profile)}）与科目名称“${subjectName}”不一致，请核对`)],
      parsed: code,
    };
  }
  return { drafts: [], parsed: code };
}

const LEADING_NUMBER = /^(\d{1,2})(?:[、.．:：)）\s]|$)/;

/** Resolve a 免考原因 cell: its number, full text, or an unambiguous part of the text. */
export function resolveReason(text: string, profile: Profile): ExemptionReason | 'none' | 'ambiguous' {
  const reasons = profile.exemption.reasons;
  const m = LEADING_NUMBER.exec(text.trim());
  let rest = text;
  let byNumber: ExemptionReason | undefined;
  if (m) {
    byNumber = reasons.find((r) => r.id === Number(m[1]));
    rest = text.trim().slice(m[0].length);
    if (!key(rest)) return byNumber ?? 'none';
  }
  const k = key(rest);
  if (k.length < 2) return 'none';
  const exact = reasons.find((r) => key(r.text) === k);
  if (exact) return byNumber && byNumber !== exact ? 'ambiguous' : exact;
  const hits = reasons.filter((r) => key(r.text).includes(k));
  if (hits.length === 1) return byNumber && byNumber !== hits[0] ? 'ambiguous' : hits[0]!;
  return hits.length > 1 ? 'ambiguous' : 'none';
}

export function checkReason(text: string, profile: Profile): Outcome<ExemptionReason> {
  const r = resolveReason(text, profile);
  if (r === 'none') {
    return { drafts: [err('exemption.reason', `免考原因“${text}”不是表后备注所列的原因之一，请参照备注填写（可填序号或原因全文）`)] };
  }
  if (r === 'ambiguous') {
    return { drafts: [err('exemption.reason', `免考原因“${text}”可对应多条备注原因，请填写序号或原因全文`)] };
  }
  return { drafts: [], parsed: r };
}

export function reasonSubjectMismatch(reason: ExemptionReason, subjectCode: string, profile: Profile) {
  if (reason.subjects.includes(subjectCode)) return null;
  const allowed = reason.subjects.map((c) => subjectLabel(c, profile)).join('、');
  return err(
    'exemption.reason-subject',
    `免考原因“${reason.text}”只能免考${allowed}，不能免考${subjectLabel(subjectCode, profile)}（${subjectCode}）`,
  );
}
