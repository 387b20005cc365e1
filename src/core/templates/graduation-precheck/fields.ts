/**
 * The platform's student list (seed 002: 一平台 学生照片管理 / 毕业申请 pages, DOMAIN.md §3 T5): 序号 | 学号 | 姓名 |
 * 入学年度学期 | 学籍状态 | … | 毕业照片状态 | 学信网照片, optionally 身份证号 and 身份存疑 / 身份核验. Its own columns are in
 * the field dictionary (templates/fields.ts); 分校/学院, 学生类别, 专业层次, 班级 and 入学照片状态 are read by no rule and
 * stay unmapped.
 */
import type { Field } from '../fields';

/** Only 学号 and 姓名 are required: the list is read as the platform exports it. */
export const PRECHECK_REQUIRED: readonly Field[] = ['studentId', 'name'];

/** The columns whose presence says "this is the platform's student list" (one of them opens the gate). */
export const PRECHECK_OWN_FIELDS: readonly Field[] = ['graduationPhoto', 'chsiPhoto', 'identityDoubt', 'identityCheck'];
