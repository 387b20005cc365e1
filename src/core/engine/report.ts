/** Checking a whole workbook and summarising the report (DOMAIN.md §6). */
import type { FileReport, Issue, SheetInput, SheetReport, Summary } from '../types';
import type { Profile } from '../profile/schema';
import { analyseSheet, isEmptySheet, type CheckOptions, type SheetAnalysis } from './check';

export function summarise(sheets: readonly SheetReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const s of sheets) {
    for (const i of s.issues) {
      if (i.severity === 'error') errors++;
      else warnings++;
      if (i.fix) fixable++;
    }
  }
  return { errors, warnings, fixable };
}

/**
 * Every sheet of a file is checked; empty sheets are skipped. A sheet that matches no template is an error
 * only when no sheet of the file matched one, otherwise a warning (DOMAIN.md §4).
 */
export function analyseWorkbook(sheets: readonly SheetInput[], profile: Profile, options: CheckOptions): SheetAnalysis[] {
  const analyses = sheets.filter((s) => !isEmptySheet(s)).map((s) => analyseSheet(s, profile, options));
  const anyMatched = analyses.some((a) => a.report.template !== null);
  if (anyMatched) {
    for (const a of analyses) {
      for (const i of a.report.issues) if (i.rule === 'sheet.unknown-template') demote(i);
    }
  }
  return analyses;
}

function demote(i: Issue): void {
  i.severity = 'warning';
  i.message += '（本文件其他工作表已识别，此表未检查）';
}

export function checkWorkbook(file: string, sheets: readonly SheetInput[], profile: Profile, options: CheckOptions): FileReport {
  const reports = analyseWorkbook(sheets, profile, options).map((a) => a.report);
  return { file, sheets: reports, summary: summarise(reports) };
}
