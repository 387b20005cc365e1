/**
 * `xueji merge A.xlsx B.xlsx … -o DIR [--force] [--template ID] [--profile P.json] [--report-date D] [--json]`: 汇总
 * (DOMAIN.md §3) — the same template from many 学习中心 becomes one submission file in DIR: every record once, sorted by
 * the template's key, 序号 renumbered, one terminator / signature row, in the profile's layout and print-ready (the
 * export builder writes it). Each input is checked and fixed as `xueji export` would; every issue left names its file
 * and row, and a record two inputs both have is `row.duplicate` naming both (core/merge).
 *
 * Refused before anything is written: an unusable input (exit 2, its name said), the same file given twice, inputs of
 * different templates or with none (exit 2, each file's template said), a merged file beyond `limits.fixMaxRows`, an
 * existing output without --force (exit 2), errors no fix resolves without --force (exit 1, every one listed). The
 * file is written atomically and never over an input.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { readSheetsStreaming, sniffInput, writeWorkbookAtomic } from '../files/node-io';
import { workbookFromExport } from '../files/export-xlsx';
import { XuejiInputError, XuejiOutputError } from '../files/errors';
import { mergeSources, mergeStory, prepareSource, type MergedSubmission, type MergeIssue, type MergeRefusal, type PreparedSource } from '../core/merge';
import { ruleTitle } from '../core/rules/catalog';
import { fileLabels, templateName } from './format';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate, templateOption } from './options';
import { fileProgress, rowProgress } from './progress';
import { assertOutputDir, planOutputFiles } from './output-target';
import { TEXT_ISSUES_PER_SHEET, terminalText, writeJson } from './output';

export interface MergeFlags {
  output?: string;
  force?: boolean;
  template?: string;
  profile?: string;
  reportDate?: string;
  json?: boolean;
}

/** Why the run was refused as a whole (exit 2), for `--json`. */
interface Unusable {
  code: string;
  message: string;
  groups?: Extract<MergeRefusal, { kind: 'mixed-templates' }>['groups'];
}

/** What a refusal adds for the command line: how to look further, or how to say which template is meant. */
const REFUSAL_HINT: Record<MergeRefusal['kind'], string> = {
  'mixed-templates': '（某个文件识别有误时，可用 --template 指定模板）',
  'no-template': '；可用 xueji check 查看原因',
  'too-many-rows': '',
  'not-submitted': '',
};

/**
 * An input's error names it by its base name (files/errors.ts); when two inputs share that name, also by its place
 * on the command line, so that the one meant is clear.
 */
function naming(e: unknown, files: readonly string[], labels: readonly string[], i: number): unknown {
  if (!(e instanceof XuejiInputError) || labels[i] === basename(files[i]!)) return e;
  return new XuejiInputError(e.code, `${e.message}（所给的第 ${i + 1} 个文件）`, { cause: e });
}

/**
 * The same file twice (any spelling or link) would make every one of its records a duplicate of itself: why, or null.
 */
async function givenTwice(files: readonly string[], labels: readonly string[]): Promise<string | null> {
  const seen = new Map<string, number>();
  for (const [i, f] of files.entries()) {
    const st = await fsp.stat(f);
    const id = `${st.dev}:${st.ino}`;
    const before = seen.get(id);
    if (before !== undefined && st.ino !== 0) {
      return `文件“${labels[i]}”给了两次（所给的第 ${before + 1} 个和第 ${i + 1} 个是同一个文件），同一个文件不能汇总两次`;
    }
    seen.set(id, i);
  }
  return null;
}

const SEVERITY = { error: '错误', warning: '警告' } as const;

/** Where an issue is: the input cell to change first, then the row of the merged file it is in. */
function issueWhere(i: MergeIssue): string {
  const merged = i.row === null ? '' : ` → 汇总${i.cell ? ` ${i.cell}` : `第${i.row}行`}`;
  if (i.file === null) return `汇总文件 ${i.cell ?? '表头'}`;
  const at = i.sourceCell ?? (i.sourceRow === null ? '表头' : `第${i.sourceRow}行`);
  return `${terminalText(i.file)}「${terminalText(i.sheet ?? '')}」${at}${merged}`;
}

function printIssues(issues: readonly MergeIssue[], io: CliIO): void {
  const shown = issues.slice(0, TEXT_ISSUES_PER_SHEET);
  for (const i of shown) {
    io.stdout(`    ${issueWhere(i)}  ${SEVERITY[i.severity]}  ${ruleTitle(i.rule)}  ${terminalText(i.message)}  [${i.rule}]\n`);
  }
  if (issues.length > shown.length) {
    io.stdout(`    ……另有 ${(issues.length - shown.length).toLocaleString('en-US')} 个问题未逐条列出（--json 可查看全部问题）\n`);
  }
}

