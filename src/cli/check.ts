/** `xueji check FILE… [--json] [--template ID] [--profile P.json] [--report-date YYYY-MM-DD]` */
import { basename } from 'node:path';
import { readSheetsStreaming, sniffInput } from '../files/node-io';
import { XuejiInputError } from '../files/errors';
import { checkWorkbook } from '../core/engine/report';
import type { FileReport } from '../core/types';
import { formatReport } from './format';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { loadProfile, reportDate, templateOption } from './options';
import { rowProgress } from './progress';

export interface CheckFlags {
  json?: boolean;
  template?: string;
  profile?: string;
  reportDate?: string;
}

interface Unusable {
  file: string;
  error: { code: string; message: string };
  sheets: [];
  summary: { errors: 0; warnings: 0; fixable: 0 };
}

export async function runCheck(files: string[], flags: CheckFlags, io: CliIO): Promise<number> {
  const profile = loadProfile(flags.profile);
  const options = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template) };
  const results: (FileReport | Unusable)[] = [];
  let exit = EXIT_OK;
  for (const file of files) {
    try {
      await sniffInput(file);
      const progress = rowProgress(io, basename(file));
      const sheets = await readSheetsStreaming(file, { onRows: progress.onRows });
      progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
      const report = checkWorkbook(basename(file), sheets, profile, options);
      results.push(report);
      if (report.summary.errors > 0) exit = Math.max(exit, EXIT_ERRORS);
      if (!flags.json) io.stdout(formatReport(report) + '\n');
    } catch (e) {
      if (!(e instanceof XuejiInputError)) throw e;
      exit = EXIT_UNUSABLE;
      io.stderr(`xueji：${e.message}\n`);
      results.push({ file: basename(file), error: { code: e.code, message: e.message }, sheets: [], summary: { errors: 0, warnings: 0, fixable: 0 } });
    }
  }
  if (flags.json) io.stdout(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  return exit;
}
