/**
 * Builds a `SheetInput` cell by cell. Both readers (the full ExcelJS model and the streaming reader) go through this
 * class, so that they produce the same array shapes:
 * - arrays are dense (gaps hold `undefined`, never holes), so `forEach`/`map` see every position;
 * - a row array ends at its last non-empty cell, `rows` ends at the last row that has a cell, a row without any
 *   cell is `undefined`.
 * Browser-safe.
 */
import type { Cell, SheetInput } from '../core/types';

export interface MergeRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/;

/** Column letters → 1-based column number ('A' → 1, 'AA' → 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

/** 1-based column number → letters. */
export function columnLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}

/** 'B3' → { row: 3, col: 2 }; undefined when not a single-cell A1 address. */
export function decodeAddress(address: string): { row: number; col: number } | undefined {
  const m = CELL_RE.exec(address);
  if (!m) return undefined;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** 'B2:A1' or '$A$1:$B$2' → the rectangle; a single cell 'C3' is a 1×1 range. */
export function decodeRange(ref: string): MergeRect | undefined {
  const parts = ref.trim().split(':');
  if (parts.length < 1 || parts.length > 2) return undefined;
  const a = decodeAddress(parts[0]);
  const b = parts.length === 2 ? decodeAddress(parts[1]) : a;
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** The canonical A1 form of a range, always 'TL:BR' (also for a single cell), upper case, no '$'. */
export function encodeRange(r: MergeRect): string {
  return `${columnLetters(r.left)}${r.top}:${columnLetters(r.right)}${r.bottom}`;
}

/** The same cell content: a cell equal to the one above it can share its object (cells are never mutated). */
function sameCell(a: Cell, b: Cell): boolean {
  return a.kind === b.kind && a.value === b.value && a.numberFormat === b.numberFormat && a.formula === undefined && b.formula === undefined;
}

export class SheetBuilder {
  private readonly rows: Array<Array<Cell | undefined> | undefined> = [];
  private readonly touched = new Set<number>();
  private count = 0;
  /** The row index cells were last set in: when the reader moves on, that row's array is trimmed to its size. */
  private current = -1;

  /** Number of cells set (and not removed). */
  get cellCount(): number {
    return this.count;
  }

  /**
   * Memory follows the cells (issue 14): an array grown by `push` keeps ~17 slots, so a finished row is copied to
   * one of its own length (half the memory of a 1,000,000-row sheet's rows); a cell equal to the one above it (a
   * 分部名称 column, a 修改类型 column) shares that cell's object.
   */
  private trim(ri: number): void {
    const r = this.rows[ri];
    if (r !== undefined) this.rows[ri] = r.slice();
  }

  /** Sets the cell at 1-based row/column. Cells usually arrive in row, then column order (fast path). */
  set(row: number, col: number, cell: Cell): void {
    const ri = row - 1;
    const ci = col - 1;
    const rows = this.rows;
    if (ri !== this.current) {
      if (this.current >= 0 && ri > this.current) this.trim(this.current);
      this.current = ri;
    }
    while (rows.length < ri) rows.push(undefined);
    let r = rows[ri];
    if (r === undefined) {
      r = [];
      rows[ri] = r;
    }
    if (ri > 0) {
      const above = rows[ri - 1]?.[ci];
      if (above !== undefined && sameCell(above, cell)) cell = above;
    }
    if (ci >= r.length) {
      while (r.length < ci) r.push(undefined);
      r.push(cell);
      this.count++;
    } else {
      if (r[ci] === undefined) this.count++;
      r[ci] = cell;
    }
  }

  get(row: number, col: number): Cell | undefined {
    const r = this.rows[row - 1];
    return r === undefined ? undefined : r[col - 1];
  }

  /** Replaces (or with `undefined` removes) an existing cell. */
  replace(row: number, col: number, cell: Cell | undefined): void {
    const r = this.rows[row - 1];
    if (r === undefined || col - 1 >= r.length || r[col - 1] === undefined) {
      if (cell !== undefined) this.set(row, col, cell);
      return;
    }
    if (cell === undefined) {
      r[col - 1] = undefined;
      this.count--;
      this.touched.add(row - 1);
    } else {
      r[col - 1] = cell;
    }
  }

  /** Empties every cell of the rectangle except its top-left one (what Excel shows of a merged range). */
  clearMergeFollowers(m: MergeRect): void {
    const last = Math.min(m.bottom, this.rows.length);
    for (let row = m.top; row <= last; row++) {
      const r = this.rows[row - 1];
      if (r === undefined) continue;
      const right = Math.min(m.right, r.length);
      for (let col = m.left; col <= right; col++) {
        if (row === m.top && col === m.left) continue;
        if (r[col - 1] !== undefined) {
          r[col - 1] = undefined;
          this.count--;
          this.touched.add(row - 1);
        }
      }
    }
  }

  build(name: string, merges: readonly string[]): SheetInput {
    const rows = this.rows;
    if (this.current >= 0) this.trim(this.current);
    for (const ri of this.touched) {
      const r = rows[ri];
      if (r === undefined) continue;
      let end = r.length;
      while (end > 0 && r[end - 1] === undefined) end--;
      if (end === 0) rows[ri] = undefined;
      else r.length = end;
    }
    this.touched.clear();
    let end = rows.length;
    while (end > 0 && rows[end - 1] === undefined) end--;
    rows.length = end;
    return { name, rows, merges };
  }
}

/**
 * The sheet with its `anchors` (cells with a hyperlink, a comment or a picture's corner), as both readers give them:
 * canonical ('B3', 'A1:B2'), in row then column order, each once; no field at all when there are none.
 */
export function withAnchors(sheet: SheetInput, refs: readonly string[]): SheetInput {
  const rects = new Map<string, MergeRect>();
  for (const ref of refs) {
    const r = decodeRange(ref);
    if (!r) continue;
    const key = r.top === r.bottom && r.left === r.right ? `${columnLetters(r.left)}${r.top}` : encodeRange(r);
    rects.set(key, r);
  }
  if (!rects.size) return sheet;
  const anchors = [...rects].sort((a, b) => a[1].top - b[1].top || a[1].left - b[1].left || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  return { ...sheet, anchors };
}
