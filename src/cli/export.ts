/**
 * `xueji export FILE -o DIR [--profile P.json] [--template-file BLANK.xlsx] [--force] [--template ID] [--report-date D]`:
 * every recognised sheet of FILE becomes its submission file in DIR — the profile's built-in layout, or the school's own
 * blank template filled in. All fixes are applied; the export is refused (exit 1, no file written) while errors remain
 * that no fix resolves, unless --force (then written, exit 1, and the rows still in error are listed). Every file is
 * checked again in memory before it is written: a file `xueji check` would reject is never written unforced.
 * Files are written atomically and never over FILE or the template. Exit 2: input, template, profile or DIR unusable.
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import type * as ExcelJS from 'exceljs';
import { assertLoadable, loadWorkbook, readSheetsStreaming, sniffInput, writeWorkbookAtomic, workbookFidelityProblems } from '../files/node-io';
import { sheetFromWorksheet } from '../files/workbook';
import { workbookFromExport } from '../files/export-xlsx';
import { fillTemplate } from '../files/fill-template';
import { XuejiInputError, XuejiOutputError, XuejiPatchError } from '../files/errors';
import { prepareExports } from '../core/export/records';
import { buildExportWorkbook, exportFileName, exportSheetToInput, type BuildContext } from '../core/export/build';
import { matchTemplateSheet, planFill, type FillPlan } from '../core/export/template-fill';
import { uniqueFileNames } from '../core/export/file-name';
import type { ExportWorkbook, SheetExport } from '../core/export/types';
import { analyseWorkbook } from '../core/engine/report';
import type { Profile } from '../core/profile/schema';
import type { Issue, SheetInput } from '../core/types';
import type { CheckOptions } from '../core/engine/check';
import { templateName } from './format';
import { ruleTitle } from '../core/rules/catalog';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate, templateOption } from './options';
import { rowProgress } from './progress';
import { assertOutputDir, planOutputFiles } from './output-target';
import { terminalText } from './output';

export interface ExportFlags {
  output?: string;
  profile?: string;
  templateFile?: string;
  force?: boolean;
  template?: string;
  reportDate?: string;
}

/** One file to write. */
interface Planned {
  sx: SheetExport;
  fileName: string;
  /** DIR as the user wrote it, joined with the file name (also what is printed). */
  out: string;
  built: ExportWorkbook | null;
  fill: FillPlan | null;
  /** Output row of each record row, with the user's rows it comes from. */
  rows: { row: number; sourceRows: number[] }[];
  /** Errors found when the file's own content was checked (addresses in the exported file). */
  selfErrors: Issue[];
}

interface Template {
  path: string;
  sheets: SheetInput[];
}

async function openTemplate(path: string, limits: Profile['limits']): Promise<Template> {
  await sniffInput(path);
  // ExcelJS builds every cell of the template, merged ranges cell by cell: a template beyond the limits is refused
  // before ExcelJS sees it (issue 14).
  await assertLoadable(path, limits);
  const problems = await workbookFidelityProblems(path);
  if (problems.length) {
    throw new XuejiInputError(
      'unsupported-content',
      `学校模板“${basename(path)}”${problems.join('；')}，导出时无法完整保留，已停止。请在 Excel 中另存一份去掉这些内容的模板后再试`,
    );
  }
  const { sheets, unsupported } = await loadWorkbook(path);
  if (unsupported.length) {
    throw new XuejiInputError('unsupported-content', `学校模板“${basename(path)}”含有${unsupported.join('、')}，导出时无法完整保留，已停止`);
  }
  return { path, sheets };
}

/** The filled template, or the built-in layout, as an ExcelJS workbook. */
async function materialise(p: Planned, template: Template | null): Promise<ExcelJS.Workbook> {
  if (p.fill && template) {
    const { workbook } = await loadWorkbook(template.path);
    fillTemplate(workbook, p.fill);
    return workbook;
  }
  return workbookFromExport(p.built!);
}

function rowsText(rows: number[]): string {
  return rows.map((r) => `第${r}行`).join('、');
}

