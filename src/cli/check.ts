/** `xueji check FILE… [--json] [--template ID] [--profile P.json] [--report-date YYYY-MM-DD]` */
import { basename } from 'node:path';
import { readSheetsStreaming, sniffInput } from '../files/node-io';
import { XuejiInputError } from '../files/errors';
import { checkWorkbook } from '../core/engine/report';
import { formatReport } from './format';
import { EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { internalErrorMessage, loadProfile, reportDate, templateOption } from './options';
import { jsonReportWriter } from './output';
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
  // keepFixes false: a report holds only what it lists (a million faulty rows stay within limits.issues).
  const options = { reportDate: reportDate(flags.reportDate, profile, io.today), template: templateOption(flags.template), keepFixes: false };
  // Each report is written as soon as it is ready, never all of them at once (nor one as a single string).
  const json = jsonReportWriter(files.length, io.stdout);
  let exit = EXIT_OK;
  for (const file of files) {
    try {
      await sniffInput(file);
      const progress = rowProgress(io, basename(file));
      const sheets = await readSheetsStreaming(file, { onRows: progress.onRows, limits: profile.limits });
      progress.done(sheets.reduce((n, s) => n + s.rows.length, 0));
      const report = checkWorkbook(basename(file), sheets, profile, options);
      if (report.summary.errors > 0) exit = Math.max(exit, EXIT_ERRORS);
      if (flags.json) json.add(report);
      else io.stdout(formatReport(report, profile.limits.issues) + '\n');
    } catch (e) {
      // One file that cannot be checked never takes the others' reports with it.
      let unusable: Unusable;
      if (e instanceof XuejiInputError) {
        exit = Math.max(exit, EXIT_UNUSABLE);
        io.stderr(`xueji：${e.message}\n`);
        unusable = { file: basename(file), error: { code: e.code, message: e.message }, sheets: [], summary: { errors: 0, warnings: 0, fixable: 0 } };
      } else {
        exit = Math.max(exit, EXIT_INTERNAL);
        const message = internalErrorMessage(e, io, basename(file));
        unusable = { file: basename(file), error: { code: 'internal', message }, sheets: [], summary: { errors: 0, warnings: 0, fixable: 0 } };
      }
      if (flags.json) json.add(unusable);
    }
  }
  if (flags.json) json.end();
  return exit;
}
