/**
 * The platform's student list (seed 002: 一平台 学籍管理 → 学生照片管理 → 导出), generated: the pre-check's input.
 * Every student is fictional (generated 学号, names and IDs).
 */
import type { SheetInput } from '../../src/core/types';
import { makeName, makeSid, idWithBirth, rowsFor, sheetOf, type Rec, type V } from './rules';

/** The columns of the platform's export, in its order (seed 002 附件3 screenshot). */
export const PC_HEADER = [
  '序号',
  '学号',
  '姓名',
  '入学年度学期',
  '学籍状态',
  '分部',
  '分校/学院',
  '学习中心',
  '学生类别',
  '专业层次',
  '专业名称',
  '班级',
  '入学照片状态',
  '毕业照片状态',
  '学信网照片',
];

/** With the optional columns (DOMAIN.md §3 T5: 身份证号 and 身份存疑). */
export const PC_FULL_HEADER = [...PC_HEADER, '身份证号', '身份存疑'];

/** A student who may apply in 202307: entered 2021春季, 在籍, both photos there, no doubt. */
export function pcRecord(i: number, over: Rec = {}): Rec {
  return {
    序号: i + 1,
    学号: makeSid(i + 1, { year: 2021 }),
    姓名: makeName(i),
    入学年度学期: '2021春季',
    学籍状态: '在籍',
    分部: '国家开放大学生命健康学院',
    '分校/学院': '生命健康学院',
    学习中心: '北京朝阳学习中心',
    学生类别: '开放教育',
    专业层次: '专科',
    专业名称: '健康管理',
    班级: '21春健康管理',
    入学照片状态: '已上传',
    毕业照片状态: '已上传',
    学信网照片: '存在',
    身份证号: idWithBirth(`1990${String((i % 9) + 1).padStart(2, '0')}15`, i % 2 === 0, '110105', 20 + i),
    身份存疑: '否',
    ...over,
  };
}

export function pcRecords(n: number): Rec[] {
  return Array.from({ length: n }, (_, i) => pcRecord(i));
}

/** The list as exported: header on row 1 (or under `title`), one row per student. */
export function pcSheet(records: readonly Rec[], o: { header?: readonly string[]; name?: string; title?: string; after?: V[][] } = {}): SheetInput {
  const header = o.header ?? PC_HEADER;
  const rows: V[][] = [];
  if (o.title) rows.push([o.title]);
  rows.push([...header], ...rowsFor(header, records));
  if (o.after) rows.push(...o.after);
  return sheetOf(o.name ?? 'Sheet1', rows);
}
