/**
 * The built-in layout of each template (DOMAIN.md §2, profile `*.layout`), pinned cell by cell: sheet name, title rows,
 * header row, each record's values and number formats, the terminator / signature row, order, widths, merges and
 * file name. Inputs are messy generated sheets (fake students): the export must show the fixed, canonical values.
 */
import { DEFAULT_PROFILE, mergeProfile } from '../../../src/core/profile/default-profile';
import { prepareExports } from '../../../src/core/export/records';
import { buildExportWorkbook, exportSheetToInput } from '../../../src/core/export/build';
import { analyseWorkbook } from '../../../src/core/engine/report';
import type { ExportCell, ExportRow, SheetExport } from '../../../src/core/export/types';
import type { Profile } from '../../../src/core/profile/schema';
import type { SheetInput } from '../../../src/core/types';
import { REASON, makeName, makeRegNo, makeSid, sheetOf, TERMINATOR, WD_SIGNATURE, CORR_SIGNATURE } from '../../helpers/rules';
import { makeId, REPORT_DATE } from '../../helpers/sheet';

const T = (value: string | null): ExportCell => ({ value, numberFormat: '@' });
const G = (value: number | string | null): ExportCell => ({ value, numberFormat: 'General' });
const FULLWIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const ctx = { reportDate: REPORT_DATE };

function exportOf(sheet: SheetInput, profile: Profile = DEFAULT_PROFILE): SheetExport {
  const prep = prepareExports([sheet], profile, { reportDate: REPORT_DATE });
  expect(prep.skipped).toEqual([]);
  expect(prep.exports).toHaveLength(1);
  return prep.exports[0]!;
}

function record(cells: ExportCell[]): ExportRow {
  return { role: 'record', cells };
}

