/**
 * `xueji precheck ROSTER.xlsx [--batch 202307] [--photos DIR] [-o DIR] [--force] [--json] [--report-date D] [--profile P]`:
 * the graduation pre-check (DOMAIN.md §3 T5). The platform's student list is checked as the graduation-precheck
 * template against the batch (default: the next after the report date); the readable report says who may apply and
 * who may not and why, with the students per reason; `-o` writes the two-sheet workbook (可申请毕业, 暂不能申请) into
 * the folder, atomically, never over the roster or an existing file without --force. `--photos` counts a student's
 * photo as there when the folder holds one named by the student's 学号 or 身份证号 (the matching of `photos --fix`).
 * Exit 0 every student may apply, 1 some may not (or the sheet has errors), 2 unusable input.
 */
import { basename, join } from 'node:path';
import { readSheetsStreaming, sniffInput, writeWorkbookAtomic } from '../files/node-io';
import { XuejiInputError, XuejiOutputError } from '../files/errors';
import { HEAD_BYTES, inspectFile } from '../files/images';
import { workbookFromExport } from '../files/export-xlsx';
import { batchLabel, parseBatch, photoKeys, precheckExport, runPrecheck, type Batch, type PrecheckResult, type PrecheckStudent } from '../core/precheck';
import { formatYmd } from '../core/cells/dates';
import { ruleTitle } from '../core/rules/catalog';
import type { FileReport, Issue } from '../core/types';
import type { InspectedFile } from '../core/evidence/types';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { CliError, loadProfile, reportDate } from './options';
import { assertFolder, readEntry, sameFileSkip, walkFolder } from './files';
import { planOutputFiles } from './output-target';
import { displayWidth, padEnd } from './format';
import { TEXT_ISSUES_PER_SHEET, maxOf, terminalText, writeJson } from './output';
import { rowProgress } from './progress';

export interface PrecheckFlags {
  batch?: string;
  photos?: string;
  output?: string;
  force?: boolean;
  json?: boolean;
  profile?: string;
  reportDate?: string;
}

export function batchOption(text: string | undefined): Batch | undefined {
  if (text === undefined) return undefined;
  const b = parseBatch(text);
  if (!b) throw new CliError(`毕业批次“${text}”无效：应为 YYYY01 或 YYYY07（每年1月、7月两批），例如 --batch 202307`);
  return b;
}

/** The photo folder's JPG and PNG files, by their first bytes (the pixels are `xueji photos`'s business). */
async function photoFiles(dir: string, roster: string): Promise<InspectedFile[]> {
  const walked = await walkFolder(dir, sameFileSkip([roster]));
  const files: InspectedFile[] = [];
  for (const f of walked.files) files.push(inspectFile(await readEntry(f, HEAD_BYTES)));
  return files;
}

