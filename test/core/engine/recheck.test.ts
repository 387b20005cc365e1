/**
 * The live re-check (src/core/engine/recheck.ts): after any edits, re-checking only the changed rows gives exactly
 * what a full check of the changed sheet gives — every issue, fix, table step and the layout — and it checks only
 * the changed rows when the header and the record layout stay the same. The sheets cover what issue 9 added too: wide
 * two-row headers, long-layout students whose 性别 / 身份证号 / 出生日期 changes on several rows must agree, rows below the
 * footer and entry terms in every readable form — and what issue 14 added: runs of blank rows (one row.blank a run), a
 * merge that blocks the sort and formulas in rows (a table fix refused, saying why, never marked fixable), anchored
 * comments, a stray record far below the table, and a report capped at `limits.issues` (issues beyond it counted).
 */
import fc from 'fast-check';
import type { Cell, SheetInput } from '../../../src/core/types';
import type { RowsRead } from '../../../src/core/port';
import { analyseSheet, type SheetAnalysis } from '../../../src/core/engine/check';
import { checkForRecheck, patchSheet, recheckRows, type CheckedSheet } from '../../../src/core/engine/recheck';
import { cell, type V } from '../../helpers/sheet';
import {
  CO_TITLE,
  coRecord,
  coSheet,
  EX_FULL_HEADER,
  EX_HEADER,
  exFullRecord,
  exRecord,
  exSheet,
  idWithBirth,
  makeName,
  makeSid,
  PROFILE,
  REASON,
  REPORT_DATE,
  TERMINATOR,
  wdRecord,
  wdRecords,
  wdSheet,
  WD_HEADER,
  WD_SIGNATURE,
  CORR_SIGNATURE,
  rowsFor,
  sheetOf,
} from '../../helpers/rules';

const OPTIONS = { reportDate: REPORT_DATE };

/** Values an edit may write: right ones, wrong ones, keys of other rows, blanks, end rows and footers. */
const VALUES: V[] = [
  null,
  '',
  makeSid(1),
  makeSid(2),
  makeSid(7),
  makeSid(40),
  '２０13001200009',
  '2013001200',
  Number(makeSid(3)),
  makeName(1),
  '刘 洋',
  '李·娜',
  '河北分部',
  '北京分部',
  1,
  2,
  5,
  '3',
  '01300801',
  1300801,
  '71',
  '69',
  REASON[1]!,
  REASON[6]!,
  '汉',
  '回族',
  '民族',
  '姓名',
  '身份证号',
  '录入错误',
  '信息变更',
  TERMINATOR,
  WD_SIGNATURE,
  CORR_SIGNATURE,
  '备注：以上信息属实',
  { kind: 'error', value: '#N/A' },
];

/** IDs whose 17th digit and birth date agree or not with the 性别 and 出生日期 values below (record-facts.ts). */
const MALE = idWithBirth('19900102', true, '130102', 41);
const FEMALE = idWithBirth('19900102', false, '130102', 42);
const MALE_1985 = idWithBirth('19850607', true, '130102', 43);
/** An 18-digit ID typed into a General cell: its last digits are gone. */
const LOST: Cell = { kind: 'number', value: Number(MALE.slice(0, 15) + '000') };
/** What a correction row's facts are made of: items, IDs, genders, birth dates. */
const FACTS: V[] = ['性别', '出生日期', MALE, FEMALE, MALE_1985, LOST, '男', '女', '1990-01-02', '1990-01-05', '1985-06-07'];
/** Entry terms: standard, readable non-standard forms, unreadable. */
const TERMS: V[] = ['2020春季', '2020秋季', '2021春', '21秋', '202109', '2021年秋季', '2021.9', '2020春', '春季2020', '2026秋季'];
/** Footer lines: a 说明 line, a "以下空白" line. */
const FOOTERS: V[] = ['说明：以上学生均已本人签字确认', '以下空白'];
/**
 * Formulas (issue 14): a 序号 formula (moves with its row), one reading the row above (a move would change it, so a
 * table fix is refused), one whose text the task pane cannot read (formula ''), and an error value of a formula.
 */
