/**
 * Writes the core's print plan (core/export/print.ts) into an ExcelJS worksheet: A4, the orientation ('auto' decided
 * from the sheet's own column widths), one page wide and as many pages tall as needed, the header row(s) repeated on
 * every page (print titles) and frozen on screen, the margins, the footer "第 N 页 共 M 页". The same function serves
 * the built-in layout and a filled school template, so both print alike. Browser-safe: ExcelJS types only.
 */
import type * as ExcelJS from 'exceljs';
import { resolveOrientation, type PrintPlan } from '../core/export/print';
import { columnLetters, decodeRange } from './sheet-builder';

/** ExcelJS's (and the file format's) paper size code of A4. */
export const PAPER_A4 = 9;

const CM_PER_INCH = 2.54;
/** Excel's width of a column that sets none, in character units (a template's unstyled columns). */
const DEFAULT_COLUMN_WIDTH = 8.43;

const inches = (cm: number): number => Math.round((cm / CM_PER_INCH) * 1000) / 1000;

/** Widths of columns A..the table's last one, as the sheet sets them (defaults where it sets none). */
function printedWidths(ws: ExcelJS.Worksheet, right: number): number[] {
  const fallback = ws.properties.defaultColWidth ?? DEFAULT_COLUMN_WIDTH;
  const widths: number[] = [];
  for (let c = 1; c <= right + 1; c++) {
    const col = ws.getColumn(c);
    widths.push(col.hidden ? 0 : (col.width ?? fallback));
  }
  return widths;
}

/**
 * A print area the template sets would cut off the records it now holds: it grows to cover every written row and
 * the table's columns. A sheet without one prints what it holds anyway.
 */
function grownPrintArea(area: string, plan: PrintPlan, lastRow: number): string {
  return area
    .split('&&')
    .map((part) => {
      const r = decodeRange(part);
      if (!r) return part;
      const right = Math.max(r.right, plan.table.right + 1);
      return `${columnLetters(r.left)}${r.top}:${columnLetters(right)}${Math.max(r.bottom, lastRow)}`;
    })
    .join('&&');
}

export function applyPrintSetup(ws: ExcelJS.Worksheet, plan: PrintPlan): void {
  const m = plan.margins;
  const setup: Partial<ExcelJS.PageSetup> = {
    paperSize: PAPER_A4,
    orientation: resolveOrientation(plan.orientation, printedWidths(ws, plan.table.right), m),
    // One page wide, as many pages tall as the records need (0 = automatic).
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { top: inches(m.top), bottom: inches(m.bottom), left: inches(m.left), right: inches(m.right), header: inches(m.header), footer: inches(m.footer) },
    printTitlesRow: `${plan.repeatRows.first}:${plan.repeatRows.last}`,
  };
  if (ws.pageSetup.printArea) setup.printArea = grownPrintArea(ws.pageSetup.printArea, plan, Math.max(ws.rowCount, plan.table.bottom));
  Object.assign(ws.pageSetup, setup);
  // Excel prints the pageSetup's scale when fitToPage is off; with it on, the scale must not fight the fit.
  delete (ws.pageSetup as { scale?: number }).scale;
  ws.headerFooter = { ...ws.headerFooter, oddFooter: plan.footer };

  // Frozen on screen below the header; a template's own frozen columns are kept.
  const own = ws.views?.[0] as Partial<ExcelJS.WorksheetViewCommon & ExcelJS.WorksheetViewFrozen> | undefined;
  const xSplit = own?.state === 'frozen' ? (own.xSplit ?? 0) : 0;
  const top = plan.freezeRows + 1;
  ws.views = [
    {
      ...(own ?? {}),
      state: 'frozen',
      xSplit,
      ySplit: plan.freezeRows,
      topLeftCell: `${columnLetters(xSplit + 1)}${top}`,
      activeCell: `A${top}`,
    } as Partial<ExcelJS.WorksheetView>,
  ];
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const SIDES = ['top', 'left', 'bottom', 'right'] as const;

/**
 * Thin borders on every side of every table cell that has none (a filled template's own borders — a thick frame,
 * a double line under the header — stay as the school drew them). Cells sharing a style keep sharing one.
 */
export function borderTable(ws: ExcelJS.Worksheet, plan: PrintPlan): void {
  const cache = new Map<unknown, Partial<ExcelJS.Style>>();
  const { top, bottom, left, right } = plan.table;
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r);
    for (let c = left + 1; c <= right + 1; c++) {
      const cell = row.getCell(c);
      const base = cell.style;
      let styled = cache.get(base);
      if (!styled) {
        const border: Partial<ExcelJS.Borders> = { ...(base?.border ?? {}) };
        for (const side of SIDES) if (!border[side]?.style) border[side] = THIN;
        styled = { ...(JSON.parse(JSON.stringify(base ?? {})) as Partial<ExcelJS.Style>), border };
        cache.set(base, styled);
      }
      cell.style = styled;
    }
  }
}
