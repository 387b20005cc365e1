import fc from 'fast-check';
import {
  addMonths,
  ageOn,
  compareYmd,
  endOfMonth,
  excelSerialToYmd,
  formatYmd,
  isRealDate,
  parseIsoDate,
  parseLooseDate,
} from '../../../src/core/cells/dates';

describe('isRealDate', () => {
  it('accepts 29 Feb only in leap years (2000 yes, 1900 no, 2024 yes, 2023 no)', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2023, 2, 29)).toBe(false);
  });
  it('rejects month 13, day 0, 31 April and non-integers', () => {
    expect(isRealDate(2020, 13, 1)).toBe(false);
    expect(isRealDate(2020, 1, 0)).toBe(false);
    expect(isRealDate(2020, 4, 31)).toBe(false);
    expect(isRealDate(2020, 1, 1.5)).toBe(false);
  });
});

describe('compareYmd', () => {
  it('orders by year, then month, then day', () => {
    expect(compareYmd({ y: 2020, m: 1, d: 2 }, { y: 2020, m: 1, d: 1 })).toBeGreaterThan(0);
    expect(compareYmd({ y: 2019, m: 12, d: 31 }, { y: 2020, m: 1, d: 1 })).toBeLessThan(0);
    expect(compareYmd({ y: 2020, m: 3, d: 1 }, { y: 2020, m: 3, d: 1 })).toBe(0);
  });
});

describe('ageOn', () => {
  const birth = { y: 1981, m: 3, d: 2 };
  it('counts full years: 40 on the 40th birthday, 39 the day before', () => {
    expect(ageOn(birth, { y: 2021, m: 3, d: 2 })).toBe(40);
    expect(ageOn(birth, { y: 2021, m: 3, d: 1 })).toBe(39);
  });
  it('a 29 Feb birthday is reached on 1 Mar in a common year, not on 28 Feb', () => {
    const leap = { y: 1980, m: 2, d: 29 };
    expect(ageOn(leap, { y: 2021, m: 2, d: 28 })).toBe(40);
    expect(ageOn(leap, { y: 2021, m: 3, d: 1 })).toBe(41);
  });
});

describe('excelSerialToYmd', () => {
  it('maps the known serials (1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01, 36526 = 2000-01-01)', () => {
    expect(excelSerialToYmd(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(excelSerialToYmd(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(excelSerialToYmd(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(excelSerialToYmd(36526)).toEqual({ y: 2000, m: 1, d: 1 });
    expect(excelSerialToYmd(44256)).toEqual({ y: 2021, m: 3, d: 1 });
    expect(excelSerialToYmd(2958465)).toEqual({ y: 9999, m: 12, d: 31 });
  });
  it('drops a time fraction', () => {
    expect(excelSerialToYmd(36526.75)).toEqual({ y: 2000, m: 1, d: 1 });
  });
  it("returns null for Excel's fake 1900-02-29 (60), 0, negatives, NaN and beyond 9999", () => {
    expect(excelSerialToYmd(60)).toBeNull();
    expect(excelSerialToYmd(0)).toBeNull();
    expect(excelSerialToYmd(-5)).toBeNull();
    expect(excelSerialToYmd(Number.NaN)).toBeNull();
    expect(excelSerialToYmd(2958466)).toBeNull();
  });
  it('agrees with the JavaScript Date for every serial after 60', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const dt = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
        expect(excelSerialToYmd(serial)).toEqual({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
      }),
    );
  });
});

describe('parseIsoDate', () => {
  it('parses a real YYYY-MM-DD', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
  });
  it('rejects unreal dates and other shapes', () => {
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2023-2-28')).toBeNull();
    expect(parseIsoDate('2023/02/28')).toBeNull();
  });
});

describe('endOfMonth', () => {
  it('knows month lengths and leap Februaries', () => {
    expect(endOfMonth(2024, 2)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(endOfMonth(2023, 2)).toEqual({ y: 2023, m: 2, d: 28 });
    expect(endOfMonth(2023, 8)).toEqual({ y: 2023, m: 8, d: 31 });
    expect(endOfMonth(2023, 9)).not.toEqual({ y: 2023, m: 9, d: 31 });
  });
});

describe('addMonths', () => {
  it('crosses year boundaries both ways', () => {
    expect(addMonths(2021, 9, 6)).toEqual({ y: 2022, m: 3 });
    expect(addMonths(2021, 3, -3)).toEqual({ y: 2020, m: 12 });
    expect(addMonths(2021, 3, 30)).toEqual({ y: 2023, m: 9 });
    expect(addMonths(2021, 3, 0)).not.toEqual({ y: 2021, m: 4 });
  });
});

describe('formatYmd', () => {
  it('zero-pads to YYYY-MM-DD', () => {
    expect(formatYmd({ y: 2021, m: 3, d: 1 })).toBe('2021-03-01');
    expect(formatYmd({ y: 2021, m: 3, d: 1 })).not.toBe('2021-3-1');
  });
  it('round-trips with parseIsoDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const day = Math.min(d, endOfMonth(y, m).d);
        expect(parseIsoDate(formatYmd({ y, m, d: day }))).toEqual({ y, m, d: day });
      }),
    );
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2021-03-01', { y: 2021, m: 3, d: 1 }],
    ['2021/3/1', { y: 2021, m: 3, d: 1 }],
    ['2021.03.01', { y: 2021, m: 3, d: 1 }],
    ['20210301', { y: 2021, m: 3, d: 1 }],
    ['2021年3月1日', { y: 2021, m: 3, d: 1 }],
    ['2000年02月29日', { y: 2000, m: 2, d: 29 }],
  ])('parses %s', (s, want) => expect(parseLooseDate(s)).toEqual(want));
  it.each(['2021-02-30', '2021/03-01', '202131', '21-3-1', '2021年13月1日', 'abc', ''])('rejects %j', (s) =>
    expect(parseLooseDate(s)).toBeNull(),
  );
});
