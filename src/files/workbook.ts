/**
 * The in-memory ExcelJS workbook side of the file layer: read a worksheet as a `SheetInput`, write patches into it,
 * and name the parts of a file that ExcelJS cannot carry over. Browser-safe: no Node APIs, only ExcelJS *types*.
 */
import type * as ExcelJS from 'exceljs';
import type { Cell, Patch, SheetInput } from '../core/types';
import { cellFromExcelJS, isDateFormat, serialToDate } from './cells';
import { XuejiPatchError } from './errors';
import { SheetBuilder, columnLetters, decodeAddress, decodeRange, encodeRange, withAnchors } from './sheet-builder';

// ExcelJS.ValueType members, as numbers: this module imports ExcelJS for types only (it must not pull the ExcelJS
// runtime into the core's or the task pane's bundle).
const VT_NULL = 0 as ExcelJS.ValueType;
const VT_MERGE = 1 as ExcelJS.ValueType;
const VT_FORMULA = 6 as ExcelJS.ValueType;

/** The cell of a loaded worksheet as a core `Cell` (undefined when empty or hidden under a merge). */
function cellFromWorksheetCell(cell: ExcelJS.Cell): Cell | undefined {
  const type = cell.type;
  if (type === VT_NULL || type === VT_MERGE) return undefined;
  if (type === VT_FORMULA) {
    // Not `cell.value`: ExcelJS's formula value drops a falsy cached result (0, false, ''), and `cell.formula`
    // translates a shared formula to this cell's own text.
    const formula: string | undefined = cell.formula;
    const result = cell.result as ExcelJS.CellFormulaValue['result'];
    return cellFromExcelJS({ formula: formula ?? '', result }, cell.numFmt);
  }
  return cellFromExcelJS(cell.value, cell.numFmt);
}

/** Merged ranges of a worksheet as canonical A1 ranges ('A1:E1'), in the worksheet's order. */
export function worksheetMerges(ws: ExcelJS.Worksheet): string[] {
  // `ws.model` serialises every cell of the sheet (≈5% of the load time on 100,000 rows) just to list the merges;
  // ExcelJS keeps them in `_merges` (master address → range). Use it when it has the expected shape.
  const internal = (ws as unknown as { _merges?: unknown })._merges;
  let ranges: string[];
  if (typeof internal === 'object' && internal !== null) {
    ranges = Object.values(internal as Record<string, { range?: unknown }>).map((m) => String(m.range));
  } else {
    ranges = ws.model.merges ?? [];
  }
  const out: string[] = [];
  for (const ref of ranges) {
    const rect = decodeRange(ref);
    if (rect) out.push(encodeRange(rect));
  }
  return out;
}

/**
 * A worksheet of a loaded workbook as plain rows. Merged ranges are listed, and only their top-left cell keeps a
 * value (what Excel shows). Styled but empty cells are empty.
 */
export function sheetFromWorksheet(ws: ExcelJS.Worksheet): SheetInput {
  const builder = new SheetBuilder();
  const anchors: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // What a fix must not move values away from: a hyperlink, a comment (the streaming reader finds the same).
      if (cell.hyperlink || cell.note) anchors.push(cell.address);
      const c = cellFromWorksheetCell(cell);
      if (c !== undefined) builder.set(rowNumber, colNumber, c);
    });
  });
  for (const image of ws.getImages()) {
    const tl = image.range.tl as { nativeCol?: number; nativeRow?: number; col?: number; row?: number };
    const col = tl.nativeCol ?? Math.floor(tl.col ?? 0);
    const row = tl.nativeRow ?? Math.floor(tl.row ?? 0);
    anchors.push(`${columnLetters(col + 1)}${row + 1}`);
  }
  return withAnchors(builder.build(ws.name, worksheetMerges(ws)), anchors);
}

