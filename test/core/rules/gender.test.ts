/** 性别 rules (DOMAIN.md §1, §5): 男/女, M/F and 1/2 fixable; must agree with the ID's sequence digit. */
import { makeId } from '../../helpers/sheet';
import { check, exFullWith, expectIssue, expectNoIssue } from '../../helpers/rules';

/** The 性别 of the test row sits in G4. */
const CELL = 'G4';
const MALE_ID = makeId('19870304', true, '130102');
const FEMALE_ID = makeId('19870304', false, '130102');

describe('gender.invalid', () => {
  test.each([
    ['M', MALE_ID, '男'],
    ['F', FEMALE_ID, '女'],
    ['1', MALE_ID, '男'],
    ['2', FEMALE_ID, '女'],
  ])('“%s” is fixable to the Chinese form', (input, id, want) => {
    const a = check(exFullWith({ 身份证号: id, 性别: input }));
    expectIssue(a, { rule: 'gender.invalid', cell: CELL, severity: 'error', fix: { value: want } });
    expectNoIssue(a, 'gender.mismatch');
  });

  test('2 stored as a number is fixable to 女', () => {
    const a = check(exFullWith({ 身份证号: FEMALE_ID, 性别: 2 }));
    expectIssue(a, { rule: 'gender.invalid', cell: CELL, severity: 'error', fix: { value: '女' } });
  });

  test('an unreadable value is an error with no fix', () => {
    const a = check(exFullWith({ 身份证号: MALE_ID, 性别: '未知' }));
    expectIssue(a, { rule: 'gender.invalid', cell: CELL, severity: 'error', fix: null });
  });

  test('男 and 女 are valid', () => {
    expectNoIssue(check(exFullWith({ 身份证号: MALE_ID, 性别: '男' })), 'gender.invalid');
    expectNoIssue(check(exFullWith({ 身份证号: FEMALE_ID, 性别: '女' })), 'gender.invalid');
  });
});

describe('gender.mismatch', () => {
  test('女 with a male ID points at the 性别 cell, error, no fix', () => {
    const a = check(exFullWith({ 身份证号: MALE_ID, 性别: '女' }));
    expectIssue(a, { rule: 'gender.mismatch', cell: CELL, severity: 'error', fix: null });
    expectNoIssue(a, 'id-card.checksum');
  });

  test('男 with a female ID points at the 性别 cell', () => {
    const a = check(exFullWith({ 身份证号: FEMALE_ID, 性别: '男' }));
    expectIssue(a, { rule: 'gender.mismatch', cell: CELL, severity: 'error', fix: null });
  });

  test('a 15-digit ID: the last digit is the sequence digit', () => {
    // 130102 850612 132: 2 is even → 女
    const a = check(exFullWith({ 身份证号: '130102850612132', 性别: '男' }));
    expectIssue(a, { rule: 'gender.mismatch', cell: CELL, severity: 'error', fix: null });
    expectNoIssue(check(exFullWith({ 身份证号: '130102850612132', 性别: '女' })), 'gender.mismatch');
  });

  test('agreeing 性别 and ID give no mismatch', () => {
    expectNoIssue(check(exFullWith({ 身份证号: MALE_ID, 性别: '男' })), 'gender.mismatch');
    expectNoIssue(check(exFullWith({ 身份证号: FEMALE_ID, 性别: '女' })), 'gender.mismatch');
  });
});