const FORMULAS: V[] = [
  { kind: 'number', value: 3, formula: 'ROW()-1' },
  { kind: 'number', value: 7, formula: 'E3+1' },
  { kind: 'number', value: 2, formula: '$E$2+1' },
  { kind: 'string', value: '2013001200003', formula: '' },
  { kind: 'error', value: '#N/A', formula: 'NA()' },
];

interface Edit {
  row: number;
  col: number;
  value: V;
}

interface Case {
  sheet: SheetInput;
  /** Values edits may write besides VALUES. */
  values: V[];
}

/** The long layout with the record's own 身份证号 and 性别 columns (H, I): facts on several rows per student. */
const LONG = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '身份证号', '性别'];

/** A wide 新生 sheet whose groups 原信息 / 修改后信息 are merged over item sub-headers (DOMAIN.md §2 T3), and 入学年度学期. */
function wideTwoRow(): SheetInput {
  const items = ['姓名', '性别', '身份证号', '出生日期'];
  const top: V[] = ['序号', '学号', '姓名', '入学年度学期', '原信息', '', '', '', '修改后信息', '', '', '', '修改类型'];
  const sub: V[] = ['', '', '', '', ...items, ...items, ''];
  const sid = (i: number) => makeSid(50001 + i, { year: 2026 });
  const rec = (i: number, old: V[], now: V[], term: V = '2026秋季'): V[] => [i + 1, sid(i), makeName(i), term, ...old, ...now, '录入错误'];
  const rows: V[][] = [
    [CO_TITLE.new],
    top,
    sub,
    rec(0, [makeName(0), '男', MALE, '1990-01-02'], ['', '女', '', '']),
    rec(1, [makeName(1), '女', FEMALE, '1990-01-02'], ['', '', MALE, '']),
    rec(2, [makeName(2), '男', MALE_1985, '1985-06-07'], ['', '', '', '1990-01-05'], '2026秋'),
    rec(3, [makeName(3), '男', MALE, ''], ['', '男', '', ''], '26秋'),
    rec(4, [makeName(4), '女', FEMALE, '1990-01-02'], [makeName(5), '', '', '']),
    [CORR_SIGNATURE],
  ];
  return sheetOf('Sheet1', rows, ['A1:M1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:H2', 'I2:L2', 'M2:M3']);
}

