/**
 * Filling a school's own blank template (`--template-file`): the records go under its header, its 备注 / signature
 * block moves below them (down when the records need more rows than it has, up for a signature row so that no blank
 * row is left between), and its title, styles, column widths, merges, bounded data validations and other sheets stay
 * as they were. What ExcelJS cannot carry over is refused before anything is read.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { prepareExports } from '../../src/core/export/records';
import { matchTemplateSheet, planFill, type FillPlan } from '../../src/core/export/template-fill';
import type { SheetExport } from '../../src/core/export/types';
import { checkWorkbook } from '../../src/core/engine/report';
import type { SheetInput } from '../../src/core/types';
import { fillTemplate } from '../../src/files/fill-template';
import { fidelityProblems as inspectTemplate } from '../../src/files/fidelity';
import { loadWorkbook, readSheetsStreaming } from '../../src/files/node-io';
import { REASON, TERMINATOR, makeName, makeSid, sheetOf } from '../helpers/rules';
import { REPORT_DATE } from '../helpers/sheet';
import { addRelatedPart, editZip, makeTempDir } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const GREEN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const WIDTHS = [7, 15, 21, 13];
const LIST = { type: 'list' as const, allowBlank: true, formulae: ['"河北分部,陕西分部"'], showErrorMessage: true };

/**
 * A styled blank withdrawal template: merged title rows, a filled header, `slots` pre-formatted rows (borders, a list
 * validation on 分部名称, a fill on the name column), then a signature row and a 备注 row (both merged), a second sheet.
 */
async function withdrawalTemplate(file: string, slots: number, o: { example?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.getCell('A1').value = '河北分部学信网退学汇总名单';
  ws.mergeCells('A1:D1');
  ws.getCell('A1').font = TITLE_FONT;
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(1).height = 30;
  ws.getCell('A2').value = '填报单位（盖章）：';
  ws.mergeCells('A2:D2');
  ['序号', '分部名称', '学号全码', '学生姓名'].forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.fill = HEADER_FILL;
    c.font = { bold: true, name: '宋体' };
    c.border = THIN;
  });
  for (let r = 4; r < 4 + slots; r++) {
    for (let c = 1; c <= 4; c++) ws.getCell(r, c).border = THIN;
    ws.getCell(r, 4).fill = GREEN;
    ws.getCell(r, 2).dataValidation = LIST;
    ws.getRow(r).height = 20;
  }
  if (o.example) {
    ws.getRow(4).values = [1, '河北分部', makeSid(99999), makeName(99)];
  }
  const sig = 4 + slots;
  ws.getCell(sig, 1).value = '经办人：';
  ws.mergeCells(sig, 1, sig, 2);
  ws.getCell(sig, 3).value = '联系电话：';
  ws.getCell(sig, 3).font = { italic: true };
  ws.getCell(sig + 1, 1).value = '备注：本表按学号升序排列，不得有空格';
  ws.mergeCells(sig + 1, 1, sig + 1, 4);
  ws.getCell(sig + 1, 1).font = { color: { argb: 'FFFF0000' } };
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Conditional formats: one over the pre-formatted rows (grows with the records), one on the 备注 row (moves with it).
  const red = { font: { color: { argb: 'FFFF0000' } } };
  ws.addConditionalFormatting({ ref: `A4:D${3 + slots}`, rules: [{ type: 'containsText', operator: 'containsBlanks', priority: 1, style: red } as ExcelJS.ConditionalFormattingRule] });
  ws.addConditionalFormatting({ ref: `A${sig + 1}:D${sig + 1}`, rules: [{ type: 'expression', formulae: ['LEN(A1)>0'], priority: 2, style: red }] });
  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '1. 学号全码为13位';
  notes.getCell('B2').value = 0.5;
  notes.getCell('B2').numFmt = '0.0%';
  notes.getColumn(1).width = 40;
  await wb.xlsx.writeFile(file);
  return file;
}

