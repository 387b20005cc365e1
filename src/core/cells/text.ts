/**
 * Text hygiene for cells pasted from web platforms (DOMAIN.md §1 "Excel traps": full-width digits, NBSP,
 * zero-width spaces, trailing spaces). Roster cells must hold no spaces at all (陕西 notice: "不得有空格").
 * Every function has a regex fast path so the common clean cell costs one test and no allocation.
 */

/**
 * Invisible format characters: zero-width space/non-joiner/joiner (U+200B–U+200D), word joiner (U+2060),
 * BOM / zero-width no-break space (U+FEFF), soft hyphen (U+00AD), Mongolian vowel separator (U+180E).
 * Also the bidi marks and invisible operators that web copy-paste drags along (U+200E/U+200F, U+202A–U+202E,
 * U+2061–U+2064, U+2066–U+2069): they are just as invisible to a registrar and just as fatal to a code.
 */
const INVISIBLE_CLASS = '\\u200B-\\u200D\\u2060\\uFEFF\\u00AD\\u180E\\u200E\\u200F\\u202A-\\u202E\\u2061-\\u2064\\u2066-\\u2069';

/** Line breaks (kept as one line break by trimText). */
const LINE_BREAK_CLASS = '\\n\\r\\u0085\\u2028\\u2029';

/**
 * All whitespace: ASCII space, tab, line breaks, VT, FF, NBSP (U+00A0), ideographic space (U+3000),
 * the U+2000–U+200A spaces, narrow NBSP (U+202F), medium math space (U+205F), Ogham space (U+1680).
 * This is JavaScript's \s without U+FEFF (counted as invisible here) plus NEL (U+0085).
 */
const WHITESPACE_CLASS = ' \\t\\v\\f' + LINE_BREAK_CLASS + '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';

export const INVISIBLE_RE = new RegExp(`[${INVISIBLE_CLASS}]`);
const INVISIBLE_G = new RegExp(`[${INVISIBLE_CLASS}]+`, 'g');
export const WHITESPACE_RE = new RegExp(`[${WHITESPACE_CLASS}]`);
const STRIP_RE = new RegExp(`[${WHITESPACE_CLASS}${INVISIBLE_CLASS}]`);
const STRIP_G = new RegExp(`[${WHITESPACE_CLASS}${INVISIBLE_CLASS}]+`, 'g');
const WS_RUN_G = new RegExp(`[${WHITESPACE_CLASS}]+`, 'g');
const LINE_BREAK_RE = new RegExp(`[${LINE_BREAK_CLASS}]`);
/** Anything trimText would change: edge whitespace, invisibles, non-space whitespace, double spaces. */
const NEEDS_TRIM_RE = new RegExp(
  `^[${WHITESPACE_CLASS}]|[${WHITESPACE_CLASS}]$|[${INVISIBLE_CLASS}]|[\\t\\v\\f${LINE_BREAK_CLASS}\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]|  `,
);

/** Full-width digits and Latin letters only: ０-９ Ａ-Ｚ ａ-ｚ. Full-width brackets stay (reasons contain （CET-4）). */
const FULLWIDTH_ALNUM_RE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;
const FULLWIDTH_ALNUM_G = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
/** Full-width forms sit exactly 0xFEE0 above their ASCII twins. */
const FULLWIDTH_OFFSET = 0xfee0;

/**
 * Whether no cleaning can change `s`: it holds only printable ASCII other than the space, and U+3001–U+FEFE (CJK and
 * the like) — no whitespace, invisible or full-width alphanumeric character (all of which lie outside both ranges).
 * One pass over the char codes, so the common clean cell is settled without running the cleaning regexes.
 */
export function isClean(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfeff)) continue;
    return false;
  }
  return true;
}

export function hasInvisible(s: string): boolean {
  return INVISIBLE_RE.test(s);
}

export function hasWhitespace(s: string): boolean {
  return WHITESPACE_RE.test(s);
}

/** Removes every whitespace and invisible character (codes, IDs, names: "不得有空格"). */
export function stripAllWhitespace(s: string): string {
  return STRIP_RE.test(s) ? s.replace(STRIP_G, '') : s;
}

/**
 * For free-text cells (备注, 免考原因): drops invisibles, trims both ends (incl. NBSP/U+3000), and collapses
 * each inner whitespace run to one ASCII space — or to one '\n' when the run holds a line break, so a
 * deliberate Alt+Enter survives while NBSP/U+3000 inside become ordinary spaces.
 */
export function trimText(s: string): string {
  if (!NEEDS_TRIM_RE.test(s)) return s;
  return s
    .replace(INVISIBLE_G, '')
    .replace(WS_RUN_G, (run) => (LINE_BREAK_RE.test(run) ? '\n' : ' '))
    .trim();
}

export function hasFullWidthAlnum(s: string): boolean {
  return FULLWIDTH_ALNUM_RE.test(s);
}

export function toHalfWidthAlnum(s: string): string {
  if (!FULLWIDTH_ALNUM_RE.test(s)) return s;
  return s.replace(FULLWIDTH_ALNUM_G, (c) => String.fromCharCode(c.charCodeAt(0) - FULLWIDTH_OFFSET));
}
