/**
 * Writing cells, and the snapshot taken before every write (ARCHITECTURE.md, Office.js rules 4 and 5).
 *
 * Writing one rectangle of cells is three assignments in the same batch, executed by Excel in order:
 *   1. `numberFormat` = the *entry* format: `@` for every text value (so that `0123`, 18-digit IDs or `2020-09`
 *      are stored as text and never turned into numbers or dates), the final format for everything else (a
 *      formula, number or boolean going into a cell whose final format is `@` is entered under `General`);
 *   2. `values` = the values (`""` empties a cell; a formula is entered as its `=…` text);
 *   3. `numberFormat` = the final formats, only where they differ from step 1. Changing a cell's format does not
 *      convert what it holds, so a text value stays text even when its final format is `General` — which is how a
 *      snapshot's "text in a General cell" is put back exactly.
 * Patches are grouped into rectangles (a fix of one column is a handful of ranges, not thousands), and rectangles
 * into syncs of at most ~4 MB of estimated request (`payload.ts`): one sync per ~4 MB, whatever the patch count.
 *
 * The snapshot reads, for exactly the cells about to be written, `values`, `numberFormat`, `formulas` and
 * `valueTypes`. Its cells are the port's `CellState` plus two optional fields this adapter needs to put a cell back
 * exactly: `formula` (the cell held a formula; `value` is its last result) and `error` (the cell held an error
 * constant such as `#N/A`). Keep the snapshot object as returned (JSON round-trips are fine).
 */
/// <reference types="office-js" />
import type { CellState, Snapshot } from '../core/port';
import type { Patch } from '../core/types';
import { parseCell, rectAddress, type CellPos, type RangeRef } from './a1';
import { adapterError, isPayloadLimitError } from './errors';
import { CALL_OVERHEAD_BYTES, groupByBudget, jsonBytes, SYNC_BUDGET_BYTES, utf8Length } from './payload';
import { cellsToRectangles } from './rectangles';

export interface ExcelCellState extends CellState {
  /** The cell held this formula (`=…`); `value` is its last result. */
  formula?: string;
  /** The cell held an error constant (`value` is its text, e.g. `#N/A`). */
  error?: boolean;
}

export interface ExcelSnapshot extends Snapshot {
  cells: ExcelCellState[];
}

/** One cell to write, in sheet coordinates. */
export interface CellWrite extends CellPos {
  value: string | number | boolean | null;
  numberFormat: string;
  formula?: string;
  error?: boolean;
}

export interface WriteBlock {
  rect: RangeRef;
  address: string;
  entryFormats: string[][];
  values: Array<Array<string | number | boolean>>;
  /** Final formats, or null when they equal the entry formats everywhere. */
  finalFormats: string[][] | null;
  /** Estimated request bytes of this block. */
  bytes: number;
}

/** A block with its address and estimated request size: set formats, set values, and maybe set final formats. */
function writeBlock(
  rect: RangeRef,
  entryFormats: string[][],
  values: WriteBlock['values'],
  finalFormats: string[][] | null,
): WriteBlock {
  const address = rectAddress(rect);
  const bytes =
    utf8Length(address) +
    (finalFormats ? 4 : 3) * CALL_OVERHEAD_BYTES +
    jsonBytes(entryFormats) +
    jsonBytes(values) +
    (finalFormats ? jsonBytes(finalFormats) : 0);
  return { rect, address, entryFormats, values, finalFormats, bytes };
}

function finalFormatOf(w: CellWrite): string {
  return w.numberFormat === '' ? 'General' : w.numberFormat;
}

/** What goes into `values` for a cell. */
export function entryValue(w: CellWrite): string | number | boolean {
  if (w.formula !== undefined) return w.formula;
  return w.value === null ? '' : w.value;
}

/** The format a cell is given before its value is written (see the module comment). */
export function entryFormat(w: CellWrite): string {
  const final = finalFormatOf(w);
  const entry = entryValue(w);
  if (typeof entry === 'string' && entry !== '' && w.formula === undefined && !w.error) return '@';
  if (final === '@' && entry !== '') return 'General';
  return final;
}