/** One row of a loaded worksheet as `sheetFromWorksheet` reads it (dense, ending at its last cell; undefined when empty). */
export function rowFromWorksheet(ws: ExcelJS.Worksheet, rowNumber: number): Array<Cell | undefined> | undefined {
  const row = ws.findRow(rowNumber);
  if (!row) return undefined;
  const out: Array<Cell | undefined> = [];
  row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const c = cellFromWorksheetCell(cell);
    if (c === undefined) return;
    while (out.length < colNumber - 1) out.push(undefined);
    out[colNumber - 1] = c;
  });
  return out.length ? out : undefined;
}

interface SharedFormulaValue {
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
}

/**
 * Turns every shared formula group that a patch touches into plain formulas: ExcelJS cannot write a group whose
 * master cell was overwritten (it throws), and a group whose range covers a plain value is fragile in Excel.
 */
function unshareFormulaGroups(ws: ExcelJS.Worksheet, patched: ReadonlySet<string>): void {
  const masters = new Set<string>();
  for (const address of patched) {
    const pos = decodeAddress(address);
    const cell = pos === undefined ? undefined : ws.findCell(pos.row, pos.col);
    if (cell === undefined || cell.type !== VT_FORMULA) continue;
    const v = cell.value as SharedFormulaValue;
    if (v.shareType === 'shared') masters.add(cell.address);
    else if (typeof v.sharedFormula === 'string') masters.add(v.sharedFormula);
  }
  if (masters.size === 0) return;
  const followers: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== VT_FORMULA) return;
      const v = cell.value as SharedFormulaValue;
      if (typeof v.sharedFormula === 'string' && masters.has(v.sharedFormula)) followers.push(cell);
    });
  });
  // Translate the followers first: their text is derived from the master's.
  for (const cell of followers) {
    const formula = cell.formula;
    const result = cell.result as ExcelJS.CellFormulaValue['result'];
    cell.value = result === undefined ? { formula } : { formula, result };
  }
  for (const address of masters) {
    const cell = ws.getCell(address);
    if (cell.type !== VT_FORMULA) continue;
    const formula = cell.formula;
    const result = cell.result as ExcelJS.CellFormulaValue['result'];
    cell.value = result === undefined ? { formula } : { formula, result };
  }
}

/**
 * Writes each patch's value and number format into the worksheet. `value: null` empties the cell; the cell's other
 * style (font, fill, border, alignment, protection) stays as it was. Numbers with a date format are written as dates,
 * so that a 1904-system workbook still shows the intended day (the core's serials are 1900-system).
 *
 * All patches are validated first; on a bad address or a cell hidden under a merged range (writing it would overwrite
 * the range's top-left cell) a `XuejiPatchError` is thrown and nothing is written.
 */
export function applyPatches(ws: ExcelJS.Worksheet, patches: readonly Patch[]): void {
  const addresses: string[] = [];
  for (const patch of patches) {
    const pos = decodeAddress(patch.cell);
    if (pos === undefined) {
      throw new XuejiPatchError('bad-address', `无法写入：“${patch.cell}”不是有效的单元格地址`);
    }
    const address = patch.cell.replace(/\$/g, '').toUpperCase();
    const existing = ws.findCell(pos.row, pos.col);
    const master: ExcelJS.Cell | undefined = existing?.master;
    if (existing !== undefined && master !== undefined && master !== existing) {
      throw new XuejiPatchError(
        'merged-follower',
        `无法写入单元格 ${address}：它位于合并单元格内（合并区域左上角是 ${master.address}），请先取消合并`,
      );
    }
    addresses.push(address);
  }
  unshareFormulaGroups(ws, new Set(addresses));
  const date1904 = ws.workbook?.properties?.date1904 === true;
  patches.forEach((patch, i) => {
    const cell = ws.getCell(addresses[i]);
    // A value-less cell that ExcelJS loaded as a merge placeholder without a master range: make it a plain cell.
    if (cell.type === VT_MERGE) cell.unmerge();
    // A fresh style object: ExcelJS shares one style object between all cells loaded with the same format, so
    // assigning `cell.numFmt` would change every such cell.
    cell.style = { ...cell.style, numFmt: patch.numberFormat };
    const value = patch.value;
    // An error value stays an error (#N/A, never the text "#N/A"); a formula moved with its row stays a formula.
    const shown: ExcelJS.CellValue =
      patch.error === true && value !== null
        ? { error: String(value) as ExcelJS.CellErrorValue['error'] }
        : typeof value === 'number' && date1904 && isDateFormat(patch.numberFormat)
          ? serialToDate(value)
          : value;
    if (patch.formula !== undefined) {
      cell.value = shown === null ? { formula: patch.formula } : ({ formula: patch.formula, result: shown } as ExcelJS.CellFormulaValue);
    } else {
      cell.value = shown;
    }
  });
}

