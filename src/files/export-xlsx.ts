/**
 * Writes the core's abstract export workbook (core/export/build.ts) into an ExcelJS workbook: values, number formats
 * (`@` for every code and ID cell, so no zero and no digit can be lost), column widths, merges, and a plain look —
 * bold title, bold bordered header, bordered records, the terminator / signature row unbordered — and the page setup
 * (print-setup.ts: A4, one page wide, header repeated and frozen, footer with page numbers). No file system:
 * the caller saves the workbook (the command line atomically; the task pane opens it in Excel).
 */
import * as ExcelJS from 'exceljs';
import type { ExportRow, ExportSheet, ExportValue, ExportWorkbook } from '../core/export/types';
import { applyPrintSetup } from './print-setup';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const FONT_NAME = '宋体';

function cellValue(v: ExportValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return { error: v.error as ExcelJS.CellErrorValue['error'] };
  return v;
}

function styleFor(row: ExportRow, numFmt: string, col: number, wrap: boolean): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = { font: { name: FONT_NAME, size: 11 } };
  if (numFmt !== 'General') style.numFmt = numFmt;
  switch (row.role) {
    case 'title':
    case 'legend-title':
      style.font = { name: FONT_NAME, size: row.role === 'title' ? 14 : 11, bold: true };
      style.alignment = { horizontal: row.role === 'title' ? 'center' : 'left', vertical: 'middle' };
      break;
    case 'header':
    case 'legend-header':
      style.font = { name: FONT_NAME, size: 11, bold: true };
      style.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      style.border = THIN;
      break;
    case 'record':
    case 'legend':
      style.border = THIN;
      style.alignment = { vertical: 'middle', wrapText: wrap || (col > 0 && row.role === 'legend') };
      break;
    default:
      // terminator / signature: plain text in the first column, nothing around it.
      break;
  }
  return style;
}

function writeSheet(wb: ExcelJS.Workbook, sheet: ExportSheet): void {
  const ws = wb.addWorksheet(sheet.name);
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // One style object per kind of cell, shared (ExcelJS does the same when it loads a file): 100,000 rows stay light.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  sheet.rows.forEach((row, r) => {
    const line = ws.getRow(r + 1);
    row.cells.forEach((c, col) => {
      // Skip the empty filler cells of a text row (title, terminator, signature): nothing to write, no style.
      if (c.value === null && row.role !== 'record' && row.role !== 'header' && row.role !== 'legend' && row.role !== 'legend-header') return;
      const key = `${row.role}|${c.numberFormat}|${col > 0 ? 1 : 0}|${c.wrap ? 1 : 0}`;
      let style = styles.get(key);
      if (!style) styles.set(key, (style = styleFor(row, c.numberFormat, col, c.wrap === true)));
      const cell = line.getCell(col + 1);
      cell.style = style;
      cell.value = cellValue(c.value);
    });
    if (row.role === 'title') line.height = 24;
  });
  for (const m of sheet.merges) ws.mergeCells(m);
  applyPrintSetup(ws, sheet.print);
}

/** A new ExcelJS workbook holding the export's sheets, in order. */
export function workbookFromExport(desc: ExportWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xueji';
  for (const s of desc.sheets) writeSheet(wb, s);
  return wb;
}
