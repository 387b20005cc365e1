/**
 * What the written reports count (seed 003 §五(二)1, §三(二)2): changes by 修改类型 and by 修改项目, students once per
 * 学号 / 注册证号, the 新生 rows filed past their first semester; batches and students per batch. Compared with the
 * counts written out by hand for the generated sheets (fixtures.ts).
 */
import { DEFAULT_PROFILE, mergeProfile } from '../../../src/core/profile/default-profile';
import { collectReportInputs, countCorrections, countWithdrawals } from '../../../src/core/written-report';
import { CO_HEADER, CO_TITLE, CORR_SIGNATURE, exSheet, exRecord, makeName, makeSid, rowsFor } from '../../helpers/rules';
import { sheetOf } from '../../helpers/sheet';
import { BATCH1, BATCH2, NAME, REPORT_DATE, S, edited, enrolledStudents, graduates, newStudents, roster } from './fixtures';

const collect = (sources: Parameters<typeof collectReportInputs>[0], profile = DEFAULT_PROFILE) => collectReportInputs(sources, profile, { reportDate: REPORT_DATE });

describe('the 信息修改书面报告 counts', () => {
  const inputs = collect([
    { file: '新生.xlsx', sheets: [newStudents()] },
    { file: '在籍生和毕业生.xlsx', sheets: [enrolledStudents(), graduates()] },
  ]);
  const c = countCorrections(inputs.corrections, DEFAULT_PROFILE);

  it('uses every correction sheet, and none has an error', () => {
    expect(inputs.errors).toEqual([]);
    expect(c.tables.map((t) => [t.file, t.sheet, t.template])).toEqual([
      ['新生.xlsx', '新生', 'correction-new'],
      ['在籍生和毕业生.xlsx', '在籍生', 'correction-enrolled'],
      ['在籍生和毕业生.xlsx', '毕业生', 'correction-graduate'],
    ]);
  });

  it('counts changes and students per table (a student with two changes is one student)', () => {
    expect(c.tables.map((t) => [t.students, t.changes, t.byType])).toEqual([
      [4, 5, { 信息变更: 2, 录入错误: 3, 未注明: 0 }],
      [2, 2, { 信息变更: 1, 录入错误: 1, 未注明: 0 }],
      [1, 1, { 信息变更: 0, 录入错误: 1, 未注明: 0 }],
    ]);
  });

  it('counts in all: 7 students, 8 changes, 信息变更 3, 录入错误 5', () => {
    expect([c.students, c.changes, c.byType]).toEqual([7, 8, { 信息变更: 3, 录入错误: 5, 未注明: 0 }]);
  });

  it('counts per item, every item of the sheet listed in its order', () => {
    expect(c.byItem.map((i) => [i.item, i.信息变更, i.录入错误, i.total])).toEqual([
      ['姓名', 0, 2, 2],
      ['性别', 1, 0, 1],
      ['身份证号', 1, 0, 1],
      ['民族', 1, 1, 2],
      ['出生日期', 0, 1, 1],
      ['入学文化程度', 0, 1, 1],
    ]);
  });

  it('lists every change, each table sorted by its key (学号 / 注册证号)', () => {
    expect(c.lines.map((l) => [l.key, l.name, l.item, l.changeType])).toEqual([
      [S.s1, NAME.s1, '姓名', '录入错误'],
      [S.s1, NAME.s1, '民族', '录入错误'],
      [S.s3, NAME.s3, '身份证号', '信息变更'],
      [S.s2, NAME.s2, '性别', '信息变更'],
      [S.s4, NAME.s4, '出生日期', '录入错误'],
      [S.s5, NAME.s5, '民族', '信息变更'],
      [S.s6, NAME.s6, '入学文化程度', '录入错误'],
      [S.g1, NAME.g1, '姓名', '录入错误'],
    ]);
  });

  it('the 新生 rows past the first semester are late: term and last day (spring 2026 → 2026-08-31)', () => {
    expect(c.late.map((l) => [l.key, l.item, l.late])).toEqual([
      [S.s1, '姓名', { term: '2026春季', deadline: { y: 2026, m: 8, d: 31 } }],
      [S.s1, '民族', { term: '2026春季', deadline: { y: 2026, m: 8, d: 31 } }],
      [S.s3, '身份证号', { term: '2026春季', deadline: { y: 2026, m: 8, d: 31 } }],
    ]);
    expect(c.lateStudents).toBe(2);
    // Autumn 2026 新生 have until 2027-02-28: in time.
    expect(c.lines.filter((l) => l.key === S.s2 || l.key === S.s4).every((l) => l.late === null)).toBe(true);
  });

  it('a late row states its own entry term: the report gives that term and its deadline, as the check reads it', () => {
    // 学号 of autumn 2026 (in time by the 学号), but the row says it entered in autumn 2025: late since 2026-02-28.
    const sid = makeSid(50021, { year: 2026 });
    const header = [...CO_HEADER, '入学年度学期'];
    const rec = { 序号: 1, 学号: sid, 姓名: makeName(21), 修改项目: '民族', 原信息: '汉族', 修改后信息: '回族', 修改类型: '录入错误', 入学年度学期: '2025秋' };
    const sheet = sheetOf('新生', [[CO_TITLE.new], header, ...rowsFor(header, [rec]), [CORR_SIGNATURE]], ['A1:I1']);
    const late = countCorrections(collect([{ file: 'x.xlsx', sheets: [sheet] }], DEFAULT_PROFILE).corrections, DEFAULT_PROFILE).late;
    expect(late.map((l) => l.late)).toEqual([{ term: '2025秋季', deadline: { y: 2026, m: 2, d: 28 } }]);
  });

  it('the window follows the profile (newStudentWindowMonths): 9 months puts nobody late on 2026-11-22', () => {
    const profile = mergeProfile({ correction: { newStudentWindowMonths: 9 } });
    const late = countCorrections(collect([{ file: 'x.xlsx', sheets: [newStudents()] }], profile).corrections, profile).late;
    expect(late).toEqual([]);
  });
});