function cases(): Record<string, Case> {
  const wd = Array.from({ length: 8 }, (_, i) => wdRecord(i));
  wd[2] = wdRecord(2, { 学生姓名: '张 伟' });
  wd[5] = wdRecord(5, { 学号全码: makeSid(2) });
  const ex = Array.from({ length: 7 }, (_, i) => exRecord(i));
  ex[3] = exRecord(3, { 学习中心代码: 1300801, 免考原因: REASON[6] });
  const co = Array.from({ length: 7 }, (_, i) => coRecord(i));
  co[1] = coRecord(1, { 修改项目: '姓名', 原信息: '王伟', 修改后信息: '王玮' });
  co[4] = coRecord(1, { 序号: 5, 修改项目: '身份证号', 原信息: '1', 修改后信息: '2' });
  // Long layout: student 1 changes 身份证号 and 性别 on two rows that disagree, student 2 a 出生日期 the ID denies,
  // student 3 agrees with itself; a row without a readable 学号 is a student of its own.
  const long = (n: number, sid: V, item: V, from: V, to: V, id: V, gender: V): V[] => [n, sid, makeName(n), item, from, to, '录入错误', id, gender];
  const facts = sheetOf(
    'Sheet1',
    [
      [CO_TITLE.enrolled],
      LONG,
      long(1, makeSid(1), '身份证号', MALE, FEMALE, MALE, '男'),
      long(2, makeSid(2), '出生日期', '1985-06-07', '1990-01-05', MALE_1985, '男'),
      long(3, makeSid(1), '性别', '女', '男', MALE, '男'),
      long(4, makeSid(3), '性别', '男', '女', FEMALE, '女'),
      long(5, makeSid(2), '身份证号', MALE_1985, MALE, MALE_1985, '男'),
      long(6, '', '性别', '女', '男', FEMALE, '女'),
      long(7, makeSid(3), '身份证号', MALE, FEMALE, MALE, '女'),
      [CORR_SIGNATURE],
    ],
    ['A1:I1'],
  );
  // A roster whose footer has a 说明 line, and a student below the 经办人 row (issue 14).
  const below = sheetOf('退学', [
    WD_HEADER,
    ...rowsFor(WD_HEADER, wdRecords(5)),
    ['说明：以上学生均已本人签字确认'],
    [WD_SIGNATURE],
    ...rowsFor(WD_HEADER, [wdRecord(5), wdRecord(6, { 学号全码: '２０' + makeSid(7).slice(2) })]),
    ['以下空白'],
  ]);
  // issue 14: 分部名称 merged over B2:B4 and the rows out of order (the sort would cut the merge), a run of three blank
  // rows, formulas in a column of the user's own (a running count reading the row above), a comment on D7.
  const f = (formula: string, value: number): Cell => ({ kind: 'number', value, formula });
  const wdRow = (i: number, e: V): V[] => [...rowsFor(WD_HEADER, [wdRecord(i)])[0]!, e];
  const blocked: SheetInput = {
    ...sheetOf(
      '退学',
      [[...WD_HEADER, '累计'], wdRow(0, 1), wdRow(2, f('E2+1', 2)), wdRow(1, f('E3+1', 3)), [], [], [], wdRow(3, f('ROW()-3', 4)), wdRow(4, 5), [WD_SIGNATURE]],
      ['B2:B4'],
    ),
    anchors: ['D7'],
  };
  // A record far below the others (a run of 30 blank rows between), no terminator.
  const far = exSheet([exRecord(0), exRecord(1)], { terminator: false, after: [...Array.from({ length: 30 }, (): V[] => []), rowsFor(EX_HEADER, [exRecord(2)])[0]!] });
  const terms = exSheet(
    Array.from({ length: 6 }, (_, i) => exFullRecord(i, { 入学年度学期: ['2021春', '21秋', '202109', '2021年秋季', '2021.9', '春季2020'][i]!, 免考原因: i % 2 ? REASON[1] : REASON[6] })),
    { header: EX_FULL_HEADER },
  );
  return {
    withdrawal: { sheet: wdSheet(wd, { name: 'Sheet1' }), values: [] },
    exemption: { sheet: exSheet(ex), values: [] },
    correction: { sheet: coSheet(co), values: FACTS },
    'correction (long layout, one student on several rows)': { sheet: facts, values: FACTS },
    'correction (wide two-row header)': { sheet: wideTwoRow(), values: [...FACTS, ...TERMS] },
    'withdrawal (rows below the footer)': { sheet: below, values: FOOTERS },
    'exemption (entry terms)': { sheet: terms, values: [...TERMS, MALE, FEMALE, '男', '女'] },
    'withdrawal (a merge blocking the sort, blank rows, formulas, a comment)': { sheet: blocked, values: FORMULAS },
    'exemption (a record far below, a run of blank rows)': { sheet: far, values: FORMULAS },
  };
}

/** The sheet after edits, as rows read back (what a port's readRows answers), and the changed sheet itself. */
function edited(prev: SheetInput, edits: readonly Edit[]): RowsRead {
  const rows = prev.rows.map((r) => (r ? [...r] : undefined));
  for (const e of edits) {
    while (rows.length < e.row) rows.push(undefined);
    const line = rows[e.row - 1] ?? [];
    while (line.length <= e.col) line.push(undefined);
    line[e.col] = cell(e.value);
    while (line.length > 0 && line[line.length - 1] === undefined) line.pop();
    rows[e.row - 1] = line.length ? line : undefined;
  }
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  const touched = [...new Set(edits.map((e) => e.row))].sort((a, b) => a - b);
  return { sheet: prev.name, rows: touched.map((row) => ({ row, cells: rows[row - 1] })), lastRow: rows.length };
}