/** As in `xueji check` (issue 9): the rule's Chinese title first, the id in brackets at the end; text escaped. */
function issueLine(i: Issue): string {
  return `${ruleTitle(i.rule)}  ${terminalText(i.message)}  [${i.rule}]`;
}

/** The errors of a sheet, each at its cell of the user's sheet and, once written, the row it landed in. */
function listErrors(p: Planned, io: CliIO, written: boolean): void {
  const where = new Map<number, number[]>();
  for (const r of p.rows) for (const s of r.sourceRows) where.set(s, [...(where.get(s) ?? []), r.row]);
  for (const i of p.sx.errors) {
    const at = i.cell === null ? '表头' : i.cell;
    const out = written && i.row !== null && where.has(i.row) ? ` → 导出文件${rowsText(where.get(i.row)!)}` : '';
    io.stdout(`      原表 ${at}${out}  ${issueLine(i)}\n`);
  }
  for (const i of p.selfErrors) io.stdout(`      导出文件 ${i.cell ?? '表头'}  ${issueLine(i)}\n`);
}

function selfCheck(sheets: SheetInput[], profile: Profile, options: CheckOptions): Issue[] {
  return analyseWorkbook(sheets, profile, { reportDate: options.reportDate }).flatMap((a) => a.report.issues.filter((i) => i.severity === 'error'));
}