/**
 * The data validations of every sheet as rectangles, before ExcelJS writes them. ExcelJS keeps one entry per cell and,
 * when it writes, joins them in the order of their addresses as text — B10 before B2 — so a list on B2:B100 came out
 * as B10:B100 and B2:B100, two overlapping ranges Excel rejects (issue 14 item 3; exceljs issue #2820). Here the cells
 * of each validation are joined by their numbers (runs down each column, then equal runs across), and ExcelJS is
 * given the ranges, which it writes as they are.
 */
export function compactDataValidations(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    const holder = (ws as unknown as { dataValidations?: { model: Record<string, unknown> } }).dataValidations;
    if (!holder) continue;
    const model = holder.model;
    const groups = new Map<string, { dv: unknown; cells: { row: number; col: number }[] }>();
    const ranges: [string, unknown][] = [];
    for (const [address, dv] of Object.entries(model)) {
      const pos = decodeAddress(address);
      if (!pos) {
        ranges.push([address, dv]);
        continue;
      }
      const key = JSON.stringify(dv);
      const g = groups.get(key) ?? { dv, cells: [] };
      g.cells.push(pos);
      groups.set(key, g);
    }
    const out: Record<string, unknown> = {};
    for (const [address, dv] of ranges) out[address] = dv;
    for (const g of groups.values()) {
      // Vertical runs per column…
      const byCol = new Map<number, number[]>();
      for (const c of g.cells) {
        const rows = byCol.get(c.col);
        if (rows) rows.push(c.row);
        else byCol.set(c.col, [c.row]);
      }
      const runs: { top: number; bottom: number; left: number; right: number }[] = [];
      for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
        const rows = byCol.get(col)!.sort((a, b) => a - b);
        let top = rows[0]!;
        for (let i = 1; i <= rows.length; i++) {
          if (i < rows.length && rows[i] === rows[i - 1]! + 1) continue;
          const bottom = rows[i - 1]!;
          // …joined with the run of the column before when it spans the very same rows.
          const left = runs.find((r) => r.right === col - 1 && r.top === top && r.bottom === bottom);
          if (left) left.right = col;
          else runs.push({ top, bottom, left: col, right: col });
          top = rows[i]!;
        }
      }
      for (const r of runs) {
        const key = r.top === r.bottom && r.left === r.right ? `${columnLetters(r.left)}${r.top}` : encodeRange(r);
        out[key] = g.dv;
      }
    }
    holder.model = out;
  }
}

/**
 * The .xlsx bytes of a workbook, its data validations written as the ranges they are (`compactDataValidations`), the
 * workbook itself left as it was (the workbench keeps editing the one it downloads). Every writer of an ExcelJS
 * workbook goes through here or through `writeWorkbookAtomic`.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  type Holder = { model: Record<string, unknown> };
  const holders = workbook.worksheets
    .map((ws) => (ws as unknown as { dataValidations?: Holder }).dataValidations)
    .filter((h): h is Holder => h !== undefined);
  const before = holders.map((h) => h.model);
  try {
    compactDataValidations(workbook);
    // Deflate level 1, not ExcelJS's default 6: the same file in 60 % of the time (a merged roster of 100,000 rows:
    // 4.7 s → 2.9 s, of which ~2.8 s is ExcelJS writing the XML) for a file ~25 % larger (2.9 → 3.7 MB).
    return new Uint8Array(await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } }));
  } finally {
    holders.forEach((h, i) => (h.model = before[i]!));
  }
}
