/**
 * 汇总 in the pure core (DOMAIN.md §3): the inputs become one submission — every record once, sorted by the template's
 * key, 序号 1..n, one end row — and every issue names the file, sheet and row it comes from; a record two inputs both
 * have is `row.duplicate` naming both; inputs of different templates, or with none, are refused, saying which is which.
 */
import type { SheetInput, TemplateId } from '../../../src/core/types';
import { mergeSources, mergeStory, prepareSource, type MergedSubmission, type MergeIssue, type MergeOptions, type MergeOutcome } from '../../../src/core/merge';
import { mergeProfile } from '../../../src/core/profile/default-profile';
import type { Profile } from '../../../src/core/profile/schema';
import {
  CO_TITLE,
  CORR_SIGNATURE,
  PROFILE,
  REASON,
  REPORT_DATE,
  TERMINATOR,
  WD_SIGNATURE,
  coRecord,
  coSheet,
  exRecord,
  exSheet,
  makeName,
  makeSid,
  sheetOf,
  wdRecord,
  wdSheet,
  type Rec,
} from '../../helpers/rules';
import { makeId } from '../../helpers/sheet';

const OPTIONS: MergeOptions = { reportDate: REPORT_DATE };

function merge(inputs: { file: string; sheets: SheetInput[] }[], o: { template?: TemplateId; profile?: Profile } = {}): MergeOutcome {
  const profile = o.profile ?? PROFILE;
  const options = { ...OPTIONS, template: o.template };
  return mergeSources(
    inputs.map((src) => prepareSource(src, profile, options)),
    profile,
    options,
  );
}

function merged(inputs: { file: string; sheets: SheetInput[] }[], o: { template?: TemplateId; profile?: Profile } = {}): MergedSubmission {
  const m = merge(inputs, o);
  if (m.kind !== 'merged') throw new Error(`refused: ${m.refusal.message}`);
  return m;
}

/** The written cells of the submission's first sheet, row by row (values only). */
function values(m: MergedSubmission): unknown[][] {
  return m.book.sheets[0]!.rows.map((r) => r.cells.map((c) => c.value));
}

function issues(m: MergedSubmission): MergeIssue[] {
  return m.report.sheets[0]!.issues;
}

/** A roster of these students (学号 serial, name index), 序号 1..n, signature row. */
function roster(students: [number, number][], o: { name?: string; over?: Rec[] } = {}): SheetInput {
  return wdSheet(
    students.map(([serial, n], i) => ({ ...wdRecord(0, { 学号全码: makeSid(serial), 学生姓名: makeName(n) }), 序号: i + 1, ...(o.over?.[i] ?? {}) })),
    { name: o.name },
  );
}

describe('rosters of three centres', () => {
  const m = merged([
    { file: '中心A.xlsx', sheets: [roster([[5, 5], [1, 1], [9, 9]], { over: [{}, { 学生姓名: `${makeName(1).slice(0, 1)} ${makeName(1).slice(1)}` }] })] },
    { file: '中心B.xlsx', sheets: [roster([[3, 3], [7, 7]], { name: 'Sheet1' })] },
    { file: '中心C.xlsx', sheets: [roster([[2, 2], [8, 8]])] },
  ]);

  it('become one roster: every record once, by 学号, 序号 1..n, fixes made, one 经办人 row and nothing after it', () => {
    expect(m.template).toBe('withdrawal');
    expect(values(m)).toEqual([
      ['序号', '分部名称', '学号全码', '学生姓名'],
      ...[1, 2, 3, 5, 7, 8, 9].map((serial, i) => [i + 1, '河北分部', makeSid(serial), makeName(serial)]),
      [WD_SIGNATURE, null, null, null],
    ]);
    expect(m.book.sheets[0]!.name).toBe('退学');
    expect(m.book.fileName).toBe('河北分部学信网退学汇总名单.xlsx');
  });

  it('know where each record comes from', () => {
    expect(m.origins.map((o) => `${o.file}:${o.sourceRow}`)).toEqual([
      '中心A.xlsx:3', // 1
      '中心C.xlsx:2', // 2
      '中心B.xlsx:2', // 3
      '中心A.xlsx:2', // 5
      '中心B.xlsx:3', // 7
      '中心C.xlsx:3', // 8
      '中心A.xlsx:4', // 9
    ]);
  });

  it('report the inputs, nothing left to fix, and what the file holds', () => {
    expect(m.report.sources).toEqual([
      { file: '中心A.xlsx', sheet: '退学', template: 'withdrawal', headerRow: 1, records: 3, fixed: 2 },
      { file: '中心B.xlsx', sheet: 'Sheet1', template: 'withdrawal', headerRow: 1, records: 2, fixed: 1 },
      { file: '中心C.xlsx', sheet: '退学', template: 'withdrawal', headerRow: 1, records: 2, fixed: 0 },
    ]);
    expect(m.report.sheets).toEqual([{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 7, issues: [] }]);
    expect(m.report.summary).toEqual({ errors: 0, warnings: 0, fixable: 0 });
    expect(m.report.file).toBe('河北分部学信网退学汇总名单.xlsx');
    expect(mergeStory(m, PROFILE)).toBe(`7 行记录（按学号升序，序号 1–7，最后一行“${WD_SIGNATURE}”）`);
  });

  it('print as an export does: the header repeated, the table down to the last record', () => {
    expect(m.book.sheets[0]!.print.repeatRows).toEqual({ first: 1, last: 1 });
    expect(m.book.sheets[0]!.print.table).toEqual({ top: 1, bottom: 8, left: 0, right: 3 });
  });
});