/** Everything an analysis says, in plain data (a table fix's patches planned on reading them). */
function plain(a: SheetAnalysis): unknown {
  return JSON.parse(
    JSON.stringify({
      report: a.report,
      header: a.header && { ...a.header, fields: [...a.header.fields], fieldColumns: [...a.header.fieldColumns] },
      layout: a.layout,
      rows: a.rows.map((r) => [r.row, r.key]),
      cellFixes: [...a.cellFixes].sort(([x], [y]) => x.localeCompare(y)),
      tableSteps: a.tableSteps,
      renameSheet: a.renameSheet,
    }),
  );
}

const editArb = (rows: number, cols: number, values: readonly V[]) =>
  fc.record({ row: fc.integer({ min: 1, max: rows + 2 }), col: fc.integer({ min: 0, max: cols }), value: fc.constantFrom(...values) });

/**
 * The property: rounds of edits to `base`, each re-checked from the last; every re-check equals a full check of the
 * changed sheet — what it lists, and what it left unlisted beyond `limits.issues` (which a fix still cures).
 */
function recheckEqualsFullCheck({ sheet: base, values }: Case, profile: typeof PROFILE, runs: { numRuns: number; rounds: number }): void {
  const width = Math.max(...base.rows.map((r) => r?.length ?? 0));
  const edit = editArb(base.rows.length, width, [...VALUES, ...values]);
  fc.assert(
    fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: runs.rounds }), (rounds) => {
      let prev: CheckedSheet = checkForRecheck(base, profile, OPTIONS);
      for (const edits of rounds) {
        const read = edited(prev.input, edits);
        const next = recheckRows(prev, read, profile, OPTIONS);
        const expected = analyseSheet(patchSheet(prev.input, read), profile, OPTIONS);
        expect(plain(next.analysis)).toEqual(plain(expected));
        expect(next.analysis.unlisted.map((i) => `${i.rule}@${i.cell}`)).toEqual(expected.unlisted.map((i) => `${i.rule}@${i.cell}`));
        prev = next;
      }
    }),
    { numRuns: runs.numRuns },
  );
}

describe.each(Object.entries(cases()))('re-checking the changed rows of a %s sheet', (_kind, c) => {
  test('equals a full check of the changed sheet, edit after edit', () => recheckEqualsFullCheck(c, PROFILE, { numRuns: 150, rounds: 4 }));
});

test('the sheets hold what they are there to exercise', () => {
  const c = cases();
  const of = (k: string) => analyseSheet(c[k]!.sheet, PROFILE, OPTIONS);
  const rulesAt = (k: string) => of(k).report.issues.map((i) => `${i.rule}@${i.cell}`);
  // Student 1's new 性别 (row 5) against the new 身份证号 on row 3; student 2's new 出生日期 (row 4) against the new ID on
  // row 7; student 3's new 性别 (row 6) agrees with the new ID on row 9; the row without a 学号 is a student of its own.
  expect(rulesAt('correction (long layout, one student on several rows)').filter((r) => r.startsWith('correction.new-value'))).toEqual([
    'correction.new-value@F4',
    'correction.new-value@F5',
    'correction.new-value@F8',
  ]);
  const wide = of('correction (wide two-row header)');
  expect([wide.report.template, wide.report.headerRow, wide.header!.wide.length]).toEqual(['correction-new', 3, 8]);
  expect(wide.report.issues.map((i) => `${i.rule}@${i.cell}`)).toEqual(
    expect.arrayContaining(['correction.new-value@J4', 'correction.new-value@K5', 'correction.new-value@L6', 'enrollment-term.nonstandard@D6']),
  );
  expect(of('withdrawal (rows below the footer)').layout!.recordsAfterEnd).toEqual([9, 10]);
  const terms = rulesAt('exemption (entry terms)').filter((r) => r.startsWith('enrollment-term.'));
  expect(terms.filter((r) => r.startsWith('enrollment-term.nonstandard'))).toEqual(['I3', 'I4', 'I5', 'I6', 'I7'].map((c) => `enrollment-term.nonstandard@${c}`));
  expect(terms).toContain('enrollment-term.format@I8');
  // issue 14: the sort would cut the merge over 分部名称 and move the running count: not fixable, saying why; the run
  // of blank rows is one issue, its fix refused alike (the rows below would move); the far record's run is one issue.
  const blocked = of('withdrawal (a merge blocking the sort, blank rows, formulas, a comment)');
  const unsorted = blocked.report.issues.find((i) => i.rule === 'table.unsorted')!;
  expect([unsorted.fix, unsorted.message]).toEqual([null, expect.stringContaining('（无法自动修复：')]);
  expect(blocked.report.issues.filter((i) => i.rule === 'row.blank').map((i) => [i.cell, i.fix])).toEqual([['A5', null]]);
  expect(blocked.report.issues.find((i) => i.rule === 'row.blank')!.message).toContain('第5–7行是记录中间的空行（共 3 行）');
  // (The 序号 are renumbered in place: column A is not merged.)
  expect(blocked.tableSteps).toEqual({ removeBlank: false, sort: false, renumber: true, marker: false });
  expect(rulesAt('withdrawal (a merge blocking the sort, blank rows, formulas, a comment)')).toEqual([
    'cell.merged@B2',
    'table.sequence@A3',
    'table.sequence@A4',
    'table.unsorted@C4',
    'row.blank@A5',
  ]);
  const far = of('exemption (a record far below, a run of blank rows)');
  expect(far.report.issues.filter((i) => i.rule === 'row.blank').map((i) => i.message)).toEqual(['第5–34行是记录中间的空行（共 30 行），应删除']);
  expect(far.report.issues.find((i) => i.rule === 'row.blank')!.fix!.patches.length).toBeGreaterThan(0);
});

