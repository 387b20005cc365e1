/**
 * Generated sheets for the written-report tests (fictional students): a 新生 table with rows filed late and in time,
 * an 在籍生 table, a 毕业生 table, and two withdrawal rosters (two batches). The expected counts are written out by
 * hand next to them, so that a test compares the report with what a registrar would count.
 */
import type { SheetInput } from '../../../src/core/types';
import { applyPatchesToSheet } from '../../../src/core/engine/fix';
import { CO_HEADER, CO_TITLE, CORR_SIGNATURE, GR_HEADER, WD_HEADER, WD_SIGNATURE, makeName, makeRegNo, makeSid, rowsFor, type Rec } from '../../helpers/rules';
import { makeId, sheetOf } from '../../helpers/sheet';

/** The report date of these tests: 2026-11-22 (spring-2026 新生 were due by 2026-08-31, autumn-2026 ones by 2027-02-28). */
export { REPORT_DATE } from '../../helpers/sheet';

const spring = (serial: number) => makeSid(serial, { year: 2026 });
const autumn = (serial: number) => makeSid(50000 + serial, { year: 2026 });

export const S = {
  /** 新生, spring 2026: filed late. */
  s1: spring(11),
  s3: spring(13),
  /** 新生, autumn 2026: in time. */
  s2: autumn(12),
  s4: autumn(14),
  /** 在籍生. */
  s5: makeSid(15, { year: 2022 }),
  s6: makeSid(16, { year: 2023 }),
  /** 毕业生 (注册证号). */
  g1: makeRegNo(17),
};

export const NAME = {
  s1: makeName(1),
  s2: makeName(2),
  s3: makeName(3),
  s4: makeName(4),
  s5: makeName(5),
  s6: makeName(6),
  g1: makeName(7),
};

function change(key: 'studentId' | 'registrationNo', id: string, name: string, item: string, from: string, to: string, type: string): Rec {
  return { [key === 'studentId' ? '学号' : '注册证号']: id, 姓名: name, 修改项目: item, 原信息: from, 修改后信息: to, 修改类型: type };
}

function table(title: string, header: readonly string[], name: string, records: Rec[]): SheetInput {
  const numbered = records.map((r, i) => ({ 序号: i + 1, ...r }));
  return sheetOf(name, [[title], [...header], ...rowsFor(header, numbered), [CORR_SIGNATURE]], [`A1:H1`]);
}

/** 新生: 5 changes of 4 students; S1 (two changes) and S3 filed late. Out of 学号 order on purpose. */
export function newStudents(): SheetInput {
  return table(CO_TITLE.new, CO_HEADER, '新生', [
    change('studentId', S.s3, NAME.s3, '身份证号', makeId('20000101', true), makeId('20000102', true), '信息变更'),
    change('studentId', S.s1, NAME.s1, '姓名', `${NAME.s1}子`, NAME.s1, '录入错误'),
    change('studentId', S.s1, NAME.s1, '民族', '汉族', '回族', '录入错误'),
    change('studentId', S.s2, NAME.s2, '性别', '女', '男', '信息变更'),
    change('studentId', S.s4, NAME.s4, '出生日期', '2001-02-03', '2001-03-02', '录入错误'),
  ]);
}

/** 在籍生: 2 changes of 2 students. */
export function enrolledStudents(): SheetInput {
  return table(CO_TITLE.enrolled, CO_HEADER, '在籍生', [
    change('studentId', S.s5, NAME.s5, '民族', '满族', '汉族', '信息变更'),
    change('studentId', S.s6, NAME.s6, '入学文化程度', '高中', '中专', '录入错误'),
  ]);
}

/** 毕业生: 1 change, keyed by 注册证号. */
export function graduates(): SheetInput {
  return table(CO_TITLE.graduate, GR_HEADER, '毕业生', [change('registrationNo', S.g1, NAME.g1, '姓名', `${NAME.g1}子`, NAME.g1, '录入错误')]);
}

export function roster(name: string, students: { sid: string; name: string; branch?: string }[]): SheetInput {
  const recs = students.map((s, i) => ({ 序号: i + 1, 分部名称: s.branch ?? '河北分部', 学号全码: s.sid, 学生姓名: s.name }));
  return sheetOf(name, [[...WD_HEADER], ...rowsFor(WD_HEADER, recs), [WD_SIGNATURE]]);
}

export const BATCH1 = [
  { sid: makeSid(101), name: makeName(11) },
  { sid: makeSid(102), name: makeName(12) },
  { sid: makeSid(103), name: makeName(13) },
];
export const BATCH2 = [
  { sid: makeSid(201), name: makeName(21) },
  { sid: makeSid(202), name: makeName(22) },
];

/** The sheet with some cells changed (null empties a cell). */
export function edited(sheet: SheetInput, cells: Record<string, string | null>): SheetInput {
  return applyPatchesToSheet(
    sheet,
    Object.entries(cells).map(([cell, value]) => ({ cell, value, numberFormat: 'General' })),
  );
}
