/** Checking a whole workbook and summarising the report (DOMAIN.md §6). */
import type { FileReport, Issue, SheetInput, SheetReport, Summary } from '../types';
import type { Profile } from '../profile/schema';
import { analyseSheet, isEmptySheet, type CheckOptions, type SheetAnalysis } from './check';

/** Counts every issue found, listed or not (`omitted` beyond `limits.issues`). */
export function summarise(sheets: readonly SheetReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const s of sheets) {
    // By index: a loop run once over 100,000 issues stays unoptimised, and for…of would make a result per step.
    const issues = s.issues;
    for (let k = 0; k < issues.length; k++) {
      const i = issues[k]!;
      if (i.severity === 'error') errors++;
      else warnings++;
      if (i.fix) fixable++;
    }
    if (s.omitted) {
      errors += s.omitted.errors;
      warnings += s.omitted.warnings;
      fixable += s.omitted.fixable;
    }
  }
  return { errors, warnings, fixable };
}

/**
 * Every sheet of a file is checked; empty sheets are skipped. A sheet that matches no template is an error
 * only when no sheet of the file matched one, otherwise a warning (DOMAIN.md §4).
 */
export function analyseWorkbook(sheets: readonly SheetInput[], profile: Profile, options: CheckOptions): SheetAnalysis[] {
  // One report per file: the sheets share its `limits.issues`.
  const budget = { left: options.issueLimit ?? profile.limits.issues };
  const analyses = sheets.filter((s) => !isEmptySheet(s)).map((s) => analyseSheet(s, profile, options, { budget }));
  const anyMatched = analyses.some((a) => a.report.template !== null);
  if (anyMatched) {
    for (const a of analyses) {
      const issues = a.report.issues;
      for (let k = 0; k < issues.length; k++) if (issues[k]!.rule === 'sheet.unknown-template') demote(issues[k]!);
    }
  }
  withdrawRenames(sheets, analyses);
  return analyses;
}

/**
 * A sheet.name fix that cannot be carried out is not offered (issue 14 item 2): the name is taken by another sheet
 * (Excel compares names ignoring case), or wanted by an earlier sheet of the file, or formulas refer to the sheet by
 * its present name (Excel's own rename would update them; a fix cannot).
 */
function withdrawRenames(sheets: readonly SheetInput[], analyses: SheetAnalysis[]): void {
  const names = new Set(sheets.map((s) => s.name.toLowerCase()));
  const claimed = new Set<string>();
  for (const a of analyses) {
    const wanted = a.renameSheet;
    if (wanted === null) continue;
    const key = wanted.toLowerCase();
    let why: string | null = null;
    if (names.has(key) || claimed.has(key)) why = `本文件已有（或另一张表要改成）名为“${wanted}”的工作表，请在 Excel 中手动改名`;
    else if (referencedByName(sheets, a.report.sheet)) why = `有公式按名称引用了这张工作表，请在 Excel 中改名（Excel 会同时更新这些公式）`;
    if (why === null) {
      claimed.add(key);
      continue;
    }
    a.renameSheet = null;
    for (const i of a.report.issues) {
      if (i.rule !== 'sheet.name' || !i.fix?.renameSheet) continue;
      i.fix = null;
      i.message += `（无法自动修复：${why}）`;
    }
  }
}

function referencedByName(sheets: readonly SheetInput[], name: string): boolean {
  const lower = name.toLowerCase();
  for (const s of sheets) {
    for (const row of s.rows) {
      if (!row) continue;
      for (const c of row) {
        const f = c?.formula;
        if (f !== undefined && f.toLowerCase().includes(`${lower}!`) ) return true;
        if (f !== undefined && f.toLowerCase().includes(`${lower.replace(/'/g, "''")}'!`)) return true;
      }
    }
  }
  return false;
}

function demote(i: Issue): void {
  i.severity = 'warning';
  i.message += '（本文件其他工作表已识别，此表未检查）';
}

export function checkWorkbook(file: string, sheets: readonly SheetInput[], profile: Profile, options: CheckOptions): FileReport {
  const reports = analyseWorkbook(sheets, profile, options).map((a) => a.report);
  return { file, sheets: reports, summary: summarise(reports) };
}
