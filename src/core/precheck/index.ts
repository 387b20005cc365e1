/**
 * `xueji precheck` and the pane's 毕业资格预审, in one function (DOMAIN.md §3 T5): the roster checked as the
 * graduation-precheck template against one batch — every rule of the template, the `graduation.*` ones among them,
 * with the photo folder's students when one is given — then the students sorted into 可申请毕业 and 暂不能申请 with the
 * students per reason (templates/graduation-precheck/result.ts), and the export described (…/export.ts).
 *
 * Every issue is kept (no listing limit: a student's reasons must all be there); the callers bound the rows by the
 * profile's `limits.fixMaxRows`, as for an export.
 */
import type { FileReport, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import type { Ymd } from '../cells/dates';
import { analyseWorkbook, summarise } from '../engine/report';
import type { SheetAnalysis } from '../engine/check';
import { batchCode, batchesAround, nextBatchOn, type Batch } from '../templates/graduation-precheck/batch';
import { batchRules } from '../templates/graduation-precheck/rules';
import { precheckOptions } from '../templates/graduation-precheck/rows';
import { precheckResult, type PrecheckResult, type PrecheckSheet } from '../templates/graduation-precheck/result';
import { precheckWorkbook } from '../templates/graduation-precheck/export';
import type { ExportWorkbook } from '../export/types';
import { detectHeader } from '../engine/header';
import { locateRecords } from '../engine/records';
import { prepareCell } from '../engine/prepare';
import { matchPhotoSources } from '../evidence/photo-fix-report';
import { normaliseKey } from '../evidence/roster';
import type { InspectedFile } from '../evidence/types';

export interface PrecheckOptionsIn {
  reportDate: Ymd;
  /** Default: the next batch after the report date. */
  batch?: Batch;
  /** `--photos`: the 学号 and 身份证号 the folder has photos of, and the folder's name. */
  photos?: { keys: ReadonlySet<string>; folder: string };
}

export interface PrecheckRun {
  /** The check of every sheet (the graduation-precheck template forced), as `xueji check --json` gives it. */
  report: FileReport;
  result: PrecheckResult;
  /** The roster sheets the result was made from (none: no sheet has a 学号 | 姓名 header). */
  analyses: SheetAnalysis[];
}

export function runPrecheck(file: string, sheets: readonly SheetInput[], profile: Profile, o: PrecheckOptionsIn): PrecheckRun {
  const batch = o.batch ?? nextBatchOn(o.reportDate, batchRules(profile.precheck));
  const analyses = analyseWorkbook(sheets, profile, {
    reportDate: o.reportDate,
    template: 'graduation-precheck',
    issueLimit: Number.POSITIVE_INFINITY,
    keepFixes: false,
    templateOptions: precheckOptions({ batch, ...(o.photos ? { photoKeys: o.photos.keys, photoFolder: o.photos.folder } : {}) }),
  });
  const rosters = analyses.filter((a) => a.header && a.layout && a.report.template === 'graduation-precheck');
  const inputs: PrecheckSheet[] = rosters.map((a) => ({
    sheet: sheets.find((s) => s.name === a.report.sheet)!,
    columns: a.header!.fields,
    records: a.layout!.records,
    issues: a.report.issues,
  }));
  const reports = analyses.map((a) => a.report);
  return {
    report: { file, sheets: reports, summary: summarise(reports) },
    result: precheckResult(inputs, batch, profile.precheck, o.reportDate),
    analyses: rosters,
  };
}

/**
 * The 学号 and 身份证号 of the students the photo folder holds a JPG or PNG photo of (`precheck --photos`): matched as
 * `photos --fix` matches its sources — named by 学号, 身份证号 or 学号+姓名, spaces, "+" and the like forgiven, a name one
 * digit off nobody's. Whether the photo itself conforms is `xueji photos`'s business.
 */
export function photoKeys(sheets: readonly SheetInput[], profile: Profile, files: readonly InspectedFile[]): Set<string> {
  const students: { key: string; studentId: string; idCard: string }[] = [];
  for (const sheet of sheets) {
    const header = detectHeader(sheet, 'graduation-precheck');
    if (!header) continue;
    const read = (row: number, field: 'studentId' | 'idCard'): string => {
      const col = header.fields.get(field);
      if (col === undefined) return '';
      const p = prepareCell(sheet.rows[row - 1]?.[col], row, col, { mode: 'code', isCode: true, label: '' });
      return p.unusable || p.empty ? '' : normaliseKey(p.fixed || p.text);
    };
    for (const row of locateRecords(sheet, header, profile).records) {
      const studentId = read(row, 'studentId');
      const idCard = read(row, 'idCard');
      students.push({ key: studentId || idCard, studentId, idCard });
    }
  }
  const photos = files.filter((f) => f.type === 'jpeg' || f.type === 'png');
  const keys = new Set<string>();
  for (const i of matchPhotoSources(students, photos).sources.keys()) {
    const s = students[i]!;
    if (s.studentId) keys.add(s.studentId);
    if (s.idCard) keys.add(s.idCard);
  }
  return keys;
}

/**
 * The batch picker of the pane and the workbench: two batches back (a late re-check), the next one after the report
 * date (the default, as `--batch` is), three ahead; the profile's certificate day decides which is next.
 */
export function batchChoices(reportDate: Ymd, profile: Profile): { choices: Batch[]; next: Batch } {
  const rules = batchRules(profile.precheck);
  return { choices: batchesAround(reportDate, 2, 3, rules), next: nextBatchOn(reportDate, rules) };
}

/** A picker's value back to its batch (the codes batchChoices offers). */
export function batchOfCode(code: string, choices: readonly Batch[]): Batch | undefined {
  return choices.find((b) => batchCode(b) === code);
}

/** The export of a pre-check (two sheets: 可申请毕业, 暂不能申请). */
export function precheckExport(result: PrecheckResult, profile: Profile): ExportWorkbook {
  return precheckWorkbook(result, profile.precheck.layout, result.reportDate);
}

export { parseBatch, batchCode, batchLabel, batchesAround, nextBatchOn, certificateDate, type Batch } from '../templates/graduation-precheck/batch';
export { inWords, PRECHECK_RULES, type PrecheckResult, type PrecheckStudent, type ReasonCount } from '../templates/graduation-precheck/result';
