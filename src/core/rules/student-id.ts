/** 学号: 13 digits = YY + 3-digit 分部 + 3-digit 类别 + 5-digit serial (DOMAIN.md §1, [public]). */
import { parseStudentId, studentCategoryName, type StudentIdParse } from '../cells/student-id';
import { isKnownBranch } from '../cells/branch-codes';
import { err, warn } from '../engine/issue';
import type { Outcome } from './outcome';

export type StudentId = Extract<StudentIdParse, { ok: true }>;

export function checkStudentId(text: string): Outcome<StudentId> {
  const p = parseStudentId(text);
  if (!p.ok) {
    const why = /^\d+$/.test(text) ? `当前为${text.length}位` : '含有非数字字符';
    return { drafts: [err('student-id.format', `学号应为13位数字，${why}`)] };
  }
  const drafts = [];
  if (!studentCategoryName(p.category)) {
    drafts.push(warn('student-id.category', `学号第7–9位的学生类别代码“${p.category}”不在已知类别中（012 开放本科、014 开放专科、044 一村一、054 课程开放、064 助力计划），请核对`));
  } else if (!isKnownBranch(p.branch)) {
    drafts.push(warn('student-id.branch', `学号第3–5位的分部代码“${p.branch}”不在已知分部代码中，请核对`));
  }
  return { drafts, parsed: p };
}