function roster(n: number): SheetInput {
  const rows = Array.from({ length: n }, (_, i) => [n - i, '河北分部', makeSid(n - i), makeName(n - i)]);
  return sheetOf('Sheet1', [['序号', '分部名称', '学号全码', '学生姓名'], ...rows]);
}

function exportOf(sheet: SheetInput): SheetExport {
  const sx = prepareExports([sheet], DEFAULT_PROFILE, { reportDate: REPORT_DATE }).exports[0]!;
  expect(sx.errors).toEqual([]);
  return sx;
}

interface Filled {
  plan: FillPlan;
  out: string;
  wb: ExcelJS.Workbook;
  sheets: SheetInput[];
}

async function fill(templateFile: string, sx: SheetExport, outName: string): Promise<Filled> {
  const loaded = await loadWorkbook(templateFile);
  const match = matchTemplateSheet(loaded.sheets, sx.template);
  expect(match).not.toBeNull();
  const plan = planFill(loaded.sheets.find((s) => s.name === match!.sheet)!, match!, sx, DEFAULT_PROFILE);
  expect(plan.problems).toEqual([]);
  fillTemplate(loaded.workbook, plan);
  const out = tmp.file(outName);
  await loaded.workbook.xlsx.writeFile(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return { plan, out, wb, sheets: await readSheetsStreaming(out) };
}

function errorsOf(sheets: SheetInput[]): string[] {
  const r = checkWorkbook('x.xlsx', sheets, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
  return r.sheets.flatMap((s) => s.issues.filter((i) => i.severity === 'error').map((i) => `${s.sheet}!${i.rule}@${i.cell}`));
}

function validationOf(ws: ExcelJS.Worksheet, address: string): unknown {
  return (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model[address];
}

describe('more records than the template has rows for: the block moves down', () => {
  let f: Filled;
  beforeAll(async () => {
    const tpl = await withdrawalTemplate(tmp.file('退学模板.xlsx'), 5);
    f = await fill(tpl, exportOf(roster(8)), 'filled-8.xlsx');
  });

  it('keeps the title rows, their merges and styles', () => {
    const ws = f.wb.getWorksheet('退学')!;
    expect(ws.getCell('A1').value).toBe('河北分部学信网退学汇总名单');
    expect(ws.getCell('A1').font).toMatchObject(TITLE_FONT);
    expect(ws.getCell('A1').alignment?.horizontal).toBe('center');
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getCell('A2').value).toBe('填报单位（盖章）：');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2']));
  });

  it('keeps the header’s text and style, and the column widths', () => {
    const ws = f.wb.getWorksheet('退学')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '分部名称', '学号全码', '学生姓名']);
    expect(ws.getCell('B3').fill).toEqual(HEADER_FILL);
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(WIDTHS.map((_, i) => ws.getColumn(i + 1).width)).toEqual(WIDTHS);
  });

  it('writes the records under the header, sorted, 序号 1..n, 学号 as text', () => {
    const ws = f.wb.getWorksheet('退学')!;
    expect(f.plan.firstRow).toBe(4);
    for (let i = 0; i < 8; i++) {
      const r = 4 + i;
      expect([ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 3).value, ws.getCell(r, 4).value]).toEqual([
        i + 1,
        '河北分部',
        makeSid(i + 1),
        makeName(i + 1),
      ]);
      expect(ws.getCell(r, 3).numFmt).toBe('@');
    }
  });

  it('gives the added rows the look and the data validation of the template’s last pre-formatted row', () => {
    const ws = f.wb.getWorksheet('退学')!;
    for (let r = 4; r <= 11; r++) {
      expect(ws.getCell(r, 1).border).toMatchObject(THIN);
      expect(ws.getCell(r, 4).fill).toEqual(GREEN);
      expect(ws.getRow(r).height).toBe(20);
      expect(validationOf(ws, `B${r}`)).toMatchObject({ type: 'list', formulae: ['"河北分部,陕西分部"'] });
    }
    expect(validationOf(ws, 'B12')).toBeUndefined();
  });

  it('moves the signature and 备注 rows, with their merges and styles, right below the last record', () => {
    const ws = f.wb.getWorksheet('退学')!;
    expect(f.plan.blockStart).toBe(9);
    expect(f.plan.newBlockStart).toBe(12);
    expect(ws.getCell('A12').value).toBe('经办人：');
    expect(ws.getCell('C12').value).toBe('联系电话：');
    expect(ws.getCell('C12').font?.italic).toBe(true);
    expect(ws.getCell('A13').value).toBe('备注：本表按学号升序排列，不得有空格');
    expect(ws.getCell('A13').font?.color).toEqual({ argb: 'FFFF0000' });
    expect([...ws.model.merges].sort()).toEqual(['A12:B12', 'A13:D13', 'A1:D1', 'A2:D2'].sort());
    expect(ws.getCell('A12').border).toBeUndefined();
    expect(ws.rowCount).toBe(13);
  });

  it('grows the conditional format over the records and moves the block’s one with it', () => {
    const ws = f.wb.getWorksheet('退学')!;
    const refs = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((c) => c.ref);
    expect(refs).toEqual(['A4:D11', 'A13:D13']);
  });

  it('leaves the other sheets untouched', () => {
    const notes = f.wb.getWorksheet('填表说明')!;
    expect(notes.getCell('A1').value).toBe('1. 学号全码为13位');
    expect(notes.getCell('B2').numFmt).toBe('0.0%');
    expect(notes.getColumn(1).width).toBe(40);
  });

  it('reads back with no error: the signature follows the last record, the other sheet is only a warning', () => {
    expect(errorsOf(f.sheets)).toEqual([]);
    const report = checkWorkbook('x.xlsx', f.sheets, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
    expect(report.sheets[0]).toMatchObject({ template: 'withdrawal', headerRow: 3, records: 8 });
  });
});

