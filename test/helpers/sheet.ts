/** Building plain sheets for tests: every value is generated here, never real students. */
import type { Cell, SheetInput } from '../../src/core/types';
import { idCardCheckChar } from '../../src/core/cells/id-card';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { analyseSheet, type SheetAnalysis } from '../../src/core/engine/check';
import type { TemplateId } from '../../src/core/types';

export type V = string | number | boolean | null | undefined | Cell;

export function cell(v: V): Cell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') return v;
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  return { kind: 'string', value: v };
}

export function sheetOf(name: string, rows: V[][], merges: string[] = []): SheetInput {
  return { name, rows: rows.map((r) => r.map(cell)), merges };
}

/** A valid 18-digit ID for a birth date and gender. */
export function makeId(birth: string, male = true, region = '110105', seq = 12): string {
  const s = String(seq * 2 + (male ? 1 : 0)).padStart(3, '0').slice(-3);
  const first17 = region + birth + s;
  return first17 + idCardCheckChar(first17);
}

export const REPORT_DATE = { y: 2026, m: 11, d: 22 };

export function analyse(sheet: SheetInput, template?: TemplateId): SheetAnalysis {
  return analyseSheet(sheet, DEFAULT_PROFILE, { reportDate: REPORT_DATE, template });
}

export function rulesAt(a: SheetAnalysis): string[] {
  return a.report.issues.map((i) => `${i.rule}@${i.cell ?? '-'}`);
}

export const WITHDRAWAL_HEADER = ['序号', '分部名称', '学号全码', '学生姓名'];
export const EXEMPTION_HEADER = ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'];
export const CORRECTION_HEADER = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
