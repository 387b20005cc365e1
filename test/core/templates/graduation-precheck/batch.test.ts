import fc from 'fast-check';
import {
  batchCode,
  batchesAround,
  certificateDate,
  closingSemester,
  dateVerdict,
  DEFAULT_BATCH_RULES,
  expiredOn,
  expiryDate,
  followingBatch,
  latestEntryFor,
  nextBatchOn,
  parseBatch,
  semestersBy,
  validityAt,
  type Batch,
} from '../../../../src/core/templates/graduation-precheck/batch';
import type { Term } from '../../../../src/core/cells/enrollment-term';

const spring = (year: number): Term => ({ year, season: '春季' });
const autumn = (year: number): Term => ({ year, season: '秋季' });
const b = (code: string): Batch => parseBatch(code)!;

describe('parseBatch', () => {
  it.each([
    ['202307', 2023, 7],
    ['202401', 2024, 1],
    ['2023-07', 2023, 7],
    ['2023.7', 2023, 7],
    ['2024/01', 2024, 1],
    ['2023年7月', 2023, 7],
    ['2024年1月批次', 2024, 1],
    [' 202307 ', 2023, 7],
  ])('reads %j', (text, year, month) => expect(parseBatch(text)).toEqual({ year, month }));

  it.each(['202303', '202309', '2023', '20237', '2023-13', '1899-07', '2023年3月', '', 'abc'])('refuses %j (batches are January or July)', (text) =>
    expect(parseBatch(text)).toBeNull(),
  );

  it('writes the platform code back', () => {
    expect(batchCode(b('2023年7月'))).toBe('202307');
    expect(batchCode(b('2024-1'))).toBe('202401');
  });
});

describe('certificate date and the next batch (seeds 000, 002: the 20th of the batch month)', () => {
  it('dates 202101 on 2021-01-20 and 202307 on 2023-07-20', () => {
    expect(certificateDate(b('202101'))).toEqual({ y: 2021, m: 1, d: 20 });
    expect(certificateDate(b('202307'))).toEqual({ y: 2023, m: 7, d: 20 });
  });

  it('follows 202307 with 202401 and 202401 with 202407', () => {
    expect(followingBatch(b('202307'))).toEqual(b('202401'));
    expect(followingBatch(b('202401'))).toEqual(b('202407'));
  });

  it.each([
    [{ y: 2023, m: 3, d: 1 }, '202307'],
    [{ y: 2023, m: 7, d: 19 }, '202307'],
    [{ y: 2023, m: 7, d: 20 }, '202307'],
    [{ y: 2023, m: 7, d: 21 }, '202401'],
    [{ y: 2023, m: 12, d: 31 }, '202401'],
    [{ y: 2024, m: 1, d: 20 }, '202401'],
    [{ y: 2024, m: 1, d: 21 }, '202407'],
  ])('on %j the next batch is %s', (day, code) => expect(batchCode(nextBatchOn(day))).toBe(code));

  it('lists the batches around a day for the picker, the next one among them', () => {
    expect(batchesAround({ y: 2023, m: 8, d: 1 }, 2, 2).map(batchCode)).toEqual(['202301', '202307', '202401', '202407', '202501']);
  });
});

describe('graduation.too-early: 5 semesters (seed 001 最短二年半, seed 002 202307 ← 2021春季及之前)', () => {
  it('closes the spring semester with a July batch and the autumn one with a January batch', () => {
    expect(closingSemester(b('202307'))).toEqual(spring(2023));
    expect(closingSemester(b('202401'))).toEqual(autumn(2023));
  });

  it('202307 takes 2021春季 and not 2021秋季', () => {
    expect(semestersBy(spring(2021), b('202307'))).toBe(5);
    expect(dateVerdict(spring(2021), b('202307')).kind).toBe('ok');
    expect(semestersBy(autumn(2021), b('202307'))).toBe(4);
    expect(dateVerdict(autumn(2021), b('202307'))).toEqual({ kind: 'too-early', semesters: 4, latest: spring(2021) });
  });

  it('202401 takes 2021秋季 and not 2022春季', () => {
    expect(dateVerdict(autumn(2021), b('202401')).kind).toBe('ok');
    expect(dateVerdict(spring(2022), b('202401'))).toEqual({ kind: 'too-early', semesters: 4, latest: autumn(2021) });
  });

  it('the latest entry of a batch YYYY07 is (YYYY−2)春季 and of a batch YYYY01 (YYYY−3)秋季', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2005, max: 2090 }), (year) => {
        expect(latestEntryFor({ year, month: 7 })).toEqual(spring(year - 2));
        expect(latestEntryFor({ year, month: 1 })).toEqual(autumn(year - 3));
      }),
    );
  });

  it('an entry after the batch has no semester at all', () => {
    expect(semestersBy(autumn(2023), b('202307'))).toBe(0);
    expect(dateVerdict(spring(2024), b('202307')).kind).toBe('too-early');
  });

  it('follows the profile: 4 semesters let 202307 take 2021秋季', () => {
    expect(dateVerdict(autumn(2021), b('202307'), { ...DEFAULT_BATCH_RULES, minSemesters: 4 }).kind).toBe('ok');
  });
});

