/**
 * Cell hygiene (DOMAIN.md §1 "Excel traps", §4, §5): spaces and invisible characters, full-width characters,
 * codes stored as numbers, lost digits, formulas, error values, empty required cells.
 */
import { makeId } from '../../helpers/sheet';
import {
  check,
  coRecord,
  coSheet,
  exFullWith,
  expectIssue,
  expectNoIssue,
  idEndingInX,
  makeName,
  makeSid,
  REASON,
  wdRecord,
  wdRecords,
  wdSheet,
  type Rec,
} from '../../helpers/rules';

/** A roster whose second record (row 3: A 序号, B 分部名称, C 学号全码, D 学生姓名) is changed by `over`. */
function rosterWith(over: Rec) {
  const recs = wdRecords(3);
  recs[1] = wdRecord(1, over);
  return wdSheet(recs);
}
const SID = makeSid(2);
const NAME = makeName(1);

describe('cell.whitespace', () => {
  test.each([
    ['an inner space', NAME[0] + ' ' + NAME.slice(1)],
    ['a trailing space', NAME + ' '],
    ['an ideographic space', NAME[0] + '\u3000' + NAME.slice(1)],
    ['a leading NBSP', '\u00a0' + NAME],
    ['a zero-width space', NAME[0] + '\u200b' + NAME.slice(1)],
  ])('a name with %s is an error, fixed by removing it', (_what, name) => {
    const a = check(rosterWith({ 学生姓名: name }));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'D3', severity: 'error', fix: { value: NAME } });
  });

  test('a 分部名称 with a space is an error too ("不得有空格")', () => {
    const a = check(rosterWith({ 分部名称: '河北 分部' }));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'B3', severity: 'error', fix: { value: '河北分部' } });
  });

  test('a free-text 免考原因 is trimmed, its inner text kept', () => {
    const a = check(exFullWith({ 免考原因: '  ' + REASON[3] + '\u00a0' }));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'E4', severity: 'error', fix: { value: REASON[3]! } });
    expectNoIssue(a, 'exemption.reason');
  });

  test('clean cells give no whitespace issue', () => {
    expectNoIssue(check(rosterWith({ 学生姓名: NAME })), 'cell.whitespace');
  });
});

describe('cell.fullwidth', () => {
  const full = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  test('a 学号 in full-width digits is an error, fixed to half-width', () => {
    const a = check(rosterWith({ 学号全码: full(SID) }));
    expectIssue(a, { rule: 'cell.fullwidth', cell: 'C3', severity: 'error', fix: { value: SID } });
  });

  test('a 学号 with only some full-width digits is an error, fixed to half-width', () => {
    const a = check(rosterWith({ 学号全码: SID.slice(0, 10) + full(SID.slice(10)) }));
    expectIssue(a, { rule: 'cell.fullwidth', cell: 'C3', severity: 'error', fix: { value: SID } });
  });

  test('a 身份证号 with a full-width Ｘ is fixed to X', () => {
    const id = idEndingInX('19850612', false);
    const a = check(exFullWith({ 身份证号: full(id) }));
    expectIssue(a, { rule: 'cell.fullwidth', cell: 'F4', severity: 'error', fix: { value: id } });
    expectNoIssue(a, 'id-card.format');
  });

  test('half-width digits give no fullwidth issue', () => {
    expectNoIssue(check(rosterWith({ 学号全码: SID })), 'cell.fullwidth');
  });
});

describe('cell.number-stored', () => {
  test('a 13-digit 学号 stored as a number is fixable: the text, number format @', () => {
    const a = check(rosterWith({ 学号全码: Number(SID) }));
    expectIssue(a, { rule: 'cell.number-stored', cell: 'C3', severity: 'error', fix: { value: SID, numberFormat: '@' } });
    expectNoIssue(a, 'student-id.format');
  });

  test('a 学号 stored as text with format @ is fine', () => {
    const a = check(rosterWith({ 学号全码: { kind: 'string', value: SID, numberFormat: '@' } }));
    expectNoIssue(a, 'cell.number-stored');
  });

  test('a 序号 stored as a number is fine (it is not a code)', () => {
    expectNoIssue(check(rosterWith({})), 'cell.number-stored');
  });
});

describe('cell.precision-lost', () => {
  test('an 18-digit ID stored as a number (110105199001011000) is an error with no fix', () => {
    const a = check(exFullWith({ 身份证号: 110105199001011000 }));
    expectIssue(a, { rule: 'cell.precision-lost', cell: 'F4', severity: 'error', fix: null });
    expectNoIssue(a, 'cell.number-stored');
  });

  test('a 学号 stored as a number keeps its digits: not precision-lost', () => {
    expectNoIssue(check(rosterWith({ 学号全码: Number(SID) })), 'cell.precision-lost');
  });
});

describe('cell.formula', () => {
  test('a 学号 computed by a formula is a warning with no fix', () => {
    const a = check(rosterWith({ 学号全码: { kind: 'string', value: SID, formula: 'TEXT(Z3,"0")' } }));
    expectIssue(a, { rule: 'cell.formula', cell: 'C3', severity: 'warning', fix: null });
    expectNoIssue(a, 'student-id.format');
  });

  test('a 身份证号 computed by a formula is a warning', () => {
    const id = makeId('19850612', false, '130102');
    const a = check(exFullWith({ 身份证号: { kind: 'string', value: id, formula: 'CONCATENATE(Y4,Z4)' } }));
    expectIssue(a, { rule: 'cell.formula', cell: 'F4', severity: 'warning', fix: null });
  });

  test('a typed 学号 is no formula', () => {
    expectNoIssue(check(rosterWith({ 学号全码: SID })), 'cell.formula');
  });
});

describe('cell.error-value', () => {
  test.each(['#N/A', '#VALUE!', '#REF!'])('%s in the 学号 cell is an error with no fix, and nothing more', (e) => {
    const a = check(rosterWith({ 学号全码: { kind: 'error', value: e } }));
    expectIssue(a, { rule: 'cell.error-value', cell: 'C3', severity: 'error', fix: null });
    expect(a.report.issues.filter((i) => i.cell === 'C3').map((i) => i.rule)).toEqual(['cell.error-value']);
  });

  test('#N/A in the 姓名 cell is an error too', () => {
    const a = check(rosterWith({ 学生姓名: { kind: 'error', value: '#N/A' } }));
    expectIssue(a, { rule: 'cell.error-value', cell: 'D3', severity: 'error', fix: null });
  });

  test('ordinary values are no error value', () => {
    expectNoIssue(check(rosterWith({})), 'cell.error-value');
  });
});

describe('cell.required', () => {
  test('an empty 姓名 is an error with no fix', () => {
    const a = check(rosterWith({ 学生姓名: '' }));
    expectIssue(a, { rule: 'cell.required', cell: 'D3', severity: 'error', fix: null });
  });

  test('an empty 学号 is an error', () => {
    const a = check(rosterWith({ 学号全码: null }));
    expectIssue(a, { rule: 'cell.required', cell: 'C3', severity: 'error', fix: null });
  });

  test('a cell holding only spaces is empty: cell.required', () => {
    const a = check(rosterWith({ 学生姓名: '   ' }));
    expectIssue(a, { rule: 'cell.required', cell: 'D3', severity: 'error', fix: null });
  });

  test('an empty optional column (备注 of a correction row) is not required', () => {
    expectNoIssue(check(coSheet([coRecord(0, { 备注: '' })])), 'cell.required');
  });

  test('filled cells give no required issue', () => {
    expectNoIssue(check(rosterWith({})), 'cell.required');
  });
});
