/**
 * The pre-check's students (core/precheck, templates/graduation-precheck/result.ts): each student's values are its
 * row's cells as the check reads them — codes without spaces, a 学号 stored as a number as its digits, the entry term in
 * its standard form or from the 学号 — read from the roster when asked for, the same on every asking.
 */
import { parseBatch, runPrecheck } from '../../../src/core/precheck';
import { PROFILE, makeSid } from '../../helpers/rules';
import { PC_FULL_HEADER, pcRecord, pcSheet } from '../../helpers/roster';

const run = (sheet: ReturnType<typeof pcSheet>) =>
  runPrecheck('名单.xlsx', [sheet], PROFILE, { reportDate: { y: 2023, m: 5, d: 10 }, batch: parseBatch('202307')! }).result;

describe('a student of the pre-check', () => {
  const sid = (i: number) => makeSid(i + 1, { year: 2021 });
  const sheet = pcSheet([
    pcRecord(0),
    pcRecord(1, { 学号: Number(sid(1)), 姓名: ' 李 四 ', 学习中心: '  北京 朝阳学习中心 ', 入学年度学期: '2021 春季' }),
    pcRecord(2, { 入学年度学期: '', 学籍状态: { kind: 'error', value: '#N/A' } }),
  ], { header: PC_FULL_HEADER });
  const result = run(sheet);
  const students = [...result.apply, ...result.refuse].sort((a, b) => a.row - b.row);

  it('is named by its sheet, row and 学号 cell', () => {
    expect(students.map((s) => [s.sheet, s.row, s.cell])).toEqual([
      ['Sheet1', 2, 'B2'],
      ['Sheet1', 3, 'B3'],
      ['Sheet1', 4, 'B4'],
    ]);
  });

  it('shows its cells cleaned as the check reads them, an unreadable cell not at all', () => {
    const [a, b, c] = students.map((s) => s.values);
    expect(a).toEqual({
      studentId: sid(0),
      idCard: pcRecord(0)['身份证号'],
      name: pcRecord(0)['姓名'],
      status: '在籍',
      branchName: '国家开放大学生命健康学院',
      centreName: '北京朝阳学习中心',
      major: '健康管理',
      enrollmentTerm: '2021春季',
    });
    // A 学号 stored as a number is its digits; 姓名 loses every space, 学习中心 (free text) only the outer ones.
    expect([b!.studentId, b!.name, b!.centreName, b!.enrollmentTerm]).toEqual([sid(1), '李四', '北京 朝阳学习中心', '2021春季']);
    // No entry term: the 学号's, marked so; an error value in 学籍状态 is shown as nothing.
    expect(c!.enrollmentTerm).toBe('2021春季（按学号）');
    expect('status' in c!).toBe(false);
  });

  it('gives the same values whatever order the students are asked in (their readers share one cell per field)', () => {
    const forward = students.map((s) => JSON.stringify(s.values));
    const again = run(sheet);
    const fresh = [...again.apply, ...again.refuse].sort((a, b) => a.row - b.row);
    const backward = [...fresh].reverse().map((s) => JSON.stringify(s.values)).reverse();
    expect(backward).toEqual(forward);
    expect(Object.keys(students[0]!.values)).toEqual(['studentId', 'idCard', 'name', 'status', 'branchName', 'centreName', 'major', 'enrollmentTerm']);
  });

  it('keeps the cells the check read: the sheet edited afterwards (rows replaced, as the workbench does) changes nothing', () => {
    const copy = { ...sheet, rows: sheet.rows.map((r) => r && [...r]) };
    const r = run(copy);
    const before = [...r.apply, ...r.refuse].sort((a, b) => a.row - b.row);
    (copy.rows as unknown[])[1] = undefined;
    (copy.rows as unknown[])[2] = [];
    expect(before.map((s) => s.values)).toEqual(students.map((s) => s.values));
  });

  it('is written out whole by JSON.stringify (its read-on-demand fields included, nothing of the sheet)', () => {
    const s = students[1]!;
    expect(JSON.parse(JSON.stringify(s))).toEqual({ sheet: 'Sheet1', row: 3, cell: 'B3', values: s.values, reasons: [], notes: [] });
  });
});
