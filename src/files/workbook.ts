/**
 * The in-memory ExcelJS workbook side of the file layer: read a worksheet as a `SheetInput`, write patches into it,
 * and name the parts of a file that ExcelJS cannot carry over. Browser-safe: no Node APIs, only ExcelJS *types*.
 */
import type * as ExcelJS from 'exceljs';
import type { Cell, Patch, SheetInput } from '../core/types';
import { cellFromExcelJS, isDateFormat, serialToDate } from './cells';
import { XuejiPatchError } from './errors';
import { SheetBuilder, decodeAddress, decodeRange, encodeRange } from './sheet-builder';

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
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = cellFromWorksheetCell(cell);
      if (c !== undefined) builder.set(rowNumber, colNumber, c);
    });
  });
  return builder.build(ws.name, worksheetMerges(ws));
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

/** What ExcelJS drops when it writes a workbook back, recognised by the zip entry names of the original. */
const UNSUPPORTED_PARTS: ReadonlyArray<{ test: RegExp; description: string }> = [
  { test: /^xl\/charts\//, description: '图表' },
  { test: /^xl\/chartsheets\//, description: '图表工作表（整页图表）' },
  { test: /^xl\/(pivottables|pivotcache)\//, description: '数据透视表' },
  { test: /^xl\/vbaproject\.bin$/, description: '宏（VBA 代码）' },
  { test: /^xl\/(macrosheets|dialogsheets)\//, description: 'Excel 4.0 宏表或对话框工作表' },
  {
    test: /^xl\/drawings\/drawing\d+\.xml$/,
    description: '图片、形状、文本框等绘图对象（形状和文本框会丢失，图片可能移位）',
  },
  { test: /^xl\/(slicers|slicercaches)\//, description: '切片器' },
  { test: /^xl\/(timelines|timelinecaches)\//, description: '日程表（时间筛选器）' },
  { test: /^xl\/externallinks\//, description: '指向其他工作簿的外部链接（相关公式可能失效）' },
  { test: /^xl\/(threadedcomments|persons)\//, description: '新版会话式批注（只保留为普通批注）' },
  { test: /^xl\/(ctrlprops|activex)\//, description: '表单控件或 ActiveX 控件' },
  { test: /^xl\/embeddings\//, description: '嵌入的对象（如其他文档）' },
  { test: /^xl\/(connections\.xml$|querytables\/)/, description: '外部数据连接或查询' },
  { test: /^xl\/model\//, description: '数据模型（Power Pivot）' },
  { test: /^xl\/richdata\//, description: '单元格中的图片或链接数据类型' },
  { test: /^xl\/metadata\.xml$/, description: '动态数组公式的信息（此类公式可能变为旧式公式）' },
];

/**
 * Chinese descriptions of the parts of a workbook that ExcelJS cannot carry over into a file it writes, from the
 * names of the zip entries (in a fixed order, each at most once). Comments (xl/commentsN.xml with their
 * xl/drawings/vmlDrawingN.vml), tables, themes, styles, data validation, conditional formats, hyperlinks and merges
 * are carried over and not listed.
 */
export function findUnsupportedParts(zipEntryNames: string[]): string[] {
  const names = zipEntryNames.map((n) => n.replace(/^\/+/, '').toLowerCase());
  const out: string[] = [];
  for (const part of UNSUPPORTED_PARTS) {
    if (names.some((n) => part.test.test(n))) out.push(part.description);
  }
  return out;
}
