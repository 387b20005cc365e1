/**
 * One input of a merge, read: every sheet goes through the export's preparation (export/records.ts) — checked, its
 * fixes applied, its records read with canonical values — exactly as `xueji export` of that file would, so a merged
 * submission holds what the centres' own exports would have held. Only what the merge needs is kept (the records,
 * what is left to report, where the columns are): a caller reading 200 files can let each file's sheets go.
 */
import type { Profile } from '../profile/schema';
import type { CheckOptions } from '../engine/check';
import { detectHeader } from '../engine/header';
import { prepareExports } from '../export/records';
import type { MergeSource, PreparedSource, SourceSheet } from './types';

export function prepareSource(src: MergeSource, profile: Profile, options: Pick<CheckOptions, 'reportDate' | 'template'>): PreparedSource {
  const prep = prepareExports(src.sheets, profile, options);
  const sheets: SourceSheet[] = prep.exports.map((sx) => {
    const input = src.sheets.find((s) => s.name === sx.sheet)!;
    // The very call the check made (same sheet, same forced template or none): the same header, found again.
    const header = detectHeader(input, options.template);
    if (!header) throw new Error('the header the check found is not found again');
    return { file: src.file, sheet: sx.sheet, headerRow: header.headerRow, prepared: sx, columns: { fields: header.fields, wide: header.wide } };
  });
  return { file: src.file, sheets, skipped: prep.skipped };
}
