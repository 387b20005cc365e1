/**
 * 导出: the pane's one call into the exporter (src/core/export, pure; src/files/export-xlsx, ExcelJS). The checked
 * sheet, read afresh, becomes its submission workbook(s) in the school's layout; each is opened in Excel through the
 * port (Excel.createWorkbook) or downloaded. ExcelJS (~1 MB) is loaded only when 导出 is clicked.
 */
import type { WorkbookPort } from '../core/port';
import type { Issue, SheetInput } from '../core/types';
import type { Profile } from '../core/profile/schema';
import type { CheckOptions } from '../core/engine/check';
import { exporter } from '../core';
import { analyseWorkbook } from '../core/engine/report';
import { PaneError, toPaneError } from './errors';

export type ExportOutcome =
  | {
      kind: 'done';
      files: { fileName: string; result: 'opened' | 'downloaded' }[];
      /** Warnings left in the exported sheets (never blocking). */
      warnings: number;
      /** Errors exported anyway (only when forced). */
      forcedErrors: number;
    }
  /**
   * Errors that no fix resolves (in the user's sheet), or that the written file would have when checked again:
   * nothing was exported; the user may go on anyway. `problems` lists the first few.
   */
  | { kind: 'blocked'; problems: ExportProblem[]; total: number }
  /** The sheet is not one of the templates. */
  | { kind: 'nothing'; reason: string };

export interface ExportProblem {
  /** '原表 C6', '原表 表头', or '导出文件 B4' (the check of the file about to be written). */
  where: string;
  message: string;
}

/** The export's steps, for the progress line. */
export type ExportStep = 'prepare' | 'write' | 'open';

/** Thrown when the exporter's modules cannot be loaded (a build without them, or a failed chunk load). */
export class ExportNotReadyError extends PaneError {
  constructor(detail: string | null = null) {
    super('export-not-ready', '导出功能尚未就绪', 'export', detail);
  }
}

async function loadWriter(): Promise<typeof import('../files/export-xlsx')> {
  try {
    return await import(/* webpackChunkName: "export-xlsx" */ '../files/export-xlsx');
  } catch (e) {
    throw new ExportNotReadyError(e instanceof Error ? e.message : String(e));
  }
}

function problem(where: '原表' | '导出文件', i: Issue): ExportProblem {
  return { where: `${where} ${i.cell ?? '表头'}`, message: i.message };
}

function toBytes(buffer: ArrayBuffer | Uint8Array | ArrayLike<number>): Uint8Array {
  if (buffer instanceof Uint8Array) return buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return Uint8Array.from(buffer as ArrayLike<number>);
}

/**
 * Export one sheet (as it is in the workbook now). Unresolved errors block the export unless `force`; the files
 * are handed to `port.openWorkbook` one by one.
 */
export async function exportSheet(
  port: WorkbookPort,
  input: SheetInput,
  profile: Profile,
  options: CheckOptions,
  force: boolean,
  onStep: (step: ExportStep, fileName?: string) => void = () => undefined,
): Promise<ExportOutcome> {
  onStep('prepare');
  let prep: ReturnType<typeof exporter.prepareExports>;
  try {
    prep = exporter.prepareExports([input], profile, options);
  } catch (e) {
    throw toPaneError(e, 'export');
  }
  if (prep.exports.length === 0) {
    const reason = prep.skipped[0]?.reason ?? '未识别为任何模板';
    return { kind: 'nothing', reason: `工作表“${input.name}”${reason}，无法导出。请在上方选择模板后再校验。` };
  }
  const ctx = { reportDate: options.reportDate };
  let books: ReturnType<typeof exporter.buildExportWorkbook>[];
  let problems: ExportProblem[];
  try {
    books = prep.exports.map((sx) => exporter.buildExportWorkbook(sx, profile, ctx));
    problems = prep.exports.flatMap((sx) => sx.errors.map((i) => problem('原表', i)));
    // As the command line does: each file's own content is checked again before it is written (only where the
    // sheet itself is clean), so that a file `xueji check` would reject is never produced unasked.
    prep.exports.forEach((sx, k) => {
      if (sx.errors.length) return;
      const content = books[k]!.sheets.map(exporter.exportSheetToInput);
      for (const a of analyseWorkbook(content, profile, { reportDate: options.reportDate })) {
        for (const i of a.report.issues) if (i.severity === 'error') problems.push(problem('导出文件', i));
      }
    });
  } catch (e) {
    throw toPaneError(e, 'export');
  }
  if (problems.length && !force) return { kind: 'blocked', problems: problems.slice(0, 5), total: problems.length };
  const names = exporter.uniqueFileNames(books.map((b, i) => ({ fileName: b.fileName, sheet: prep.exports[i]!.sheet })));
  const { workbookFromExport } = await loadWriter();
  const files: { fileName: string; result: 'opened' | 'downloaded' }[] = [];
  for (let i = 0; i < books.length; i++) {
    const fileName = names[i]!;
    onStep('write', fileName);
    let data: Uint8Array;
    try {
      const wb = workbookFromExport(books[i]!);
      data = toBytes((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    } catch (e) {
      throw toPaneError(e, 'export');
    }
    onStep('open', fileName);
    try {
      files.push({ fileName, result: await port.openWorkbook(fileName, data) });
    } catch (e) {
      throw toPaneError(e, 'export');
    }
  }
  return {
    kind: 'done',
    files,
    warnings: prep.exports.reduce((n, x) => n + x.warnings.length, 0),
    forcedErrors: force ? problems.length : 0,
  };
}
