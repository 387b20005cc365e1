import { parseStudentId, STUDENT_CATEGORIES, studentCategoryName } from '../../../src/core/cells/student-id';

describe('STUDENT_CATEGORIES', () => {
  it('lists the five public 类别 codes', () => {
    expect(STUDENT_CATEGORIES).toEqual({
      '012': '开放本科',
      '014': '开放专科',
      '044': '一村一名大学生',
      '054': '课程开放专科',
      '064': '助力计划专科',
    });
  });
});

describe('studentCategoryName', () => {
  it('names known codes and returns null for unknown ones (incl. prototype keys)', () => {
    expect(studentCategoryName('012')).toBe('开放本科');
    expect(studentCategoryName('099')).toBeNull();
    expect(studentCategoryName('toString')).toBeNull();
  });
});

describe('parseStudentId', () => {
  it('parses the DOMAIN example 1711001201115 → 2017, 分部 110, 类别 012, serial 1115, spring', () => {
    expect(parseStudentId('1711001201115')).toEqual({
      ok: true,
      year: 2017,
      branch: '110',
      category: '012',
      serial: 1115,
      intake: 'spring',
    });
  });
  it('reads serials 50001–99999 as the autumn intake and 49999 as spring', () => {
    expect(parseStudentId('2161001450001')).toMatchObject({ ok: true, year: 2021, branch: '610', category: '014', intake: 'autumn' });
    expect(parseStudentId('2161001499999')).toMatchObject({ intake: 'autumn', serial: 99999 });
    expect(parseStudentId('2161001449999')).toMatchObject({ intake: 'spring', serial: 49999 });
  });
  it('rejects the never-issued serials 00000 and 50000', () => {
    expect(parseStudentId('1711001200000')).toEqual({ ok: false, length: 13 });
    expect(parseStudentId('1711001250000')).toEqual({ ok: false, length: 13 });
  });
  it('rejects wrong lengths and non-digits, reporting the length', () => {
    expect(parseStudentId('171100120111')).toEqual({ ok: false, length: 12 });
    expect(parseStudentId('17110012011150')).toEqual({ ok: false, length: 14 });
    expect(parseStudentId('171100120111X')).toEqual({ ok: false, length: 13 });
    expect(parseStudentId('1.71100120E+12')).toEqual({ ok: false, length: 14 });
  });
  it('keeps an unknown 类别 (the engine only warns)', () => {
    expect(parseStudentId('1711009901115')).toMatchObject({ ok: true, category: '099' });
  });
});
