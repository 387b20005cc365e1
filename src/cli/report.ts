/**
 * `xueji report FILE… -o DIR [--force] [--profile P.json] [--report-date D]`: the written reports (DOMAIN.md §3 "The
 * paper side", seed 003 §三(二), §五(二)) as .docx files in DIR —
 * - from the correction sheets among FILE…: 信息修改书面报告.docx (counts by 修改类型 and 修改项目, the students, lines
 *   for the 主管领导, the 经手人, the seal and the date), with the 情况说明 for the 主管校长 when 新生 rows were filed late;
 * - from the withdrawal rosters among FILE… (one per batch, numbered in the order given): 学信网退学书面报告.docx.
 * Errors no fix resolves refuse the reports (exit 1) unless --force: the counts would not be those of the sheets the
 * school accepts. Every target is checked before anything is written; an existing file is replaced only with --force;
 * no input is ever written; each file is written atomically. Exit 2: an input, the profile or DIR unusable.
 */
import { readSheetsStreaming, sniffInput, writeBytesAtomic } from '../files/node-io';
import { reportDocxBytes } from '../files/report-docx';
import { XuejiInputError, XuejiOutputError } from '../files/errors';
import { buildWrittenReports, correctionSummary, withdrawalSummary, type ReportDocument, type ReportSource, type WrittenReports } from '../core/written-report';
import { formatYmd } from '../core/cells/dates';
import { fileLabels, templateName } from './format';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate } from './options';
import { rowProgress } from './progress';
import { assertOutputDir, planOutputFiles } from './output-target';
import { terminalText } from './output';

export interface ReportFlags {
  output?: string;
  force?: boolean;
  profile?: string;
  reportDate?: string;
}

function printCorrection(r: NonNullable<WrittenReports['correction']>, io: CliIO): void {
  const c = r.counts;
  io.stdout(`信息修改书面报告：${c.tables.length} 张统计表，${correctionSummary(c)}\n`);
  for (const t of c.tables) {
    io.stdout(`  ${t.file} 工作表「${t.sheet}」 ${templateName(t.template)}：${t.students} 名学生 ${t.changes} 项修改\n`);
  }
  if (c.late.length) {
    const deadlines = [...new Set(c.late.map((l) => formatYmd(l.late!.deadline)))].join('、');
    io.stdout(`  逾期提交（新生入学第一学期内应提交，截至 ${deadlines}）：${c.lateStudents} 名学生 ${c.late.length} 项，已附情况说明：请填写原因，由主管校长审批签字并加盖学校公章\n`);
  }
}

function printWithdrawal(r: NonNullable<WrittenReports['withdrawal']>, io: CliIO): void {
  io.stdout(`学信网退学书面报告：${withdrawalSummary(r.counts)}\n`);
  for (const b of r.counts.batches) io.stdout(`  第${b.batch}批  ${b.file} 工作表「${b.sheet}」：${b.students.length} 名\n`);
}

export async function runReport(files: string[], flags: ReportFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const date = reportDate(flags.reportDate, profile, io.today);
  if (!flags.output) throw new CliError('请用 -o 指定书面报告所在的文件夹，例如：xueji report 统计表.xlsx -o 报告');
  const dir = flags.output;
  try {
    for (const f of files) await sniffInput(f);
    await assertOutputDir(dir);
    const names = fileLabels(files);
    const sources: ReportSource[] = [];
    for (const [i, f] of files.entries()) {
      const progress = rowProgress(io, names[i]!);
      // Built whole like an export: the same limits and row cap (issue 14).
      const sheets = await readSheetsStreaming(f, { onRows: progress.onRows, limits: profile.limits, maxRows: profile.limits.fixMaxRows });
      progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
      sources.push({ file: names[i]!, sheets });
    }
    const reports = buildWrittenReports(sources, profile, date);
    const { inputs } = reports;
    for (const s of inputs.skipped) io.stdout(`${s.file} 工作表「${s.sheet}」：${s.reason}，未使用\n`);
    if (!reports.correction && !reports.withdrawal) {
      io.stderr('xueji：所给文件中没有学生基本信息修改情况统计表或学信网退学汇总名单，未生成书面报告；可用 xueji check 查看每个工作表识别成了什么\n');
      return EXIT_ERRORS;
    }

    const errors = inputs.errors.length;
    if (errors) {
      const where = new Map<string, typeof inputs.errors>();
      for (const e of inputs.errors) {
        const k = `${e.file} 工作表「${e.sheet}」`;
        where.set(k, [...(where.get(k) ?? []), e]);
      }
      for (const [k, list] of where) {
        io.stdout(`${k}：${list.length} 个错误无法自动修复${flags.force ? '（--force：照样计入书面报告）' : ''}：\n`);
        for (const e of list) io.stdout(`    ${(e.issue.cell ?? '表头').padEnd(7)} ${e.issue.rule}  ${terminalText(e.issue.message)}\n`);
      }
      if (!flags.force) {
        io.stderr(
          `xueji：仍有 ${errors} 个错误无法自动修复，未生成书面报告（报告中的数字应与省校接受的表格一致）。请在原表中改正后重试（xueji check 可查看全部问题），或加 --force 照样生成\n`,
        );
        return EXIT_ERRORS;
      }
    }

    const outputs: { doc: ReportDocument; print: () => void }[] = [];
    if (reports.correction) outputs.push({ doc: reports.correction.document, print: () => printCorrection(reports.correction!, io) });
    if (reports.withdrawal) outputs.push({ doc: reports.withdrawal.document, print: () => printWithdrawal(reports.withdrawal!, io) });
    const paths = await planOutputFiles(
      dir,
      outputs.map((o) => o.doc.fileName),
      { inputs: files, force: flags.force === true },
    );
    for (const [i, o] of outputs.entries()) {
      o.print();
      await writeBytesAtomic(await reportDocxBytes(o.doc), paths[i]!, { inputs: files, force: flags.force === true, folder: dir });
      io.stdout(`  → ${paths[i]}\n`);
    }
    io.stdout(
      `已生成 ${outputs.length} 份书面报告（Word 文档，A4，可修改后打印、签字盖章）${errors ? `；其中计入了仍有错误的 ${errors} 处` : ''}，原文件未改动。\n`,
    );
    return errors ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}
