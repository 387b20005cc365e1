import {
  formatTerm,
  parseEnrollmentTerm,
  termFromYmd,
  termStartYmd,
} from '../../../src/core/cells/enrollment-term';

describe('parseEnrollmentTerm', () => {
  it.each([
    ['2021春季', 2021, '春季'],
    ['2021春', 2021, '春季'],
    ['21春', 2021, '春季'],
    ['21秋季', 2021, '秋季'],
    ['202103', 2021, '春季'],
    ['202109', 2021, '秋季'],
    ['2021秋季', 2021, '秋季'],
    ['2021年春季', 2021, '春季'],
    ['2021年秋', 2021, '秋季'],
    ['2021春季学期', 2021, '春季'],
    ['2021.03', 2021, '春季'],
    ['2021-03', 2021, '春季'],
    ['2021-3', 2021, '春季'],
    ['2021/09', 2021, '秋季'],
    ['2021年9月', 2021, '秋季'],
    ['2021.9', 2021, '秋季'],
    ['2021秋季入学', 2021, '秋季'],
    ['2021-03-01', 2021, '春季'],
    ['2021/9/1', 2021, '秋季'],
    ['2021年9月1日', 2021, '秋季'],
  ])('reads %s', (s, year, season) => expect(parseEnrollmentTerm(s)).toEqual({ year, season }));

  it.each(['202101', '202107', '2021-1', '2021夏', '2021', '春季', '1春', '0021春', '20213', '2021-03-45', '2021-02-30', '2021-06-01', ''])(
    'rejects %j',
    (s) => expect(parseEnrollmentTerm(s)).toBeNull(),
  );
});

describe('formatTerm', () => {
  it('writes YYYY春季 / YYYY秋季', () => {
    expect(formatTerm({ year: 2021, season: '春季' })).toBe('2021春季');
    expect(formatTerm({ year: 2021, season: '秋季' })).not.toBe('2021秋');
  });
  it('round-trips through parseEnrollmentTerm', () => {
    expect(parseEnrollmentTerm(formatTerm({ year: 2019, season: '秋季' }))).toEqual({ year: 2019, season: '秋季' });
  });
});

describe('termFromYmd', () => {
  it('March → spring, September → autumn', () => {
    expect(termFromYmd({ y: 2021, m: 3, d: 1 })).toEqual({ year: 2021, season: '春季' });
    expect(termFromYmd({ y: 2021, m: 9, d: 15 })).toEqual({ year: 2021, season: '秋季' });
  });
  it('other months are no intake', () => {
    expect(termFromYmd({ y: 2021, m: 1, d: 1 })).toBeNull();
    expect(termFromYmd({ y: 2021, m: 7, d: 1 })).toBeNull();
  });
});

describe('termStartYmd', () => {
  it('spring starts 1 March, autumn 1 September', () => {
    expect(termStartYmd({ year: 2021, season: '春季' })).toEqual({ y: 2021, m: 3, d: 1 });
    expect(termStartYmd({ year: 2021, season: '秋季' })).toEqual({ y: 2021, m: 9, d: 1 });
    expect(termStartYmd({ year: 2021, season: '秋季' })).not.toEqual({ y: 2021, m: 3, d: 1 });
  });
});