describe('a key found in two files', () => {
  const m = merged([
    { file: 'A.xlsx', sheets: [roster([[1, 1], [4, 4], [4, 4]])] },
    { file: 'B.xlsx', sheets: [roster([[2, 2], [4, 40]])] },
    { file: 'C.xlsx', sheets: [roster([[4, 41], [6, 6]])] },
  ]);
  const dups = issues(m).filter((i) => i.rule === 'row.duplicate');

  it('is row.duplicate on the later record, naming both files and rows', () => {
    // A's own repeat (rows 3 and 4) is A's check's, said once; B row 3 and C row 2 repeat A row 3.
    expect(dups.map((i) => [i.file, i.sourceRow, i.sourceCell, i.cell, i.related?.map((r) => `${r.file}:${r.sourceRow}@${r.row}`)])).toEqual([
      ['A.xlsx', 4, 'C4', 'C5', undefined],
      ['B.xlsx', 3, 'C3', 'C6', ['A.xlsx:3@4']],
      ['C.xlsx', 2, 'C2', 'C7', ['A.xlsx:3@4']],
    ]);
    expect(dups[1]!.message).toBe(
      `同一学号重复出现（${makeSid(4)}）：A.xlsx 工作表「退学」第3行 和 B.xlsx 工作表「退学」第3行，汇总文件中只能保留一行，请从其中一个文件中删除`,
    );
    expect(dups[1]).toMatchObject({ row: 6, column: '学号全码', field: 'studentId', severity: 'error', sheet: '退学', fix: null });
    expect(dups[1]!.related).toEqual([{ file: 'A.xlsx', sheet: '退学', sourceRow: 3, sourceCell: 'C3', row: 4 }]);
  });

  it('keeps both records in the file (nothing dropped unasked), in the order of the inputs', () => {
    expect(m.origins.filter((_, i) => m.merged.records[i]!.key === makeSid(4)).map((o) => `${o.file}:${o.sourceRow}`)).toEqual([
      'A.xlsx:3',
      'A.xlsx:4',
      'B.xlsx:3',
      'C.xlsx:2',
    ]);
    expect(m.report.summary.errors).toBe(3);
    expect(m.report.sheets[0]!.records).toBe(7);
  });
});

describe('issues of the inputs', () => {
  const m = merged([
    { file: 'A.xlsx', sheets: [roster([[1, 1], [3, 3]])] },
    { file: 'B.xlsx', sheets: [roster([[2, 2]], { over: [{ 学号全码: '201300120002' }] }), wdSheet([], { name: '空表' })] },
  ]);

  it('are told from the input (file, sheet, cell) and from the merged file (row, cell)', () => {
    const [bad] = issues(m);
    expect(bad).toMatchObject({
      rule: 'student-id.format',
      file: 'B.xlsx',
      sheet: '退学',
      sourceRow: 2,
      sourceCell: 'C2',
      // Compared as text, the 12-digit 学号 sorts after the others: the merged file's row 4.
      row: 4,
      cell: 'C4',
      column: '学号全码',
      fix: null,
    });
    expect(issues(m)).toHaveLength(1);
  });

  it('an input sheet with a header and no records gives none', () => {
    expect(m.report.sources.map((s) => `${s.file}「${s.sheet}」${s.records}`)).toEqual(['A.xlsx「退学」2', 'B.xlsx「退学」1', 'B.xlsx「空表」0']);
  });
});

