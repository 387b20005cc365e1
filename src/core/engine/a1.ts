/** A1 addresses: column index 0 = A; row numbers are the sheet's own (1-based). */

const letterCache: string[] = [];

export function columnLetter(index: number): string {
  const cached = letterCache[index];
  if (cached !== undefined) return cached;
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  letterCache[index] = s;
  return s;
}

export function address(row: number, col: number): string {
  return columnLetter(col) + row;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

export interface CellRef {
  row: number;
  col: number;
}

const A1_RE = /^\$?([A-Z]{1,3})\$?(\d+)$/;

export function parseAddress(a1: string): CellRef {
  const m = A1_RE.exec(a1.toUpperCase());
  if (!m) throw new RangeError(`not an A1 address: ${a1}`);
  return { row: Number(m[2]), col: columnIndex(m[1]!) };
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRange(range: string): RangeRef {
  const [a, b] = range.split(':');
  const start = parseAddress(a!);
  const end = b ? parseAddress(b) : start;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}
