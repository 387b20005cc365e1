/**
 * ExcelJS cell values → the core's `Cell`. Browser-safe: no Node APIs, and only ExcelJS *types* are imported.
 *
 * Conventions (shared by both readers, so that they return identical sheets):
 * - Dates are Excel serial numbers of the 1900 date system (36526 = 2000-01-01), kind 'number', with the cell's
 *   number format kept. ExcelJS hands dates over as UTC `Date`s; a workbook saved in the 1904 system is converted by
 *   ExcelJS to real dates first, so the serials the core sees always mean the same day.
 * - An empty string (or rich text with no characters) is an empty cell (`undefined`), unless it is a formula result.
 * - A formula keeps its text as ExcelJS gives it (no leading '='); its cached result becomes kind/value. A formula
 *   without a cached result (or whose result is unreadable) is kind 'empty' with `formula` set.
 * - A number that is not finite (only a damaged file produces one) becomes the error value '#NUM!'.
 */
import type * as ExcelJS from 'exceljs';
import type { Cell } from '../core/types';

/** Milliseconds per day. */
const DAY_MS = 24 * 60 * 60 * 1000;
/** Serial number of 1970-01-01 in the 1900 date system (the same constant ExcelJS uses). */
const UNIX_EPOCH_SERIAL = 25569;
/** Days between the 1900 and the 1904 date systems. */
const DATE1904_OFFSET = 1462;

/** Excel serial (1900 system) of a UTC date, exactly as ExcelJS's `dateToExcel(d, false)` computes it. */
export function dateToSerial(date: Date): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / DAY_MS;
}

/** The UTC date of an Excel serial, exactly as ExcelJS's `excelToDate(v, date1904)` computes it. */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0)) * DAY_MS));
}

/**
 * Whether a number format shows a date or time. Same rule as ExcelJS's `utils.isDateFmt` (which decides when ExcelJS
 * turns a number into a `Date`): ignore [..] and "..", then look for y, m, d, h, M, s or b.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const stripped = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(stripped);
}

/** The number format as the core wants it: absent for General. */
export function normaliseNumberFormat(numFmt: string | undefined): string | undefined {
  if (numFmt === undefined || numFmt === '' || numFmt.toLowerCase() === 'general') return undefined;
  return numFmt;
}

function makeCell(
  kind: Cell['kind'],
  value: Cell['value'],
  numberFormat: string | undefined,
  formula?: string,
): Cell {
  // One small object per cell, built by a single literal (all fields in-object, no property added later); an
  // optional field is present only when it has a value.
  if (formula === undefined) return numberFormat === undefined ? { kind, value } : { kind, value, numberFormat };
  return numberFormat === undefined ? { kind, value, formula } : { kind, value, numberFormat, formula };
}

function numberCell(n: number, numberFormat: string | undefined): Cell {
  return Number.isFinite(n) ? makeCell('number', n, numberFormat) : makeCell('error', '#NUM!', numberFormat);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function richTextToString(runs: unknown): string {
  if (!Array.isArray(runs)) throw new TypeError('ExcelJS rich text value without a run list');
  let text = '';
  for (const run of runs) {
    if (isObject(run) && typeof run.text === 'string') text += run.text;
    else if (isObject(run) && run.text !== undefined && run.text !== null) text += String(run.text);
  }
  return text;
}

/** A plain (non-formula, non-hyperlink) value. */
function simpleCell(value: unknown, numberFormat: string | undefined): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'number':
      return numberCell(value, numberFormat);
    case 'string':
      return value === '' ? undefined : makeCell('string', value, numberFormat);
    case 'boolean':
      return makeCell('boolean', value, numberFormat);
    default:
      break;
  }
  if (value instanceof Date) return numberCell(dateToSerial(value), numberFormat);
  if (isObject(value)) {
    if ('error' in value) return makeCell('error', String(value.error), numberFormat);
    if ('richText' in value) {
      const text = richTextToString(value.richText);
      return text === '' ? undefined : makeCell('string', text, numberFormat);
    }
  }
  throw new TypeError(`Unsupported ExcelJS cell value of type ${typeof value}`);
}

/**
 * Converts one ExcelJS cell value (and the cell's number format) into a `Cell`; `undefined` for an empty cell.
 *
 * Handles every shape of `ExcelJS.CellValue`: null/undefined, number, string, boolean, Date, `{ error }`,
 * `{ richText }`, `{ text, hyperlink }`, `{ formula, result }` and `{ sharedFormula, result }`. A shared-formula
 * value carries no formula text of its own; pass `{ formula: cell.formula, result: cell.result }` when the worksheet
 * is at hand (as `sheetFromWorksheet` does), otherwise `formula` is ''.
 */
export function cellFromExcelJS(value: ExcelJS.CellValue, numFmt: string | undefined): Cell | undefined {
  const numberFormat = normaliseNumberFormat(numFmt);
  const v: unknown = value;
  if (isObject(v) && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = typeof v.formula === 'string' ? v.formula : '';
      const result = v.result;
      let base: Cell | undefined;
      if (result instanceof Date && Number.isNaN(result.getTime())) {
        // ExcelJS turns a text result in a date-formatted cell into an invalid Date: the result is unknown.
        base = undefined;
      } else if (isObject(result) && !(result instanceof Date) && !('error' in result) && !('richText' in result)) {
        base = undefined;
      } else {
        base = simpleCell(result, numberFormat);
      }
      return base === undefined
        ? makeCell('empty', null, numberFormat, formula)
        : makeCell(base.kind, base.value, base.numberFormat, formula);
    }
    if ('hyperlink' in v || ('text' in v && !('richText' in v) && !('error' in v))) {
      return simpleCell(v.text, numberFormat);
    }
  }
  return simpleCell(v, numberFormat);
}