/** Patches → cell writes (validated; the last patch of a cell wins). */
export function patchesToWrites(patches: readonly Patch[], operation: 'apply' | 'restore' = 'apply'): CellWrite[] {
  const byCell = new Map<string, CellWrite>();
  for (const p of patches) {
    const pos = parseCell(p.cell.replace(/\$/g, ''));
    if (!pos) throw adapterError('invalid-input', operation, { cause: new RangeError(`not a cell address: ${p.cell}`) });
    const w: CellWrite = { ...pos, value: p.value, numberFormat: p.numberFormat };
    // A table fix moves formulas and error values with their rows (core Patch.formula / Patch.error).
    if (p.formula !== undefined) w.formula = `=${p.formula}`;
    if (p.error === true) w.error = true;
    byCell.set(`${pos.row}:${pos.col}`, w);
  }
  return [...byCell.values()];
}

/** Snapshot cells → cell writes that put them back. */
export function statesToWrites(cells: readonly ExcelCellState[]): CellWrite[] {
  const byCell = new Map<string, CellWrite>();
  for (const s of cells) {
    const pos = parseCell(s.cell.replace(/\$/g, ''));
    if (!pos) throw adapterError('invalid-input', 'restore', { cause: new RangeError(`not a cell address: ${s.cell}`) });
    const w: CellWrite = { ...pos, value: s.value, numberFormat: s.numberFormat };
    if (typeof s.formula === 'string' && s.formula.startsWith('=')) w.formula = s.formula;
    if (s.error === true) w.error = true;
    byCell.set(`${pos.row}:${pos.col}`, w);
  }
  return [...byCell.values()];
}

/** Group writes into rectangles with their three matrices and a size estimate. Pure. */
export function planWrites(writes: readonly CellWrite[]): WriteBlock[] {
  const byKey = new Map<number, CellWrite>();
  for (const w of writes) byKey.set(w.row * 16384 + w.col, w);
  const blocks: WriteBlock[] = [];
  for (const rect of cellsToRectangles(writes)) {
    const entryFormats: string[][] = [];
    const values: Array<Array<string | number | boolean>> = [];
    const finalFormats: string[][] = [];
    let differs = false;
    for (let row = rect.top; row <= rect.bottom; row++) {
      const ef: string[] = [];
      const vs: Array<string | number | boolean> = [];
      const ff: string[] = [];
      for (let col = rect.left; col <= rect.right; col++) {
        const w = byKey.get(row * 16384 + col)!;
        const e = entryFormat(w);
        const f = finalFormatOf(w);
        if (e !== f) differs = true;
        ef.push(e);
        vs.push(entryValue(w));
        ff.push(f);
      }
      entryFormats.push(ef);
      values.push(vs);
      finalFormats.push(ff);
    }
    blocks.push(writeBlock(rect, entryFormats, values, differs ? finalFormats : null));
  }
  return blocks;
}

export interface WriteStats {
  syncs: number;
  /** Estimated request bytes queued. */
  bytes: number;
  rects: RangeRef[];
}

/**
 * Write cells on `sheetName`: one sync per ~4 MB of estimated request. Screen updating is suspended for each sync.
 * A sync refused for its size (the estimate fell short) is sent again in halves. Errors are Office.js errors (mapped
 * by the caller).
 */
export async function writeCells(
  context: Excel.RequestContext,
  sheetName: string,
  writes: readonly CellWrite[],
  budget = SYNC_BUDGET_BYTES,
): Promise<WriteStats> {
  const blocks = planWrites(writes);
  let pending = groupByBudget(blocks, (b) => b.bytes, budget);
  let syncs = 0;
  let bytes = 0;
  while (pending.length > 0) {
    const group = pending[0]!;
    const ws = context.workbook.worksheets.getItem(sheetName);
    // Once per sync (a handful at most): Excel repaints once when the sync completes.
    context.workbook.application.suspendScreenUpdatingUntilNextSync();
    for (const b of group) {
      const range = ws.getRange(b.address);
      range.numberFormat = b.entryFormats;
      range.values = b.values;
      if (b.finalFormats) range.numberFormat = b.finalFormats;
    }
    try {
      await context.sync();
    } catch (e) {
      // A refused request ran nothing, and writing is idempotent: send it again in halves (our estimate was short).
      const halves = isPayloadLimitError(e) ? splitWriteGroup(group) : null;
      if (halves) {
        pending = [...halves, ...pending.slice(1)];
        continue;
      }
      throw e;
    }
    pending = pending.slice(1);
    syncs++;
    for (const b of group) bytes += b.bytes;
  }
  return { syncs, bytes, rects: blocks.map((b) => b.rect) };
}

