/**
 * Flagged cells → rectangles → address strings short enough for `worksheet.getRanges`. Pure, no Office.js.
 *
 * Why: one conditional format (or one write) per cell would cost one Office.js call per cell; Excel accepts a
 * comma-separated list of areas in `getRanges(address)`, but fails with "The argument is invalid or missing" once
 * the string passes roughly 8,000 characters (OfficeDev/office-js#5198), so chunks stay at or under 7,000.
 *
 * The rectangles cover every given cell exactly once and nothing else: cells are first joined into vertical runs
 * per column (the usual shape of flagged cells: one field down many rows), then runs with the same top and bottom
 * in neighbouring columns are joined sideways.
 */
import { parseCell, rectAddress, type CellPos, type RangeRef } from './a1';

/** Default upper bound of one `getRanges` address string (OfficeDev/office-js#5198 fails near 8,200). */
export const MAX_ADDRESS_CHARS = 7000;

/** Columns fit in 14 bits (16,384), rows in 21 bits (1,048,576): one safe integer per cell, sortable by (col, row). */
const ROW_SPAN = 2 ** 21;

/** Merge cells into disjoint rectangles covering exactly those cells (duplicates are ignored). */
export function cellsToRectangles(cells: Iterable<CellPos>): RangeRef[] {
  const keys: number[] = [];
  for (const c of cells) keys.push(c.col * ROW_SPAN + c.row);
  if (keys.length === 0) return [];
  keys.sort((a, b) => a - b);

  // Vertical runs, column by column.
  const runs: RangeRef[] = [];
  let col = Math.floor(keys[0]! / ROW_SPAN);
  let top = keys[0]! % ROW_SPAN;
  let bottom = top;
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    const c = Math.floor(k / ROW_SPAN);
    const r = k % ROW_SPAN;
    if (c === col && r === bottom) continue; // duplicate
    if (c === col && r === bottom + 1) {
      bottom = r;
      continue;
    }
    runs.push({ top, bottom, left: col, right: col });
    col = c;
    top = r;
    bottom = r;
  }
  runs.push({ top, bottom, left: col, right: col });

  // Join runs with the same rows in adjacent columns.
  runs.sort((a, b) => a.top - b.top || a.bottom - b.bottom || a.left - b.left);
  const rects: RangeRef[] = [];
  let cur = runs[0]!;
  for (let i = 1; i < runs.length; i++) {
    const r = runs[i]!;
    if (r.top === cur.top && r.bottom === cur.bottom && r.left === cur.right + 1) {
      cur = { ...cur, right: r.left };
    } else {
      rects.push(cur);
      cur = r;
    }
  }
  rects.push(cur);
  // Reading order: by row, then column (stable output for tests and for Excel's own display of the rule ranges).
  rects.sort((a, b) => a.top - b.top || a.left - b.left);
  return rects;
}

/** Parse A1 cell addresses; throws a RangeError naming the first address that is not a cell. */
export function parseCells(addresses: Iterable<string>): CellPos[] {
  const out: CellPos[] = [];
  for (const a of addresses) {
    const c = parseCell(a);
    if (!c) throw new RangeError(`not a cell address: ${a}`);
    out.push(c);
  }
  return out;
}

export interface AddressChunk {
  /** Comma-separated areas, at most `maxChars` characters. */
  address: string;
  rects: RangeRef[];
  cellCount: number;
}

/** Pack rectangles, in order, into comma-separated address strings of at most `maxChars` characters each. */
export function chunkRectangles(rects: readonly RangeRef[], maxChars = MAX_ADDRESS_CHARS): AddressChunk[] {
  if (maxChars < 20) throw new RangeError('maxChars must leave room for at least one area');
  const chunks: AddressChunk[] = [];
  let parts: string[] = [];
  let members: RangeRef[] = [];
  let length = 0;
  let cells = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    chunks.push({ address: parts.join(','), rects: members, cellCount: cells });
    parts = [];
    members = [];
    length = 0;
    cells = 0;
  };
  for (const r of rects) {
    const a = rectAddress(r);
    const added = parts.length === 0 ? a.length : a.length + 1;
    if (length + added > maxChars) flush();
    length += parts.length === 0 ? a.length : a.length + 1;
    parts.push(a);
    members.push(r);
    cells += (r.bottom - r.top + 1) * (r.right - r.left + 1);
  }
  flush();
  return chunks;
}

/** Cells → rectangles → address chunks, in one call. */
export function cellsToAddressChunks(cells: Iterable<CellPos>, maxChars = MAX_ADDRESS_CHARS): AddressChunk[] {
  return chunkRectangles(cellsToRectangles(cells), maxChars);
}
