/** 学号 rules (DOMAIN.md §1, §5): 13 digits, known 类别; normalising rules come first (§4). */
import {
  check,
  expectIssue,
  expectNoIssue,
  makeSid,
  wdRecord,
  wdRecords,
  wdSheet,
  issuesOf,
} from '../../helpers/rules';

/** A withdrawal roster whose second record (row 3, 学号全码 in column C) holds `sid`. */
function rosterWith(sid: string | number) {
  const recs = wdRecords(3);
  recs[1] = wdRecord(1, { 学号全码: sid });
  return wdSheet(recs);
}

describe('student-id.format', () => {
  test('a 12-digit 学号 is an error on its cell, with no fix', () => {
    const a = check(rosterWith(makeSid(2).slice(0, 12)));
    expectIssue(a, { rule: 'student-id.format', cell: 'C3', severity: 'error', fix: null });
  });

  test('a 14-digit 学号 is an error', () => {
    const a = check(rosterWith(makeSid(2) + '0'));
    expectIssue(a, { rule: 'student-id.format', cell: 'C3', severity: 'error', fix: null });
  });

  test('a 学号 with a letter in it is an error', () => {
    const sid = makeSid(2);
    const a = check(rosterWith(sid.slice(0, 6) + 'O' + sid.slice(7)));
    expectIssue(a, { rule: 'student-id.format', cell: 'C3', severity: 'error', fix: null });
  });

  test.each([
    ['spring intake', makeSid(2, { year: 2017, branch: '110', category: '012' })],
    ['autumn intake', makeSid(50002, { year: 2021, branch: '610', category: '014' })],
    ['一村一', makeSid(2, { year: 2019, branch: '330', category: '044' })],
  ])('a valid 13-digit 学号 (%s) gives no student-id issue', (_what, sid) => {
    const a = check(rosterWith(sid));
    expectNoIssue(a, 'student-id.format');
    expectNoIssue(a, 'student-id.category');
  });
});

describe('student-id.category', () => {
  test('an unknown 类别 segment is a warning, with no fix', () => {
    const a = check(rosterWith(makeSid(2, { category: '099' })));
    expectIssue(a, { rule: 'student-id.category', cell: 'C3', severity: 'warning', fix: null });
    expectNoIssue(a, 'student-id.format');
  });

  test.each(['012', '014', '044', '054', '064'])('the known 类别 %s gives no warning', (category) => {
    const a = check(rosterWith(makeSid(2, { category: category })));
    expectNoIssue(a, 'student-id.category');
  });
});

describe('normalise first (DOMAIN.md §4)', () => {
  test('a 学号 with a trailing NBSP gets only cell.whitespace, fixed to the bare 学号', () => {
    const sid = makeSid(2);
    const a = check(rosterWith(sid + '\u00a0'));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'C3', severity: 'error', fix: { value: sid } });
    expect(a.report.issues.filter((i) => i.cell === 'C3').map((i) => i.rule)).toEqual(['cell.whitespace']);
  });

  test('a 学号 with a zero-width space inside gets only cell.whitespace', () => {
    const sid = makeSid(2);
    const a = check(rosterWith(sid.slice(0, 5) + '\u200b' + sid.slice(5)));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'C3', severity: 'error', fix: { value: sid } });
    expectNoIssue(a, 'student-id.format');
  });

  test('a 学号 in full-width digits gets only cell.fullwidth, fixed to half-width', () => {
    const sid = makeSid(2);
    const full = sid.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const a = check(rosterWith(full));
    expectIssue(a, { rule: 'cell.fullwidth', cell: 'C3', severity: 'error', fix: { value: sid } });
    expect(a.report.issues.filter((i) => i.cell === 'C3').map((i) => i.rule)).toEqual(['cell.fullwidth']);
  });

  test('a 13-digit 学号 stored as a number is cell.number-stored, fixed to the text with format @', () => {
    const sid = makeSid(2);
    const a = check(rosterWith(Number(sid)));
    expectIssue(a, { rule: 'cell.number-stored', cell: 'C3', severity: 'error', fix: { value: sid, numberFormat: '@' } });
    expect(a.report.issues.filter((i) => i.cell === 'C3').map((i) => i.rule)).toEqual(['cell.number-stored']);
  });

  test('a 学号 with a space and the wrong length gets both the normalising rule and the format error', () => {
    const sid = makeSid(2).slice(0, 12);
    const a = check(rosterWith(sid + ' '));
    expectIssue(a, { rule: 'cell.whitespace', cell: 'C3', severity: 'error', fix: { value: sid } });
    expect(issuesOf(a, 'student-id.format').map((i) => i.cell)).toEqual(['C3']);
  });
});

describe('student-id.branch', () => {
  test('an unknown 分部 segment is a warning on the 学号 cell, without a fix', () => {
    const a = check(rosterWith(makeSid(2, { branch: '999' })));
    expectIssue(a, { rule: 'student-id.branch', cell: 'C3', severity: 'warning', fix: null });
    expectNoIssue(a, 'student-id.category');
  });

  test.each(['110', '130', '610', '010', '801'])('the known 分部 %s gives no warning', (branch) => {
    expectNoIssue(check(rosterWith(makeSid(2, { branch }))), 'student-id.branch');
  });
});
