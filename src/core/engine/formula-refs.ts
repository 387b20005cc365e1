/**
 * The cell references inside a formula's text, so that a table fix can move a formula with its row the way Excel moves
 * a row (relative rows follow, `$` rows stay) — or refuse, saying why, when moving it would change what it means
 * (issue 14 item 3). Formulas are ExcelJS's text: A1 style, no leading '='. String literals, structured references
 * (Table1[列]) and function names (LOG10(…)) are not references. Pure.
 */

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export interface FormulaRef {
  /** Offset of the reference (after any sheet prefix) in the formula text, and its length. */
  start: number;
  end: number;
  /** The sheet prefix as written ('退学' for 退学!C5 or '退学'!C5), null for this sheet; '[1]…' keeps its brackets. */
  sheet: string | null;
  /** Rows it spans (null for a whole-column reference such as D:D). */
  top: number | null;
  bottom: number | null;
  /** Whether each row end is absolute ($5). */
  topAbs: boolean;
  bottomAbs: boolean;
  /** A single cell (C5) or a whole row (5:5 counts as one row, not a single cell). */
  single: boolean;
}

const ID = 'A-Za-z0-9_.\\u00A0-\\uFFFF';
const REF_RE = new RegExp(
  `(?<![${ID}$'\\]!])` +
    `((?:'(?:[^']|'')+'|\\[[^\\]]*\\][${ID}]*|[${ID}]+)!)?` +
    '(\\$?[A-Za-z]{1,3}\\$?[0-9]+(?::\\$?[A-Za-z]{1,3}\\$?[0-9]+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?[0-9]+:\\$?[0-9]+)' +
    `(?![${ID}(\\[!])`,
  'g',
);

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The text with every string literal ("…", "" inside) and structured reference ([…]) blanked out. */
function blankLiterals(f: string): string {
  let out = '';
  let i = 0;
  while (i < f.length) {
    const ch = f[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < f.length && !(f[j] === '"' && f[j + 1] !== '"')) j += f[j] === '"' ? 2 : 1;
      out += ' '.repeat(Math.min(j, f.length - 1) - i + 1);
      i = j + 1;
    } else if (ch === "'") {
      // A quoted sheet name: kept (it belongs to the reference after it).
      let j = i + 1;
      while (j < f.length && !(f[j] === "'" && f[j + 1] !== "'")) j += f[j] === "'" ? 2 : 1;
      out += f.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '[') {
      // Table1[列] or [@列]: blanked; [1]Sheet!A1 (another workbook) keeps its brackets.
      const j = f.indexOf(']', i);
      const end = j < 0 ? f.length - 1 : j;
      const book = /^[^\s!(),;:+\-*/&=<>^%"]*!/.test(f.slice(end + 1));
      out += book ? f.slice(i, end + 1) : ' '.repeat(end - i + 1);
      i = end + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

interface RowEnd {
  row: number | null;
  abs: boolean;
  col: number | null;
}

function parseEnd(text: string): RowEnd | null {
  const m = /^(\$?)([A-Za-z]{0,3})(\$?)([0-9]*)$/.exec(text);
  if (!m) return null;
  const col = m[2] ? colNumber(m[2]) : null;
  const row = m[4] ? Number(m[4]) : null;
  if (col !== null && col > MAX_COL) return null;
  if (row !== null && (row < 1 || row > MAX_ROW)) return null;
  return { row, abs: m[4] ? m[3] === '$' || (!m[2] && m[1] === '$') : false, col };
}

/** Every cell, range, column or row reference of the formula, in order. */
export function formulaRefs(formula: string): FormulaRef[] {
  const text = blankLiterals(formula);
  const refs: FormulaRef[] = [];
  for (const m of text.matchAll(REF_RE)) {
    const prefix = m[1];
    const body = m[2]!;
    const [a, b] = body.split(':');
    const ea = parseEnd(a!);
    const eb = b === undefined ? ea : parseEnd(b);
    if (!ea || !eb) continue;
    const start = m.index! + (prefix?.length ?? 0);
    let sheet: string | null = null;
    if (prefix) {
      const raw = prefix.slice(0, -1);
      sheet = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    }
    const rows = ea.row !== null && eb.row !== null;
    refs.push({
      start,
      end: start + body.length,
      sheet,
      top: rows ? Math.min(ea.row!, eb.row!) : null,
      bottom: rows ? Math.max(ea.row!, eb.row!) : null,
      topAbs: ea.row! <= eb.row! ? ea.abs : eb.abs,
      bottomAbs: ea.row! <= eb.row! ? eb.abs : ea.abs,
      single: b === undefined,
    });
  }
  return refs;
}

/** A reference into the sheet the formula is on (no prefix, or its own name, case-insensitive as Excel). */
export function isOwnSheet(ref: FormulaRef, sheetName: string): boolean {
  return ref.sheet === null || ref.sheet.toLowerCase() === sheetName.toLowerCase();
}

/**
 * The formula as it reads `rows` rows further down (Excel's rule for a moved or copied cell): every relative row of a
 * reference into this sheet follows, absolute rows and other sheets stay. Null when a row would leave the sheet.
 */
export function shiftFormula(formula: string, rows: number, sheetName: string): string | null {
  if (rows === 0) return formula;
  const refs = formulaRefs(formula);
  let out = '';
  let at = 0;
  for (const ref of refs) {
    if (!isOwnSheet(ref, sheetName)) continue;
    const body = formula.slice(ref.start, ref.end);
    let bad = false;
    const moved = body.replace(/(\$?)([A-Za-z]{0,3})(\$?)([0-9]+)/g, (whole, d1: string, col: string, d2: string, row: string) => {
      const absolute = col ? d2 === '$' : d1 === '$';
      if (absolute) return whole;
      const r = Number(row) + rows;
      if (r < 1 || r > MAX_ROW) bad = true;
      return `${d1}${col}${d2}${r}`;
    });
    if (bad) return null;
    out += formula.slice(at, ref.start) + moved;
    at = ref.end;
  }
  return out + formula.slice(at);
}
