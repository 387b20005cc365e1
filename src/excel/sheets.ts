/**
 * The workbook's sheets, and selecting a cell. One sync each.
 */
/// <reference types="office-js" />
import type { SheetSummary } from '../core/port';
import { parseArea, rectAddress } from './a1';
import { adapterError } from './errors';

/** Every worksheet in tab order, the active one marked. Very hidden sheets (never shown by Excel) are left out. */
export async function listSheets(context: Excel.RequestContext): Promise<SheetSummary[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  await context.sync();
  return sheets.items
    .filter((s) => s.visibility !== 'VeryHidden')
    .map((s) => ({ name: s.name, active: s.name === active.name }));
}

/** Activate the sheet and select (which scrolls to) the cell or range. */
export async function selectCell(context: Excel.RequestContext, sheetName: string, cell: string): Promise<void> {
  const area = parseArea(cell.replace(/\$/g, ''));
  if (!area) throw adapterError('invalid-input', 'select', { cause: new RangeError(`not a cell address: ${cell}`) });
  const ws = context.workbook.worksheets.getItem(sheetName);
  ws.activate();
  ws.getRange(rectAddress(area)).select();
  await context.sync();
}
