/**
 * 汇总 in the browser (the workbench's MergeView): the registrar's files read with ExcelJS as the workbench opens one
 * (the same typed Chinese errors, naming the file), each prepared and the lot merged by the same core as `xueji merge`
 * (src/core/merge), and the submission's bytes made by the same writer as an export. Loaded only when 汇总 is used:
 * it brings ExcelJS with it.
 */
import type { Profile } from '../core/profile/schema';
import { mergeSources, prepareSource, type MergedSubmission, type MergeOptions, type MergeOutcome, type PreparedSource } from '../core/merge';
import { openWorkbench } from '../files/workbench-open';
import { workbookFromExport } from '../files/export-xlsx';
import { workbookBytes } from '../files/workbook';
import { readBlob } from '../taskpane/components/AttachmentCheck';
import { yieldToBrowser } from '../taskpane/activity';

/** How each file is named: its name, and its place among the files when another one has the same name. */
export function mergeLabels(names: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return names.map((n, i) => (count.get(n)! > 1 ? `${n}（第 ${i + 1} 个）` : n));
}

/**
 * Reads and prepares every file, in order (`onFile(n)` before the n-th, the page painted between files), and merges
 * them. A file that cannot be read throws its typed error (XuejiInputError: Chinese, naming the file).
 */
export async function mergeFiles(files: readonly File[], profile: Profile, options: MergeOptions, onFile: (n: number) => void = () => undefined): Promise<MergeOutcome> {
  const labels = mergeLabels(files.map((f) => f.name));
  const prepared: PreparedSource[] = [];
  for (const [i, file] of files.entries()) {
    onFile(i + 1);
    await yieldToBrowser();
    const opened = await openWorkbench(await readBlob(file), labels[i]!, () => undefined);
    const sheets = opened.port.workbook.worksheets.map((ws) => opened.port.sheetInput(ws.name));
    prepared.push(prepareSource({ file: labels[i]!, sheets }, profile, options));
  }
  await yieldToBrowser();
  return mergeSources(prepared, profile, options);
}

/** The submission file's bytes (the export's writer: print setup included). */
export function mergedFileBytes(m: MergedSubmission): Promise<Uint8Array> {
  return workbookBytes(workbookFromExport(m.book));
}
