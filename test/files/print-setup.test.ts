/**
 * Print-ready exports (DOMAIN.md §3 "The paper side"): every exported 统计表 / 名单 / 免考信息表 — the built-in layout and a
 * filled school template — prints on A4 in the orientation its columns need (correction sheets landscape), one page
 * wide, the header row(s) repeated on every page and frozen on screen, the table thinly bordered, with margins and the
 * footer "第 N 页 共 M 页". Each file is written, then its page setup is read back with ExcelJS.
 */
import * as ExcelJS from 'exceljs';
import { DEFAULT_PROFILE, mergeProfile } from '../../src/core/profile/default-profile';
import type { Profile } from '../../src/core/profile/schema';
import { prepareExports } from '../../src/core/export/records';
import { buildExportWorkbook } from '../../src/core/export/build';
import { matchTemplateSheet, planFill } from '../../src/core/export/template-fill';
import type { SheetInput, SubmissionTemplateId as TemplateId } from '../../src/core/types';
import { workbookFromExport } from '../../src/files/export-xlsx';
import { fillTemplate } from '../../src/files/fill-template';
import { loadWorkbook } from '../../src/files/node-io';
import { PAPER_A4 } from '../../src/files/print-setup';
import { CO_HEADER, CO_TITLE, EX_HEADER, GR_HEADER, WD_HEADER, coRecord, exRecord, grRecord, rowsFor, wdRecord } from '../helpers/rules';
import { REPORT_DATE, sheetOf } from '../helpers/sheet';
import { makeTempDir } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** Enough records for several printed pages. */
const N = 80;
const FOOTER = '&C第 &P 页 共 &N 页';
/** The default margins (2 / 2 / 1.5 / 1.5 / 0.8 / 0.8 cm) in inches, as the file stores them. */
const MARGINS = { top: 0.787, bottom: 0.787, left: 0.591, right: 0.591, header: 0.315, footer: 0.315 };

function inputFor(template: TemplateId): SheetInput {
  const many = <T>(f: (i: number) => T) => Array.from({ length: N }, (_, i) => f(i));
  switch (template) {
    case 'exemption':
      return sheetOf('免考', [EX_HEADER, ...rowsFor(EX_HEADER, many((i) => exRecord(i))), ['/记录行结束/']]);
    case 'withdrawal':
      return sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, many((i) => wdRecord(i)))]);
    case 'correction-new':
    case 'correction-enrolled':
      return sheetOf('修改', [[CO_TITLE[template === 'correction-new' ? 'new' : 'enrolled']], CO_HEADER, ...rowsFor(CO_HEADER, many((i) => coRecord(i)))]);
    case 'correction-graduate':
      return sheetOf('修改', [[CO_TITLE.graduate], GR_HEADER, ...rowsFor(GR_HEADER, many((i) => grRecord(i)))]);
  }
}