/** What `xueji check` would say of the described workbook: no error, at most warnings. */
function errorsOf(sheets: SheetInput[]): string[] {
  return analyseWorkbook(sheets, DEFAULT_PROFILE, { reportDate: REPORT_DATE }).flatMap((a) =>
    a.report.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule}@${i.cell}`),
  );
}

describe('withdrawal (学信网退学汇总名单): sheet 退学, 序号 | 分部名称 | 学号全码 | 学生姓名, 经办人 row', () => {
  const sids = [makeSid(30), makeSid(10), makeSid(20)];
  // Out of order, 序号 wrong, a 学号 stored as a number, full-width digits, a space in a name, an extra column,
  // a blank row inside and no 经办人 row.
  const input = sheetOf('Sheet1', [
    ['序号', '分部名称', '学号全码', '学生姓名', '联系电话'],
    [1, '河北分部', sids[0], makeName(0), '13800000000'],
    [5, '河北分部 ', Number(sids[1]), `${makeName(1).slice(0, 1)} ${makeName(1).slice(1)}`, null],
    [],
    [3, '河北分部', FULLWIDTH(sids[2]!), makeName(2), null],
  ]);
  const sx = exportOf(input);
  const wb = buildExportWorkbook(sx, DEFAULT_PROFILE, ctx);

  it('has every fixable problem resolved and no error left', () => {
    expect(sx.errors).toEqual([]);
    expect(sx.fixed).toBeGreaterThanOrEqual(5);
  });

  it('is laid out cell by cell as DOMAIN.md §2 T2 says', () => {
    expect(wb.fileName).toBe('河北分部学信网退学汇总名单.xlsx');
    expect(wb.firstRecordRow).toBe(2);
    expect(wb.sheets).toHaveLength(1);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('退学');
    expect(s.widths).toEqual([6, 16, 16, 12]);
    expect(s.merges).toEqual([]);
    expect(s.rows).toEqual([
      { role: 'header', cells: [T('序号'), T('分部名称'), T('学号全码'), T('学生姓名')] },
      record([G(1), T('河北分部'), T(sids[1]!), T(makeName(1))]),
      record([G(2), T('河北分部'), T(sids[2]!), T(makeName(2))]),
      record([G(3), T('河北分部'), T(sids[0]!), T(makeName(0))]),
      { role: 'signature', cells: [T(WD_SIGNATURE), G(null), G(null), G(null)] },
    ]);
  });

  it('reads back with no error', () => {
    expect(errorsOf(wb.sheets.map(exportSheetToInput))).toEqual([]);
  });
});

describe('exemption (免考信息表): header in row 1, /记录行结束/ right after the last record, reasons on sheet 备注', () => {
  const id = makeId('19900101');
  const input = sheetOf('免考', [
    ['河北电大免考信息表'],
    ['学习中心代码', '学号', '姓名', '身份证号', '免考科目名称', '免考科目代码', '免考原因'],
    [1300801, makeSid(5), makeName(0), id, '大学英语B', '71', '3'],
    ['1300802', makeSid(2), makeName(1), id, '计算机应用基础', '69', '计算机等级考试'],
    ['01300803', makeSid(9), makeName(2), id, '大学英语B', null, REASON[1]],
    [TERMINATOR],
  ], ['A1:G1']);
  const sx = exportOf(input);
  const wb = buildExportWorkbook(sx, DEFAULT_PROFILE, ctx);

  it('writes the 8-digit centre code, the subject code from the name and the reason in full (sheet order kept)', () => {
    expect(sx.errors).toEqual([]);
    expect(wb.fileName).toBe('河北电大免考信息表.xlsx');
    expect(wb.firstRecordRow).toBe(2);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('免考信息表');
    expect(s.widths).toEqual([14, 16, 12, 14, 58]);
    expect(s.merges).toEqual([]);
    expect(s.rows).toEqual([
      { role: 'header', cells: [T('学习中心代码'), T('学号'), T('姓名'), T('免考科目代码'), T('免考原因')] },
      record([T('01300801'), T(makeSid(5)), T(makeName(0)), T('71'), T(REASON[3] as string)]),
      record([T('01300802'), T(makeSid(2)), T(makeName(1)), T('69'), T(REASON[2] as string)]),
      record([T('01300803'), T(makeSid(9)), T(makeName(2)), T('71'), T(REASON[1] as string)]),
      { role: 'terminator', cells: [T(TERMINATOR), G(null), G(null), G(null), G(null)] },
    ]);
  });

  it('puts the reasons legend on a second sheet named 备注', () => {
    const legend = wb.sheets[1]!;
    expect(legend.name).toBe('备注');
    expect(legend.merges).toEqual(['A1:C1']);
    expect(legend.widths).toEqual([6, 58, 36]);
    expect(legend.rows[0]).toEqual({ role: 'legend-title', cells: [T('备注：“免考原因”一栏参照下表填写原因全文'), G(null), G(null)] });
    expect(legend.rows[1]).toEqual({ role: 'legend-header', cells: [T('序号'), T('免考原因'), T('可免考科目（代码）')] });
    expect(legend.rows.slice(2)).toEqual(
      DEFAULT_PROFILE.exemption.reasons.map((r) => ({
        role: 'legend',
        cells: [G(r.id), T(r.text), T(r.subjects.map((c) => (c === '71' ? '大学英语B（71）' : '计算机应用基础（69）')).join('、'))],
      })),
    );
    expect(legend.rows[2]!.cells[2]).toEqual(T('大学英语B（71）、计算机应用基础（69）'));
  });

  it('reads back with no error (the 备注 sheet gives a warning at most)', () => {
    const sheets = wb.sheets.map(exportSheetToInput);
    expect(errorsOf(sheets)).toEqual([]);
  });

  it('writes the reason number instead when the profile says writeReason: number, and sorts when sortBy is studentId', () => {
    const profile = mergeProfile({ exemption: { writeReason: 'number', sortBy: 'studentId' } });
    const w = buildExportWorkbook(exportOf(input, profile), profile, ctx);
    expect(w.sheets[0]!.rows.slice(1, 4).map((r) => [r.cells[1]!.value, r.cells[4]!.value])).toEqual([
      [makeSid(2), '2'],
      [makeSid(5), '3'],
      [makeSid(9), '1'],
    ]);
    expect(w.sheets[1]!.rows[0]!.cells[0]!.value).toBe('备注：“免考原因”一栏参照下表填写原因序号');
  });

  it('pads on the right when the profile says so, and leaves the legend out when legendSheet is null', () => {
    const profile = mergeProfile({ centreCode: { pad: 'right' }, exemption: { layout: { legendSheet: null } } });
    const w = buildExportWorkbook(exportOf(input, profile), profile, ctx);
    expect(w.sheets.map((s) => s.name)).toEqual(['免考信息表']);
    expect(w.sheets[0]!.rows[1]!.cells[0]).toEqual(T('13008010'));
  });
});

const CORR_HEADER = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
const corrHeaderRow = (key: string): ExportRow => ({
  role: 'header',
  cells: ['序号', key, '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'].map(T),
});
const corrSignature: ExportRow = { role: 'signature', cells: [T(CORR_SIGNATURE), ...Array.from({ length: 7 }, () => G(null))] };

describe('correction sheets (学生基本信息修改情况统计表): title row, 8 columns, signature row, one file per variant', () => {
  it('新生: title merged across the table, sorted by 学号, canonical 修改项目 and 修改类型', () => {
    const sids = [makeSid(50020, { year: 2026 }), makeSid(50010, { year: 2026 })];
    const input = sheetOf('Sheet1', [
      ['国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表'],
      CORR_HEADER,
      [1, sids[0], makeName(0), '民族', '满族', '汉', '录错', null],
      [2, sids[1], makeName(1), '身份证号码', makeId('19900101'), makeId('19900102'), '录入错误', '已核对'],
      [CORR_SIGNATURE],
    ], ['A1:H1']);
    const sx = exportOf(input);
    expect(sx.template).toBe('correction-new');
    expect(sx.errors).toEqual([]);
    const wb = buildExportWorkbook(sx, DEFAULT_PROFILE, ctx);
    const title = '国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表';
    expect(wb.fileName).toBe(`${title}.xlsx`);
    expect(wb.firstRecordRow).toBe(3);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('新生信息修改');
    expect(s.merges).toEqual(['A1:H1']);
    expect(s.widths).toEqual([6, 16, 12, 14, 24, 24, 12, 20]);
    expect(s.rows).toEqual([
      { role: 'title', cells: [T(title), ...Array.from({ length: 7 }, () => G(null))] },
      corrHeaderRow('学号'),
      record([G(1), T(sids[1]!), T(makeName(1)), T('身份证号'), T(makeId('19900101')), T(makeId('19900102')), T('录入错误'), T('已核对')]),
      record([G(2), T(sids[0]!), T(makeName(0)), T('民族'), T('满族'), T('汉族'), T('录入错误'), T(null)]),
      corrSignature,
    ]);
    expect(errorsOf([exportSheetToInput(s)])).toEqual([]);
  });

  it('在籍生 from the wide layout (原姓名 | 新姓名 | 原民族 | 新民族): one row per change, dates as YYYY-MM-DD', () => {
    const sid = makeSid(7);
    const other = makeSid(3);
    const input = sheetOf('在籍生', [
      ['序号', '学号', '姓名', '原民族', '新民族', '原出生日期', '新出生日期', '修改类型'],
      [1, sid, makeName(0), '满族', '汉族', null, null, '信息变更'],
      [2, other, makeName(1), null, null, { kind: 'number', value: 32874, numberFormat: 'yyyy-mm-dd' }, '1990-01-02', '录入错误'],
    ]);
    const sx = exportOf(input);
    expect(sx.template).toBe('correction-enrolled');
    expect(sx.errors).toEqual([]);
    const wb = buildExportWorkbook(sx, DEFAULT_PROFILE, ctx);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('在籍生信息修改');
    expect(s.rows[0]!.cells[0]!.value).toBe('国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表');
    expect(s.rows.slice(2)).toEqual([
      record([G(1), T(other), T(makeName(1)), T('出生日期'), T('1990-01-01'), T('1990-01-02'), T('录入错误'), T(null)]),
      record([G(2), T(sid), T(makeName(0)), T('民族'), T('满族'), T('汉族'), T('信息变更'), T(null)]),
      corrSignature,
    ]);
    expect(wb.fileName).toBe('国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表.xlsx');
  });

  it('毕业生: keyed and sorted by 注册证号 (51161…), with its own title and file', () => {
    const regs = [makeRegNo(300), makeRegNo(100)];
    const input = sheetOf('毕业生', [
      ['国家开放大学(原中央广播电视大学)毕业生基本信息修改情况统计表'],
      ['序号', '注册证号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'],
      [1, regs[0], makeName(0), '性别', '女', 'M', '录入错误', null],
      [2, regs[1], makeName(1), '姓名', `${makeName(1)}子`, makeName(1), '录入错误', null],
    ], ['A1:H1']);
    const sx = exportOf(input);
    expect(sx.template).toBe('correction-graduate');
    expect(sx.errors).toEqual([]);
    const wb = buildExportWorkbook(sx, DEFAULT_PROFILE, ctx);
    const title = '国家开放大学(原中央广播电视大学)毕业生基本信息修改情况统计表';
    expect(wb.fileName).toBe(`${title}.xlsx`);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('毕业生信息修改');
    expect(s.widths).toEqual([6, 22, 12, 14, 24, 24, 12, 20]);
    expect(s.rows).toEqual([
      { role: 'title', cells: [T(title), ...Array.from({ length: 7 }, () => G(null))] },
      corrHeaderRow('注册证号'),
      record([G(1), T(regs[1]!), T(makeName(1)), T('姓名'), T(`${makeName(1)}子`), T(makeName(1)), T('录入错误'), T(null)]),
      record([G(2), T(regs[0]!), T(makeName(0)), T('性别'), T('女'), T('男'), T('录入错误'), T(null)]),
      corrSignature,
    ]);
    expect(errorsOf([exportSheetToInput(s)])).toEqual([]);
  });
});

describe('a profile of the school changes the layout', () => {
  it('column order, header texts, widths, title rows with placeholders and file name', () => {
    const profile = mergeProfile({
      withdrawal: {
        sheetName: '退学名单',
        layout: {
          fileName: '{分部名称}-{报送日期}-退学.xlsx',
          titleRows: ['{分部名称}学信网退学汇总表（{报送日期}）'],
          columns: [
            { field: 'seq', header: '序号', text: false, width: 5 },
            { field: 'studentId', header: '学号', text: true, width: 18 },
            { field: 'name', header: '姓名', text: true, width: 10 },
            { field: 'branchName', header: '分部', text: true, width: 12 },
          ],
        },
      },
    });
    const sid = makeSid(1);
    const sx = exportOf(sheetOf('退学名单', [['序号', '分部名称', '学号全码', '学生姓名'], [1, '陕西分部', sid, makeName(0)], [WD_SIGNATURE]]), profile);
    const wb = buildExportWorkbook(sx, profile, ctx);
    expect(wb.fileName).toBe('陕西分部-2026-11-22-退学.xlsx');
    expect(wb.firstRecordRow).toBe(3);
    expect(wb.sheets[0]).toEqual({
      name: '退学名单',
      widths: [5, 18, 10, 12],
      merges: ['A1:D1'],
      rows: [
        { role: 'title', cells: [T('陕西分部学信网退学汇总表（2026-11-22）'), G(null), G(null), G(null)] },
        { role: 'header', cells: [T('序号'), T('学号'), T('姓名'), T('分部')] },
        record([G(1), T(sid), T(makeName(0)), T('陕西分部')]),
        { role: 'signature', cells: [T(WD_SIGNATURE), G(null), G(null), G(null)] },
      ],
      // The title row prints on page 1 only; the header (row 2) is repeated and frozen; the table is rows 2..3.
      print: {
        orientation: 'auto',
        margins: { top: 2, bottom: 2, left: 1.5, right: 1.5, header: 0.8, footer: 0.8 },
        footer: '&C第 &P 页 共 &N 页',
        repeatRows: { first: 2, last: 2 },
        freezeRows: 2,
        table: { top: 2, bottom: 3, left: 0, right: 3 },
      },
    });
  });

  it('a roster without any 分部名称 column of its own falls back to a name without it', () => {
    const profile = mergeProfile({});
    const sx = exportOf(sheetOf('退学', [['序号', '学号', '姓名'], [1, makeSid(1), makeName(0)], [WD_SIGNATURE]]), profile);
    expect(sx.branchNames).toEqual([]);
    expect(buildExportWorkbook(sx, profile, ctx).fileName).toBe('学信网退学汇总名单.xlsx');
  });
});
