/** `xueji fix FILE -o OUT.xlsx [--dry-run] [--force] [--profile P.json]`: all fixes applied to a copy; FILE is never touched. */
import { promises as fsp } from 'node:fs';
import { basename, extname } from 'node:path';
import { assertWritable, readSheetsStreaming, sniffInput, writeFixedCopy } from '../files/node-io';
import { XuejiInputError, XuejiOutputError, XuejiPatchError } from '../files/errors';
import { analyseWorkbook, summarise } from '../core/engine/report';
import { applyPatchesToSheet, planFixes } from '../core/engine/fix';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate, templateOption } from './options';
import { rowProgress } from './progress';
import { formatPlan } from './fix-format';

export interface FixFlags {
  output?: string;
  dryRun?: boolean;
  force?: boolean;
  profile?: string;
  template?: string;
  reportDate?: string;
}

/**
 * `-o 输出` means 输出.xlsx: a copy without its extension would not open in Excel (issue 14 item 6). A folder is
 * left as it is (and refused as a folder).
 */
export async function xlsxOutput(path: string): Promise<string> {
  if (extname(path).toLowerCase() === '.xlsx') return path;
  const st = await fsp.stat(path).catch(() => undefined);
  return st?.isDirectory() ? path : `${path}.xlsx`;
}

export async function runFix(file: string, flags: FixFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const options = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template) };
  if (!flags.output && !flags.dryRun) throw new CliError('请用 -o 指定输出文件（修复结果写入副本，原文件不会被修改），或加 --dry-run 只查看将要做的修改');
  const output = flags.output && !flags.dryRun ? await xlsxOutput(flags.output) : undefined;
  try {
    await sniffInput(file);
    // The output is checked before any work (and again just before it is written): a wrong -o is said at once.
    if (output !== undefined) await assertWritable(output, { inputs: [file], force: flags.force });
    const progress = rowProgress(io, basename(file));
    const sheets = await readSheetsStreaming(file, { maxRows: profile.limits.fixMaxRows, limits: profile.limits, onRows: progress.onRows });
    progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
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
      const edits = plans.map((p) => ({
        sheet: p.sheet,
        patches: p.patches,
        merges: sheets.find((s) => s.name === p.sheet)!.merges,
        rename: p.renameSheet,
      }));
      await writeFixedCopy(file, edits, output!, { inputs: [file], force: flags.force, limits: profile.limits });
      const named = output !== flags.output ? `（文件名补上了 .xlsx）` : '';
      io.stdout(`已写入 ${output}${named}：共 ${changed} 处修改（原文件未改动）；修复后仍有错误 ${left.errors} 个，警告 ${left.warnings} 个${left.errors ? '，请运行 xueji check 查看' : ''}。\n`);
    }
    return left.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError) {
      io.stderr(`xueji：${e.code === 'too-many-rows' ? `${e.message}（检查不受此限，可用 xueji check）` : e.message}\n`);
      return EXIT_UNUSABLE;
    }
    if (e instanceof XuejiOutputError || e instanceof XuejiPatchError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}
