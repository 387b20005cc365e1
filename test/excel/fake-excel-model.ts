/** The Excel side of the recording fake (fake-excel.ts): sheets of cells and rules, A1 addresses, typed entries. */
import { columnIndex, columnLetter } from '../../src/core/engine/a1';
import type { Context } from './fake-excel';

export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.debugInfo = { code, message };
  }
}

export const raise = (code: string, message: string): never => {
  throw new FakeOfficeError(code, message);
};

export type Rect = { top: number; left: number; bottom: number; right: number };
export type Scalar = string | number | boolean;
/** A cell: `v` null when empty (an error cell's `v` is its text, with `err`); `f` a formula with '='. */
export type FakeCell = { v: Scalar | null; err?: true; f?: string; fmt?: string; fill?: string };
/** A conditional format; `operator`/`formula1` only describe user rules made by tests. */
export type CFModel = { id: string; type: string; rects: Rect[]; formula?: string; fill?: string | null; operator?: string; formula1?: string };

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export class SheetModel {
  rows: Array<Array<FakeCell | undefined> | undefined> = [];
  merges: Rect[] = [];
  cfs: CFModel[] = [];
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  handlers: Array<{ ctx: Context; handler: (args: unknown) => Promise<unknown> }> = [];
  constructor(
    public id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.rows[row - 1]?.[col];
  }

  ensure(row: number, col: number): FakeCell {
    return ((this.rows[row - 1] ??= [])[col] ??= { v: null });
  }

  /** Bounding box of cells with values (valuesOnly) or of any cell with something in it, optionally inside `within`. */
  usedRect(valuesOnly: boolean, within?: Rect): Rect | null {
    let [top, bottom, left, right] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = within ? within.top - 1 : 0; i < Math.min(within?.bottom ?? Infinity, this.rows.length); i++) {
      const r = this.rows[i] ?? [];
      for (let j = within?.left ?? 0; j < Math.min((within?.right ?? Infinity) + 1, r.length); j++) {
        const c = r[j];
        if (!c || (c.v === null && c.f === undefined && (valuesOnly || (!c.fmt && !c.fill)))) continue;
        [top, bottom, left, right] = [Math.min(top, i + 1), Math.max(bottom, i + 1), Math.min(left, j), Math.max(right, j)];
      }
    }
    return top === Infinity ? null : { top, left, bottom, right };
  }
}

export function rectA1(r: Rect): string {
  const a = `${columnLetter(r.left)}${r.top}`;
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${columnLetter(r.right)}${r.bottom}`;
}

/** `Sheet!A1:B2` as Excel reports addresses (the name quoted where it needs it). */
export function sheetAddress(sheet: SheetModel, r: Rect): string {
  const name = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  return `${name}!${rectA1(r)}`;
}

/** Parse one area without sheet name: A1, A1:B2, A:C, 3:5. Independent of src/excel/a1 on purpose. */
export function parseRect(text: string): Rect | null {
  const [a, b, more] = text.trim().replace(/\$/g, '').split(':');
  if (a === undefined || more !== undefined) return null;
  const span = (rows: number[], cols: number[]): Rect => ({ top: Math.min(...rows), bottom: Math.max(...rows), left: Math.min(...cols), right: Math.max(...cols) });
  const cell = (s: string): [number, number] | null => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(s);
    const [r, c] = m ? [Number(m[2]), columnIndex(m[1]!.toUpperCase())] : [0, -1];
    return r >= 1 && r <= MAX_ROWS && c >= 0 && c < MAX_COLS ? [r, c] : null;
  };
  const [p, q] = [cell(a), cell(b ?? a)];
  if (p && q) return span([p[0], q[0]], [p[1], q[1]]);
  if (b === undefined) return null;
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) return span([1, MAX_ROWS], [columnIndex(a.toUpperCase()), columnIndex(b.toUpperCase())]);
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? span([+a, +b], [0, MAX_COLS - 1]) : null;
}

export const intersects = (a: Rect, b: Rect): boolean => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
export const rectCells = (r: Rect): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!']);
/** Excel keeps 15 significant digits. */
const excelNumber = (n: number): number => Number(n.toPrecision(15));

/**
 * Excel's taking of a written entry: a string is parsed like typing it (numbers, TRUE/FALSE, #N/A, =formulas, ISO
 * dates) unless the cell is formatted `@`; `null` leaves the cell unchanged; `""` empties it.
 */
export function enterValue(cell: FakeCell, value: unknown, sheet?: SheetModel): void {
  if (value === null || value === undefined) return;
  delete cell.err;
  delete cell.f;
  const s = String(value);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (typeof value === 'number') cell.v = Number.isFinite(value) ? excelNumber(value) : null;
  else if (typeof value === 'boolean') cell.v = value;
  else if (s === '') cell.v = null;
  else if (cell.fmt === '@') cell.v = s;
  else if (s.startsWith('=') && s.length > 1) evaluate(Object.assign(cell, { f: s }), sheet);
  else if (ERROR_VALUES.has(s.toUpperCase())) Object.assign(cell, { v: s.toUpperCase(), err: true });
  else if (/^(true|false)$/i.test(s)) cell.v = s.toUpperCase() === 'TRUE';
  else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s.trim())) cell.v = excelNumber(Number(s.trim()));
  else if (iso) {
    cell.v = Math.round((Date.UTC(+iso[1]!, +iso[2]! - 1, +iso[3]!) - Date.UTC(1899, 11, 30)) / 86_400_000);
    if (!cell.fmt || cell.fmt === 'General') cell.fmt = 'yyyy/m/d';
  } else cell.v = s;
}

/** A tiny evaluator: =A1, =<number>, ="text"; anything else is #NAME?. */
function evaluate(cell: FakeCell, sheet?: SheetModel): void {
  const [ref, num, str] = [/^=\$?([A-Z]{1,3})\$?(\d+)$/, /^=(-?\d+(\.\d+)?)$/, /^="(.*)"$/].map((re) => re.exec(cell.f!));
  const src = ref && sheet?.cell(Number(ref[2]), columnIndex(ref[1]!));
  if (ref && sheet) Object.assign(cell, { v: src?.v ?? 0 }, src?.err ? { err: true } : {});
  else if (num) cell.v = Number(num[1]);
  else if (str) cell.v = str[1]!;
  else Object.assign(cell, { v: '#NAME?', err: true });
}
