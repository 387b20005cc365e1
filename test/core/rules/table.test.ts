/**
 * Table rules (DOMAIN.md §2, §4, §5): blank rows, duplicates, order, 序号, the terminator and signature rows,
 * merged cells. Table fixes are lists of every cell they rewrite; applying them gives the expected layout.
 */
import {
  applyIssueFix,
  check,
  CO_HEADER,
  CORR_SIGNATURE,
  coRecord,
  coSheet,
  EX_HEADER,
  EX_TITLE,
  exRecord,
  exSheet,
  expectIssue,
  expectNoIssue,
  GR_HEADER,
  grRecord,
  issuesOf,
  makeRegNo,
  REASON,
  rowsFor,
  sheetOf,
  TERMINATOR,
  textAt,
  textRows,
  WD_HEADER,
  WD_SIGNATURE,
  wdRecord,
  wdRecords,
  wdSheet,
  type Rec,
  type V,
} from '../../helpers/rules';

const wdText = (recs: Rec[], header = WD_HEADER) => rowsFor(header, recs).map((r) => r.map((v) => (v === undefined || v === null ? '' : String(v))));

describe('row.blank', () => {
  const recs = wdRecords(3);
  /** Roster with a blank row 3 between records 1 and 2; signature right after the last record. */
  const withBlank = () =>
    sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, recs.slice(0, 1)), [], ...rowsFor(WD_HEADER, recs.slice(1)), [WD_SIGNATURE]]);

  test('a blank row between records is an error on column A of that row, with a table fix', () => {
    const a = check(withBlank());
    expectIssue(a, { rule: 'row.blank', cell: 'A3', severity: 'error', fix: 'table' });
    expect(a.report.records).toBe(3);
  });

  test('a row of only spaces between records is blank too', () => {
    const sheet = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, recs.slice(0, 1)), ['', ' ', '\u00a0'], ...rowsFor(WD_HEADER, recs.slice(1)), [WD_SIGNATURE]]);
    expectIssue(check(sheet), { rule: 'row.blank', cell: 'A3', severity: 'error', fix: 'table' });
  });

  test('its fix removes the blank row: the records close up, in order, 序号 1..n', () => {
    const sheet = withBlank();
    const [issue] = issuesOf(check(sheet), 'row.blank');
    const fixed = applyIssueFix(sheet, issue!);
    expect(textRows(fixed).slice(0, 4)).toEqual([WD_HEADER, ...wdText(recs)]);
    expectNoIssue(check(fixed), 'row.blank');
  });

  test('its fix keeps the signature row right after the last record', () => {
    const sheet = withBlank();
    const [issue] = issuesOf(check(sheet), 'row.blank');
    const fixed = applyIssueFix(sheet, issue!);
    expect(textRows(fixed)).toEqual([WD_HEADER, ...wdText(recs), [WD_SIGNATURE]]);
    expectNoIssue(check(fixed), 'table.signature-row');
  });

  test('in a 免考信息表 its fix keeps /记录行结束/ right after the last record', () => {
    const ex = [0, 1, 2].map((i) => exRecord(i));
    const sheet = sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, ex.slice(0, 1)), [], ...rowsFor(EX_HEADER, ex.slice(1)), [TERMINATOR]]);
    const [issue] = issuesOf(check(sheet), 'row.blank');
    expect(issue!.cell).toBe('A4');
    const fixed = applyIssueFix(sheet, issue!);
    expect(textAt(fixed, 'A6')).toBe(TERMINATOR);
    expectNoIssue(check(fixed), 'table.terminator');
  });

  test('blank rows below the signature row at the end are not records and not row.blank', () => {
    const sheet = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, recs), [WD_SIGNATURE], [], [], []]);
    const a = check(sheet);
    expectNoIssue(a, 'row.blank');
    expect(a.report.records).toBe(3);
  });

  test('a table without blank rows has no row.blank', () => {
    expectNoIssue(check(wdSheet(recs)), 'row.blank');
  });
});