export async function runExport(file: string, flags: ExportFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const options: CheckOptions = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template) };
  if (!flags.output) throw new CliError('请用 -o 指定导出文件夹，例如：xueji export 名单.xlsx -o 导出');
  const dir = flags.output;
  try {
    await sniffInput(file);
    await assertOutputDir(dir);
    const template = flags.templateFile ? await openTemplate(flags.templateFile, profile.limits) : null;
    const progress = rowProgress(io, basename(file));
    // The export is built whole in memory, like a fixed copy once was: the same row cap as fix.
    const sheets = await readSheetsStreaming(file, { onRows: progress.onRows, limits: profile.limits, maxRows: profile.limits.fixMaxRows });
    progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));

    const prep = prepareExports(sheets, profile, options);
    const read = prep.skipped.find((k) => k.template);
    if (!prep.exports.length && read?.template) {
      // The pre-check's student list: read, never handed in (its own export is `xueji precheck -o`).
      io.stderr(`xueji：文件“${basename(file)}”是${templateName(read.template)}，未导出任何文件：${read.reason}\n`);
      return EXIT_ERRORS;
    }
    if (!prep.exports.length) {
      io.stderr(`xueji：文件“${basename(file)}”中没有可识别的表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表），未导出任何文件；可用 xueji check 查看原因\n`);
      return EXIT_ERRORS;
    }
    const ctx: BuildContext = { reportDate: options.reportDate };
    const names = uniqueFileNames(prep.exports.map((sx) => ({ fileName: exportFileName(sx.template, sx, profile, ctx), sheet: sx.sheet })));
    const planned: Planned[] = [];
    let usedTemplate = false;
    for (const [k, sx] of prep.exports.entries()) {
      const fileName = names[k]!;
      const p: Planned = { sx, fileName, out: join(dir, fileName), built: null, fill: null, rows: [], selfErrors: [] };
      const match = template ? matchTemplateSheet(template.sheets, sx.template) : null;
      if (template && match) {
        usedTemplate = true;
        const plan = planFill(template.sheets.find((s) => s.name === match.sheet)!, match, sx, profile);
        if (plan.problems.length) {
          throw new XuejiInputError('unsupported-content', `学校模板“${basename(template.path)}”不能用于“${sx.sheet}”：${plan.problems[0]}`);
        }
        p.fill = plan;
        p.rows = plan.rows.map((r, i) => ({ row: plan.firstRow + i, sourceRows: r.sourceRows }));
      } else {
        p.built = buildExportWorkbook(sx, profile, ctx);
        const first = p.built.firstRecordRow;
        p.rows = sx.records.map((r, i) => ({ row: first + i, sourceRows: [r.sourceRow] }));
      }
      planned.push(p);
    }
    if (template && !usedTemplate) {
      throw new XuejiInputError(
        'unsupported-content',
        `学校模板“${basename(template.path)}”中找不到与原表相同的表格（${[...new Set(prep.exports.map((s) => templateName(s.template)))].join('、')}）的表头，无法填写`,
      );
    }
    // Every output is checked before any is written: never the input or the template, never an existing file
    // unless --force (issue 14 item 6), a name within 255 bytes.
    const inputs = template ? [file, template.path] : [file];
    await planOutputFiles(dir, planned.map((p) => p.fileName), { inputs, force: flags.force === true });

    // Check what each file will hold, as `xueji check` of the file would (only where the sheet itself is clean).
    const books = new Map<Planned, ExcelJS.Workbook>();
    for (const p of planned) {
      if (p.sx.errors.length) continue;
      let content: SheetInput[];
      if (p.fill) {
        const wb = await materialise(p, template);
        books.set(p, wb);
        content = wb.worksheets.map((ws) => sheetFromWorksheet(ws));
      } else {
        content = p.built!.sheets.map(exportSheetToInput);
      }
      p.selfErrors = selfCheck(content, profile, options);
    }

    const errors = planned.reduce((n, p) => n + p.sx.errors.length + p.selfErrors.length, 0);
    io.stdout(`${basename(file)}\n`);
    for (const s of prep.skipped) io.stdout(`  工作表「${s.sheet}」：${s.reason}，未导出\n`);
    if (errors > 0 && !flags.force) {
      const own = planned.reduce((k, p) => k + p.sx.errors.length, 0);
      for (const p of planned) {
        if (p.sx.errors.length) {
          io.stdout(`  工作表「${p.sx.sheet}」 ${templateName(p.sx.template)}：仍有 ${p.sx.errors.length} 个错误无法自动修复：\n`);
        } else if (p.selfErrors.length) {
          io.stdout(`  工作表「${p.sx.sheet}」 ${templateName(p.sx.template)}：填入学校模板后，读回时有 ${p.selfErrors.length} 个错误：\n`);
        } else continue;
        listErrors(p, io, false);
      }
      io.stderr(
        own
          ? `xueji：仍有 ${errors} 个错误无法自动修复，未导出任何文件。请在原表中改正后重试（xueji check 可查看全部问题），或加 --force 照样导出并列出这些行\n`
          : `xueji：填入学校模板后的文件读回时有 ${errors} 个错误，未导出任何文件。多半是模板记录区下方有不以“备注”“说明”或“经办人”开头的文字行，请修改模板，或加 --force 照样导出\n`,
      );
      return EXIT_ERRORS;
    }

    for (const p of planned) {
      const wb = books.get(p) ?? (await materialise(p, template));
      const keepFrom = p.fill && template ? await fsp.readFile(template.path) : undefined;
      await writeWorkbookAtomic(wb, p.out, { inputs, force: flags.force, folder: dir, keepFrom });
      const n = p.sx.errors.length + p.selfErrors.length;
      const layout = p.fill ? `按学校模板“${basename(template!.path)}”填写` : '内置格式';
      const fixed = p.sx.fixed ? `，已自动修正 ${p.sx.fixed} 处` : '';
      io.stdout(`  工作表「${p.sx.sheet}」 ${templateName(p.sx.template)}：${p.rows.length} 行记录${fixed}（${layout}）\n`);
      io.stdout(`    → ${p.out}\n`);
      for (const note of p.fill?.notes ?? []) io.stdout(`    注意：${note}\n`);
      for (const w of p.sx.warnings) io.stdout(`    警告：原表 ${w.cell ?? '表头'}  ${issueLine(w)}\n`);
      if (n) {
        io.stdout(`    --force：以下 ${n} 个错误未改正就导出了，报送后会被退回，请尽快改正：\n`);
        listErrors(p, io, true);
      }
    }
    const total = planned.length;
    io.stdout(`已导出 ${total} 个文件到 ${dir}（原文件未改动）${errors ? `；其中仍有错误 ${errors} 个` : ''}。\n`);
    return errors ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError || e instanceof XuejiPatchError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}