describe('免考信息表', () => {
  const ex = (i: number, over: Rec = {}) => exRecord(i, over);
  const m = merged([
    { file: '一中心.xlsx', sheets: [exSheet([ex(0), ex(1, { 免考科目代码: '69', 免考原因: REASON[2] })])] },
    {
      file: '二中心.xlsx',
      sheets: [
        exSheet([ex(1), ex(0, { 免考科目代码: null, 免考科目名称: '大学英语B' } as Rec)], {
          header: ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因', '免考科目名称'],
        }),
        sheetOf('说明', [['填表说明：免考原因参照表后备注填写']]),
      ],
    },
  ]);

  it('the same 学号 with another subject is no duplicate; the same subject is (the code filled from its name counts)', () => {
    const dups = issues(m).filter((i) => i.rule === 'row.duplicate');
    expect(dups).toHaveLength(1);
    expect(dups[0]).toMatchObject({ file: '二中心.xlsx', sourceRow: 4, sourceCell: 'B4', cell: 'B5' });
    expect(dups[0]!.message).toContain(`同一学号同一科目重复出现（${makeSid(1)}，71）：一中心.xlsx 工作表「Sheet1」第3行 和 二中心.xlsx 工作表「Sheet1」第4行`);
  });

  it('keeps the order of the inputs (the default profile does not sort it), ends with /记录行结束/, has its 备注 sheet', () => {
    const rows = values(m);
    expect(rows.slice(1, -1).map((r) => [r[1], r[3]])).toEqual([
      [makeSid(1), '71'],
      [makeSid(2), '69'],
      [makeSid(2), '71'],
      [makeSid(1), '71'],
    ]);
    expect(rows[rows.length - 1]![0]).toBe(TERMINATOR);
    expect(m.book.sheets.map((s) => s.name)).toEqual(['免考信息表', '备注']);
    expect(mergeStory(m, PROFILE)).toBe(`4 行记录（按所给文件的顺序，最后一行“${TERMINATOR}”）`);
  });

  it('lists the sheet that is no template as skipped', () => {
    expect(m.report.skipped).toEqual([{ file: '二中心.xlsx', sheet: '说明', reason: '未识别为任何模板' }]);
  });
});

describe('修改情况统计表', () => {
  const WIDE = ['序号', '学号', '姓名', '原姓名', '新姓名', '原身份证号', '新身份证号', '原民族', '新民族', '修改类型'];
  const sid = makeSid(20);
  const name = makeName(20);
  const long = coSheet(
    [
      coRecord(0, { 学号: sid, 姓名: name, 修改项目: '姓名', 原信息: `${name}玮`, 修改后信息: name }),
      coRecord(1, { 学号: makeSid(21), 姓名: makeName(21) }),
    ],
    { variant: 'enrolled', name: '在籍生' },
  );
  const wide = sheetOf('Sheet1', [
    [CO_TITLE.enrolled],
    WIDE,
    [1, sid, name, null, null, makeId('19900101'), makeId('19900102'), '汉族', '回族', '录入错误'],
    [2, makeSid(21), makeName(21), null, null, null, null, '汉族', '回族', '录入错误'],
    [CORR_SIGNATURE],
  ]);
  const m = merged([
    { file: '甲.xlsx', sheets: [long] },
    { file: '乙.xlsx', sheets: [wide] },
  ]);

  it('a wide row gives one record per change, merged in the long layout, sorted by 学号', () => {
    const rows = values(m);
    expect(rows[0]![0]).toBe(CO_TITLE.enrolled);
    expect(rows.slice(2, -1).map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, sid, '姓名'],
      [2, sid, '身份证号'],
      [3, sid, '民族'],
      [4, makeSid(21), '民族'],
      [5, makeSid(21), '民族'],
    ]);
    expect(rows[rows.length - 1]![0]).toBe(CORR_SIGNATURE);
  });

  it('the same student and item in two files is a duplicate (on the wide row); another item is not', () => {
    const dups = issues(m).filter((i) => i.rule === 'row.duplicate');
    expect(dups.map((i) => [i.file, i.sourceRow, i.sourceCell, i.row])).toEqual([['乙.xlsx', 4, 'B4', 7]]);
    expect(dups[0]!.message).toContain(`同一学生同一修改项目重复出现（${makeSid(21)}，民族）`);
  });

  it('姓名 in one file and 身份证号 in the other is 双改, on the input cell of the second change, naming the other file', () => {
    const dbl = issues(m).filter((i) => i.rule === 'correction.double-change');
    expect(dbl).toHaveLength(1);
    expect(dbl[0]).toMatchObject({ file: '乙.xlsx', sheet: 'Sheet1', sourceRow: 3, sourceCell: 'G3', row: 4, cell: 'D4', severity: 'error' });
    expect(dbl[0]!.related).toEqual([{ file: '甲.xlsx', sheet: '在籍生', sourceRow: 3, sourceCell: 'B3', row: 3 }]);
    expect(dbl[0]!.message).toMatch(/（该生在其他文件中的记录：甲\.xlsx 工作表「在籍生」第3行）$/);
  });
});

