/**
 * Live re-check support (ARCHITECTURE.md, Office.js rule 6): tell the task pane which rows the user changed.
 *
 * - `worksheet.onChanged` (ExcelApi 1.7) is registered on the one sheet being checked; the caller debounces.
 * - The add-in's own writes are ignored: with ExcelApi 1.14 by `triggerSource === 'ThisLocalAddin'`; without it,
 *   by `OwnWriteTracker`, which remembers the rectangles the adapter is writing (and for a few seconds after), and
 *   ignores a change that lies entirely inside them.
 * - Inserted or deleted rows/columns, and whole-column edits, report every row from the first one touched to the
 *   end of the used range (rows below have moved). Finding that end is one small `Excel.run` with
 *   `delayForCellEdit`, so it waits for the user to leave the cell instead of failing.
 * - Events can be missed (Excel does not promise delivery); the pane keeps its manual 重新校验 button.
 * - A failure inside the handler is not swallowed: it goes to `onError` (typed, Chinese), or is rethrown.
 */
/// <reference types="office-js" />
import { MAX_ROWS, parseAreaList, rectIntersection, type RangeRef } from './a1';
import { toAdapterError, type ExcelAdapterError } from './errors';
import type { ExcelRun } from './run';

/** Milliseconds after a write during which its change events are still recognised as our own. */
export const OWN_WRITE_GRACE_MS = 3000;

/** Remembers what the adapter is writing, for hosts without `triggerSource` (ExcelApi < 1.14). Pure. */
export class OwnWriteTracker {
  private next = 1;
  private readonly active = new Map<number, { sheet: string; rects: RangeRef[] }>();
  private recent: Array<{ sheet: string; rects: RangeRef[]; until: number }> = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly graceMs = OWN_WRITE_GRACE_MS,
  ) {}

  begin(sheet: string, rects: readonly RangeRef[]): number {
    const token = this.next++;
    this.active.set(token, { sheet, rects: [...rects] });
    return token;
  }

  end(token: number): void {
    const w = this.active.get(token);
    if (!w) return;
    this.active.delete(token);
    this.recent.push({ ...w, until: this.now() + this.graceMs });
  }

  /** Whether every cell of the changed rectangles lies in something we are writing or just wrote on this sheet. */
  isOwnWrite(sheet: string, changed: readonly RangeRef[]): boolean {
    const t = this.now();
    this.recent = this.recent.filter((w) => w.until >= t);
    const written: RangeRef[] = [];
    for (const w of this.active.values()) if (w.sheet === sheet) written.push(...w.rects);
    for (const w of this.recent) if (w.sheet === sheet) written.push(...w.rects);
    if (written.length === 0 || changed.length === 0) return false;
    return changed.every((c) => coveredBy(c, written));
  }
}

/** Whether rectangle `c` is covered by the union of `rects` (cell count of the intersections, rects disjoint). */
function coveredBy(c: RangeRef, rects: readonly RangeRef[]): boolean {
  const size = (r: RangeRef): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);
  let covered = 0;
  for (const r of rects) {
    const i = rectIntersection(c, r);
    if (i) covered += size(i);
  }
  return covered >= size(c);
}

const STRUCTURAL = new Set(['RowInserted', 'RowDeleted', 'ColumnInserted', 'ColumnDeleted', 'CellInserted', 'CellDeleted']);

/** Rows (1-based, ascending, unique) touched by a change; `lastRow` bounds whole columns and structural changes. */
export function changedRows(address: string, changeType: string | undefined, lastRow: number): number[] {
  const rects = parseAreaList(address);
  if (rects.length === 0) return [];
  const rows = new Set<number>();
  if (changeType !== undefined && STRUCTURAL.has(changeType)) {
    const first = Math.min(...rects.map((r) => r.top));
    for (let r = first; r <= Math.max(first, lastRow); r++) rows.add(r);
  } else {
    for (const rect of rects) {
      const bottom = rect.bottom === MAX_ROWS ? Math.max(rect.top, Math.min(lastRow, MAX_ROWS)) : rect.bottom;
      for (let r = rect.top; r <= bottom; r++) rows.add(r);
    }
  }
  return [...rows].sort((a, b) => a - b);
}

/** Whether finding the used range's last row is needed to know which rows changed. */
export function needsLastRow(address: string, changeType: string | undefined): boolean {
  if (changeType !== undefined && STRUCTURAL.has(changeType)) return true;
  return parseAreaList(address).some((r) => r.bottom === MAX_ROWS);
}

/** Last used row (1-based) of a sheet (by name or id), 0 when empty. */
export async function usedLastRow(context: Excel.RequestContext, sheetKey: string): Promise<number> {
  const used = context.workbook.worksheets.getItem(sheetKey).getUsedRangeOrNullObject(true);
  used.load('rowIndex,rowCount');
  await context.sync();
  return used.isNullObject ? 0 : used.rowIndex + used.rowCount;
}

export interface RowsChangedOptions {
  run: ExcelRun;
  /** ExcelApi 1.14: trust `triggerSource`. */
  triggerSource: boolean;
  tracker: OwnWriteTracker;
  /** Where handler failures go; rethrown when absent. */
  onError?: (error: ExcelAdapterError) => void;
}

/** Register for the user's changes on `sheetName`; resolves to an unsubscribe function. */
export async function subscribeRowsChanged(
  sheetName: string,
  handler: (rows: number[]) => void,
  options: RowsChangedOptions,
): Promise<() => Promise<void>> {
  const { run, tracker } = options;
  const onChanged = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
    try {
      if (args.triggerSource === 'ThisLocalAddin') return;
      if (!options.triggerSource && tracker.isOwnWrite(sheetName, parseAreaList(args.address))) return;
      // By the sheet's id when Excel gives it: a fix may have renamed the sheet since this handler was added.
      const sheetKey = args.worksheetId || sheetName;
      const lastRow = needsLastRow(args.address, args.changeType)
        ? await run({ delayForCellEdit: true }, (ctx) => usedLastRow(ctx, sheetKey))
        : 0;
      const rows = changedRows(args.address, args.changeType, lastRow);
      if (rows.length > 0) handler(rows);
    } catch (e) {
      const err = toAdapterError(e, 'events', sheetName);
      if (options.onError) options.onError(err);
      else throw err;
    }
  };
  const registration = await run({ delayForCellEdit: true }, async (ctx) => {
    const result = ctx.workbook.worksheets.getItem(sheetName).onChanged.add(onChanged);
    await ctx.sync();
    return result;
  });
  let removed = false;
  return async () => {
    if (removed) return;
    await run({ context: registration.context }, async (ctx) => {
      registration.remove();
      await ctx.sync();
    });
    removed = true;
  };
}
