import fc from 'fast-check';
import { checkName, normaliseNameDots } from '../../../src/core/cells/name';

describe('normaliseNameDots', () => {
  it.each(['•', '．', '・', '‧', '⋅', '･', '.'])('turns %s into ·', (dot) => {
    expect(normaliseNameDots(`买买提${dot}艾力`)).toBe('买买提·艾力');
  });
  it('leaves names without look-alike dots unchanged', () => {
    expect(normaliseNameDots('买买提·艾力')).toBe('买买提·艾力');
    expect(normaliseNameDots('刘洋')).toBe('刘洋');
  });
  it('is idempotent', () => {
    const s = fc
      .array(fc.oneof(fc.constantFrom('•', '．', '・', '‧', '⋅', '･', '.', '·', '买', '提'), fc.string({ unit: 'binary', maxLength: 3 })), {
        maxLength: 10,
      })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(s, (x) => {
        const once = normaliseNameDots(x);
        expect(normaliseNameDots(once)).toBe(once);
      }),
    );
  });
});

describe('checkName', () => {
  it.each(['刘洋', '买买提·艾力', '阿卜杜热合曼·买买提·艾力', '王〇', '𠮷野', '㐀明', '欧阳娜娜'])('accepts %s', (s) =>
    expect(checkName(s)).toEqual({ status: 'valid' }),
  );
  it('fixes look-alike dots to ·', () => {
    expect(checkName('买买提•艾力')).toEqual({ status: 'fixable', value: '买买提·艾力' });
    expect(checkName('买买提．艾力')).toEqual({ status: 'fixable', value: '买买提·艾力' });
    expect(checkName('买买提・艾力')).toEqual({ status: 'fixable', value: '买买提·艾力' });
  });
  it.each([
    ['刘洋2', '姓名中含有数字'],
    ['Liu洋', '姓名中含有英文字母'],
    ['刘 洋', '姓名中含有空格'],
    ['刘洋（曾用名）', '姓名中含有不能出现在姓名中的字符“（”'],
    ['刘-洋', '姓名中含有不能出现在姓名中的字符“-”'],
    ['·刘洋', '姓名中的间隔号“·”只能出现在两个汉字之间，且不能连用'],
    ['刘洋·', '姓名中的间隔号“·”只能出现在两个汉字之间，且不能连用'],
    ['买买提··艾力', '姓名中的间隔号“·”只能出现在两个汉字之间，且不能连用'],
    ['买买提•・艾力', '姓名中的间隔号“·”只能出现在两个汉字之间，且不能连用'],
    ['', '姓名为空'],
  ])('rejects %j: %s', (s, reason) => expect(checkName(s)).toEqual({ status: 'invalid', reason }));
});