describe('fewer records than pre-formatted rows', () => {
  it('a signature block moves up so that no blank row is left between (陕西 notice); rows below are emptied', async () => {
    const tpl = await withdrawalTemplate(tmp.file('退学模板-10.xlsx'), 10);
    const f = await fill(tpl, exportOf(roster(2)), 'filled-2.xlsx');
    const ws = f.wb.getWorksheet('退学')!;
    expect(f.plan.newBlockStart).toBe(6);
    expect(ws.getCell('A5').value).toBe(2);
    expect(ws.getCell('A6').value).toBe('经办人：');
    expect(ws.getCell('A7').value).toBe('备注：本表按学号升序排列，不得有空格');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A6:B6', 'A7:D7']));
    for (let r = 8; r <= 15; r++) expect(ws.getCell(r, 1).value).toBeNull();
    expect(ws.getCell('D5').fill).toEqual(GREEN);
    expect(errorsOf(f.sheets)).toEqual([]);
  });

  it('example rows of the template are replaced and said so', async () => {
    const tpl = await withdrawalTemplate(tmp.file('退学模板-示例.xlsx'), 4, { example: true });
    const f = await fill(tpl, exportOf(roster(1)), 'filled-example.xlsx');
    expect(f.plan.notes).toContain('学校模板中原有的 1 行示例数据已被替换');
    const ws = f.wb.getWorksheet('退学')!;
    expect(ws.getCell('C4').value).toBe(makeSid(1));
    expect(ws.getCell('A5').value).toBe('经办人：');
    expect(f.sheets[0]!.rows.flat().some((c) => c?.value === makeSid(99999))).toBe(false);
    expect(errorsOf(f.sheets)).toEqual([]);
  });
});

/** A Hebei-style exemption template: title, header, `slots` bordered rows, then a 备注 block listing the reasons. */
async function exemptionTemplate(file: string, slots: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('免考');
  ws.getCell('A1').value = '河北电大免考信息表';
  ws.mergeCells('A1:E1');
  ws.getCell('A1').font = TITLE_FONT;
  ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因（参照表后备注填写）'].forEach((h, i) => {
    ws.getCell(2, i + 1).value = h;
    ws.getCell(2, i + 1).fill = HEADER_FILL;
  });
  for (let r = 3; r < 3 + slots; r++) for (let c = 1; c <= 5; c++) ws.getCell(r, c).border = THIN;
  const b = 3 + slots + 1;
  ws.getCell(b, 1).value = '备注：免考原因';
  ws.mergeCells(b, 1, b, 5);
  DEFAULT_PROFILE.exemption.reasons.forEach((reason, i) => {
    ws.getCell(b + 1 + i, 1).value = `${reason.id}. ${reason.text}`;
    ws.mergeCells(b + 1 + i, 1, b + 1 + i, 5);
  });
  [14, 16, 12, 14, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  await wb.xlsx.writeFile(file);
  return file;
}