describe('row.duplicate', () => {
  test('the same 学号 twice: an error on the key cell of the second occurrence, no fix', () => {
    const recs = wdRecords(3);
    recs[2] = wdRecord(2, { 学号全码: recs[1]!['学号全码'] });
    const a = check(wdSheet(recs));
    expectIssue(a, { rule: 'row.duplicate', cell: 'C4', severity: 'error', fix: null });
    expect(issuesOf(a, 'row.duplicate')).toHaveLength(1);
  });

  test('three times: every occurrence after the first', () => {
    const recs = wdRecords(4);
    recs[1] = wdRecord(1, { 学号全码: recs[0]!['学号全码'] });
    recs[2] = wdRecord(2, { 学号全码: recs[0]!['学号全码'] });
    const a = check(wdSheet(recs));
    expect(issuesOf(a, 'row.duplicate').map((i) => i.cell)).toEqual(['C3', 'C4']);
  });

  test('a 学号 written once as text and once as a number is still a duplicate', () => {
    const recs = wdRecords(3);
    recs[2] = wdRecord(2, { 学号全码: Number(recs[1]!['学号全码']) });
    expectIssue(check(wdSheet(recs)), { rule: 'row.duplicate', cell: 'C4', severity: 'error', fix: null });
  });

  test('distinct 学号 are fine', () => {
    expectNoIssue(check(wdSheet(wdRecords(5))), 'row.duplicate');
  });
});

describe('table.unsorted', () => {
  const hdr = [...WD_HEADER, '备注'];
  /** Four students with a per-row 备注 to follow them; given in the order 3, 1, 4, 2 with 序号 1..4. */
  const students = wdRecords(4).map((r, i) => ({ ...r, 备注: `第${i + 1}号材料` }));
  const shuffled = () => [students[2]!, students[0]!, students[3]!, students[1]!].map((r, i) => ({ ...r, 序号: i + 1 }));

  test('rows out of 学号 order: an error on the key cell of the first row out of order', () => {
    const a = check(wdSheet(shuffled(), { header: hdr }));
    expectIssue(a, { rule: 'table.unsorted', cell: 'C3', severity: 'error', fix: 'table' });
    expect(issuesOf(a, 'table.unsorted')).toHaveLength(1);
  });

  test('its fix sorts by 学号, keeps every other column with its row and renumbers 序号', () => {
    const sheet = wdSheet(shuffled(), { header: hdr });
    const [issue] = issuesOf(check(sheet), 'table.unsorted');
    const fixed = applyIssueFix(sheet, issue!);
    expect(textRows(fixed)).toEqual([hdr, ...wdText(students, hdr), [WD_SIGNATURE]]);
    expectNoIssue(check(fixed), 'table.unsorted');
    expectNoIssue(check(fixed), 'table.sequence');
  });

  test('a correction sheet is sorted by 学号 too; sorted rows are fine', () => {
    const recs = [coRecord(1), coRecord(0, { 序号: 2 }), coRecord(2)];
    recs[0]!['序号'] = 1;
    const a = check(coSheet(recs));
    expectIssue(a, { rule: 'table.unsorted', cell: 'B4', severity: 'error', fix: 'table' });
    expectNoIssue(check(coSheet([coRecord(0), coRecord(1), coRecord(2)])), 'table.unsorted');
  });

  test('a 毕业生 sheet is sorted by 注册证号', () => {
    const recs = [grRecord(0, { 注册证号: makeRegNo(5) }), grRecord(1, { 注册证号: makeRegNo(3) }), grRecord(2, { 注册证号: makeRegNo(9) })];
    const a = check(coSheet(recs, { variant: 'graduate', header: GR_HEADER }));
    expectIssue(a, { rule: 'table.unsorted', cell: 'B4', severity: 'error', fix: 'table' });
  });

  test('a roster in 学号 order is fine', () => {
    expectNoIssue(check(wdSheet(students, { header: hdr })), 'table.unsorted');
  });
});