describe('what a report is not made from', () => {
  it('a 免考信息表 and a sheet of no template are skipped, saying why', () => {
    const inputs = collect([{ file: 'x.xlsx', sheets: [exSheet([exRecord(0)], { name: '免考' }), sheetOf('说明', [['填表说明：按学号升序']])] }]);
    expect(inputs.corrections).toEqual([]);
    expect(inputs.rosters).toEqual([]);
    expect(inputs.skipped).toEqual([
      { file: 'x.xlsx', sheet: '说明', reason: '未识别为任何模板' },
      { file: 'x.xlsx', sheet: '免考', reason: '免考信息表不需要书面报告' },
    ]);
  });

  it('errors that no fix resolves are reported with their sheet; a fixable one is not', () => {
    // A 修改项目 that belongs to 学籍异动 (error, no fix) and 汉 for 汉族 (fixed by the preparation).
    const sheet = edited(newStudents(), { D4: '转专业', F5: '回' });
    const inputs = collect([{ file: '新生.xlsx', sheets: [sheet] }]);
    expect(inputs.errors.map((e) => [e.file, e.sheet, e.issue.rule, e.issue.cell])).toEqual([['新生.xlsx', '新生', 'correction.item', 'D4']]);
  });

  it('a change whose 修改类型 is left empty is counted as 未注明, never dropped; an unreadable one is an error', () => {
    const c = countCorrections(collect([{ file: 'x.xlsx', sheets: [edited(enrolledStudents(), { G3: null })] }]).corrections, DEFAULT_PROFILE);
    expect([c.changes, c.byType]).toEqual([2, { 信息变更: 0, 录入错误: 1, 未注明: 1 }]);
    expect(c.byItem.find((i) => i.item === '民族')).toMatchObject({ 信息变更: 0, 录入错误: 0, 未注明: 1, total: 1 });
    const bad = collect([{ file: 'x.xlsx', sheets: [edited(enrolledStudents(), { G3: '其他' })] }]);
    expect(bad.errors.map((e) => [e.issue.rule, e.issue.cell])).toEqual([['correction.change-type', 'G3']]);
    expect(countCorrections(bad.corrections, DEFAULT_PROFILE).byType).toEqual({ 信息变更: 0, 录入错误: 1, 未注明: 1 });
  });
});

describe('the 学信网退学书面报告 counts', () => {
  it('one batch per roster, in the order given; students per batch and in all', () => {
    const inputs = collect([
      { file: '第一批.xlsx', sheets: [roster('退学', BATCH1)] },
      { file: '第二批.xlsx', sheets: [roster('退学', BATCH2)] },
    ]);
    const w = countWithdrawals(inputs.rosters);
    expect(w.total).toBe(5);
    expect(w.batches.map((b) => [b.batch, b.file, b.branchNames, b.students.length])).toEqual([
      [1, '第一批.xlsx', ['河北分部'], 3],
      [2, '第二批.xlsx', ['河北分部'], 2],
    ]);
    expect(w.batches[1]!.students).toEqual(BATCH2.map((s) => ({ studentId: s.sid, name: s.name })));
  });

  it('two rosters in one workbook are two batches; a roster and a correction sheet in one file both count', () => {
    const inputs = collect([{ file: '本学期.xlsx', sheets: [roster('第一批', BATCH1), newStudents(), roster('第二批', BATCH2)] }]);
    expect(countWithdrawals(inputs.rosters).batches.map((b) => [b.batch, b.sheet, b.students.length])).toEqual([
      [1, '第一批', 3],
      [2, '第二批', 2],
    ]);
    expect(inputs.corrections.map((c) => c.sheet)).toEqual(['新生']);
  });
});
