/** 注册证号 (DOMAIN.md §1): 18 digits, 51161…, 层次 05/06; 17 digits is the pre-2002 form (warning). */
import { check, coSheet, expectIssue, expectNoIssue, grRecord, GR_HEADER, makeRegNo } from '../../helpers/rules';

/** A graduate correction sheet (title row 1, header row 2) whose second record (row 4, column B) has `no`. */
function graduateWith(no: string) {
  return coSheet([grRecord(0), grRecord(1, { 注册证号: no }), grRecord(2)], { variant: 'graduate', header: GR_HEADER });
}
const CELL = 'B4';

describe('registration-no.format', () => {
  test.each([
    ['层次 07', makeRegNo(2, '07')],
    ['not 51161', '12345' + makeRegNo(2).slice(5)],
    ['19 digits', makeRegNo(2) + '1'],
    ['16 digits', makeRegNo(2).slice(0, 16)],
    ['a letter', makeRegNo(2).slice(0, 17) + 'X'],
  ])('%s is an error with no fix', (_what, no) => {
    const a = check(graduateWith(no));
    expect(a.report.template).toBe('correction-graduate');
    expectIssue(a, { rule: 'registration-no.format', cell: CELL, severity: 'error', fix: null });
  });

  test.each([
    ['本科 05', makeRegNo(2, '05')],
    ['专科 06', makeRegNo(2, '06')],
  ])('a valid number (%s) is fine', (_what, no) => {
    const a = check(graduateWith(no));
    expectNoIssue(a, 'registration-no.format');
    expectNoIssue(a, 'registration-no.legacy');
  });
});

describe('registration-no.legacy', () => {
  test('17 digits is a warning with no fix', () => {
    const a = check(graduateWith(makeRegNo(2).slice(0, 17)));
    expectIssue(a, { rule: 'registration-no.legacy', cell: CELL, severity: 'warning', fix: null });
    expectNoIssue(a, 'registration-no.format');
  });

  test('18 digits is not legacy', () => {
    expectNoIssue(check(graduateWith(makeRegNo(2))), 'registration-no.legacy');
  });
});
