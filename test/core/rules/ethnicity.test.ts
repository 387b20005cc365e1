/** 民族 (DOMAIN.md §1, §5): one of the 56 groups; 汉 → 汉族 and other short forms are a fix. */
import { check, exFullWith, expectIssue, expectNoIssue } from '../../helpers/rules';

/** The 民族 of the test row sits in H4. */
const CELL = 'H4';

describe('ethnicity.invalid', () => {
  test.each([
    ['汉', '汉族'],
    ['蒙古', '蒙古族'],
    ['维吾尔', '维吾尔族'],
    ['维族', '维吾尔族'],
    ['蒙族', '蒙古族'],
  ])('the short form “%s” is fixed to “%s”', (input, want) => {
    const a = check(exFullWith({ 民族: input }));
    expectIssue(a, { rule: 'ethnicity.invalid', cell: CELL, severity: 'error', fix: { value: want } });
  });

  test('a value that is no group is an error with no fix', () => {
    const a = check(exFullWith({ 民族: '火星族' }));
    expectIssue(a, { rule: 'ethnicity.invalid', cell: CELL, severity: 'error', fix: null });
  });

  test('a short form with spaces: both fixes carry the final value 汉族', () => {
    const a = check(exFullWith({ 民族: ' 汉 ' }));
    expectIssue(a, { rule: 'cell.whitespace', cell: CELL, severity: 'error', fix: { value: '汉族' } });
    expectIssue(a, { rule: 'ethnicity.invalid', cell: CELL, severity: 'error', fix: { value: '汉族' } });
  });

  test.each(['汉族', '回族', '维吾尔族', '柯尔克孜族', '基诺族'])('%s is valid', (e) => {
    expectNoIssue(check(exFullWith({ 民族: e })), 'ethnicity.invalid');
  });
});