describe('graduation.expired: valid 8 years from entry registration (seed 000 §四7)', () => {
  it('registers spring students on March 1 and autumn students on September 1', () => {
    expect(expiryDate(spring(2015))).toEqual({ y: 2023, m: 3, d: 1 });
    expect(expiryDate(autumn(2015))).toEqual({ y: 2023, m: 9, d: 1 });
  });

  it('is valid on the day before the 8th anniversary, expired on the day of and after', () => {
    expect(expiredOn(spring(2015), { y: 2023, m: 2, d: 28 })).toBe(false);
    expect(expiredOn(spring(2015), { y: 2023, m: 3, d: 1 })).toBe(true);
    expect(expiredOn(spring(2015), { y: 2023, m: 3, d: 2 })).toBe(true);
    expect(expiredOn(autumn(2015), { y: 2023, m: 8, d: 31 })).toBe(false);
    expect(expiredOn(autumn(2015), { y: 2023, m: 9, d: 1 })).toBe(true);
    expect(expiredOn(autumn(2015), { y: 2023, m: 9, d: 2 })).toBe(true);
  });

  it('a certificate dated the day before the anniversary is valid, on the day of or after it expired', () => {
    // 2015春季 expires on 2023-03-01 (the comparison of the rule, certificate dates chosen around the anniversary).
    const later = { y: 2023, m: 9, d: 20 };
    expect(validityAt(spring(2015), { y: 2023, m: 2, d: 28 }, later)).toBe('expiring');
    expect(validityAt(spring(2015), { y: 2023, m: 3, d: 1 }, later)).toBe('expired');
    expect(validityAt(spring(2015), { y: 2023, m: 3, d: 2 }, later)).toBe('expired');
  });

  it('a next certificate dated the day before the anniversary leaves this batch valid, on the day of or after it is the last chance', () => {
    const now = { y: 2023, m: 1, d: 20 };
    expect(validityAt(spring(2015), now, { y: 2023, m: 2, d: 28 })).toBe('valid');
    expect(validityAt(spring(2015), now, { y: 2023, m: 3, d: 1 })).toBe('expiring');
    expect(validityAt(spring(2015), now, { y: 2023, m: 3, d: 2 })).toBe('expiring');
  });

  it('202307 (2023-07-20): 2015春季 has expired (2023-03-01), 2015秋季 has not', () => {
    expect(dateVerdict(spring(2015), b('202307'))).toEqual({ kind: 'expired', expiry: { y: 2023, m: 3, d: 1 } });
    expect(dateVerdict(autumn(2015), b('202307')).kind).toBe('expiring');
  });
});

describe('graduation.expiring: expires before the following batch (this batch is the last chance)', () => {
  it('2015秋季 (expires 2023-09-01) is expiring at 202307 and expired at 202401', () => {
    expect(dateVerdict(autumn(2015), b('202307'))).toEqual({ kind: 'expiring', expiry: { y: 2023, m: 9, d: 1 }, following: b('202401') });
    expect(dateVerdict(autumn(2015), b('202401')).kind).toBe('expired');
  });

  it('2016春季 (expires 2024-03-01) is fine at 202307, expiring at 202401, expired at 202407', () => {
    expect(dateVerdict(spring(2016), b('202307')).kind).toBe('ok');
    expect(dateVerdict(spring(2016), b('202401')).kind).toBe('expiring');
    expect(dateVerdict(spring(2016), b('202407')).kind).toBe('expired');
  });

  it('every entry is expiring at exactly one batch, the one before it is expired', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2080 }), fc.boolean(), (year, isAutumn) => {
        const entry = isAutumn ? autumn(year) : spring(year);
        let batch: Batch = { year, month: 7 };
        const kinds: string[] = [];
        for (let i = 0; i < 24; i++, batch = followingBatch(batch)) kinds.push(dateVerdict(entry, batch).kind);
        expect(kinds.filter((k) => k === 'expiring')).toHaveLength(1);
        const at = kinds.indexOf('expiring');
        expect(kinds.slice(at + 1).every((k) => k === 'expired')).toBe(true);
        expect(kinds.slice(0, at).every((k) => k === 'ok' || k === 'too-early')).toBe(true);
      }),
    );
  });
});