function exemptionInput(n: number): SheetInput {
  const rows = Array.from({ length: n }, (_, i) => ['1300801', makeSid(i + 1), makeName(i), '71', String((i % 2) + 1 === 2 ? 3 : 1)]);
  return sheetOf('免考', [['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'], ...rows, [TERMINATOR]]);
}

describe('exemption: the terminator right after the records, the 备注 block below stays where it is', () => {
  it('with room to spare, the block does not move', async () => {
    const tpl = await exemptionTemplate(tmp.file('免考模板.xlsx'), 10);
    const f = await fill(tpl, exportOf(exemptionInput(3)), 'ex-3.xlsx');
    const ws = f.wb.getWorksheet('免考')!;
    expect(ws.getCell('A3').value).toBe('01300801');
    expect(ws.getCell('A3').numFmt).toBe('@');
    expect(ws.getCell('E3').value).toBe(REASON[1]);
    expect(ws.getCell('E4').value).toBe(REASON[3]);
    expect(ws.getCell('A6').value).toBe(TERMINATOR);
    expect(ws.getCell('A7').value).toBeNull();
    expect(ws.getCell('A14').value).toBe('备注：免考原因');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:E1', 'A14:E14', 'A15:E15']));
    expect(errorsOf(f.sheets)).toEqual([]);
  });

  it('when the records need the rows, the block moves down just below the terminator', async () => {
    const tpl = await exemptionTemplate(tmp.file('免考模板-2.xlsx'), 2);
    const f = await fill(tpl, exportOf(exemptionInput(6)), 'ex-6.xlsx');
    const ws = f.wb.getWorksheet('免考')!;
    expect(ws.getCell('B8').value).toBe(makeSid(6));
    expect(ws.getCell('B8').border).toMatchObject(THIN);
    expect(ws.getCell('A9').value).toBe(TERMINATOR);
    expect(ws.getCell('A10').value).toBe('备注：免考原因');
    expect(ws.getCell('A11').value).toBe(`1. ${REASON[1]}`);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A10:E10', 'A11:E11', 'A17:E17']));
    expect(ws.model.merges).not.toContain('A6:E6');
    expect(errorsOf(f.sheets)).toEqual([]);
  });
});

