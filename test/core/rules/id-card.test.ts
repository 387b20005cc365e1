/** 身份证号 rules (DOMAIN.md §1 GB 11643, §5): shape, x → X, check character, birth date, legacy 15 digits. */
import { makeId } from '../../helpers/sheet';
import {
  check,
  exFullWith,
  expectIssue,
  expectNoIssue,
  idEndingInX,
  idWithBirth,
  withWrongCheck,
  issuesOf,
} from '../../helpers/rules';

/** The ID of the test row sits in F4 (exemption sheet with the optional 身份证号 column). */
const CELL = 'F4';
const idRules = (a: ReturnType<typeof check>) =>
  a.report.issues.filter((i) => i.cell === CELL).map((i) => i.rule);

describe('id-card.format', () => {
  test('17 characters is an error with no fix', () => {
    const a = check(exFullWith({ 身份证号: makeId('19880516', false).slice(0, 17), 性别: '女' }));
    expectIssue(a, { rule: 'id-card.format', cell: CELL, severity: 'error', fix: null });
  });

  test('a letter other than a final X is an error with no fix', () => {
    const id = makeId('19880516', false);
    const a = check(exFullWith({ 身份证号: id.slice(0, 8) + 'A' + id.slice(9), 性别: '女' }));
    expectIssue(a, { rule: 'id-card.format', cell: CELL, severity: 'error', fix: null });
  });

  test('a lower-case x check character is fixed to X, and nothing else is reported on the cell', () => {
    const id = idEndingInX('19850612', true);
    const a = check(exFullWith({ 身份证号: id.slice(0, 17) + 'x', 性别: '男' }));
    expectIssue(a, { rule: 'id-card.format', cell: CELL, severity: 'error', fix: { value: id } });
    expect(idRules(a)).toEqual(['id-card.format']);
  });

  test('a valid ID ending in X, and one ending in a digit, give no id-card issue', () => {
    for (const id of [idEndingInX('19850612', true), makeId('19850612', true)]) {
      const a = check(exFullWith({ 身份证号: id, 性别: '男' }));
      expect(idRules(a)).toEqual([]);
    }
  });
});

describe('id-card.checksum', () => {
  test('a wrong check character is an error with no fix', () => {
    const a = check(exFullWith({ 身份证号: withWrongCheck(makeId('19791120', true)), 性别: '男' }));
    expectIssue(a, { rule: 'id-card.checksum', cell: CELL, severity: 'error', fix: null });
    expectNoIssue(a, 'id-card.format');
  });

  test('a single mistyped digit is caught by the check character', () => {
    const id = makeId('19791120', true);
    const typo = id.slice(0, 3) + String((Number(id[3]) + 1) % 10) + id.slice(4);
    const a = check(exFullWith({ 身份证号: typo, 性别: '男' }));
    expectIssue(a, { rule: 'id-card.checksum', cell: CELL, severity: 'error', fix: null });
  });
});

describe('id-card.birthdate', () => {
  test('30 February is an error with no fix', () => {
    const a = check(exFullWith({ 身份证号: idWithBirth('19900230'), 性别: '男' }));
    expectIssue(a, { rule: 'id-card.birthdate', cell: CELL, severity: 'error', fix: null });
    expectNoIssue(a, 'id-card.checksum');
  });

  test('29 February of a common year is an error, of a leap year is fine', () => {
    const bad = check(exFullWith({ 身份证号: idWithBirth('19990229'), 性别: '男' }));
    expectIssue(bad, { rule: 'id-card.birthdate', cell: CELL, severity: 'error', fix: null });
    const good = check(exFullWith({ 身份证号: idWithBirth('20000229'), 性别: '男' }));
    expectNoIssue(good, 'id-card.birthdate');
  });

  test('a birth date after the report date (2026-11-22) is an error; the report date itself is not', () => {
    const future = check(exFullWith({ 身份证号: idWithBirth('20261123'), 性别: '男' }));
    expectIssue(future, { rule: 'id-card.birthdate', cell: CELL, severity: 'error', fix: null });
    const today = check(exFullWith({ 身份证号: idWithBirth('20261122'), 性别: '男' }));
    expectNoIssue(today, 'id-card.birthdate');
  });
});

describe('id-card.legacy', () => {
  test('a 15-digit ID is a warning with no fix, and no checksum error', () => {
    const a = check(exFullWith({ 身份证号: '130102850612131', 性别: '男' }));
    expectIssue(a, { rule: 'id-card.legacy', cell: CELL, severity: 'warning', fix: null });
    expect(idRules(a)).toEqual(['id-card.legacy']);
  });

  test('an 18-digit ID is not legacy', () => {
    const a = check(exFullWith({ 身份证号: makeId('19850612', true, '130102'), 性别: '男' }));
    expectNoIssue(a, 'id-card.legacy');
  });
});

describe('an ID stored as a number', () => {
  test('18 digits typed into a General cell lost its last digits: cell.precision-lost, no fix, nothing else', () => {
    const a = check(exFullWith({ 身份证号: 110105199001011000, 性别: '男' }));
    expectIssue(a, { rule: 'cell.precision-lost', cell: CELL, severity: 'error', fix: null });
    expect(idRules(a)).toEqual(['cell.precision-lost']);
  });

  test('shown in scientific notation (1.10105E+17) it is precision-lost too', () => {
    const a = check(exFullWith({ 身份证号: 1.10105e17, 性别: '男' }));
    expectIssue(a, { rule: 'cell.precision-lost', cell: CELL, severity: 'error', fix: null });
    expect(issuesOf(a, 'cell.number-stored')).toEqual([]);
  });

  test('the same ID stored as text is not precision-lost', () => {
    const a = check(exFullWith({ 身份证号: makeId('19900101'), 性别: '男' }));
    expectNoIssue(a, 'cell.precision-lost');
  });
});
