/**
 * What each template requires (DOMAIN.md §2). The columns the checker understands when present are in
 * `FIELD_SPECS`; here: which are required, the record key, the sort key and the end-of-table row.
 */
import type { TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Field } from './fields';
import type { TextMode } from '../engine/prepare';

export interface FieldSpec {
  mode: TextMode;
  /** A code or ID: must be text, a formula is worth a warning. */
  isCode: boolean;
}

export const FIELD_SPECS: Readonly<Record<Field, FieldSpec>> = {
  seq: { mode: 'code', isCode: false },
  branchName: { mode: 'compact', isCode: false },
  studentId: { mode: 'code', isCode: true },
  name: { mode: 'compact', isCode: false },
  idCard: { mode: 'code', isCode: true },
  gender: { mode: 'compact', isCode: false },
  ethnicity: { mode: 'compact', isCode: false },
  centreCode: { mode: 'code', isCode: true },
  centreName: { mode: 'text', isCode: false },
  subjectCode: { mode: 'code', isCode: true },
  subjectName: { mode: 'compact', isCode: false },
  reason: { mode: 'text', isCode: false },
  enrollmentTerm: { mode: 'compact', isCode: false },
  major: { mode: 'text', isCode: false },
  registrationNo: { mode: 'code', isCode: true },
  item: { mode: 'compact', isCode: false },
  oldValue: { mode: 'text', isCode: false },
  newValue: { mode: 'text', isCode: false },
  changeType: { mode: 'compact', isCode: false },
  remark: { mode: 'text', isCode: false },
  status: { mode: 'compact', isCode: false },
  graduationPhoto: { mode: 'compact', isCode: false },
  chsiPhoto: { mode: 'compact', isCode: false },
  identityDoubt: { mode: 'compact', isCode: false },
  identityCheck: { mode: 'compact', isCode: false },
};

export interface TemplateSpec {
  id: TemplateId;
  /** Chinese name, for people. */
  title: string;
  /** Columns that must be present (header.missing-column) and filled (cell.required). */
  required: Field[];
  /** The field that identifies a record and orders the table. */
  key: 'studentId' | 'registrationNo';
  /** Sort by the key? (table.unsorted) */
  sorted: (profile: Profile) => boolean;
  /** Is the table a submission with 序号 1..n (table.sequence) and an end row (terminator / signature)? */
  submission: boolean;
}

const CORRECTION_REQUIRED: Field[] = ['seq', 'studentId', 'name', 'item', 'oldValue', 'newValue'];

export const TEMPLATE_SPECS: Readonly<Record<TemplateId, TemplateSpec>> = {
  exemption: {
    id: 'exemption',
    title: '免考信息表',
    required: ['centreCode', 'studentId', 'name', 'subjectCode', 'reason'],
    key: 'studentId',
    sorted: (p) => p.exemption.sortBy === 'studentId',
    submission: true,
  },
  withdrawal: {
    id: 'withdrawal',
    title: '学信网退学汇总名单',
    required: ['seq', 'branchName', 'studentId', 'name'],
    key: 'studentId',
    sorted: () => true, // seed 003: 名单按学号升序排列
    submission: true,
  },
  'correction-new': {
    id: 'correction-new',
    title: '新生基本信息修改情况统计表',
    required: CORRECTION_REQUIRED,
    key: 'studentId',
    sorted: () => true, // seed 003 §五(二)1(2): 新生、在籍生按学号升序
    submission: true,
  },
  'correction-enrolled': {
    id: 'correction-enrolled',
    title: '在籍生基本信息修改情况统计表',
    required: CORRECTION_REQUIRED,
    key: 'studentId',
    sorted: () => true,
    submission: true,
  },
  'correction-graduate': {
    id: 'correction-graduate',
    title: '毕业生基本信息修改情况统计表',
    required: ['seq', 'registrationNo', 'name', 'item', 'oldValue', 'newValue'],
    key: 'registrationNo',
    sorted: () => true, // seed 003: 毕业生按注册证号（51161开头）升序
    submission: true,
  },
  // DOMAIN.md §3 T5: the platform's student list, read as it comes (no order, 序号 or end row is asked of it).
  'graduation-precheck': {
    id: 'graduation-precheck',
    title: '毕业资格预审名单',
    required: ['studentId', 'name'],
    key: 'studentId',
    sorted: () => false,
    submission: false,
  },
};

export function isCorrection(t: TemplateId): boolean {
  return t.startsWith('correction');
}
