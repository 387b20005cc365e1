/** 学习中心代码 (DOMAIN.md §1, seed 003): 8 digits, left-padded with 0, as text; its 分部 vs the 学号's. */
import { check, exFullWith, expectIssue, expectNoIssue, makeSid } from '../../helpers/rules';

/** The centre code of the test row sits in A4; the row's 学号 has 分部 130 (河北). */
const CELL = 'A4';

describe('centre-code.unpadded', () => {
  test('a 7-digit code written as text is padded on the left to 8 digits', () => {
    const a = check(exFullWith({ 学习中心代码: '1300801' }));
    expectIssue(a, { rule: 'centre-code.unpadded', cell: CELL, severity: 'error', fix: { value: '01300801' } });
  });

  test('a 5-digit 分校 code is padded to 8 digits', () => {
    const a = check(exFullWith({ 学习中心代码: '13008' }));
    expectIssue(a, { rule: 'centre-code.unpadded', cell: CELL, severity: 'error', fix: { value: '00013008' } });
  });

  test('a code stored as a number lost its zeros: cell.number-stored, fixed to the padded text', () => {
    const a = check(exFullWith({ 学习中心代码: 1300801 }));
    expectIssue(a, { rule: 'cell.number-stored', cell: CELL, severity: 'error', fix: { value: '01300801', numberFormat: '@' } });
    expectNoIssue(a, 'centre-code.format');
  });

  test('an 8-digit text code is fine', () => {
    const a = check(exFullWith({ 学习中心代码: '01300801' }));
    expectNoIssue(a, 'centre-code.unpadded');
    expectNoIssue(a, 'centre-code.format');
  });
});

describe('centre-code.format', () => {
  test('a code with a letter is an error with no fix', () => {
    const a = check(exFullWith({ 学习中心代码: '0130080A' }));
    expectIssue(a, { rule: 'centre-code.format', cell: CELL, severity: 'error', fix: null });
  });

  test('a code longer than 8 digits is an error with no fix', () => {
    const a = check(exFullWith({ 学习中心代码: '013008011' }));
    expectIssue(a, { rule: 'centre-code.format', cell: CELL, severity: 'error', fix: null });
    expectNoIssue(a, 'centre-code.unpadded');
  });

  test('full-width digits get cell.fullwidth, not a format error', () => {
    const a = check(exFullWith({ 学习中心代码: '０１３００８０１' }));
    expectIssue(a, { rule: 'cell.fullwidth', cell: CELL, severity: 'error', fix: { value: '01300801' } });
    expectNoIssue(a, 'centre-code.format');
  });
});

describe('centre-code.branch-mismatch', () => {
  test('a centre of 分部 110 for a 学号 of 分部 130 is a warning with no fix', () => {
    const a = check(exFullWith({ 学习中心代码: '01100801' }));
    expectIssue(a, { rule: 'centre-code.branch-mismatch', cell: CELL, severity: 'warning', fix: null });
  });

  test('the 分部 is read from the unpadded code (1100801 as entered)', () => {
    const a = check(exFullWith({ 学习中心代码: '1100801' }));
    expectIssue(a, { rule: 'centre-code.branch-mismatch', cell: CELL, severity: 'warning', fix: null });
  });

  test('the same 分部 gives no warning', () => {
    expectNoIssue(check(exFullWith({ 学习中心代码: '01300801' })), 'centre-code.branch-mismatch');
    expectNoIssue(
      check(exFullWith({ 学习中心代码: '06100305', 学号: makeSid(2, { branch: '610' }) })),
      'centre-code.branch-mismatch',
    );
  });
});