function printSources(m: MergedSubmission, files: number, io: CliIO): void {
  const r = m.report;
  io.stdout(`${templateName(m.template)}，汇总 ${files} 个文件：\n`);
  for (const s of r.sources) {
    const fixed = s.fixed ? `，已自动修正 ${s.fixed} 处` : '';
    io.stdout(`  ${terminalText(s.file)} 工作表「${terminalText(s.sheet)}」：${s.records} 行记录${fixed}\n`);
  }
  for (const s of r.skipped) io.stdout(`  ${terminalText(s.file)} 工作表「${terminalText(s.sheet)}」：${s.reason}，未汇总\n`);
}

function refuse(io: CliIO, flags: MergeFlags, u: Unusable): number {
  // A file name may hold a line break or a bidi control: the message stays one line on the terminal (JSON keeps it).
  io.stderr(`xueji：${terminalText(u.message)}\n`);
  if (flags.json) {
    writeJson({ file: null, output: null, error: u, sources: [], skipped: [], sheets: [], summary: { errors: 0, warnings: 0, fixable: 0 } }, io.stdout);
  }
  return EXIT_UNUSABLE;
}

export async function runMerge(files: string[], flags: MergeFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const date = reportDate(flags.reportDate, profile, io.today);
  const template = templateOption(flags.template);
  if (!flags.output) throw new CliError('请用 -o 指定汇总文件所在的文件夹，例如：xueji merge 中心A.xlsx 中心B.xlsx -o 汇总');
  const dir = flags.output;
  const labels = fileLabels(files);
  const force = flags.force === true;
  try {
    // Every input is looked at before any is read: a .xls or a password among 200 files stops the run at once.
    for (const [i, f] of files.entries()) await sniffInput(f).catch((e: unknown) => Promise.reject(naming(e, files, labels, i)));
    const twice = await givenTwice(files, labels);
    if (twice) return refuse(io, flags, { code: 'same-file-twice', message: twice });
    await assertOutputDir(dir);

    const prepared: PreparedSource[] = [];
    const counter = fileProgress(io, files.length);
    for (const [i, f] of files.entries()) {
      counter.next(i + 1);
      const progress = rowProgress(io, labels[i]!);
      // Built whole in memory like an export: the same limits and row cap (issue 14). Each file's sheets are let go
      // once its records are read.
      const sheets = await readSheetsStreaming(f, { onRows: progress.onRows, limits: profile.limits, maxRows: profile.limits.fixMaxRows }).catch(
        (e: unknown) => Promise.reject(naming(e, files, labels, i)),
      );
      progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
      prepared.push(prepareSource({ file: labels[i]!, sheets }, profile, { reportDate: date, template }));
    }
    counter.done();

    const outcome = mergeSources(prepared, profile, { reportDate: date, template });
    if (outcome.kind === 'refused') {
      const r = outcome.refusal;
      return refuse(io, flags, { code: r.kind, message: `${r.message}${REFUSAL_HINT[r.kind]}`, ...(r.kind === 'mixed-templates' ? { groups: r.groups } : {}) });
    }
    const m = outcome;
    const report = m.report;
    // Checked before anything is written (and again when writing): never an input, an existing file only with --force.
    const [out] = await planOutputFiles(dir, [report.file], { inputs: files, force });
    const issues = report.sheets[0]!.issues;
    const errors = report.summary.errors;

    if (!flags.json) {
      printSources(m, files.length, io);
      if (issues.length) {
        io.stdout(`  错误 ${errors} 个，警告 ${report.summary.warnings} 个（先写原表中的位置，→ 后是汇总文件中的位置）：\n`);
        printIssues(issues, io);
      }
    }
    if (errors > 0 && !force) {
      if (flags.json) writeJson(report, io.stdout);
      io.stderr(
        `xueji：仍有 ${errors} 个错误无法自动修复，未写入汇总文件。请在各文件中改正后重试（xueji check 可查看每个文件的全部问题），或加 --force 照样汇总并列出这些行\n`,
      );
      return EXIT_ERRORS;
    }

    await writeWorkbookAtomic(workbookFromExport(m.book), out!, { inputs: files, force, folder: dir });
    report.output = out!;
    if (flags.json) {
      writeJson(report, io.stdout);
    } else {
      if (errors) io.stdout(`  --force：以上 ${errors} 个错误未改正就汇总了，报送后会被退回，请尽快改正\n`);
      io.stdout(`  → ${terminalText(out!)}：${mergeStory(m, profile)}\n`);
      io.stdout(`已汇总 ${files.length} 个文件到 ${terminalText(dir)}（原文件未改动）${errors ? `；其中仍有错误 ${errors} 个` : ''}。\n`);
    }
    return errors ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError) return refuse(io, flags, { code: e.code, message: e.message });
    throw e;
  }
}