export async function runPrecheckVerb(roster: string, flags: PrecheckFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const date = reportDate(flags.reportDate, profile, io.today);
  const batch = batchOption(flags.batch);
  try {
    await sniffInput(roster);
    const photoDir = flags.photos === undefined ? null : await assertFolder(flags.photos);
    const progress = rowProgress(io, basename(roster));
    // Every issue of every student is kept (a student's reasons must all be there): the rows are capped as for export.
    const sheets = await readSheetsStreaming(roster, { onRows: progress.onRows, limits: profile.limits, maxRows: profile.limits.fixMaxRows });
    progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
    const photos = photoDir ? { keys: photoKeys(sheets, profile, await photoFiles(photoDir, roster)), folder: basename(photoDir) } : undefined;
    const run = runPrecheck(basename(roster), sheets, profile, { reportDate: date, ...(batch ? { batch } : {}), ...(photos ? { photos } : {}) });
    const { result, report } = run;
    if (!run.analyses.length) {
      throw new CliError(`“${basename(roster)}”的前20行中找不到学生名单的表头（至少要有学号、姓名两列；入学年度学期、学籍状态、毕业照片状态、学信网照片、身份存疑等列有则检查）`, EXIT_UNUSABLE);
    }

    let written: string | null = null;
    if (flags.output !== undefined) {
      const book = precheckExport(result, profile);
      const [path] = await planOutputFiles(flags.output, [book.fileName], { inputs: [roster], force: flags.force === true });
      await writeWorkbookAtomic(workbookFromExport(book), path!, { inputs: [roster], force: flags.force === true, folder: flags.output });
      written = join(flags.output, book.fileName);
    }
    if (flags.json) writeJson(precheckJson(report, result, written), io.stdout);
    else io.stdout(formatPrecheck(report, result, written, profile.precheck.reminders.length > 0));
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    if (e instanceof XuejiInputError || e instanceof XuejiOutputError) {
      io.stderr(`xueji：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}

// ---------------------------------------------------------------- JSON (docs/report-format.md "precheck")

function issueJson(i: Issue) {
  return { cell: i.cell, rule: i.rule, severity: i.severity, message: i.message };
}

function studentJson(s: PrecheckStudent) {
  return { sheet: s.sheet, row: s.row, cell: s.cell, ...s.values, reasons: s.reasons.map(issueJson), notes: s.notes.map(issueJson) };
}

/** The check's report (DOMAIN.md §6) with the batch and the pre-check's outcome beside it. */
export function precheckJson(report: FileReport, r: PrecheckResult, output: string | null) {
  return {
    file: report.file,
    template: 'graduation-precheck',
    batch: r.code,
    certificateDate: formatYmd(r.certificateDate),
    reportDate: formatYmd(r.reportDate),
    precheck: {
      records: r.apply.length + r.refuse.length,
      mayApply: r.apply.length,
      mayNotApply: r.refuse.length,
      reasons: Object.fromEntries(r.counts.map((c) => [c.rule, c.students])),
      reminders: r.reminders,
      apply: r.apply.map(studentJson),
      refuse: r.refuse.map(studentJson),
      output: output === null ? null : basename(output),
    },
    sheets: report.sheets,
    summary: report.summary,
  };
}

// ---------------------------------------------------------------- the readable report

function studentLine(s: PrecheckStudent, issues: readonly Issue[], nameWidth: number): string[] {
  const who = `${padEnd(s.cell, 7)} ${padEnd(terminalText(s.values.studentId ?? '（无学号）'), 13)}  ${padEnd(terminalText(s.values.name ?? ''), nameWidth)}`;
  // The reason's own cell (入学年度学期, 学籍状态 …) when it is not the 学号 the line starts with.
  const at = (i: Issue) => (i.cell && i.cell !== s.cell ? `（${i.cell}）` : '');
  return issues.map((i, k) => `    ${k === 0 ? who : ' '.repeat(displayWidth(who))}  ${ruleTitle(i.rule)}${at(i)}：${terminalText(i.message)}  [${i.rule}]`);
}

function studentLines(students: readonly PrecheckStudent[], pick: (s: PrecheckStudent) => readonly Issue[]): string[] {
  const shown = students.slice(0, TEXT_ISSUES_PER_SHEET);
  const nameWidth = Math.max(4, maxOf(shown, (s) => displayWidth(terminalText(s.values.name ?? ''))));
  const lines = shown.flatMap((s) => studentLine(s, pick(s), nameWidth));
  if (students.length > shown.length) lines.push(`    ……另有 ${(students.length - shown.length).toLocaleString('en-US')} 名未逐条列出（-o 导出的工作簿和 --json 中有全部学生）`);
  return lines;
}

export function formatPrecheck(report: FileReport, r: PrecheckResult, output: string | null, withReminders = true): string {
  const out: string[] = [];
  out.push(`${report.file}  毕业资格预审：${batchLabel(r.batch)}批次（${r.code}，毕业证书日期 ${formatYmd(r.certificateDate)}）`);
  for (const s of r.sheets) out.push(`  工作表「${terminalText(s.sheet)}」  学生 ${s.records} 名`);
  const total = r.apply.length + r.refuse.length;
  const last = r.apply.filter((s) => s.notes.length).length;
  out.push(`  可申请毕业：${r.apply.length} 名${last ? `（其中 ${last} 名本批次是最后一次机会）` : ''}；暂不能申请：${r.refuse.length} 名（共 ${total} 名）`);
  if (r.counts.length) {
    const width = maxOf(r.counts, (c) => displayWidth(c.title));
    for (const c of r.counts) {
      const kind = c.severity === 'warning' ? '（提醒，仍可申请）' : '';
      out.push(`    ${padEnd(c.title, width)}  ${String(c.students).padStart(5)} 名${kind}  [${c.rule}]`);
    }
  }
  if (r.refuse.length) {
    out.push('  暂不能申请的学生：');
    out.push(...studentLines(r.refuse, (s) => s.reasons));
  }
  const lastChance = r.apply.filter((s) => s.notes.length);
  if (lastChance.length) {
    out.push('  可申请、但本批次是最后一次机会的学生：');
    out.push(...studentLines(lastChance, (s) => s.notes));
  }
  const decided = new Set(r.counts.map((c) => c.rule));
  const other = report.sheets.flatMap((s) => s.issues).filter((i) => !decided.has(i.rule) && !i.rule.startsWith('graduation.'));
  if (other.length) {
    const errors = other.filter((i) => i.severity === 'error').length;
    out.push(`  名单本身另有问题 ${other.length} 个（错误 ${errors} 个，警告 ${other.length - errors} 个），不影响上面的判断，可用 xueji check 查看和修复`);
  }
  if (withReminders) for (const t of r.reminders) out.push(`  提醒：${t}`);
  if (output) out.push(`  → ${output}（工作表“可申请毕业” ${r.apply.length} 名，“暂不能申请” ${r.refuse.length} 名）`);
  return out.join('\n') + '\n';
}