describe('what the template cannot take', () => {
  it('merged cells where the records go', async () => {
    const file = tmp.file('merged.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('退学');
    ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
    ws.mergeCells('B3:C3');
    ws.getCell('A6').value = '经办人：';
    await wb.xlsx.writeFile(file);
    const loaded = await loadWorkbook(file);
    const match = matchTemplateSheet(loaded.sheets, 'withdrawal')!;
    const plan = planFill(loaded.sheets[0]!, match, exportOf(roster(2)), DEFAULT_PROFILE);
    expect(plan.problems).toEqual(['学校模板的记录区域中有合并单元格（B3:C3），请在模板中取消合并后再试']);
  });

  it('a wide correction template lacking the columns of an item', async () => {
    const wide = sheetOf('在籍生', [
      ['国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表'],
      ['序号', '学号', '姓名', '原姓名', '新姓名', '原民族', '新民族', '修改类型'],
    ]);
    const input = sheetOf('在籍生', [
      ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'],
      [1, makeSid(1), makeName(0), '民族', '满族', '汉族', '录入错误', null],
      [2, makeSid(1), makeName(0), '姓名', `${makeName(0)}子`, makeName(0), '录入错误', null],
      [3, makeSid(2), makeName(1), '性别', '女', '男', '录入错误', null],
    ]);
    const sx = exportOf(input);
    const match = matchTemplateSheet([wide], 'correction-enrolled')!;
    const plan = planFill(wide, match, sx, DEFAULT_PROFILE);
    expect(plan.problems).toEqual(['学校模板没有修改项目“性别”的“原/新”列，无法填入第4行的修改']);
    // One row per student: 民族 and 姓名 of the first student side by side.
    expect(plan.rows[0]!.sourceRows).toEqual([2, 3]);
    expect([...plan.rows[0]!.cells.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)).toEqual([
      1, makeSid(1), makeName(0), `${makeName(0)}子`, makeName(0), '满族', '汉族', '录入错误',
    ]);
  });
});

describe('which sheet of the school’s workbook is the template', () => {
  const header = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
  const titled = (v: string) => sheetOf(v, [[`国家开放大学(原中央广播电视大学)${v}基本信息修改情况统计表`], header]);

  it('a correction template titled for one variant is never used for another', () => {
    expect(matchTemplateSheet([titled('在籍生')], 'correction-new')).toBeNull();
    expect(matchTemplateSheet([titled('在籍生'), titled('新生')], 'correction-new')!.sheet).toBe('新生');
  });

  it('an untitled correction template serves every variant; the named one wins', () => {
    const plain = sheetOf('Sheet1', [header]);
    expect(matchTemplateSheet([plain], 'correction-graduate')).toBeNull(); // no 注册证号 column
    expect(matchTemplateSheet([plain], 'correction-new')!.sheet).toBe('Sheet1');
    expect(matchTemplateSheet([plain, titled('新生')], 'correction-new')!.sheet).toBe('新生');
  });

  it('another template’s sheet is not taken', () => {
    expect(matchTemplateSheet([sheetOf('退学', [['序号', '分部名称', '学号全码', '学生姓名']])], 'exemption')).toBeNull();
  });
});

describe('inspectTemplate refuses what ExcelJS cannot carry over', () => {
  async function template(name: string, edit?: (zip: JSZip) => Promise<void>): Promise<Buffer> {
    const file = await withdrawalTemplate(tmp.file(name), 3);
    if (edit) await editZip(file, edit);
    return fs.readFileSync(file);
  }
  const sheetXml = 'xl/worksheets/sheet1.xml';
  const setSqref = (sqref: string) => async (zip: JSZip) => {
    const xml = await zip.file(sheetXml)!.async('string');
    zip.file(sheetXml, xml.replace(/sqref="B4:B6"/, `sqref="${sqref}"`));
  };

  it('a clean styled template passes', async () => {
    expect(await inspectTemplate(await template('clean.xlsx'))).toEqual([]);
  });

  it('a chart (found by its relationship, under any part name)', async () => {
    const bytes = await template('chart.xlsx', async (zip) => {
      await addRelatedPart(zip, 'xl/worksheets/sheet1.xml', 'drawing', 'xl/drawings/d.xml', '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>');
      await addRelatedPart(zip, 'xl/drawings/d.xml', 'chart', 'xl/charts/c.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    });
    expect((await inspectTemplate(bytes)).join()).toContain('图表');
  });

  it('a macro', async () => {
    const bytes = await template('macro.xlsx', async (zip) => {
      await addRelatedPart(zip, 'xl/workbook.xml', 'vbaProject', 'xl/vbaProject.bin', 'x');
    });
    expect((await inspectTemplate(bytes)).join()).toContain('宏');
  });

  it('a whole-column data validation (ExcelJS would move it to A1)', async () => {
    const problems = await inspectTemplate(await template('column-dv.xlsx', setSqref('B:B')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('整列或整行');
    expect(problems[0]).toContain('B:B');
  });

  it('a data validation over too many cells', async () => {
    const problems = await inspectTemplate(await template('big-dv.xlsx', setSqref('B4:B1048576')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('过多');
  });

  it('a bounded validation of a reasonable size is kept', async () => {
    expect(await inspectTemplate(await template('ok-dv.xlsx', setSqref('B4:B2000 D4:D2000')))).toEqual([]);
  });
});
