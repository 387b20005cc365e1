/** 入学年度学期 (DOMAIN.md §1): many spellings normalise to YYYY春季 / YYYY秋季; it should agree with the 学号. */
import { check, exFullWith, expectIssue, expectNoIssue, makeSid } from '../../helpers/rules';

/** The term of the test row sits in I4; its 学号 is a spring-2020 one unless changed. */
const CELL = 'I4';

describe('enrollment-term.nonstandard (issue 9: readable forms are a warning, fixable)', () => {
  test.each([
    ['2020春', '2020春季'],
    ['20春', '2020春季'],
    ['202003', '2020春季'],
    ['2020年春季', '2020春季'],
    ['2020.3', '2020春季'],
    ['2020-03-01', '2020春季'],
  ])('“%s” is a warning fixed to “%s”', (input, want) => {
    const a = check(exFullWith({ 入学年度学期: input }));
    const issue = expectIssue(a, { rule: 'enrollment-term.nonstandard', cell: CELL, severity: 'warning', fix: { value: want } });
    expect(issue.message).toContain(`“${input}”`);
    expect(issue.message).toContain(want);
    expectNoIssue(a, 'enrollment-term.format');
    expectNoIssue(a, 'enrollment-term.mismatch');
  });

  test('an autumn spelling (202009) is fixed to 2020秋季', () => {
    const a = check(exFullWith({ 入学年度学期: '202009', 学号: makeSid(50002) }));
    expectIssue(a, { rule: 'enrollment-term.nonstandard', cell: CELL, severity: 'warning', fix: { value: '2020秋季' } });
  });

  test('a date cell (Excel serial of 2020-03-01 with a date format) is fixed to 2020春季', () => {
    const a = check(exFullWith({ 入学年度学期: { kind: 'number', value: 43891, numberFormat: 'yyyy-mm-dd' } }));
    const issue = expectIssue(a, { rule: 'enrollment-term.nonstandard', cell: CELL, severity: 'warning', fix: { value: '2020春季' } });
    expect(issue.message).toContain('2020-03-01');
  });

  test('a non-standard form still disagrees with the 学号 when it says another term', () => {
    const a = check(exFullWith({ 入学年度学期: '20秋' }));
    expectIssue(a, { rule: 'enrollment-term.nonstandard', cell: CELL, severity: 'warning', fix: { value: '2020秋季' } });
    expectIssue(a, { rule: 'enrollment-term.mismatch', cell: CELL, severity: 'warning', fix: null });
  });
});

describe('enrollment-term.format (what cannot be read)', () => {
  test.each(['春季2020', '202006', '下学期'])('an unreadable term “%s” is an error with no fix', (input) => {
    const a = check(exFullWith({ 入学年度学期: input }));
    expectIssue(a, { rule: 'enrollment-term.format', cell: CELL, severity: 'error', fix: null });
  });

  test('the canonical form is fine', () => {
    const a = check(exFullWith({ 入学年度学期: '2020春季' }));
    expectNoIssue(a, 'enrollment-term.format');
    expectNoIssue(a, 'enrollment-term.nonstandard');
  });
});

describe('enrollment-term.mismatch', () => {
  test('2020秋季 for a spring-2020 学号 is a warning with no fix', () => {
    const a = check(exFullWith({ 入学年度学期: '2020秋季' }));
    expectIssue(a, { rule: 'enrollment-term.mismatch', cell: CELL, severity: 'warning', fix: null });
  });

  test('2021春季 for a 2020 学号 is a warning', () => {
    const a = check(exFullWith({ 入学年度学期: '2021春季' }));
    expectIssue(a, { rule: 'enrollment-term.mismatch', cell: CELL, severity: 'warning', fix: null });
  });

  test('an autumn 学号 (serial ≥ 50001) agrees with 秋季', () => {
    expectNoIssue(check(exFullWith({ 入学年度学期: '2020秋季', 学号: makeSid(50002) })), 'enrollment-term.mismatch');
    const a = check(exFullWith({ 入学年度学期: '2020春季', 学号: makeSid(50002) }));
    expectIssue(a, { rule: 'enrollment-term.mismatch', cell: CELL, severity: 'warning', fix: null });
  });
});