describe('table.sequence', () => {
  test('each wrong 序号 cell is an error whose fix writes the right number', () => {
    const recs = wdRecords(4).map((r, i) => ({ ...r, 序号: [1, 3, 3, 5][i] }));
    const a = check(wdSheet(recs));
    expectIssue(a, { rule: 'table.sequence', cell: 'A3', severity: 'error', fix: { value: 2, numberFormat: 'General' } });
    expectIssue(a, { rule: 'table.sequence', cell: 'A5', severity: 'error', fix: { value: 4, numberFormat: 'General' } });
    expect(issuesOf(a, 'table.sequence').map((i) => i.cell)).toEqual(['A3', 'A5']);
  });

  test('an empty 序号 is a sequence error too', () => {
    const recs = wdRecords(3);
    recs[1] = wdRecord(1, { 序号: null });
    expectIssue(check(wdSheet(recs)), { rule: 'table.sequence', cell: 'A3', severity: 'error', fix: { value: 2, numberFormat: 'General' } });
  });

  test('序号 1..n, as numbers or as text, is fine', () => {
    expectNoIssue(check(wdSheet(wdRecords(4))), 'table.sequence');
    expectNoIssue(check(wdSheet(wdRecords(4).map((r, i) => ({ ...r, 序号: String(i + 1) })))), 'table.sequence');
  });
});

describe('table.terminator (免考信息表: /记录行结束/ right after the last record)', () => {
  const recs = [0, 1, 2].map((i) => exRecord(i));

  test('missing: an error on column A of the row after the last record; the fix writes it there', () => {
    const a = check(exSheet(recs, { terminator: false }));
    expectIssue(a, { rule: 'table.terminator', cell: 'A6', severity: 'error', fix: { value: TERMINATOR, numberFormat: '@' } });
  });

  test('one blank row too low: an error where it belongs; the fix moves it up', () => {
    const sheet = exSheet(recs, { terminator: false, after: [[], [TERMINATOR]] });
    const a = check(sheet);
    expectIssue(a, { rule: 'table.terminator', cell: 'A6', severity: 'error', fix: 'table' });
    const fixed = applyIssueFix(sheet, issuesOf(a, 'table.terminator')[0]!);
    expect(textAt(fixed, 'A6')).toBe(TERMINATOR);
    expect(textRows(fixed)).toHaveLength(6);
    expectNoIssue(check(fixed), 'table.terminator');
  });

  test('followed by records: an error; the fix puts the terminator after all records', () => {
    const sheet = sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, recs.slice(0, 2)), [TERMINATOR], ...rowsFor(EX_HEADER, recs.slice(2))]);
    const a = check(sheet);
    const hits = issuesOf(a, 'table.terminator');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe('error');
    const fixed = applyIssueFix(sheet, hits[0]!);
    expect(textRows(fixed).slice(2)).toEqual([...rowsFor(EX_HEADER, recs).map((r) => r.map(String)), [TERMINATOR]]);
    expectNoIssue(check(fixed), 'table.terminator');
  });

  test('followed by records: the issue points at the cell its fix writes the terminator into', () => {
    const sheet = sheetOf('Sheet1', [[EX_TITLE], EX_HEADER, ...rowsFor(EX_HEADER, recs.slice(0, 2)), [TERMINATOR], ...rowsFor(EX_HEADER, recs.slice(2))]);
    const [issue] = issuesOf(check(sheet), 'table.terminator');
    const written = issue!.fix!.patches.find((p) => p.value === TERMINATOR)!;
    expect(issue!.cell).toBe(written.cell);
  });

  test('with a 备注 block directly below the records, the fix puts the terminator right after them and moves the block down', () => {
    const remark: V[][] = [['备注：免考原因（参照以下填写）'], ['1、' + REASON[1]], ['2、' + REASON[2]]];
    const sheet = exSheet(recs, { terminator: false, after: remark });
    const a = check(sheet);
    expect(a.report.records).toBe(3);
    const issue = expectIssue(a, { rule: 'table.terminator', cell: 'A6', severity: 'error', fix: 'table' });
    const fixed = applyIssueFix(sheet, issue);
    expect(textRows(fixed)).toEqual([
      [EX_TITLE],
      EX_HEADER,
      ...rowsFor(EX_HEADER, recs).map((r) => r.map(String)),
      [TERMINATOR],
      ...remark.map((r) => r.map(String)),
    ]);
    expect(check(fixed).report.issues).toEqual([]);
  });

  test('in place: no issue', () => {
    expectNoIssue(check(exSheet(recs)), 'table.terminator');
  });

  test('the terminator matches with spaces or a full-width slash', () => {
    expectNoIssue(check(exSheet(recs, { terminator: false, after: [[' ／记录行结束／ ']] })), 'table.terminator');
  });
});

