/**
 * Office.js range data (`values`, `valueTypes`, `numberFormat`) → the core's `Cell`. Pure, no Office.js.
 *
 * Conventions match `src/files/cells.ts`, so that a sheet read inside Excel and the same sheet read from the file
 * give the core the same rows:
 * - `Double`/`Integer` → kind 'number'. Dates stay Excel serial numbers; their number format says they are dates.
 * - `String` → kind 'string'; an empty string is an empty cell unless a formula produced it.
 * - `Boolean` → kind 'boolean'; `Error` → kind 'error' with the error text (`#N/A`, `#VALUE!` …).
 * - `Empty` → no cell (undefined), unless the cell holds a formula (then kind 'empty' with `formula`).
 * - `RichValue` (linked data types, images in cells) → kind 'string' with the value Excel shows as text.
 * - `General` (any case) is no number format at all (`numberFormat` absent).
 * - A formula is marked with `formula: ''`: Excel is asked only *where* formulas are (one address string per
 *   block via `getSpecialCellsOrNullObject('Formulas')`), not for their text, which would double the payload. The
 *   core needs only to know that a code is computed (`cell.formula`).
 */
import type { Cell } from '../core/types';

/** Number format as the core wants it: undefined for General. */
export function normaliseFormat(numberFormat: unknown): string | undefined {
  if (typeof numberFormat !== 'string' || numberFormat === '' || numberFormat.toLowerCase() === 'general') {
    return undefined;
  }
  return numberFormat;
}

function make(kind: Cell['kind'], value: Cell['value'], numberFormat: string | undefined, formula: boolean): Cell {
  if (!formula) return numberFormat === undefined ? { kind, value } : { kind, value, numberFormat };
  return numberFormat === undefined ? { kind, value, formula: '' } : { kind, value, numberFormat, formula: '' };
}

/** One cell; undefined for an empty cell without a formula. */
export function toCell(value: unknown, valueType: unknown, numberFormat: unknown, isFormula: boolean): Cell | undefined {
  const fmt = normaliseFormat(numberFormat);
  switch (valueType) {
    case 'Empty':
      return isFormula ? make('empty', null, fmt, true) : undefined;
    case 'Double':
    case 'Integer':
      if (typeof value === 'number') {
        return Number.isFinite(value) ? make('number', value, fmt, isFormula) : make('error', '#NUM!', fmt, isFormula);
      }
      break;
    case 'Boolean':
      if (typeof value === 'boolean') return make('boolean', value, fmt, isFormula);
      break;
    case 'Error':
      return make('error', typeof value === 'string' && value !== '' ? value : '#VALUE!', fmt, isFormula);
    case 'String':
      if (typeof value === 'string') {
        if (value === '' && !isFormula) return undefined;
        return make('string', value, fmt, isFormula);
      }
      break;
    default:
      break;
  }
  // Unknown, RichValue, or a value whose JS type disagrees with its value type: decide by the value itself.
  if (value === null || value === undefined || value === '') return isFormula ? make('empty', null, fmt, true) : undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? make('number', value, fmt, isFormula) : make('error', '#NUM!', fmt, isFormula);
  }
  if (typeof value === 'boolean') return make('boolean', value, fmt, isFormula);
  return make('string', String(value), fmt, isFormula);
}

export interface BlockData {
  values: readonly (readonly unknown[])[];
  valueTypes: readonly (readonly unknown[])[];
  numberFormat: readonly (readonly unknown[])[];
}

/**
 * Convert one block read from the sheet into core rows. `firstRow` is the sheet row (1-based) of the block's first
 * row, `firstCol` the 0-based column of its first column; `isFormula(row, col)` uses sheet coordinates.
 * Returns one entry per block row: undefined for a row without any cell.
 */
export function blockToRows(
  block: BlockData,
  firstCol: number,
  firstRow: number,
  isFormula: (row: number, col: number) => boolean,
): Array<Array<Cell | undefined> | undefined> {
  const out: Array<Array<Cell | undefined> | undefined> = new Array(block.values.length);
  for (let r = 0; r < block.values.length; r++) {
    const values = block.values[r] ?? [];
    const types = block.valueTypes[r] ?? [];
    const formats = block.numberFormat[r] ?? [];
    let row: Array<Cell | undefined> | undefined;
    for (let c = 0; c < values.length; c++) {
      const cell = toCell(values[c], types[c], formats[c], isFormula(firstRow + r, firstCol + c));
      if (cell === undefined) continue;
      if (row === undefined) row = new Array<Cell | undefined>(firstCol + values.length);
      row[firstCol + c] = cell;
    }
    out[r] = row;
  }
  return out;
}
