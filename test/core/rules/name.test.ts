/** 姓名 (DOMAIN.md §1, §5): Han characters, the middle dot · in minority names; dot look-alikes are a fix. */
import { check, expectIssue, expectNoIssue, makeName, wdRecord, wdRecords, wdSheet } from '../../helpers/rules';

/** A roster whose second record (row 3, 学生姓名 in column D) has the given name. */
function rosterWith(name: string) {
  const recs = wdRecords(3);
  recs[1] = wdRecord(1, { 学生姓名: name });
  return wdSheet(recs);
}
const CELL = 'D3';
const partA = makeName(40);
const partB = makeName(75);

describe('name.invalid', () => {
  test.each([
    ['•', '\u2022'],
    ['．', '\uff0e'],
    ['・', '\u30fb'],
  ])('the dot form “%s” is fixed to ·', (_shown, dot) => {
    const a = check(rosterWith(partA + dot + partB));
    expectIssue(a, { rule: 'name.invalid', cell: CELL, severity: 'error', fix: { value: `${partA}·${partB}` } });
  });

  test.each([
    ['Latin letters', 'LiLei'],
    ['a digit', partA + '3'],
    ['a symbol', partA + '#'],
    ['a leading dot', '·' + partA],
  ])('a name with %s is an error with no fix', (_what, name) => {
    const a = check(rosterWith(name));
    expectIssue(a, { rule: 'name.invalid', cell: CELL, severity: 'error', fix: null });
  });

  test('a Han name and a name with the middle dot are valid', () => {
    expectNoIssue(check(rosterWith(partA)), 'name.invalid');
    expectNoIssue(check(rosterWith(`${partA}·${partB}`)), 'name.invalid');
  });

  test('normalise first: a name with a space gets only cell.whitespace', () => {
    const a = check(rosterWith(partA[0] + ' ' + partA.slice(1)));
    expectIssue(a, { rule: 'cell.whitespace', cell: CELL, severity: 'error', fix: { value: partA } });
    expectNoIssue(a, 'name.invalid');
  });
});