describe('refused', () => {
  it('inputs of different templates: each file named with its template', () => {
    const m = merge([
      { file: 'A.xlsx', sheets: [roster([[1, 1]])] },
      { file: 'B.xlsx', sheets: [exSheet([exRecord(0)])] },
      { file: 'C.xlsx', sheets: [roster([[2, 2]])] },
      { file: 'D.xlsx', sheets: [coSheet([coRecord(0)], { variant: 'new', name: '新生' }), roster([[3, 3]])] },
    ]);
    expect(m.kind).toBe('refused');
    if (m.kind !== 'refused') return;
    expect(m.refusal).toEqual({
      kind: 'mixed-templates',
      groups: [
        { template: 'withdrawal', sheets: [{ file: 'A.xlsx', sheet: '退学' }, { file: 'C.xlsx', sheet: '退学' }, { file: 'D.xlsx', sheet: '退学' }] },
        { template: 'exemption', sheets: [{ file: 'B.xlsx', sheet: 'Sheet1' }] },
        { template: 'correction-new', sheets: [{ file: 'D.xlsx', sheet: '新生' }] },
      ],
      message:
        '所给文件不是同一种表格，不能汇总成一份：A.xlsx、C.xlsx、D.xlsx「退学」 是学信网退学汇总名单（withdrawal）；B.xlsx 是免考信息表（exemption）；D.xlsx「新生」 是新生基本信息修改情况统计表（correction-new）。请把同一种表格的文件分别汇总',
    });
  });

  it('many files of one template are counted, not all named', () => {
    const m = merge([
      ...Array.from({ length: 5 }, (_, i) => ({ file: `${i + 1}.xlsx`, sheets: [roster([[i + 1, i]])] })),
      { file: '免考.xlsx', sheets: [exSheet([exRecord(0)])] },
    ]);
    expect(m.kind === 'refused' && m.refusal.message).toContain('1.xlsx、2.xlsx、3.xlsx 等 5 个 是学信网退学汇总名单（withdrawal）；免考.xlsx 是免考信息表（exemption）');
  });

  it('a file with no table of any template', () => {
    const m = merge([
      { file: 'A.xlsx', sheets: [roster([[1, 1]])] },
      { file: '通知.xlsx', sheets: [sheetOf('Sheet1', [['关于报送退学名单的通知']])] },
    ]);
    expect(m).toEqual({
      kind: 'refused',
      refusal: {
        kind: 'no-template',
        file: '通知.xlsx',
        message: '文件“通知.xlsx”中没有可识别的表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表），无法汇总',
      },
    });
  });

  it('more records than limits.fixMaxRows', () => {
    const profile = mergeProfile({ limits: { fixMaxRows: 3 } });
    const m = merge(
      [
        { file: 'A.xlsx', sheets: [roster([[1, 1], [2, 2]])] },
        { file: 'B.xlsx', sheets: [roster([[3, 3], [4, 4]])] },
      ],
      { profile },
    );
    expect(m.kind === 'refused' && m.refusal).toMatchObject({ kind: 'too-many-rows', records: 4, limit: 3 });
  });
});

describe('--template', () => {
  it('reads every input as the template given: an untitled correction sheet merges with 新生 tables as 新生', () => {
    const titled = coSheet([coRecord(0)], { variant: 'new', name: '新生' });
    const untitled = coSheet([coRecord(1)], { variant: null, name: 'Sheet1' });
    const auto = merge([
      { file: 'A.xlsx', sheets: [titled] },
      { file: 'B.xlsx', sheets: [untitled] },
    ]);
    expect(auto.kind === 'refused' && auto.refusal.kind).toBe('mixed-templates');
    const forced = merged(
      [
        { file: 'A.xlsx', sheets: [titled] },
        { file: 'B.xlsx', sheets: [untitled] },
      ],
      { template: 'correction-new' },
    );
    expect(forced.template).toBe('correction-new');
    expect(forced.merged.records.map((r) => r.key)).toEqual([makeSid(1), makeSid(2)]);
    expect(forced.book.fileName).toBe('国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表.xlsx');
  });
});
