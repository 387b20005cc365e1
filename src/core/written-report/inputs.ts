/**
 * What the written reports are made from (DOMAIN.md §3 "The paper side"): the registrar's correction sheets (for the
 * 信息修改书面报告) and the semester's withdrawal rosters, one per batch (for the 学信网退学书面报告). Every sheet of every
 * file goes through the export's preparation — checked, its fixes applied, its records read with canonical values
 * (修改项目, 修改类型) in the template's order — so the report counts exactly what the submitted 统计表 / 名单 holds.
 */
import type { Issue, SheetInput, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { CheckOptions } from '../engine/check';
import { prepareExports } from '../export/records';
import type { ExportRecord } from '../export/types';
import { isCorrection } from '../templates/specs';

export type CorrectionTemplate = Extract<TemplateId, 'correction-new' | 'correction-enrolled' | 'correction-graduate'>;

/** One file: its name as the registrar knows it (for the report's lists and messages) and its sheets. */
export interface ReportSource {
  file: string;
  sheets: readonly SheetInput[];
}

export interface CorrectionTable {
  file: string;
  sheet: string;
  template: CorrectionTemplate;
  records: ExportRecord[];
  /** Rows of the user's sheet filed past the 新生 window (`correction.new-student-window`). */
  lateRows: ReadonlySet<number>;
}

/** One withdrawal roster: one batch (seed 003 §三(二): 各批汇总名单). */
export interface RosterBatch {
  file: string;
  sheet: string;
  records: ExportRecord[];
  branchNames: string[];
}

export interface ReportInputs {
  corrections: CorrectionTable[];
  rosters: RosterBatch[];
  /** Sheets that give no report (not a template, empty, or a 免考信息表), with why. */
  skipped: { file: string; sheet: string; reason: string }[];
  /** Errors no fix resolves, in the sheets used: the reports would count what the school will send back. */
  errors: { file: string; sheet: string; issue: Issue }[];
}

const LATE_RULE = 'correction.new-student-window';

/** The sheets of every source, sorted into correction tables and rosters, in the order given. */
export function collectReportInputs(sources: readonly ReportSource[], profile: Profile, options: Pick<CheckOptions, 'reportDate'>): ReportInputs {
  const out: ReportInputs = { corrections: [], rosters: [], skipped: [], errors: [] };
  for (const src of sources) {
    // Each sheet is recognised by itself: a workbook may hold a 新生 table and a roster side by side.
    const prep = prepareExports(src.sheets, profile, { reportDate: options.reportDate });
    for (const s of prep.skipped) out.skipped.push({ file: src.file, sheet: s.sheet, reason: s.reason });
    for (const sx of prep.exports) {
      if (sx.template === 'exemption') {
        out.skipped.push({ file: src.file, sheet: sx.sheet, reason: '免考信息表不需要书面报告' });
        continue;
      }
      for (const issue of sx.errors) out.errors.push({ file: src.file, sheet: sx.sheet, issue });
      if (isCorrection(sx.template)) {
        const late = new Set(sx.warnings.filter((w) => w.rule === LATE_RULE && w.row !== null).map((w) => w.row!));
        out.corrections.push({ file: src.file, sheet: sx.sheet, template: sx.template as CorrectionTemplate, records: sx.records, lateRows: late });
      } else {
        out.rosters.push({ file: src.file, sheet: sx.sheet, records: sx.records, branchNames: sx.branchNames });
      }
    }
  }
  return out;
}