describe('table.signature-row (退学: 经办人 row; 统计表: 主管领导/经手人 row)', () => {
  test('a roster without the 经办人 row: a warning on column A after the last record; the fix writes 经办人：', () => {
    const a = check(wdSheet(wdRecords(3), { signature: false }));
    expectIssue(a, { rule: 'table.signature-row', cell: 'A5', severity: 'warning', fix: { value: WD_SIGNATURE, numberFormat: '@' } });
  });

  test('a correction sheet without its signature row: the fix writes the 主管领导/经手人 row', () => {
    const a = check(coSheet([coRecord(0), coRecord(1)], { signature: false }));
    expectIssue(a, { rule: 'table.signature-row', cell: 'A5', severity: 'warning', fix: { value: CORR_SIGNATURE, numberFormat: '@' } });
  });

  test('a signature row after a blank row: a warning where it belongs, the fix moves it up', () => {
    const sheet = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(2)), [], [WD_SIGNATURE]]);
    const a = check(sheet);
    const issue = expectIssue(a, { rule: 'table.signature-row', cell: 'A4', severity: 'warning', fix: 'table' });
    const fixed = applyIssueFix(sheet, issue);
    expect(textRows(fixed)).toEqual([WD_HEADER, ...wdText(wdRecords(2)), [WD_SIGNATURE]]);
  });

  test('signature rows in place give no issue', () => {
    expectNoIssue(check(wdSheet(wdRecords(3))), 'table.signature-row');
    expectNoIssue(check(coSheet([coRecord(0)])), 'table.signature-row');
    expectNoIssue(check(sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, wdRecords(1)), ['经办人：', '', '日期：']])), 'table.signature-row');
  });

  test('the 免考信息表 has no signature row rule', () => {
    expectNoIssue(check(exSheet([exRecord(0)])), 'table.signature-row');
  });
});

describe('cell.merged', () => {
  test('a merged cell inside the records is an error on its top-left cell, no fix', () => {
    const a = check(wdSheet(wdRecords(3), { merges: ['B2:B3'] }));
    expectIssue(a, { rule: 'cell.merged', cell: 'B2', severity: 'error', fix: null });
  });

  test('merged title and header cells are not inside the records', () => {
    expectNoIssue(check(exSheet([exRecord(0), exRecord(1)])), 'cell.merged');
    expectNoIssue(check(wdSheet(wdRecords(2), { merges: ['A1:B1'] })), 'cell.merged');
  });
});

describe('records', () => {
  test('counts the non-blank rows between the header and the end row', () => {
    expect(check(wdSheet(wdRecords(7))).report.records).toBe(7);
    expect(check(exSheet([0, 1, 2, 3].map((i) => exRecord(i)))).report.records).toBe(4);
    expect(check(coSheet([coRecord(0), coRecord(1)], { header: CO_HEADER })).report.records).toBe(2);
  });
});
