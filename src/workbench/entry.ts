/**
 * What the registrar types or pastes into a cell of the workbench grid, as the patch to write (issue 10).
 *
 * - In a code or ID column (学号, 身份证号, 学习中心代码, 科目代码, 注册证号, and the 原 / 新 values of a correction
 *   sheet), or a cell already formatted as text (`@`), what is typed stays text, formatted `@`: never a number, so no
 *   leading zero and no 16th digit is ever lost (DOMAIN.md §1, "Excel traps").
 * - Elsewhere a plain short number (序号) becomes a number, as in Excel and WPS; anything else — a leading zero,
 *   more than 15 digits, a date-like text — stays text. The cell keeps its number format.
 * - An empty entry empties the cell (its format stays).
 */
import type { Cell, Patch, SheetInput } from '../core/types';
import { detectHeader } from '../core/engine/header';
import { FIELD_SPECS } from '../core/templates/specs';

/** Digits Excel keeps of a number. */
const EXACT_DIGITS = 15;
const PLAIN_NUMBER = /^[+-]?(0|[1-9]\d*)(\.\d+)?$/;

export interface EntryTarget {
  /** A code or ID column: text only. */
  textColumn: boolean;
  /** The cell as it is now. */
  cell: Cell | undefined;
}

export function entryPatch(address: string, typed: string, target: EntryTarget): Patch {
  const format = target.cell?.numberFormat ?? 'General';
  if (typed === '') return { cell: address, value: null, numberFormat: format };
  if (target.textColumn || format === '@') return { cell: address, value: typed, numberFormat: '@' };
  if (PLAIN_NUMBER.test(typed) && typed.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= EXACT_DIGITS) {
    return { cell: address, value: Number(typed), numberFormat: format };
  }
  return { cell: address, value: typed, numberFormat: format };
}

/** Columns (0-based) whose entries stay text: those the header maps to a code, an ID or a 原 / 新 value. */
export function textColumns(sheet: SheetInput): Set<number> {
  const header = detectHeader(sheet);
  const out = new Set<number>();
  if (!header) return out;
  for (const [field, cols] of header.fieldColumns) {
    if (FIELD_SPECS[field].isCode || field === 'oldValue' || field === 'newValue') for (const c of cols) out.add(c);
  }
  for (const w of header.wide) out.add(w.col);
  return out;
}
