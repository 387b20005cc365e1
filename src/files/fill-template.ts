/**
 * Filling a school's own blank template with ExcelJS (`xueji export --template-file`): carries out the core's plan
 * (core/export/template-fill.ts) on the template's workbook. The records go under the template's header; its 备注 /
 * signature block moves as the plan says, with its values, styles, row heights, merges, data validations and
 * conditional formats; title rows, column widths, the header, other sheets and everything else stay as they were.
 * Rows the records need beyond the template's pre-formatted rows take the look (and data validations) of its last
 * pre-formatted row. Codes and IDs are written as text (`@`). The page setup is the profile's (print-setup.ts).
 *
 * Before ExcelJS reads a template, `fidelityProblems` (fidelity.ts) refuses what ExcelJS cannot carry over.
 * Browser-safe: bytes in, no file system.
 */
import type * as ExcelJS from 'exceljs';
import type { FillPlan } from '../core/export/template-fill';
import type { ExportValue } from '../core/export/types';
import { worksheetMerges } from './workbook';
import { decodeAddress, decodeRange, columnLetters } from './sheet-builder';
import { applyPrintSetup, borderTable } from './print-setup';

const VT_MERGE = 1 as ExcelJS.ValueType;
const VT_FORMULA = 6 as ExcelJS.ValueType;

// ---------------------------------------------------------------- filling

interface CellSnapshot {
  col: number;
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
  note: ExcelJS.Cell['note'] | undefined;
}

interface RowSnapshot {
  cells: CellSnapshot[];
  height: number | undefined;
  hidden: boolean;
}

type ValidationModel = Record<string, unknown>;

function validations(ws: ExcelJS.Worksheet): ValidationModel {
  return (ws as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
}

/** A deep copy of a style: ExcelJS shares style objects between cells loaded with the same format. */
function cloneStyle(style: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
  return style ? (JSON.parse(JSON.stringify(style)) as Partial<ExcelJS.Style>) : {};
}

/** A cell's own value to copy: a merge placeholder has none; a shared formula becomes a plain one. */
function ownValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type === VT_MERGE) return null;
  if (cell.type === VT_FORMULA) {
    const result = cell.result as ExcelJS.CellFormulaValue['result'];
    return result === undefined ? { formula: cell.formula } : { formula: cell.formula, result };
  }
  return cell.value;
}

function snapshotRow(ws: ExcelJS.Worksheet, r: number): RowSnapshot {
  const row = ws.getRow(r);
  const cells: CellSnapshot[] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cells.push({ col, value: ownValue(cell), style: cloneStyle(cell.style), note: cell.note });
  });
  return { cells, height: row.height, hidden: row.hidden };
}

/** Empty rows [from, to] entirely: values, styles, notes, heights and data validations. */
function resetRows(ws: ExcelJS.Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === VT_MERGE) cell.unmerge();
      cell.value = null;
      cell.style = {};
      // ExcelJS has no public way to remove a note: its setter always creates one.
      (cell as unknown as { _comment?: unknown })._comment = undefined;
    });
    (row as unknown as { height: number | undefined }).height = undefined;
    row.hidden = false;
  }
  const dv = validations(ws);
  for (const key of Object.keys(dv)) {
    const pos = decodeAddress(key);
    if (pos && pos.row >= from && pos.row <= to) delete dv[key];
  }
}

function restoreRow(ws: ExcelJS.Worksheet, r: number, snap: RowSnapshot): void {
  const row = ws.getRow(r);
  for (const c of snap.cells) {
    const cell = row.getCell(c.col);
    cell.value = c.value;
    cell.style = cloneStyle(c.style);
    if (c.note !== undefined) cell.note = c.note;
  }
  if (snap.height !== undefined) row.height = snap.height;
  row.hidden = snap.hidden;
}

function shiftRef(ref: string, from: number, shift: number, growFrom: number): string {
  return ref
    .split(/\s+/)
    .map((part) => {
      const r = decodeRange(part);
      if (!r) return part;
      if (r.top >= from) return `${columnLetters(r.left)}${r.top + shift}:${columnLetters(r.right)}${r.bottom + shift}`;
      // A range over the table that reached the block's first row grows (or shrinks) with the records.
      if (r.bottom >= growFrom - 1) return `${columnLetters(r.left)}${r.top}:${columnLetters(r.right)}${Math.max(r.top, r.bottom + shift)}`;
      return part;
    })
    .join(' ');
}

