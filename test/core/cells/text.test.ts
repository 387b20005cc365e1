import fc from 'fast-check';
import {
  hasFullWidthAlnum,
  hasInvisible,
  hasWhitespace,
  stripAllWhitespace,
  toHalfWidthAlnum,
  trimText,
} from '../../../src/core/cells/text';

/** Strings rich in the characters these functions care about, mixed with ordinary text. */
const messy = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', '\t', '\r\n', '\n', '\u00A0', '\u3000', '\u2003', '\u202F', '\u205F'),
      fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u200E'),
      fc.constantFrom('１', '９', 'Ａ', 'ｚ', '（', '）', 'CET-4', '刘洋', 'a', '0', '·'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('hasInvisible', () => {
  it.each(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'])('finds U+%s', (c) => {
    expect(hasInvisible(`17110${c}01201115`)).toBe(true);
  });
  it('is false for clean text and for ordinary spaces', () => {
    expect(hasInvisible('1711001201115')).toBe(false);
    expect(hasInvisible('刘 洋')).toBe(false);
  });
});

describe('hasWhitespace', () => {
  it.each([' ', '\t', '\r', '\n', '\u00A0', '\u3000', '\u2000', '\u200A', '\u202F', '\u205F'])(
    'finds %j',
    (c) => expect(hasWhitespace(`刘${c}洋`)).toBe(true),
  );
  it('is false for clean text and for zero-width characters (those are invisible, not whitespace)', () => {
    expect(hasWhitespace('刘洋')).toBe(false);
    expect(hasWhitespace('刘\u200B洋')).toBe(false);
  });
});

describe('stripAllWhitespace', () => {
  it('removes spaces, NBSP, ideographic spaces and zero-width characters', () => {
    expect(stripAllWhitespace(' 1711\u00A0001\u3000201\u200B115\uFEFF\n')).toBe('1711001201115');
  });
  it('returns clean input unchanged', () => {
    expect(stripAllWhitespace('买买提·艾力')).toBe('买买提·艾力');
  });
  it('leaves no whitespace or invisible character behind and is idempotent', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = stripAllWhitespace(s);
        expect(hasWhitespace(once) || hasInvisible(once)).toBe(false);
        expect(stripAllWhitespace(once)).toBe(once);
      }),
    );
  });
});

describe('trimText', () => {
  it('trims both ends including NBSP and U+3000, and drops invisibles', () => {
    expect(trimText('\u3000\u00A0非英语专业\u200B ')).toBe('非英语专业');
  });
  it('turns inner NBSP/U+3000 into one space and collapses runs', () => {
    expect(trimText('大学英语\u00A0\u00A0B  免考\u3000原因')).toBe('大学英语 B 免考 原因');
  });
  it('keeps a deliberate line break as one \\n', () => {
    expect(trimText('第一行 \r\n  第二行')).toBe('第一行\n第二行');
  });
  it('returns clean text unchanged', () => {
    expect(trimText('非英语专业，获大学英语四级（CET-4）或以上证书')).toBe('非英语专业，获大学英语四级（CET-4）或以上证书');
  });
  it('is idempotent and leaves no invisible characters or edge whitespace', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = trimText(s);
        expect(trimText(once)).toBe(once);
        expect(hasInvisible(once)).toBe(false);
        expect(once).toBe(once.trim());
      }),
    );
  });
});

describe('hasFullWidthAlnum / toHalfWidthAlnum', () => {
  it('detects and converts full-width digits and Latin letters', () => {
    expect(hasFullWidthAlnum('１７１１００１２０１１１５')).toBe(true);
    expect(toHalfWidthAlnum('１７１１００１２０１１１５')).toBe('1711001201115');
    expect(toHalfWidthAlnum('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(toHalfWidthAlnum('ａｂｃＸＹＺ')).toBe('abcXYZ');
  });
  it('leaves full-width brackets and punctuation alone (reason texts contain （CET-4）)', () => {
    const reason = '非英语专业，获大学英语四级（CET-4）或以上证书';
    expect(hasFullWidthAlnum(reason)).toBe(false);
    expect(toHalfWidthAlnum(reason)).toBe(reason);
    expect(toHalfWidthAlnum('（）＋．')).toBe('（）＋．');
  });
  it('is idempotent and leaves nothing full-width alphanumeric', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = toHalfWidthAlnum(s);
        expect(hasFullWidthAlnum(once)).toBe(false);
        expect(toHalfWidthAlnum(once)).toBe(once);
      }),
    );
  });
});
