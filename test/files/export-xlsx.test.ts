/**
 * The ExcelJS side of the built-in layout (files/export-xlsx.ts): the written file holds exactly the described cells —
 * read back by the project's own reader it equals the description (so the export's in-memory self-check sees what
 * `xueji check` will see) — with `@` on every code and ID cell, the widths, the merges and a plain look.
 */
import * as ExcelJS from 'exceljs';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { prepareExports } from '../../src/core/export/records';
import { buildExportWorkbook, exportSheetToInput } from '../../src/core/export/build';
import type { ExportWorkbook } from '../../src/core/export/types';
import { printPlan } from '../../src/core/export/print';
import { workbookFromExport } from '../../src/files/export-xlsx';
import { readSheetsStreaming } from '../../src/files/node-io';
import { REASON, TERMINATOR, makeName, makeSid, sheetOf } from '../helpers/rules';
import { REPORT_DATE } from '../helpers/sheet';
import { makeTempDir, zipText } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

function describeExemption(): ExportWorkbook {
  const input = sheetOf('免考', [
    ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'],
    [300801, makeSid(1), makeName(0), 71, '1'],
    ['0300802', makeSid(2), makeName(1), '69', REASON[2]],
    [TERMINATOR],
  ]);
  const sx = prepareExports([input], DEFAULT_PROFILE, { reportDate: REPORT_DATE }).exports[0]!;
  return buildExportWorkbook(sx, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
}

function describeCorrection(): ExportWorkbook {
  const title = '国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表';
  const input = sheetOf('Sheet1', [
    [title],
    ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'],
    [1, makeSid(3), makeName(0), '民族', '满族', '汉族', '录入错误', null],
    [2, makeSid(1), makeName(1), '性别', '女', '男', '录入错误', '附身份证'],
  ], ['A1:H1']);
  const sx = prepareExports([input], DEFAULT_PROFILE, { reportDate: REPORT_DATE }).exports[0]!;
  return buildExportWorkbook(sx, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
}

describe.each([
  ['exemption', describeExemption],
  ['correction-enrolled', describeCorrection],
])('%s', (name, describeIt) => {
  const desc = describeIt();
  let file: string;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    file = tmp.file(`${name}.xlsx`);
    await workbookFromExport(desc).xlsx.writeFile(file);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  it('reads back exactly as described (values, kinds, number formats, merges)', async () => {
    const read = await readSheetsStreaming(file);
    expect(read).toEqual(desc.sheets.map(exportSheetToInput));
  });

  it('keeps the sheet order, names and column widths', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(desc.sheets.map((s) => s.name));
    desc.sheets.forEach((s, i) => {
      const ws = wb.worksheets[i]!;
      expect(s.widths.map((_, c) => ws.getColumn(c + 1).width)).toEqual(s.widths);
    });
  });

  it('stores every code and ID as a text cell with number format @', async () => {
    const ws = wb.worksheets[0]!;
    const headerRow = desc.firstRecordRow - 1;
    const codeCols = ws.getRow(headerRow).values as unknown[];
    const codeIdx = codeCols.map((h, i) => (['学习中心代码', '学号', '免考科目代码'].includes(String(h)) ? i : -1)).filter((i) => i > 0);
    expect(codeIdx.length).toBeGreaterThan(0);
    for (let r = desc.firstRecordRow; r < desc.firstRecordRow + 2; r++) {
      for (const c of codeIdx) {
        const cell = ws.getCell(r, c);
        expect(cell.numFmt).toBe('@');
        expect(typeof cell.value).toBe('string');
      }
    }
    // In the XML: a shared string (t="s"), never a number (the school's Excel shows what we wrote).
    const xml = await zipText(file, 'xl/worksheets/sheet1.xml');
    const ref = `${String.fromCharCode(64 + codeIdx[0]!)}${desc.firstRecordRow}`;
    expect(xml).toMatch(new RegExp(`<c r="${ref}"[^>]*t="s"`));
  });

  it('has a bold bordered header, bordered records and a plain end row', () => {
    const ws = wb.worksheets[0]!;
    const h = ws.getCell(desc.firstRecordRow - 1, 1);
    expect(h.font?.bold).toBe(true);
    expect(h.border?.bottom?.style).toBe('thin');
    expect(ws.getCell(desc.firstRecordRow, 2).border?.left?.style).toBe('thin');
    const endRow = desc.firstRecordRow + 2;
    expect(ws.getCell(endRow, 1).border?.bottom).toBeUndefined();
    expect(ws.getCell(endRow, 2).value).toBeNull();
  });
});

it('a correction sheet’s title is bold, centred and merged across the table', async () => {
  const desc = describeCorrection();
  const file = tmp.file('title.xlsx');
  await workbookFromExport(desc).xlsx.writeFile(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell('A1').alignment?.horizontal).toBe('center');
  expect(ws.model.merges).toEqual(['A1:H1']);
});

it('an error value carried by a forced export is written as an error value', async () => {
  const desc: ExportWorkbook = {
    template: 'withdrawal',
    fileName: 'x.xlsx',
    firstRecordRow: 2,
    sheets: [
      {
        name: '退学',
        widths: [6, 16],
        merges: [],
        rows: [
          { role: 'header', cells: [{ value: '序号', numberFormat: '@' }, { value: '学号全码', numberFormat: '@' }] },
          { role: 'record', cells: [{ value: 1, numberFormat: 'General' }, { value: { error: '#N/A' }, numberFormat: '@' }] },
        ],
        print: printPlan(DEFAULT_PROFILE.withdrawal.layout.print, { headerFirst: 1, headerLast: 1, lastRecord: 2 }, { left: 0, right: 1 }),
      },
    ],
  };
  const file = tmp.file('error.xlsx');
  await workbookFromExport(desc).xlsx.writeFile(file);
  const [sheet] = await readSheetsStreaming(file);
  expect(sheet!.rows[1]![1]).toEqual({ kind: 'error', value: '#N/A', numberFormat: '@' });
});
