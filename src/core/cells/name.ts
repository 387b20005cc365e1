/**
 * 姓名 (DOMAIN.md §1): Chinese characters; minority names may hold the middle dot · (U+00B7) between parts
 * (买买提·艾力). Look-alike dots typed or pasted instead are a fix; anything else is name.invalid.
 */

/**
 * Han characters: CJK Unified Ideographs (U+4E00–9FFF), Extension A (U+3400–4DBF), compatibility ideographs
 * (U+F900–FAFF), the supplementary planes' Extensions B–I (U+20000–323AF, incl. the compatibility supplement
 * U+2F800–2FA1F), and 〇 (U+3007), which does occur in registered names.
 */
const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u3007\\u{20000}-\\u{323AF}';
const VALID_NAME_RE = new RegExp(`^[${HAN}]+(?:\\u00B7[${HAN}]+)*$`, 'u');
const HAN_CHAR_RE = new RegExp(`^[${HAN}]$`, 'u');

/**
 * Dots people use for ·: ASCII '.', • U+2022, ‧ U+2027, ∙ U+2219, ⋅ U+22C5, ・ U+30FB, ． U+FF0E, ･ U+FF65,
 * Greek ano teleia U+0387, ⸱ U+2E31.
 */
const DOT_VARIANTS_RE = /[.\u2022\u2027\u2219\u22C5\u30FB\uFF0E\uFF65\u0387\u2E31]/;
const DOT_VARIANTS_G = /[.\u2022\u2027\u2219\u22C5\u30FB\uFF0E\uFF65\u0387\u2E31]/g;
const MIDDLE_DOT = '\u00B7';

export function normaliseNameDots(s: string): string {
  return DOT_VARIANTS_RE.test(s) ? s.replace(DOT_VARIANTS_G, MIDDLE_DOT) : s;
}

export type NameCheck = { status: 'valid' } | { status: 'fixable'; value: string } | { status: 'invalid'; reason: string };

const VALID: NameCheck = Object.freeze({ status: 'valid' as const });
const DIGIT_RE = /[0-9\uFF10-\uFF19]/;
const LATIN_RE = /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/;
const SPACE_RE = /\s/;

/** `s` is already whitespace-stripped by the engine (cell.whitespace is its own rule). */
export function checkName(s: string): NameCheck {
  if (VALID_NAME_RE.test(s)) return VALID;
  const dotted = normaliseNameDots(s);
  if (dotted !== s && VALID_NAME_RE.test(dotted)) return { status: 'fixable', value: dotted };
  return { status: 'invalid', reason: invalidReason(dotted) };
}

function invalidReason(s: string): string {
  if (s.length === 0) return '姓名为空';
  if (DIGIT_RE.test(s)) return '姓名中含有数字';
  if (LATIN_RE.test(s)) return '姓名中含有英文字母';
  if (SPACE_RE.test(s)) return '姓名中含有空格';
  for (const ch of s) {
    if (ch !== MIDDLE_DOT && !HAN_CHAR_RE.test(ch)) return `姓名中含有不能出现在姓名中的字符“${ch}”`;
  }
  // Only Han characters and dots are left, so the dots are misplaced.
  return '姓名中的间隔号“·”只能出现在两个汉字之间，且不能连用';
}
