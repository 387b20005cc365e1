/**
 * The numbers the written reports state (seed 003 §五(二)1 "报告中注明信息变更或信息录入错误的具体数量"; §三(二)2 "报告中注明
 * 本学期共提交学信网退学申请多少批"): per correction sheet and in all, the changes by 修改类型 and by 修改项目, the students,
 * and the 新生 rows filed past their first semester; per roster (= batch) and in all, the students.
 * A change is one record of the 统计表 (one 修改项目 of one student); a student is counted once per key (学号 / 注册证号).
 */
import { formatTerm } from '../cells/enrollment-term';
import { parseStudentId } from '../cells/student-id';
import type { Ymd } from '../cells/dates';
import type { Profile } from '../profile/schema';
import { CORRECTION_ITEMS } from '../templates/fields';
import { CHANGE_TYPES, newStudentWindowEnd, type ChangeType } from '../rules/correction';
import { checkEnrollmentTerm, termOfStudentId } from '../rules/enrollment-term';
import type { ExportRecord, ExportValue } from '../export/types';
import type { CorrectionTable, CorrectionTemplate, RosterBatch } from './inputs';

/** A change whose 修改类型 is missing or unreadable (only in a forced report: the check calls it an error). */
export const UNSTATED = '未注明';
export type TypeColumn = ChangeType | typeof UNSTATED;

export type TypeCounts = Record<TypeColumn, number>;

export interface ChangeLine {
  template: CorrectionTemplate;
  file: string;
  sheet: string;
  sourceRow: number;
  /** 学号, or 注册证号 for 毕业生. */
  key: string;
  name: string;
  item: string;
  changeType: ChangeType | null;
  /** Filed past the 新生 window: the entry term and the last day it could be filed. */
  late: { term: string; deadline: Ymd } | null;
}

export interface TableCounts {
  file: string;
  sheet: string;
  template: CorrectionTemplate;
  students: number;
  changes: number;
  byType: TypeCounts;
}

export interface ItemCounts extends TypeCounts {
  item: string;
  total: number;
}

export interface CorrectionCounts {
  tables: TableCounts[];
  /** Every change, table by table, in each table's order (学号 / 注册证号 ascending). */
  lines: ChangeLine[];
  students: number;
  changes: number;
  byType: TypeCounts;
  /** Every item of the sheet (姓名 … 入学文化程度) in that order, then any other item a forced report holds. */
  byItem: ItemCounts[];
  /** The changes filed late, and their students. */
  late: ChangeLine[];
  lateStudents: number;
}

export interface BatchCounts {
  /** 1-based: the order the rosters were given in. */
  batch: number;
  file: string;
  sheet: string;
  branchNames: string[];
  students: { studentId: string; name: string }[];
}

export interface WithdrawalCounts {
  batches: BatchCounts[];
  total: number;
}

/** A record's value as report text (an unusable cell a forced report carries shows as it is). */
export function valueText(v: ExportValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return String(v);
}

function noTypes(): TypeCounts {
  return { 信息变更: 0, 录入错误: 0, [UNSTATED]: 0 };
}

function typeColumn(t: ChangeType | null): TypeColumn {
  return t ?? UNSTATED;
}

/** The key of a student: 学号 / 注册证号, or the row when the key is unreadable (forced). */
function studentKey(l: ChangeLine): string {
  return l.key ? `${l.template === 'correction-graduate' ? 'R' : 'S'}${l.key}` : `${l.file}\u0000${l.sheet}\u0000${l.sourceRow}`;
}

/**
 * The entry term and filing deadline of a late 新生 row: the term the row states (any readable form), else the 学号's —
 * as the check that found it late reads it (templates/correction-new).
 */
function lateOf(t: CorrectionTable, r: ExportRecord, key: string, profile: Profile): ChangeLine['late'] {
  if (!t.lateRows.has(r.sourceRow)) return null;
  const stated = r.values.enrollmentTerm;
  const read = stated === undefined || stated === null || typeof stated === 'object' || stated === ''
    ? null
    : checkEnrollmentTerm(String(stated), typeof stated === 'number' ? stated : null).parsed;
  const sid = parseStudentId(key);
  const term = read ?? (sid.ok ? termOfStudentId(sid) : null);
  if (!term) return null;
  return { term: formatTerm(term), deadline: newStudentWindowEnd(term, profile.correction.newStudentWindowMonths) };
}

export function countCorrections(tables: readonly CorrectionTable[], profile: Profile): CorrectionCounts {
  const lines: ChangeLine[] = [];
  const perTable: TableCounts[] = [];
  for (const t of tables) {
    const mine: ChangeLine[] = t.records.map((r) => {
      const key = valueText(t.template === 'correction-graduate' ? r.values.registrationNo : r.values.studentId);
      const type = valueText(r.values.changeType);
      return {
        template: t.template,
        file: t.file,
        sheet: t.sheet,
        sourceRow: r.sourceRow,
        key,
        name: valueText(r.values.name),
        item: valueText(r.values.item),
        changeType: (CHANGE_TYPES as readonly string[]).includes(type) ? (type as ChangeType) : null,
        late: lateOf(t, r, key, profile),
      };
    });
    const byType = noTypes();
    for (const l of mine) byType[typeColumn(l.changeType)]++;
    perTable.push({ file: t.file, sheet: t.sheet, template: t.template, students: new Set(mine.map(studentKey)).size, changes: mine.length, byType });
    lines.push(...mine);
  }

  const byType = noTypes();
  const items = new Map<string, ItemCounts>(CORRECTION_ITEMS.map((item) => [item, { item, ...noTypes(), total: 0 }]));
  for (const l of lines) {
    const column = typeColumn(l.changeType);
    byType[column]++;
    const item = l.item || UNSTATED;
    if (!items.has(item)) items.set(item, { item, ...noTypes(), total: 0 });
    const counts = items.get(item)!;
    counts[column]++;
    counts.total++;
  }
  const late = lines.filter((l) => l.late !== null);
  return {
    tables: perTable,
    lines,
    students: new Set(lines.map(studentKey)).size,
    changes: lines.length,
    byType,
    byItem: [...items.values()],
    late,
    lateStudents: new Set(late.map(studentKey)).size,
  };
}

export function countWithdrawals(rosters: readonly RosterBatch[]): WithdrawalCounts {
  const batches = rosters.map((r, i) => ({
    batch: i + 1,
    file: r.file,
    sheet: r.sheet,
    branchNames: r.branchNames,
    students: r.records.map((rec) => ({ studentId: valueText(rec.values.studentId), name: valueText(rec.values.name) })),
  }));
  return { batches, total: batches.reduce((n, b) => n + b.students.length, 0) };
}
