/**
 * A1 addresses as Excel hands them to an add-in: pure, no Office.js.
 *
 * Rows are the sheet's own 1-based numbers, columns 0-based (column A = 0), exactly as in `core/engine/a1`, whose
 * helpers this module builds on. Excel returns multi-area addresses as `Sheet1!A1:B4, Sheet1!D1:D4` (sheet name on
 * every area, quoted when it holds spaces or punctuation: `'My, Sheet'!A1`), and event addresses as `C5`, `C:C`
 * or `3:5`; everything here copes with `$` signs, quotes and whole rows or columns.
 */
import { address, columnIndex, columnLetter, type RangeRef } from '../core/engine/a1';

export type { RangeRef };

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A cell as row (1-based) and column (0-based). */
export interface CellPos {
  row: number;
  col: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/** Parse one cell address (`C5`, `$C$5`); null when it is not one or lies outside the grid. */
export function parseCell(a1: string): CellPos | null {
  const m = CELL_RE.exec(a1.trim());
  if (!m) return null;
  const col = columnIndex(m[1]!.toUpperCase());
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || col < 0 || col >= MAX_COLUMNS) return null;
  return { row, col };
}

/** `C5` for a single cell, `C5:E9` for a larger rectangle. */
export function rectAddress(r: RangeRef): string {
  const start = address(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${address(r.bottom, r.right)}`;
}

export function rectCellCount(r: RangeRef): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

export function rectContains(outer: RangeRef, inner: RangeRef): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function rectIntersection(a: RangeRef, b: RangeRef): RangeRef | null {
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  const left = Math.max(a.left, b.left);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/** The part after the last `!` that is not inside a quoted sheet name. */
export function stripSheetName(area: string): string {
  let inQuote = false;
  let bang = -1;
  for (let i = 0; i < area.length; i++) {
    const ch = area[i];
    if (ch === "'") {
      if (inQuote && area[i + 1] === "'") i++; // '' is an escaped quote inside a quoted name
      else inQuote = !inQuote;
    } else if (ch === '!' && !inQuote) bang = i;
  }
  return (bang >= 0 ? area.slice(bang + 1) : area).trim();
}

/**
 * Split a (possibly multi-area, possibly sheet-qualified) address into its areas without sheet names:
 * `Sheet1!A1:B4, 'My, Sheet'!D1` → [`A1:B4`, `D1`]. Commas inside quoted sheet names do not split.
 */
export function splitAreas(addressList: string): string[] {
  const out: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < addressList.length; i++) {
    const ch = addressList[i];
    if (ch === "'") {
      if (inQuote && addressList[i + 1] === "'") i++;
      else inQuote = !inQuote;
    } else if (ch === ',' && !inQuote) {
      const part = stripSheetName(addressList.slice(start, i));
      if (part) out.push(part);
      start = i + 1;
    }
  }
  const last = stripSheetName(addressList.slice(start));
  if (last) out.push(last);
  return out;
}

/**
 * Parse one area (`C5`, `C5:E9`, `C:E` whole columns, `3:5` whole rows), sheet name allowed; null when unreadable.
 * Whole columns run over every row of the grid and whole rows over every column.
 */
export function parseArea(area: string): RangeRef | null {
  const text = stripSheetName(area);
  const [a, b, extra] = text.split(':');
  if (a === undefined || extra !== undefined) return null;
  const second = b ?? a;
  const c1 = parseCell(a);
  const c2 = parseCell(second);
  if (c1 && c2) {
    return {
      top: Math.min(c1.row, c2.row),
      bottom: Math.max(c1.row, c2.row),
      left: Math.min(c1.col, c2.col),
      right: Math.max(c1.col, c2.col),
    };
  }
  if (b === undefined) return null;
  const k1 = COL_RE.exec(a.trim());
  const k2 = COL_RE.exec(second.trim());
  if (k1 && k2) {
    const l = columnIndex(k1[1]!.toUpperCase());
    const r = columnIndex(k2[1]!.toUpperCase());
    if (Math.max(l, r) >= MAX_COLUMNS) return null;
    return { top: 1, bottom: MAX_ROWS, left: Math.min(l, r), right: Math.max(l, r) };
  }
  const w1 = ROW_RE.exec(a.trim());
  const w2 = ROW_RE.exec(second.trim());
  if (w1 && w2) {
    const t = Number(w1[1]);
    const u = Number(w2[1]);
    if (Math.min(t, u) < 1 || Math.max(t, u) > MAX_ROWS) return null;
    return { top: Math.min(t, u), bottom: Math.max(t, u), left: 0, right: MAX_COLUMNS - 1 };
  }
  return null;
}

/** Every area of an address list as rectangles; unreadable areas are left out. */
export function parseAreaList(addressList: string): RangeRef[] {
  const out: RangeRef[] = [];
  for (const area of splitAreas(addressList)) {
    const r = parseArea(area);
    if (r) out.push(r);
  }
  return out;
}

/** A sheet name as Excel writes it in an address: quoted (with '' for ') unless it is a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\u0080-\uFFFF]*$/.test(name) && !parseCell(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export { address as cellAddress, columnLetter };
