/**
 * Read only the rows the user changed (the live re-check, ARCHITECTURE.md Office.js rule 6; issue 10): the pane
 * re-checks them against what it kept of the rest, so one edit in a 100,000-row sheet reads one row, not the sheet.
 *
 * - Changed rows are grouped into runs of consecutive rows; each run is read as the used part of those whole rows
 *   (`getRange('5:7').getUsedRangeOrNullObject(true)`: cells with values only, never 16,384 columns), loading
 *   `values`, `numberFormat` and `valueTypes` — exactly what `readSheet` loads — plus where formulas are
 *   (`getSpecialCellsOrNullObject('Formulas')` on the same rows: an address, not the formulas).
 * - The sheet's used range (its last row) and its name come with the first batch: rows below the new last row are
 *   gone, and a renamed sheet is followed.
 * - One sync per batch of at most about 5,000 rows (one batch for an ordinary edit); a batch refused for its size
 *   (Excel on the web's 5 MB cap) is read again in halves, with fresh objects. No sync per row.
 */
/// <reference types="office-js" />
import type { RowsRead } from '../core/port';
import type { Cell } from '../core/types';
import { parseAreaList, rectIntersection, type RangeRef } from './a1';
import { blockToRows } from './cell-values';
import { isPayloadLimitError } from './errors';
import { MAX_BLOCK_ROWS } from './read-sheet';

export interface ReadRowsStats {
  /** Runs of rows read (one range each). */
  blocks: number;
  /** Syncs. */
  syncs: number;
  retries: number;
}

/** Consecutive rows → runs, each at most `maxRows` long. */
export function rowRuns(rows: readonly number[], maxRows = MAX_BLOCK_ROWS): Array<{ top: number; bottom: number }> {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => a - b);
  const runs: Array<{ top: number; bottom: number }> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last.bottom + 1 && r - last.top < maxRows) last.bottom = r;
    else runs.push({ top: r, bottom: r });
  }
  return runs;
}

/** Errors are Office.js errors (the caller maps them with `toAdapterError`). */
export async function readRows(
  context: Excel.RequestContext,
  sheetName: string,
  rows: readonly number[],
  stats: ReadRowsStats = { blocks: 0, syncs: 0, retries: 0 },
  maxRows = MAX_BLOCK_ROWS,
): Promise<RowsRead> {
  let runs = rowRuns(rows, maxRows);
  const out = new Map<number, ReadonlyArray<Cell | undefined> | undefined>();
  let name = sheetName;
  let lastRow = 0;
  let first = true;
  let budget = maxRows;
  while (first || runs.length > 0) {
    // Take runs up to the row budget for this sync.
    const batch: typeof runs = [];
    let n = 0;
    while (runs.length > 0 && (batch.length === 0 || n + (runs[0]!.bottom - runs[0]!.top + 1) <= budget)) {
      const run = runs.shift()!;
      const size = run.bottom - run.top + 1;
      if (size > budget) {
        batch.push({ top: run.top, bottom: run.top + budget - 1 });
        runs.unshift({ top: run.top + budget, bottom: run.bottom });
        n += budget;
        break;
      }
      batch.push(run);
      n += size;
    }
    const ws = context.workbook.worksheets.getItem(sheetName);
    let used: Excel.Range | undefined;
    if (first) {
      ws.load('name');
      used = ws.getUsedRangeOrNullObject(true);
      used.load('rowIndex,rowCount');
    }
    const reads = batch.map((run) => {
      const band = ws.getRange(`${run.top}:${run.bottom}`);
      const cells = band.getUsedRangeOrNullObject(true);
      cells.load('rowIndex,columnIndex,values,numberFormat,valueTypes');
      const formulas = band.getSpecialCellsOrNullObject('Formulas');
      formulas.load('address');
      return { run, cells, formulas };
    });
    try {
      stats.syncs++;
      await context.sync();
    } catch (e) {
      if (isPayloadLimitError(e) && n > 1) {
        budget = Math.max(1, Math.floor(n / 2));
        runs = [...batch, ...runs];
        stats.retries++;
        continue;
      }
      throw e;
    }
    if (first) {
      name = ws.name;
      lastRow = used!.isNullObject ? 0 : used!.rowIndex + used!.rowCount;
      first = false;
    }
    for (const { run, cells, formulas } of reads) {
      stats.blocks++;
      for (let r = run.top; r <= run.bottom; r++) out.set(r, undefined);
      if (cells.isNullObject) continue;
      const top = cells.rowIndex + 1;
      const left = cells.columnIndex;
      const band: RangeRef = { top: run.top, bottom: run.bottom, left: 0, right: 16_383 };
      const formulaRects = formulas.isNullObject
        ? []
        : parseAreaList(formulas.address)
            .map((f) => rectIntersection(f, band))
            .filter((f): f is RangeRef => f !== null);
      const converted = blockToRows({ values: cells.values, valueTypes: cells.valueTypes, numberFormat: cells.numberFormat }, left, top, (row, col) =>
        formulaRects.some((f) => row >= f.top && row <= f.bottom && col >= f.left && col <= f.right),
      );
      converted.forEach((cellsOfRow, i) => {
        if (top + i >= run.top && top + i <= run.bottom) out.set(top + i, cellsOfRow);
      });
    }
  }
  const read = [...out].sort(([a], [b]) => a - b).map(([row, cells]) => ({ row, cells }));
  return { sheet: name, rows: read, lastRow };
}