/** Move rows [start, end] by `shift` rows, with everything they hold. */
function moveBlock(ws: ExcelJS.Worksheet, start: number, end: number, shift: number): void {
  const merges = worksheetMerges(ws)
    .map((m) => ({ text: m, rect: decodeRange(m)! }))
    .filter((m) => m.rect.top >= start);
  for (const m of merges) ws.unMergeCells(m.text);
  const snaps: RowSnapshot[] = [];
  for (let r = start; r <= end; r++) snaps.push(snapshotRow(ws, r));
  const dv = validations(ws);
  const moved: [string, unknown][] = [];
  for (const key of Object.keys(dv)) {
    const pos = decodeAddress(key);
    if (pos && pos.row >= start && pos.row <= end) {
      moved.push([`${columnLetters(pos.col)}${pos.row + shift}`, dv[key]]);
      delete dv[key];
    }
  }
  const lo = Math.min(start, start + shift);
  const hi = Math.max(end, end + shift);
  resetRows(ws, lo, hi);
  snaps.forEach((s, i) => restoreRow(ws, start + i + shift, s));
  for (const [key, v] of moved) dv[key] = v;
  for (const m of merges) {
    ws.mergeCellsWithoutStyle(m.rect.top + shift, m.rect.left, m.rect.bottom + shift, m.rect.right);
  }
  const cfs = (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings ?? [];
  for (const cf of cfs) cf.ref = shiftRef(cf.ref, start, shift, start);
}

function clearValues(ws: ExcelJS.Worksheet, r: number): void {
  ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
    if (cell.type !== VT_MERGE) cell.value = null;
  });
}

function toCellValue(v: ExportValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return { error: v.error as ExcelJS.CellErrorValue['error'] };
  return v;
}

/**
 * The cell's style with number format @. A new object (assigning numFmt on a shared style would change every cell
 * sharing it), made once per distinct style and shared by the cells that had it.
 */
function setText(cell: ExcelJS.Cell, cache: Map<unknown, Partial<ExcelJS.Style>>): void {
  const base = cell.style;
  let text = cache.get(base);
  if (!text) cache.set(base, (text = { ...cloneStyle(base), numFmt: '@' }));
  cell.style = text;
}

export interface FillResult {
  sheet: string;
  firstRow: number;
}

/** Carry out `plan` on the loaded template workbook (mutates it). */
export function fillTemplate(workbook: ExcelJS.Workbook, plan: FillPlan): FillResult {
  const ws = workbook.getWorksheet(plan.sheet);
  if (!ws) throw new Error(`template sheet ${plan.sheet} not found`);
  const lastRow = ws.rowCount;
  for (const r of plan.exampleRows) clearValues(ws, r);

  // The template's own pre-formatted data rows end where its block starts (or at its last row).
  const dataEnd = (plan.blockStart ?? lastRow + 1) - 1;
  // The last of them that has any cell (a bare spacer row above the 备注 block has none).
  let styleRow: number | null = null;
  for (let r = dataEnd; r >= plan.firstRow && styleRow === null; r--) if ((ws.findRow(r)?.cellCount ?? 0) > 0) styleRow = r;
  // The look of the last pre-formatted row, taken before the block moves over it.
  let look: RowSnapshot | null = null;
  let lookValidations: [number, unknown][] = [];
  if (styleRow !== null) {
    look = snapshotRow(ws, styleRow);
    const dv = validations(ws);
    lookValidations = Object.keys(dv)
      .map((k) => [decodeAddress(k), dv[k]] as const)
      .filter(([pos]) => pos !== undefined && pos.row === styleRow)
      .map(([pos, v]) => [pos!.col, v]);
  }

  if (plan.blockStart !== null && plan.newBlockStart !== null && plan.newBlockStart !== plan.blockStart) {
    moveBlock(ws, plan.blockStart, Math.max(lastRow, plan.blockStart), plan.newBlockStart - plan.blockStart);
  }

  // Rows past the template's pre-formatted ones (new, or emptied by the block's move) take the look of its last one.
  const lastWritten = plan.firstRow + plan.rows.length - (plan.marker ? 0 : 1);
  if (look && lastWritten > dataEnd) {
    const shared = look.cells.map((c) => ({ col: c.col, style: cloneStyle(c.style) }));
    const dv = validations(ws);
    for (let r = Math.max(plan.firstRow, dataEnd + 1); r <= lastWritten; r++) {
      const row = ws.getRow(r);
      for (const c of shared) row.getCell(c.col).style = c.style;
      if (look.height !== undefined) row.height = look.height;
      for (const [col, v] of lookValidations) dv[`${columnLetters(col)}${r}`] = v;
    }
  }

  const text = new Set(plan.textColumns);
  const textStyles = new Map<unknown, Partial<ExcelJS.Style>>();
  plan.rows.forEach((row, i) => {
    const r = plan.firstRow + i;
    for (const [col, value] of row.cells) {
      const cell = ws.getCell(r, col + 1);
      if (text.has(col)) setText(cell, textStyles);
      cell.value = toCellValue(value);
    }
  });
  if (plan.marker) {
    const cell = ws.getCell(plan.marker.row, plan.marker.col + 1);
    setText(cell, textStyles);
    cell.value = plan.marker.text;
  }
  // Printed as the built-in layout prints (the profile's print layout): the table thinly bordered where the template
  // draws no line, the header repeated on every page and frozen.
  borderTable(ws, plan.print);
  applyPrintSetup(ws, plan.print);
  return { sheet: ws.name, firstRow: plan.firstRow };
}
