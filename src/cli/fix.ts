/** `xueji fix FILE -o OUT.xlsx [--dry-run] [--profile P.json]`: all fixes applied to a copy; FILE is never touched. */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { assertNotInput, loadWorkbook, readSheetsStreaming, sniffInput, workbookFidelityProblems, writeWorkbookAtomic } from '../files/node-io';
import { applyPatches } from '../files/workbook';
import { XuejiInputError, XuejiOutputError, XuejiPatchError } from '../files/errors';
import { analyseWorkbook, summarise } from '../core/engine/report';
import { applyPatchesToSheet, planFixes, type FixPlan } from '../core/engine/fix';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate, templateOption } from './options';
import { rowProgress } from './progress';
import { formatPlan } from './fix-format';

export interface FixFlags {
  output?: string;
  dryRun?: boolean;
  profile?: string;
  template?: string;
  reportDate?: string;
}

/**
 * Above this size (roughly 10,000 rows) the rows are first streamed, with progress and the row cap, before the
 * whole workbook is loaded.
 */
const PRECOUNT_BYTES = 400_000;

export async function runFix(file: string, flags: FixFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const options = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template) };
  if (!flags.output && !flags.dryRun) throw new CliError('请用 -o 指定输出文件（修复结果写入副本，原文件不会被修改），或加 --dry-run 只查看将要做的修改');
  try {
    await sniffInput(file);
    if (flags.output && !flags.dryRun) await assertNotInput(flags.output, file);
    const maxRows = profile.limits.fixMaxRows;
    // A big file is first streamed, with progress, stopping at the row cap: the whole workbook model is
    // never loaded for a file that would be refused.
    if (statSync(file).size > PRECOUNT_BYTES) {
      const progress = rowProgress(io, basename(file));
      const streamed = await readSheetsStreaming(file, { maxRows, onRows: progress.onRows });
      progress.done(streamed.reduce((n, s) => n + s.rows.length, 0));
    }
    const problems = await workbookFidelityProblems(file);
    if (problems.length) {
      throw new XuejiInputError(
        'unsupported-content',
        `文件“${basename(file)}”${problems.join('；')}，修复后的副本无法完整保留这些内容，已停止。请先在 Excel 中另存一份不含这些内容的副本，或在任务窗格中直接修复`,
      );
    }
    const { workbook, sheets } = await loadWorkbook(file, { maxRows });
    const analyses = analyseWorkbook(sheets, profile, options);
    const plans = analyses.map((a) => planFixes(sheets.find((s) => s.name === a.report.sheet)!, profile, a));
    let changed = 0;
    plans.forEach((plan, i) => {
      io.stdout(formatPlan(plan, sheets.find((s) => s.name === plan.sheet)!, analyses[i]!));
      changed += plan.patches.length + (plan.renameSheet ? 1 : 0);
    });
    // Re-check the whole fixed workbook, as `xueji check` of the copy would (other sheets count too).
    const fixedSheets = sheets.map((s) => {
      const plan = plans.find((p) => p.sheet === s.name);
      return plan ? applyPatchesToSheet(s, plan.patches, plan.renameSheet) : s;
    });
    const left = summarise(analyseWorkbook(fixedSheets, profile, options).map((a) => a.report));
    if (changed === 0) io.stdout('没有可以自动修复的问题。\n');
    if (flags.dryRun) {
      io.stdout(`（--dry-run：只显示，未写入任何文件）共 ${changed} 处修改；修复后仍有错误 ${left.errors} 个，警告 ${left.warnings} 个。\n`);
    } else {
      for (const plan of plans) {
        const ws = workbook.getWorksheet(plan.sheet);
        if (!ws) continue;
        applyPatches(ws, plan.patches);
        if (plan.renameSheet) ws.name = plan.renameSheet;
      }
      await writeWorkbookAtomic(workbook, flags.output!, file);
      io.stdout(`已写入 ${flags.output}：共 ${changed} 处修改（原文件未改动）；修复后仍有错误 ${left.errors} 个，警告 ${left.warnings} 个${left.errors ? '，请运行 xueji check 查看' : ''}。\n`);
    }
    return left.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError) {
      io.stderr(`xueji：${e.code === 'too-many-rows' ? `${e.message}（修复上限见配置项 limits.fixMaxRows；检查不受此限，可用 xueji check）` : e.message}\n`);
      return EXIT_UNUSABLE;
    }
    if (e instanceof XuejiOutputError || e instanceof XuejiPatchError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}
