import fc from 'fast-check';
import { endOfMonth } from '../../../src/core/cells/dates';
import { fixIdCardCase, ID_WEIGHTS, idCardCheckChar, parseIdCard } from '../../../src/core/cells/id-card';

const TODAY = { y: 2025, m: 6, d: 1 };

/** A GB 11643 ID from parts, with its correct check character. */
const validId = fc
  .record({
    region: fc.constantFrom('110105', '130102', '330106', '440301', '610113', '650102'),
    y: fc.integer({ min: 1930, max: 2010 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    seq: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ region, y, m, d, seq }) => {
    const day = Math.min(d, endOfMonth(y, m).d);
    const first17 =
      region + String(y) + String(m).padStart(2, '0') + String(day).padStart(2, '0') + String(seq).padStart(3, '0');
    return { id: first17 + idCardCheckChar(first17), birth: { y, m, d: day }, seq };
  });

describe('ID_WEIGHTS', () => {
  it('are 2^(17-i) mod 11', () => {
    expect(ID_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  });
});

describe('idCardCheckChar', () => {
  it('computes the known vectors (11010519491231002 → X)', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44030119900307123')).toBe('0');
    expect(idCardCheckChar('61011320000229004')).toBe('6');
  });
  it('throws unless given exactly 17 digits', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseIdCard', () => {
  it('parses 11010519491231002X: birth 1949-12-31, sequence 002 → 女, checksum X ok', () => {
    expect(parseIdCard('11010519491231002X', TODAY)).toEqual({
      shape: '18',
      birth: { y: 1949, m: 12, d: 31 },
      birthValid: true,
      gender: '女',
      checksumOk: true,
    });
  });
  it('flags a wrong check character (110105194912310021 should end in X)', () => {
    const p = parseIdCard('110105194912310021', TODAY);
    expect(p.shape === '18' && p.checksumOk).toBe(false);
  });
  it('reads an odd sequence digit as 男', () => {
    const p = parseIdCard('44130219900101001X', TODAY);
    expect(p).toMatchObject({ gender: '男', checksumOk: true });
  });
  it('accepts 29 Feb in a leap year and rejects it otherwise', () => {
    const leap = parseIdCard('610113200002290046', TODAY);
    expect(leap).toMatchObject({ shape: '18', birthValid: true, checksumOk: true });
    const first17 = '61011320010229004';
    expect(parseIdCard(first17 + idCardCheckChar(first17), TODAY)).toMatchObject({ birthValid: false, checksumOk: true });
  });
  it('rejects a birth date after today and before 1900', () => {
    const future = '11010520260101001';
    expect(parseIdCard(future + idCardCheckChar(future), TODAY)).toMatchObject({ birthValid: false });
    const old = '11010518991231001';
    expect(parseIdCard(old + idCardCheckChar(old), TODAY)).toMatchObject({ birthValid: false });
    const onToday = '11010520250601001';
    expect(parseIdCard(onToday + idCardCheckChar(onToday), TODAY)).toMatchObject({ birthValid: true });
  });
  it('parses a legacy 15-digit ID as 19YYMMDD with no check character', () => {
    expect(parseIdCard('110105491231002', TODAY)).toEqual({
      shape: '15',
      birth: { y: 1949, m: 12, d: 31 },
      birthValid: true,
      gender: '女',
      checksumOk: true,
    });
  });
  it.each([
    ['lower-case x', '11010519491231002x'],
    ['17 characters', '11010519491231002'],
    ['X in the middle', '1101051949123X0021'],
    ['Excel float tail', '1.10105194912E+17'],
    ['15 with X', '11010549123100X'],
    ['empty', ''],
  ])('is bad for %s', (_, s) => expect(parseIdCard(s, TODAY)).toEqual({ shape: 'bad' }));

  it('accepts every ID built from a valid region, birth date, sequence and idCardCheckChar', () => {
    fc.assert(
      fc.property(validId, ({ id, birth, seq }) => {
        expect(parseIdCard(id, TODAY)).toEqual({
          shape: '18',
          birth,
          birthValid: true,
          gender: seq % 2 === 1 ? '男' : '女',
          checksumOk: true,
        });
      }),
    );
  });

  it('detects every single-digit error in the first 17 digits (GB 11643 guarantees it)', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ id }, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
        const p = parseIdCard(changed, TODAY);
        expect(p.shape).toBe('18');
        expect(p.shape === '18' && p.checksumOk).toBe(false);
      }),
    );
  });
});

describe('fixIdCardCase', () => {
  it('upper-cases a trailing x', () => {
    expect(fixIdCardCase('11010519491231002x')).toBe('11010519491231002X');
  });
  it('leaves other input alone', () => {
    expect(fixIdCardCase('11010519491231002X')).toBe('11010519491231002X');
    expect(fixIdCardCase('110105194912310021')).toBe('110105194912310021');
    expect(fixIdCardCase('')).toBe('');
  });
});
