/**
 * How the adapter gets a `RequestContext`: through an injectable run function, `Excel.run` by default, so that
 * tests pass the recording fake (test/excel/fake-excel.ts) or office-addin-mock instead.
 */
/// <reference types="office-js" />
import { adapterError } from './errors';

export interface BatchOptions {
  /** Wait for the user to leave cell edit mode instead of failing (Excel.RunOptions.delayForCellEdit). */
  delayForCellEdit?: boolean;
  /** ExcelApi 1.20: all syncs of this run are one step of Excel's undo. */
  mergeUndoGroup?: boolean;
  /** Run on an existing context (needed to remove an event handler: it must use the context that added it). */
  context?: OfficeExtension.ClientRequestContext;
}

export type ExcelRun = <T>(options: BatchOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Excel.run`, with the options this adapter uses; a typed `no-excel` error outside Excel. */
export const excelRun: ExcelRun = <T>(
  options: BatchOptions,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> => {
  const excel = (globalThis as { Excel?: typeof Excel }).Excel;
  if (excel === undefined) return Promise.reject(adapterError('no-excel', 'requirements'));
  if (options.context !== undefined) return excel.run(options.context, batch);
  const runOptions: Excel.RunOptions = {};
  if (options.delayForCellEdit) runOptions.delayForCellEdit = true;
  if (options.mergeUndoGroup) runOptions.mergeUndoGroup = true;
  return excel.run(runOptions, batch);
};
