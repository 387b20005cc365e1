/**
 * Normalise first, then validate (DOMAIN.md §4): each cell is read, its hygiene problems (error values,
 * formulas, spaces, invisible and full-width characters, numbers that should be text) are reported once,
 * and the validators see the cleaned text. A value that a normalising fix cures gets only that rule.
 */
import type { Cell } from '../types';
import { hasFullWidthAlnum, isClean, stripAllWhitespace, toHalfWidthAlnum, trimText } from '../cells/text';
import { address } from './a1';
import { numberText, isDateFormat } from './cell-text';
import { err, warn, type IssueDraft, type Located } from './issue';

/**
 * How a field's text is cleaned:
 * - code: 学号, 身份证号, codes — no whitespace at all, half-width, and a number should be text;
 * - compact: 姓名, 性别, 民族, 分部名称 … — no whitespace at all ("不得有空格"), half-width;
 * - text: free text (免考原因, 备注) — trimmed, inner spaces kept.
 */
export type TextMode = 'code' | 'compact' | 'text';

export interface Prepared extends Located {
  raw: Cell | undefined;
  /** The cleaned text the validators see. */
  text: string;
  empty: boolean;
  /** An error value or a number whose digits are lost: nothing further to validate. */
  unusable: boolean;
  /** The value to write when any fixable rule fires on this cell (cleaned, later canonicalised). */
  fixed: string;
  /** Whether a fixable issue fired: the cell gets a patch. */
  needsFix: boolean;
  readonly drafts: IssueDraft[];
  readonly hasDrafts: boolean;
  /** A number with a date format (dates arrive as Excel serials). */
  dateSerial: number | null;
}

/** Largest integer Excel stores exactly: it keeps 15 significant digits. */
const EXACT_LIMIT = 1e15;

export interface PrepareOptions {
  mode: TextMode;
  /** Label used in messages, e.g. 学号. */
  label: string;
  /** A code or ID: a formula is worth a warning, a number is not acceptable. */
  isCode: boolean;
}

/** A prepared cell; its A1 address is built only when an issue or a patch needs it (most cells have none). */
class PreparedCell implements Prepared {
  text = '';
  empty = true;
  unusable = false;
  fixed = '';
  needsFix = false;
  dateSerial: number | null = null;
  private a1: string | undefined = undefined;
  private list: IssueDraft[] | undefined = undefined;
  /** Allocated on first use: most cells never get a draft. */
  get drafts(): IssueDraft[] {
    return (this.list ??= []);
  }
  get hasDrafts(): boolean {
    return this.list !== undefined && this.list.length > 0;
  }
  constructor(
    public raw: Cell | undefined,
    public row: number,
    public col: number,
  ) {}
  get addr(): string {
    return (this.a1 ??= address(this.row, this.col));
  }
  /** Back to the state of a cell just made at (row, col): what the constructor and the field initialisers set. */
  reset(raw: Cell | undefined, row: number, col: number): void {
    this.text = '';
    this.empty = true;
    this.unusable = false;
    this.fixed = '';
    this.needsFix = false;
    this.dateSerial = null;
    this.a1 = undefined;
    this.list = undefined;
    this.raw = raw;
    this.row = row;
    this.col = col;
  }
}

/**
 * A prepared cell to refill row after row (prepareInto): the check keeps one per column, so that a 100,000-row sheet
 * does not make a million cell objects that each live for one row. Nothing may keep it beyond its row.
 */
export type CellSlot = PreparedCell;

export function cellSlot(): CellSlot {
  return new PreparedCell(undefined, 0, 0);
}

export function prepareCell(raw: Cell | undefined, row: number, col: number, opt: PrepareOptions): Prepared {
  return fill(new PreparedCell(raw, row, col), raw, opt);
}

/** prepareCell into a slot: the slot as prepareCell would have made it, the slot's last row forgotten. */
export function prepareInto(slot: CellSlot, raw: Cell | undefined, row: number, col: number, opt: PrepareOptions): Prepared {
  slot.reset(raw, row, col);
  return fill(slot, raw, opt);
}

function fill(p: PreparedCell, raw: Cell | undefined, opt: PrepareOptions): Prepared {
  if (!raw || raw.kind === 'empty') {
    if (raw?.formula !== undefined && opt.isCode) p.drafts.push(warn('cell.formula', `${opt.label}由公式计算得出${raw.formula ? `（=${raw.formula}）` : ''}，且没有结果值，请改为直接填写`));
    return p;
  }
  if (raw.formula !== undefined && opt.isCode) {
    p.drafts.push(warn('cell.formula', `${opt.label}由公式计算得出${raw.formula ? `（=${raw.formula}）` : ''}，提交前请“选择性粘贴为数值”`));
  }
  if (raw.kind === 'error') {
    p.empty = false;
    p.unusable = true;
    p.text = String(raw.value);
    p.drafts.push(err('cell.error-value', `${opt.label}单元格是错误值 ${String(raw.value)}，请填写正确内容`));
    return p;
  }
  if (raw.kind === 'number') {
    const n = raw.value as number;
    p.empty = false;
    if (isDateFormat(raw.numberFormat)) p.dateSerial = n;
    if (opt.isCode) {
      if (!Number.isInteger(n) || Math.abs(n) >= EXACT_LIMIT) {
        p.unusable = true;
        p.text = numberText(n);
        p.drafts.push(
          err(
            'cell.precision-lost',
            `${opt.label}以数字形式存储，Excel 只保留15位有效数字，后几位已丢失（现为 ${numberText(n)}），无法自动恢复：请把该列设为“文本”格式后，从原始资料重新粘贴`,
          ),
        );
        return p;
      }
      p.text = numberText(n);
      p.fixed = p.text;
      p.needsFix = true;
      p.drafts.push(err('cell.number-stored', `${opt.label}以数字形式存储，应存为文本，以免丢失前导0或数字`, true));
      return p;
    }
    p.text = numberText(n);
    p.fixed = p.text;
    return p;
  }
  const original = raw.kind === 'boolean' ? (raw.value ? 'TRUE' : 'FALSE') : String(raw.value);
  const text = isClean(original) ? original : cleanText(p, original, opt);
  if (opt.isCode && SCIENTIFIC_RE.test(text)) {
    // 1.10105E+17: the display of a number copied as text — the digits were gone before it was pasted.
    p.empty = false;
    p.unusable = true;
    p.text = text;
    p.drafts.push(
      err('cell.precision-lost', `${opt.label}是科学计数法“${text}”，后几位数字已丢失，无法自动恢复：请把该列设为“文本”格式后，从原始资料重新粘贴`),
    );
    return p;
  }
  p.text = text;
  p.fixed = text;
  p.empty = text === '';
  return p;
}

/** A text that may need cleaning: spaces and invisibles dropped, full-width letters and digits made half-width. */
function cleanText(p: PreparedCell, original: string, opt: PrepareOptions): string {
  let text = opt.mode === 'text' ? trimText(original) : stripAllWhitespace(original);
  if (text !== original) {
    p.drafts.push(err('cell.whitespace', `${opt.label}中含有空格、不间断空格或不可见字符`, true));
    p.needsFix = true;
  }
  if (opt.mode !== 'text' && hasFullWidthAlnum(text)) {
    text = toHalfWidthAlnum(text);
    p.drafts.push(err('cell.fullwidth', `${opt.label}中含有全角数字或字母`, true));
    p.needsFix = true;
  }
  return text;
}

/** A number as Excel displays it in scientific notation: 1.10105E+17. */
const SCIENTIFIC_RE = /^\d(?:\.\d+)?E\+?\d+$/i;
