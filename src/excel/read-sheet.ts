/**
 * Read a worksheet's used range as the core's `SheetInput` (ARCHITECTURE.md, Office.js rule 2).
 *
 * - One sync for the used range's position and size (`getUsedRangeOrNullObject(true)`: cells with values only, so
 *   whole columns formatted down to row 1,048,576 do not make the read huge).
 * - Then one sync per block of rows (about 5,000; fewer when the sheet is wide) loading `values`, `numberFormat`
 *   and `valueTypes`, plus the addresses of formula cells in the block (`getSpecialCellsOrNullObject('Formulas')`:
 *   one short address string, not the formulas). The first block also asks for the merged areas of the used range
 *   (`getMergedAreasOrNullObject`, ExcelApi 1.13; without 1.13 merges are not read and `merges` is empty).
 * - A block refused for its size (Request/ResponsePayloadSizeLimitExceeded, Excel on the web's 5 MB cap) is retried
 *   at half the rows, down to one row; the smaller size is kept for the rest of the sheet. All objects of a retry
 *   are fresh (objects created in a failed batch are not reused).
 * - Progress is reported after each block, and the task pane's thread is yielded to between blocks, so a long
 *   read neither freezes the pane nor holds Excel in one giant request. No sync happens per row or per cell.
 */
/// <reference types="office-js" />
import type { Cell, SheetInput } from '../core/types';
import type { ReadProgress } from '../core/port';
import { parseAreaList, rectAddress, rectIntersection, type RangeRef } from './a1';
import { blockToRows } from './cell-values';
import { isPayloadLimitError } from './errors';
import type { Capabilities } from './requirements';

/** Rows per block at most (the "blocks of about 5,000 rows"). */
export const MAX_BLOCK_ROWS = 5000;
/** Cells per block at most, so that wide sheets get shorter blocks from the start (5,000 rows × 10 columns). */
export const MAX_BLOCK_CELLS = 50_000;

export function initialBlockRows(columnCount: number, maxRows = MAX_BLOCK_ROWS): number {
  return Math.max(1, Math.min(maxRows, Math.floor(MAX_BLOCK_CELLS / Math.max(1, columnCount))));
}

export interface ReadSheetOptions {
  caps: Pick<Capabilities, 'mergedAreas'>;
  /** Override the first block size (tests). */
  blockRows?: number;
  onProgress?: (p: ReadProgress) => void;
  /** Called between blocks; defaults to yielding one macrotask so the pane can paint. */
  pause?: () => Promise<void>;
}

export interface ReadStats {
  blocks: number;
  retries: number;
  blockRows: number;
}

const defaultPause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Rectangles of formula cells, keyed for a fast per-cell test. */
function formulaTest(rects: readonly RangeRef[]): (row: number, col: number) => boolean {
  if (rects.length === 0) return () => false;
  return (row, col) => {
    for (const r of rects) if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) return true;
    return false;
  };
}

/**
 * Read the used range of `sheetName`. `stats`, when given, is filled with the number of blocks and retries.
 * Errors are Office.js errors (the caller maps them with `toAdapterError`).
 */
export async function readSheet(
  context: Excel.RequestContext,
  sheetName: string,
  options: ReadSheetOptions,
  stats?: ReadStats,
): Promise<SheetInput> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  sheet.load('name');
  await context.sync();
  const name = sheet.name;
  if (used.isNullObject) {
    options.onProgress?.({ rowsRead: 0, totalRows: 0 });
    return { name, rows: [], merges: [] };
  }
  const top = used.rowIndex; // 0-based
  const left = used.columnIndex;
  const rowCount = used.rowCount;
  const columnCount = used.columnCount;
  const usedRect: RangeRef = { top: top + 1, bottom: top + rowCount, left, right: left + columnCount - 1 };

  const rows: Array<ReadonlyArray<Cell | undefined> | undefined> = new Array(top + rowCount);
  let merges: string[] | null = options.caps.mergedAreas ? null : [];
  let block = Math.max(1, options.blockRows ?? initialBlockRows(columnCount));
  const pause = options.pause ?? defaultPause;
  let done = 0;
  let blocks = 0;
  let retries = 0;
  options.onProgress?.({ rowsRead: 0, totalRows: rowCount });

  while (done < rowCount) {
    const n = Math.min(block, rowCount - done);
    // Fresh objects for every attempt: nothing from a failed batch is reused.
    const ws = context.workbook.worksheets.getItem(sheetName);
    const range = ws.getRangeByIndexes(top + done, left, n, columnCount);
    range.load('values,numberFormat,valueTypes');
    const formulas = range.getSpecialCellsOrNullObject('Formulas');
    formulas.load('address');
    let mergedAreas: Excel.RangeAreas | undefined;
    if (merges === null) {
      mergedAreas = ws.getRange(rectAddress(usedRect)).getMergedAreasOrNullObject();
      mergedAreas.load('address');
    }
    try {
      await context.sync();
    } catch (e) {
      if (isPayloadLimitError(e) && n > 1) {
        block = Math.max(1, Math.floor(n / 2));
        retries++;
        continue;
      }
      throw e;
    }
    blocks++;
    const blockRect: RangeRef = { top: top + done + 1, bottom: top + done + n, left, right: left + columnCount - 1 };
    // Keep only formula cells inside this block (Excel's special-cells lookups have been known to widen a
    // single-cell range to the whole used range).
    const formulaRects = formulas.isNullObject
      ? []
      : parseAreaList(formulas.address)
          .map((r) => rectIntersection(r, blockRect))
          .filter((r): r is RangeRef => r !== null);
    const converted = blockToRows(
      { values: range.values, valueTypes: range.valueTypes, numberFormat: range.numberFormat },
      left,
      top + done + 1,
      formulaTest(formulaRects),
    );
    for (let i = 0; i < converted.length; i++) rows[top + done + i] = converted[i];
    if (mergedAreas !== undefined) {
      merges = mergedAreas.isNullObject ? [] : parseAreaList(mergedAreas.address).map(rectAddress);
    }
    done += n;
    options.onProgress?.({ rowsRead: done, totalRows: rowCount });
    if (done < rowCount) await pause();
  }
  if (stats) {
    stats.blocks = blocks;
    stats.retries = retries;
    stats.blockRows = block;
  }
  return { name, rows, merges: merges ?? [] };
}
