import fc from 'fast-check';
import { parseArea, rectAddress, splitAreas, parseAreaList, stripSheetName, parseCell } from '../../src/excel/a1';
import { cellsToAddressChunks, cellsToRectangles, chunkRectangles, MAX_ADDRESS_CHARS } from '../../src/excel/rectangles';

const cellArb = fc.record({ row: fc.integer({ min: 1, max: 300 }), col: fc.integer({ min: 0, max: 30 }) });
const bigCellArb = fc.record({ row: fc.integer({ min: 1, max: 1_048_576 }), col: fc.integer({ min: 0, max: 16_383 }) });

function key(row: number, col: number): string {
  return `${row}:${col}`;
}

/** Count how many times each cell is covered by the rectangles parsed back from the address strings. */
function coverage(addresses: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const a of addresses) {
    for (const area of a.split(',')) {
      const r = parseArea(area)!;
      expect(r).not.toBeNull();
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) seen.set(key(row, col), (seen.get(key(row, col)) ?? 0) + 1);
      }
    }
  }
  return seen;
}

describe('cellsToRectangles + chunks (fast-check)', () => {
  test('every flagged cell is covered exactly once, nothing else is covered', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 400 }), fc.integer({ min: 20, max: 200 }), (cells, maxChars) => {
        const chunks = cellsToAddressChunks(cells, maxChars);
        const seen = coverage(chunks.map((c) => c.address));
        const wanted = new Set(cells.map((c) => key(c.row, c.col)));
        expect(seen.size).toBe(wanted.size);
        for (const [k, n] of seen) {
          expect(n).toBe(1);
          expect(wanted.has(k)).toBe(true);
        }
        for (const c of chunks) expect(c.address.length).toBeLessThanOrEqual(maxChars);
        expect(chunks.reduce((n, c) => n + c.cellCount, 0)).toBe(wanted.size);
      }),
      { numRuns: 300 },
    );
  });

  test('dense blocks collapse into few rectangles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        (top, height, width, left) => {
          const cells = [];
          for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) cells.push({ row: r, col: c });
          expect(cellsToRectangles(cells)).toEqual([{ top, bottom: top + height - 1, left, right: left + width - 1 }]);
        },
      ),
    );
  });

  test('anywhere in the grid (XFD1048576): addresses parse back to the same cells', () => {
    fc.assert(
      fc.property(fc.array(bigCellArb, { maxLength: 200 }), (cells) => {
        const chunks = cellsToAddressChunks(cells);
        const seen = coverage(chunks.map((c) => c.address));
        expect(new Set(seen.keys())).toEqual(new Set(cells.map((c) => key(c.row, c.col))));
      }),
      { numRuns: 100 },
    );
  });

  test('10,000 scattered cells fit in strings of at most 7,000 characters', () => {
    const cells = [];
    for (let i = 0; i < 10_000; i++) cells.push({ row: 2 + i * 7, col: (i * 3) % 8 });
    const chunks = cellsToAddressChunks(cells);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.address.length).toBeLessThanOrEqual(MAX_ADDRESS_CHARS);
    expect(chunks.reduce((n, c) => n + c.cellCount, 0)).toBe(10_000);
  });

  test('chunkRectangles keeps order and rejects a limit too small for one area', () => {
    const rects = [
      { top: 1, bottom: 1, left: 0, right: 0 },
      { top: 3, bottom: 9, left: 2, right: 4 },
    ];
    expect(chunkRectangles(rects, 100).map((c) => c.address)).toEqual(['A1,C3:E9']);
    expect(chunkRectangles(rects, 20).map((c) => c.address)).toEqual(['A1,C3:E9']);
    expect(() => chunkRectangles(rects, 5)).toThrow(RangeError);
  });
});

describe('A1 addresses as Excel returns them', () => {
  test('multi-area addresses with sheet names, quotes and $ signs', () => {
    expect(splitAreas("Sheet1!A1:B4, Sheet1!D1:D4")).toEqual(['A1:B4', 'D1:D4']);
    expect(splitAreas("'My, Sheet'!$A$1:$B$2, 'It''s'!C3")).toEqual(['$A$1:$B$2', 'C3']);
    expect(stripSheetName("'a!b'!C5")).toBe('C5');
    expect(parseAreaList("退学!A1:E1, 退学!A3:B3").map(rectAddress)).toEqual(['A1:E1', 'A3:B3']);
  });

  test('whole columns and rows', () => {
    expect(parseArea('C:E')).toEqual({ top: 1, bottom: 1_048_576, left: 2, right: 4 });
    expect(parseArea('3:5')).toEqual({ top: 3, bottom: 5, left: 0, right: 16_383 });
    expect(parseArea('B7:A2')).toEqual({ top: 2, bottom: 7, left: 0, right: 1 });
    expect(parseArea('nonsense')).toBeNull();
    expect(parseCell('XFE1')).toBeNull();
    expect(parseCell('A1048577')).toBeNull();
  });

  test('rectAddress ∘ parseArea is the identity on rectangles', () => {
    fc.assert(
      fc.property(bigCellArb, bigCellArb, (a, b) => {
        const r = {
          top: Math.min(a.row, b.row),
          bottom: Math.max(a.row, b.row),
          left: Math.min(a.col, b.col),
          right: Math.max(a.col, b.col),
        };
        expect(parseArea(rectAddress(r))).toEqual(r);
      }),
    );
  });
});