/** Halve a group of write blocks (a lone block by its rows); null when it is a single cell row. */
function splitWriteGroup(group: WriteBlock[]): WriteBlock[][] | null {
  if (group.length > 1) {
    const mid = Math.floor(group.length / 2);
    return [group.slice(0, mid), group.slice(mid)];
  }
  const b = group[0]!;
  const rows = b.rect.bottom - b.rect.top + 1;
  if (rows < 2) return null;
  const cut = Math.floor(rows / 2);
  const part = (from: number, to: number): WriteBlock => {
    const rect = { ...b.rect, top: b.rect.top + from, bottom: b.rect.top + to - 1 };
    return writeBlock(
      rect,
      b.entryFormats.slice(from, to),
      b.values.slice(from, to),
      b.finalFormats ? b.finalFormats.slice(from, to) : null,
    );
  };
  return [[part(0, cut)], [part(cut, rows)]];
}

/** Rename a sheet (one sync). */
export async function renameSheet(context: Excel.RequestContext, from: string, to: string): Promise<void> {
  context.workbook.worksheets.getItem(from).name = to;
  await context.sync();
}

/** Cells per snapshot sync at most (four properties per cell come back). */
export const SNAPSHOT_CELLS_PER_SYNC = 40_000;

function stateOf(
  cell: string,
  value: unknown,
  valueType: unknown,
  numberFormat: unknown,
  formula: unknown,
): ExcelCellState {
  const fmt = typeof numberFormat === 'string' && numberFormat !== '' ? numberFormat : 'General';
  const isFormula =
    typeof formula === 'string' && formula.startsWith('=') && !(valueType === 'String' && value === formula);
  let v: string | number | boolean | null;
  if (valueType === 'Empty' || value === '' || value === null || value === undefined) v = null;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') v = value;
  else v = String(value);
  const state: ExcelCellState = { cell, value: v, numberFormat: fmt };
  if (isFormula) state.formula = formula;
  else if (valueType === 'Error') state.error = true;
  return state;
}

/**
 * Read the current state (value, number format, formula, error) of exactly these cells. Rectangles are read in
 * syncs bounded by estimated request bytes and by cell count; a sync refused for its size is split in half.
 */
export async function readCellStates(
  context: Excel.RequestContext,
  sheetName: string,
  cells: readonly CellPos[],
  budget = SYNC_BUDGET_BYTES,
): Promise<ExcelCellState[]> {
  const rects = cellsToRectangles(cells);
  const perRect = (r: RangeRef): number => utf8Length(rectAddress(r)) + 2 * CALL_OVERHEAD_BYTES;
  let pending: RangeRef[][] = [];
  for (const group of groupByBudget(rects, perRect, budget)) {
    pending.push(...groupByBudget(group, (r) => (r.bottom - r.top + 1) * (r.right - r.left + 1), SNAPSHOT_CELLS_PER_SYNC));
  }
  const states: ExcelCellState[] = [];
  while (pending.length > 0) {
    const group = pending[0]!;
    const ws = context.workbook.worksheets.getItem(sheetName);
    const ranges = group.map((r) => {
      const range = ws.getRange(rectAddress(r));
      range.load('values,numberFormat,formulas,valueTypes');
      return range;
    });
    try {
      await context.sync();
    } catch (e) {
      if (isPayloadLimitError(e) && (group.length > 1 || rectHasSeveralRows(group[0]!))) {
        pending = [...splitGroup(group), ...pending.slice(1)];
        continue;
      }
      throw e;
    }
    pending = pending.slice(1);
    group.forEach((r, i) => {
      const range = ranges[i]!;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const y = row - r.top;
          const x = col - r.left;
          states.push(
            stateOf(
              rectAddress({ top: row, bottom: row, left: col, right: col }),
              range.values[y]![x],
              range.valueTypes[y]![x],
              range.numberFormat[y]![x],
              range.formulas[y]![x],
            ),
          );
        }
      }
    });
  }
  return states;
}

function rectHasSeveralRows(r: RangeRef): boolean {
  return r.bottom > r.top;
}

/** Halve a group: by rectangles, or a lone tall rectangle by rows. */
function splitGroup(group: RangeRef[]): RangeRef[][] {
  if (group.length > 1) {
    const mid = Math.floor(group.length / 2);
    return [group.slice(0, mid), group.slice(mid)];
  }
  const r = group[0]!;
  const mid = r.top + Math.floor((r.bottom - r.top) / 2);
  return [[{ ...r, bottom: mid }], [{ ...r, top: mid + 1 }]];
}
