/** File names against roster rows: exact, almost (a "+", a space, wrong name characters …), or nothing. */
import { NameIndex, isIgnorable, normaliseStem, oneDigitOff, splitExt, type NameCandidate } from '../../../src/core/evidence/names';
import { makeName, makeSid, idEndingInX } from '../../helpers/rules';

const SID = makeSid(1115, { year: 2017, branch: '110' }); // 1711001201115
const NAME = '刘洋';
const rows: NameCandidate[] = [
  { id: 0, key: SID, name: NAME },
  { id: 1, key: makeSid(2), name: makeName(1) },
  { id: 2, key: makeSid(3), name: '买买提·艾力' },
];
const index = new NameIndex(rows);

function problems(stem: string): string[] | null {
  const v = index.judge(stem);
  return v ? v.problems : null;
}

describe('withdrawal scan names: 学号全码 + 姓名, nothing between', () => {
  test('the exact name matches its row', () => {
    expect(SID).toBe('1711001201115');
    expect(index.judge(`${SID}${NAME}`)).toEqual({ id: 0, exact: true, problems: [] });
  });

  test('a "+" (ASCII or full-width) between 学号 and 姓名 is an almost-match of that row', () => {
    expect(index.judge(`${SID}+${NAME}`)).toMatchObject({ id: 0, exact: false, problems: ['plus'] });
    expect(problems(`${SID}＋${NAME}`)).toEqual(['plus']);
  });

  test('spaces of any kind are an almost-match', () => {
    expect(problems(`${SID} ${NAME}`)).toEqual(['space']);
    expect(problems(`${SID}\u3000${NAME}`)).toEqual(['space']);
    expect(problems(`${SID}${NAME} `)).toEqual(['space']);
    expect(problems(`${SID} + ${NAME}`)).toEqual(['space', 'plus']);
  });

  test('separators, full-width digits', () => {
    expect(problems(`${SID}-${NAME}`)).toEqual(['separator']);
    expect(problems(`${SID}_${NAME}`)).toEqual(['separator']);
    expect(problems(`${SID}.${NAME}`)).toEqual(['separator']);
    const fullwidth = [...SID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(problems(`${fullwidth}${NAME}`)).toEqual(['fullwidth']);
  });

  test('wrong name characters, or no name, still name the row by its 学号', () => {
    const v = index.judge(`${SID}刘阳`)!;
    expect(v).toMatchObject({ id: 0, exact: false, problems: ['wrong-name'], found: '刘阳' });
    expect(problems(SID)).toEqual(['no-name']);
  });

  test('name first, 学号 second', () => {
    expect(problems(`${NAME}${SID}`)).toEqual(['order']);
  });

  test('one digit of the 学号 wrong (or two neighbours swapped) with the right name', () => {
    const typo = `${SID.slice(0, 12)}6`;
    expect(index.judge(`${typo}${NAME}`)).toMatchObject({ id: 0, problems: ['key-typo'] });
    const swapped = SID.slice(0, 11) + SID[12] + SID[11];
    expect(index.judge(`${swapped}${NAME}`)).toMatchObject({ id: 0, problems: ['key-typo'] });
    // A wrong digit with another name is nobody's file.
    expect(index.judge(`${typo}王芳`)).toBeNull();
  });

  test('the middle dot of a minority name: exact with ·, almost with a look-alike dot', () => {
    expect(index.judge(`${makeSid(3)}买买提·艾力`)!.exact).toBe(true);
    expect(problems(`${makeSid(3)}买买提•艾力`)).toEqual(['dot']);
  });

  test('a file of nobody', () => {
    expect(index.judge('扫描件001')).toBeNull();
    expect(index.judge(`${makeSid(99)}${makeName(50)}`)).toBeNull();
  });
});

describe('photo names: the key alone', () => {
  const id = idEndingInX();
  const photos = new NameIndex([
    { id: 0, key: SID, name: null },
    { id: 1, key: id, name: null },
  ]);

  test('学号.jpg and 身份证号 with upper-case X are exact', () => {
    expect(photos.judge(SID)!.exact).toBe(true);
    expect(photos.judge(id)!.exact).toBe(true);
  });

  test('a lower-case x is an almost-match', () => {
    expect(photos.judge(id.replace('X', 'x'))).toMatchObject({ id: 1, exact: false, problems: ['lowercase-x'] });
  });

  test('a name added before or after the 学号 is extra', () => {
    expect(photos.judge(`${SID}${NAME}`)).toMatchObject({ id: 0, problems: ['extra-name'], found: NAME });
    expect(photos.judge(`${NAME}${SID}`)).toMatchObject({ id: 0, problems: ['extra-name'] });
    expect(photos.judge(`${SID} `)).toMatchObject({ id: 0, problems: ['space'] });
  });
});

describe('helpers', () => {
  test('splitExt keeps the extension as written', () => {
    expect(splitExt('身份证.JPG')).toEqual({ stem: '身份证', ext: '.JPG' });
    expect(splitExt('a.b.png')).toEqual({ stem: 'a.b', ext: '.png' });
    expect(splitExt('noext')).toEqual({ stem: 'noext', ext: '' });
    expect(splitExt('.hidden')).toEqual({ stem: '.hidden', ext: '' });
  });

  test('system and hidden files are ignored', () => {
    for (const n of ['.DS_Store', 'Thumbs.db', 'desktop.ini', '~$名单.xlsx', '__MACOSX']) expect(isIgnorable(n)).toBe(true);
    expect(isIgnorable('1711001201115刘洋.jpg')).toBe(false);
  });

  test('oneDigitOff: one substitution or one adjacent swap only', () => {
    expect(oneDigitOff('12345', '12346')).toBe(true);
    expect(oneDigitOff('12345', '12354')).toBe(true);
    expect(oneDigitOff('12345', '12345')).toBe(false);
    expect(oneDigitOff('12345', '12366')).toBe(false);
    expect(oneDigitOff('12345', '1234')).toBe(false);
  });

  test('normaliseStem reports every kind it removed', () => {
    expect(normaliseStem(`${SID} +${NAME}`)).toEqual({ text: `${SID}${NAME}`, problems: ['space', 'plus'] });
  });
});