describe('with a report capped at limits.issues', () => {
  const capped = { ...PROFILE, limits: { ...PROFILE.limits, issues: 2 } };
  test.each(['correction (long layout, one student on several rows)', 'withdrawal (a merge blocking the sort, blank rows, formulas, a comment)'])(
    'a re-check of a %s sheet lists and counts what a full check does',
    (kind) => {
      const c = cases()[kind]!;
      expect(analyseSheet(c.sheet, capped, OPTIONS).report.omitted).toBeDefined();
      recheckEqualsFullCheck(c, capped, { numRuns: 60, rounds: 3 });
    },
  );
});

describe('what a re-check reads again', () => {
  test('one changed record: only that row is checked, the rest is reused', () => {
    const recs = Array.from({ length: 50 }, (_, i) => wdRecord(i));
    const prev = checkForRecheck(wdSheet(recs), PROFILE, OPTIONS);
    const next = recheckRows(prev, edited(prev.input, [{ row: 30, col: 3, value: '刘 洋' }]), PROFILE, OPTIONS);
    expect(next.incremental).toBe(true);
    expect(next.rowsChecked).toBe(1);
    expect(next.analysis.report.issues.map((i) => `${i.rule}@${i.cell}`)).toEqual(['cell.whitespace@D30']);
  });

  test('a changed key re-derives duplicates and order from the kept keys', () => {
    const recs = Array.from({ length: 20 }, (_, i) => wdRecord(i));
    const prev = checkForRecheck(wdSheet(recs), PROFILE, OPTIONS);
    // Row 11 takes the 学号 of row 3: a duplicate, and now out of order.
    const next = recheckRows(prev, edited(prev.input, [{ row: 11, col: 2, value: makeSid(2) }]), PROFILE, OPTIONS);
    expect(next.rowsChecked).toBe(1);
    expect(next.analysis.report.issues.map((i) => `${i.rule}@${i.cell}`)).toEqual(['row.duplicate@C11', 'table.unsorted@C11']);
    // And back: both go.
    const back = recheckRows(next, edited(next.input, [{ row: 11, col: 2, value: makeSid(10) }]), PROFILE, OPTIONS);
    expect(back.analysis.report.issues).toEqual([]);
  });

  test("a changed fact re-derives only that student's corrected record; the other students' conflicts are kept", () => {
    const sid = (i: number) => makeSid(i + 1);
    const row = (n: number, s: string, item: string, from: V, to: V, id: V, gender: V): V[] => [n, s, makeName(n), item, from, to, '录入错误', id, gender];
    const rows: V[][] = [[CO_TITLE.enrolled], LONG];
    // 30 students, each with a new 身份证号 on one row and a new 性别 on another, 性别 disagreeing for every third.
    for (let i = 0; i < 30; i++) rows.push(row(rows.length - 1, sid(i), '身份证号', MALE, FEMALE, MALE, '男'));
    for (let i = 0; i < 30; i++) rows.push(row(rows.length - 1, sid(i), '性别', '男', i % 3 ? '女' : '男', MALE, '男'));
    rows.push([CORR_SIGNATURE]);
    const prev = checkForRecheck(sheetOf('Sheet1', rows, ['A1:I1']), PROFILE, OPTIONS);
    const conflicts = (a: SheetAnalysis) => a.report.issues.filter((i) => i.rule === 'correction.new-value').map((i) => i.cell);
    expect(conflicts(prev.analysis)).toEqual(['F33', 'F36', 'F39', 'F42', 'F45', 'F48', 'F51', 'F54', 'F57', 'F60']);
    // Row 36 (student 4's new 性别) now says 女: that conflict goes, the other nine stay; only that row is read again.
    const next = recheckRows(prev, edited(prev.input, [{ row: 36, col: 5, value: '女' }]), PROFILE, OPTIONS);
    expect([next.incremental, next.rowsChecked]).toEqual([true, 1]);
    expect(conflicts(next.analysis)).toEqual(['F33', 'F39', 'F42', 'F45', 'F48', 'F51', 'F54', 'F57', 'F60']);
    // Row 4 (student 1's new 身份证号, 30 rows above) now a male ID: student 1's new 性别 on row 34 (女) disagrees with it.
    const again = recheckRows(next, edited(next.input, [{ row: 4, col: 5, value: MALE }]), PROFILE, OPTIONS);
    expect([again.incremental, again.rowsChecked]).toEqual([true, 1]);
    expect(conflicts(again.analysis)).toEqual(['F33', 'F34', 'F39', 'F42', 'F45', 'F48', 'F51', 'F54', 'F57', 'F60']);
    expect(again.analysis.report).toEqual(analyseSheet(again.input, PROFILE, OPTIONS).report);
  });

  test('a header that changes starts over; a record that becomes the end row re-locates the records', () => {
    const recs = Array.from({ length: 10 }, (_, i) => wdRecord(i));
    const prev = checkForRecheck(wdSheet(recs), PROFILE, OPTIONS);
    const same = recheckRows(prev, edited(prev.input, [{ row: 1, col: 3, value: '学生姓名' }]), PROFILE, OPTIONS);
    expect(same.incremental).toBe(true);
    expect(same.rowsChecked).toBe(0);
    const gone = recheckRows(prev, edited(prev.input, [{ row: 1, col: 2, value: '备注' }]), PROFILE, OPTIONS);
    expect(gone.incremental).toBe(false);
    const footer = recheckRows(prev, edited(prev.input, [{ row: 6, col: 0, value: WD_SIGNATURE }]), PROFILE, OPTIONS);
    expect(footer.incremental).toBe(true);
    expect(footer.analysis.layout!.marker).toBe(6);
    expect(footer.analysis.layout!.recordsAfterEnd).toEqual([7, 8, 9, 10, 11]);
  });

  test('rows below the new last row are gone from the sheet', () => {
    const sheet: SheetInput = { name: 'S', rows: [[cell('a')], [cell('b')], [cell('c')]], merges: [] };
    const out = patchSheet(sheet, { sheet: 'T', rows: [{ row: 2, cells: [undefined] as (Cell | undefined)[] }, { row: 3, cells: undefined }], lastRow: 2 });
    expect(out).toEqual({ name: 'T', rows: [[cell('a')], undefined], merges: [] });
  });

  test('the merges and the anchored comments / hyperlinks / pictures stay (a table fix moving them is refused)', () => {
    const sheet: SheetInput = { name: 'S', rows: [[cell('a')], [cell('b')]], merges: ['A1:B1'], anchors: ['A2'] };
    const out = patchSheet(sheet, { sheet: 'S', rows: [{ row: 2, cells: [cell('c')] }], lastRow: 2 });
    expect(out).toEqual({ name: 'S', rows: [[cell('a')], [cell('c')]], merges: ['A1:B1'], anchors: ['A2'] });
  });
});
