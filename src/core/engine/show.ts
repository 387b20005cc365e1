/**
 * Showing a cell's value to a person (fix previews in the task pane and `xueji fix`, issue 9): invisible characters
 * made visible — a trailing space is `孔桂␣`, not `孔桂` — and the value's type named on both sides, so that
 * `1300806（数字） → 01300806（文本）` reads as the change it is.
 */
import type { Cell, Patch } from '../types';

/** What each mark stands for, for a legend under a preview. */
export const VISIBLE_LEGEND = '␣ 空格，⍽ 不间断空格，□ 全角空格，¤ 零宽或其他不可见字符，⇥ 制表符，↵ 换行';

const MARKS: readonly [RegExp, string][] = [
  [/\r\n|[\n\r\u0085\u2028\u2029]/g, '↵'],
  [/\t/g, '⇥'],
  [/[\u00a0\u202f]/g, '⍽'],
  [/\u3000/g, '□'],
  [/[ \v\f\u1680\u2000-\u200a\u205f]/g, '␣'],
  [/[\u200b-\u200f\u2060-\u2064\u2066-\u2069\u202a-\u202e\ufeff\u00ad\u180e]/g, '¤'],
];
const ANY_MARK = /[\s\u0085\u200b-\u200f\u2060-\u2064\u2066-\u2069\u202a-\u202e\ufeff\u00ad\u180e]/;

/** The text with every space, line break and invisible character replaced by its mark. */
export function visible(text: string): string {
  if (!ANY_MARK.test(text)) return text;
  let out = text;
  for (const [re, mark] of MARKS) out = out.replace(re, mark);
  return out;
}

/** Whether showing the text needed a mark (then a preview adds the legend). */
export function hasHidden(text: string): boolean {
  return ANY_MARK.test(text);
}

export type ValueType = '文本' | '数字' | '逻辑值' | '错误值' | '公式';

export interface ShownValue {
  /** The value with its invisible characters shown; '（空）' for an empty cell. */
  text: string;
  empty: boolean;
  /** What kind of value it is; null for an empty cell. */
  type: ValueType | null;
  /** A number format worth naming (a date format …): not General and not text '@'. */
  format: string | null;
}

function worthNaming(nf: string | undefined): string | null {
  return !nf || nf === 'General' || nf === '@' ? null : nf;
}

function typeOf(value: Cell['value']): ValueType {
  return typeof value === 'number' ? '数字' : typeof value === 'boolean' ? '逻辑值' : '文本';
}

function textOf(value: Cell['value']): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return typeof value === 'string' ? visible(value) : String(value);
}

/** A cell as it stands (before a fix). */
export function showCell(cell: Cell | undefined): ShownValue {
  if (!cell || cell.kind === 'empty' || cell.value === null || cell.value === '') {
    return { text: '（空）', empty: true, type: null, format: worthNaming(cell?.numberFormat) };
  }
  const type: ValueType = cell.formula !== undefined ? '公式' : cell.kind === 'error' ? '错误值' : typeOf(cell.value);
  return { text: textOf(cell.value), empty: false, type, format: worthNaming(cell.numberFormat) };
}

/** What a patch writes (after a fix): a formula moved with its row, or an error value, is named as such. */
export function showPatch(p: Pick<Patch, 'value' | 'numberFormat' | 'formula' | 'error'>): ShownValue {
  if ((p.value === null || p.value === '') && p.formula === undefined) return { text: '（空）', empty: true, type: null, format: worthNaming(p.numberFormat) };
  const type: ValueType = p.formula !== undefined ? '公式' : p.error ? '错误值' : typeOf(p.value);
  return { text: p.value === null ? '' : textOf(p.value), empty: false, type, format: worthNaming(p.numberFormat) };
}

/** One side of a change as a line of text: 01300806（文本）, （空）. */
export function shownText(v: ShownValue): string {
  if (v.empty) return v.text;
  return `${v.text}（${v.type}${v.format ? `，格式 ${v.format}` : ''}）`;
}