async function writeAndRead(wb: ExcelJS.Workbook, name: string): Promise<ExcelJS.Workbook> {
  const file = tmp.file(name);
  await wb.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

async function builtIn(template: TemplateId, profile: Profile = DEFAULT_PROFILE): Promise<ExcelJS.Workbook> {
  const sx = prepareExports([inputFor(template)], profile, { reportDate: REPORT_DATE, template }).exports[0]!;
  expect(sx.errors).toEqual([]);
  expect(sx.records).toHaveLength(N);
  return writeAndRead(workbookFromExport(buildExportWorkbook(sx, profile, { reportDate: REPORT_DATE })), `${template}-${Math.random()}.xlsx`);
}

function frozen(ws: ExcelJS.Worksheet): unknown {
  const v = ws.views[0] as Partial<ExcelJS.WorksheetViewFrozen>;
  return { state: v.state, ySplit: v.ySplit, xSplit: v.xSplit ?? 0, topLeftCell: v.topLeftCell };
}

function bordered(cell: ExcelJS.Cell): string[] {
  return (['top', 'left', 'bottom', 'right'] as const).map((s) => cell.border?.[s]?.style ?? 'none');
}

describe.each([
  // template, orientation, header row, why
  ['exemption', 'landscape', 1, '5 columns, 114 characters wide (≈21 cm): more than a portrait page holds'],
  ['withdrawal', 'portrait', 1, '4 narrow columns (≈9 cm)'],
  ['correction-new', 'landscape', 2, 'correction sheets print landscape (DOMAIN.md §3)'],
  ['correction-enrolled', 'landscape', 2, 'correction sheets print landscape'],
  ['correction-graduate', 'landscape', 2, 'correction sheets print landscape'],
] as const)('%s, built-in layout', (template, orientation, headerRow, _why) => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ws = (await builtIn(template)).worksheets[0]!;
  });

  it(`prints on A4, ${orientation}, one page wide and as many pages tall as needed`, () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: PAPER_A4, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true });
  });

  it(`repeats the header row ${headerRow} on every page and freezes it on screen`, () => {
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
    expect(frozen(ws)).toEqual({ state: 'frozen', ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}` });
  });

  it('has the margins and the footer 第 N 页 共 M 页', () => {
    expect(ws.pageSetup.margins).toEqual(MARGINS);
    expect(ws.headerFooter.oddFooter).toBe(FOOTER);
  });

  it('draws thin borders around every header and record cell, none on the closing row', () => {
    const width = ws.getRow(headerRow).cellCount;
    for (const r of [headerRow, headerRow + 1, headerRow + N]) {
      for (let c = 1; c <= width; c++) expect({ r, c, border: bordered(ws.getCell(r, c)) }).toEqual({ r, c, border: ['thin', 'thin', 'thin', 'thin'] });
    }
    expect(bordered(ws.getCell(headerRow + N + 1, 1))).toEqual(['none', 'none', 'none', 'none']);
  });
});

it('the 免考信息表 legend sheet prints alike, its own header (row 2) repeated', async () => {
  const wb = await builtIn('exemption');
  const legend = wb.getWorksheet('备注')!;
  expect(legend.pageSetup).toMatchObject({ paperSize: PAPER_A4, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
  expect(legend.headerFooter.oddFooter).toBe(FOOTER);
  expect(frozen(legend)).toEqual({ state: 'frozen', ySplit: 2, xSplit: 0, topLeftCell: 'A3' });
});

describe('the print layout is the profile’s, per template', () => {
  it('orientation, margins and footer text can be changed; & in the footer is kept literal', async () => {
    const profile = mergeProfile({
      correction: {
        layouts: {
          enrolled: { print: { orientation: 'portrait', margins: { top: 2.54, bottom: 2.54, left: 1, right: 1, header: 1, footer: 1 }, footer: '{页码}/{总页数} 页 & 附件' } },
        },
      },
    });
    const ws = (await builtIn('correction-enrolled', profile)).worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.margins).toEqual({ top: 1, bottom: 1, left: 0.394, right: 0.394, header: 0.394, footer: 0.394 });
    expect(ws.headerFooter.oddFooter).toBe('&C&P/&N 页 && 附件');
    // The other variants keep the default.
    expect((await builtIn('correction-new', profile)).worksheets[0]!.pageSetup.orientation).toBe('landscape');
  });

  it('auto: a 免考信息表 without the wide 免考原因 column prints portrait', async () => {
    const layout = DEFAULT_PROFILE.exemption.layout;
    const profile = mergeProfile({ exemption: { layout: { columns: layout.columns.map((c) => (c.field === 'reason' ? { ...c, width: 20 } : c)) } } });
    expect((await builtIn('exemption', profile)).worksheets[0]!.pageSetup.orientation).toBe('portrait');
  });

  it('an empty footer writes none', async () => {
    const profile = mergeProfile({ withdrawal: { layout: { print: { footer: '' } } } });
    const ws = (await builtIn('withdrawal', profile)).worksheets[0]!;
    expect(ws.headerFooter?.oddFooter ?? null).toBeNull();
  });

  it.each([
    [{ orientation: 'sideways' }, 'withdrawal.layout.print.orientation'],
    [{ margins: { top: 1, bottom: 2, left: 1, right: 1, header: 1.2, footer: 0.5 } }, 'withdrawal.layout.print.margins.header'],
    [{ margins: { top: 2, bottom: 1, left: 1, right: 1, header: 0.5, footer: 1 } }, 'withdrawal.layout.print.margins.footer'],
    [{ footer: '第 {页} 页' }, 'withdrawal.layout.print.footer'],
  ])('a bad print layout is refused, naming the field (%j)', (print, path) => {
    expect(() => mergeProfile({ withdrawal: { layout: { print } } })).toThrow(`字段 ${path}：`);
  });
});

// ---------------------------------------------------------------- filling a school's template

const THICK: Partial<ExcelJS.Border> = { style: 'medium' };

/**
 * A school's withdrawal template: two title rows, the header on row 3 (a medium line under it), a few bordered rows,
 * an unbordered column E note, the 经办人 row, a print area of its own that ends at row 8, columns 2 wide each:
 * narrow enough for portrait, unless `wide`.
 */
async function schoolWithdrawal(o: { wide?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.getCell('A1').value = '河北分部学信网退学汇总名单';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = '填报单位：';
  WD_HEADER.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' }, bottom: THICK };
  });
  for (let r = 4; r <= 6; r++) for (let c = 1; c <= 4; c++) ws.getCell(r, c).border = { left: { style: 'thin' }, right: { style: 'thin' } };
  ws.getCell('A7').value = '经办人：';
  [8, 16, 16, 12].forEach((w, i) => (ws.getColumn(i + 1).width = o.wide ? w * 3 : w));
  ws.pageSetup.printArea = 'A1:D8';
  ws.pageSetup.orientation = 'landscape';
  ws.headerFooter.oddFooter = '&L旧页脚';
  const file = tmp.file(`school-withdrawal-${o.wide ? 'wide' : 'narrow'}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function filled(templateFile: string, input: SheetInput, template: TemplateId): Promise<ExcelJS.Worksheet> {
  const loaded = await loadWorkbook(templateFile);
  const sx = prepareExports([input], DEFAULT_PROFILE, { reportDate: REPORT_DATE, template }).exports[0]!;
  const match = matchTemplateSheet(loaded.sheets, template)!;
  const plan = planFill(loaded.sheets.find((s) => s.name === match.sheet)!, match, sx, DEFAULT_PROFILE);
  expect(plan.problems).toEqual([]);
  fillTemplate(loaded.workbook, plan);
  return (await writeAndRead(loaded.workbook, `filled-${Math.random()}.xlsx`)).getWorksheet(match.sheet)!;
}

describe('a filled school template prints as the profile says', () => {
  const roster = sheetOf('退学', [WD_HEADER, ...rowsFor(WD_HEADER, Array.from({ length: 30 }, (_, i) => wdRecord(i)))]);
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ws = await filled(await schoolWithdrawal(), roster, 'withdrawal');
  });

  it('A4, one page wide; orientation from the template’s own column widths; the profile’s footer replaces its own', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: PAPER_A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.margins).toEqual(MARGINS);
    expect(ws.headerFooter.oddFooter).toBe(FOOTER);
  });

  it('the template’s header row (row 3, under two title rows) is repeated and frozen', () => {
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(frozen(ws)).toEqual({ state: 'frozen', ySplit: 3, xSplit: 0, topLeftCell: 'A4' });
  });

  it('its print area grows to the last written row', () => {
    // 30 records on rows 4..33, the 经办人 row 34.
    expect(ws.getCell('A34').value).toBe('经办人：');
    expect(ws.pageSetup.printArea).toBe('A1:D34');
  });

  it('the table gets thin borders where the template draws none; the template’s own lines stay', () => {
    expect(bordered(ws.getCell('B3'))).toEqual(['thin', 'thin', 'medium', 'thin']);
    for (const a of ['A4', 'D5', 'C20', 'D33']) expect({ a, border: bordered(ws.getCell(a)) }).toEqual({ a, border: ['thin', 'thin', 'thin', 'thin'] });
    // Outside the table: the title, the signature row, the column right of it.
    for (const a of ['A1', 'A34', 'E10']) expect({ a, border: bordered(ws.getCell(a)) }).toEqual({ a, border: ['none', 'none', 'none', 'none'] });
  });

  it('auto turns landscape when the template’s columns are too wide for a portrait page', async () => {
    const wide = await filled(await schoolWithdrawal({ wide: true }), roster, 'withdrawal');
    expect(wide.pageSetup.orientation).toBe('landscape');
  });

  it('a two-row header (修改前 / 修改后 over the items) is repeated and frozen as two rows', async () => {
    const wb = new ExcelJS.Workbook();
    const t = wb.addWorksheet('在籍生');
    t.getCell('A1').value = CO_TITLE.enrolled;
    t.mergeCells('A1:I1');
    t.getRow(2).values = ['序号', '学号', '姓名', '修改前', null, '修改后', null, '修改类型', '备注'];
    t.getRow(3).values = [null, null, null, '姓名', '民族', '姓名', '民族'];
    for (const m of ['A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:G2', 'H2:H3', 'I2:I3']) t.mergeCells(m);
    t.getCell('A6').value = '主管领导（签字）：';
    const file = tmp.file('school-wide.xlsx');
    await wb.xlsx.writeFile(file);
    const input = sheetOf('在籍生', [[CO_TITLE.enrolled], CO_HEADER, ...rowsFor(CO_HEADER, Array.from({ length: 12 }, (_, i) => coRecord(i)))]);
    const ws2 = await filled(file, input, 'correction-enrolled');
    expect(ws2.pageSetup.printTitlesRow).toBe('2:3');
    expect(ws2.pageSetup.orientation).toBe('landscape');
    expect(frozen(ws2)).toEqual({ state: 'frozen', ySplit: 3, xSplit: 0, topLeftCell: 'A4' });
    expect(bordered(ws2.getCell('I15'))).toEqual(['thin', 'thin', 'thin', 'thin']);
  });
});
