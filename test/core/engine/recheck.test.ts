/**
 * The live re-check (src/core/engine/recheck.ts): after any edits, re-checking only the changed rows gives exactly
 * what a full check of the changed sheet gives — every issue, fix, table step and the layout — and it checks only
 * the changed rows when the header and the record layout stay the same.
 */
import fc from 'fast-check';
import type { Cell, SheetInput } from '../../../src/core/types';
import type { RowsRead } from '../../../src/core/port';
import { analyseSheet, type SheetAnalysis } from '../../../src/core/engine/check';
import { checkForRecheck, patchSheet, recheckRows, type CheckedSheet } from '../../../src/core/engine/recheck';
import { cell, type V } from '../../helpers/sheet';
import {
  coRecord,
  coSheet,
  exRecord,
  exSheet,
  makeName,
  makeSid,
  PROFILE,
  REASON,
  REPORT_DATE,
  TERMINATOR,
  wdRecord,
  wdSheet,
  WD_SIGNATURE,
  CORR_SIGNATURE,
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

interface Edit {
  row: number;
  col: number;
  value: V;
}

function sheets(): Record<string, SheetInput> {
  const wd = Array.from({ length: 8 }, (_, i) => wdRecord(i));
  wd[2] = wdRecord(2, { 学生姓名: '张 伟' });
  wd[5] = wdRecord(5, { 学号全码: makeSid(2) });
  const ex = Array.from({ length: 7 }, (_, i) => exRecord(i));
  ex[3] = exRecord(3, { 学习中心代码: 1300801, 免考原因: REASON[6] });
  const co = Array.from({ length: 7 }, (_, i) => coRecord(i));
  co[1] = coRecord(1, { 修改项目: '姓名', 原信息: '王伟', 修改后信息: '王玮' });
  co[4] = coRecord(1, { 序号: 5, 修改项目: '身份证号', 原信息: '1', 修改后信息: '2' });
  return {
    withdrawal: wdSheet(wd, { name: 'Sheet1' }),
    exemption: exSheet(ex),
    correction: coSheet(co),
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

const editArb = (rows: number, cols: number) =>
  fc.record({ row: fc.integer({ min: 1, max: rows + 2 }), col: fc.integer({ min: 0, max: cols }), value: fc.constantFrom(...VALUES) });

describe.each(Object.entries(sheets()))('re-checking the changed rows of a %s sheet', (_kind, base) => {
  const width = Math.max(...base.rows.map((r) => r?.length ?? 0));

  test('equals a full check of the changed sheet, edit after edit', () => {
    fc.assert(
      fc.property(fc.array(fc.array(editArb(base.rows.length, width), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (rounds) => {
        let prev: CheckedSheet = checkForRecheck(base, PROFILE, OPTIONS);
        for (const edits of rounds) {
          const read = edited(prev.input, edits);
          const next = recheckRows(prev, read, PROFILE, OPTIONS);
          const expected = analyseSheet(patchSheet(prev.input, read), PROFILE, OPTIONS);
          expect(plain(next.analysis)).toEqual(plain(expected));
          prev = next;
        }
      }),
      { numRuns: 150 },
    );
  });
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
});
