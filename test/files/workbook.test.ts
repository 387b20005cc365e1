import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XuejiInputError, XuejiOutputError, XuejiPatchError } from '../../src/files/errors';
import { loadWorkbook, readSheetsStreaming, writeWorkbookAtomic } from '../../src/files/node-io';
import { applyPatches, sheetFromWorksheet } from '../../src/files/workbook';
import { fidelityProblems } from '../../src/files/fidelity';
import JSZip from 'jszip';
import { addRelatedPart, editZip, expectInputError, makeTempDir, writeWorkbook } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const RED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };

async function styledWorkbook(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.getCell('A1').value = '学号';
  for (const address of ['A2', 'A3', 'A4']) {
    const cell = ws.getCell(address);
    cell.value = 2233001200000 + Number(address.slice(1));
    cell.numFmt = '0';
    cell.fill = RED_FILL;
    cell.font = { name: '宋体', bold: true, size: 12 };
    cell.border = { top: { style: 'thin' } };
  }
  ws.getCell('B2').value = '刘 洋';
  ws.getCell('C2').value = { formula: 'ROW()-1', result: 1 };
  ws.getCell('C3').value = { sharedFormula: 'C2', result: 2 };
  ws.getCell('C4').value = { sharedFormula: 'C2', result: 3 };
  ws.mergeCells('D1:E1');
  ws.getCell('D1').value = '备注';
  return writeWorkbook(wb, file);
}

describe('applyPatches', () => {
  it('sets value and numFmt "@", keeps fill, font and border, and leaves same-styled cells alone', async () => {
    const input = await styledWorkbook(tmp.file('patch-in.xlsx'));
    const { workbook } = await loadWorkbook(input);
    const ws = workbook.getWorksheet('名单')!;
    applyPatches(ws, [
      { cell: 'A2', value: '2233001200002', numberFormat: '@' },
      { cell: 'B2', value: '刘洋', numberFormat: '@' },
    ]);
    const out = tmp.file('patch-out.xlsx');
    await writeWorkbookAtomic(workbook, out, { inputs: [input] });

    const reread = new ExcelJS.Workbook();
    await reread.xlsx.readFile(out);
    const rws = reread.getWorksheet('名单')!;
    const a2 = rws.getCell('A2');
    expect(a2.value).toBe('2233001200002');
    expect(a2.numFmt).toBe('@');
    expect(a2.fill).toEqual(RED_FILL);
    expect(a2.font).toMatchObject({ name: '宋体', bold: true, size: 12 });
    expect(a2.border?.top?.style).toBe('thin');
    // A3 was loaded with the very same style object as A2: it must keep its number format.
    expect(rws.getCell('A3').numFmt).toBe('0');
    expect(rws.getCell('A3').value).toBe(2233001200003);

    const [sheet] = await readSheetsStreaming(out);
    expect(sheet.rows[1]?.[0]).toStrictEqual({ kind: 'string', value: '2233001200002', numberFormat: '@' });
    expect(sheet.rows[1]?.[1]).toStrictEqual({ kind: 'string', value: '刘洋', numberFormat: '@' });
  });

  it('empties a cell with value null and writes numbers and booleans', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = 'x';
    ws.getCell('A1').fill = RED_FILL;
    applyPatches(ws, [
      { cell: 'A1', value: null, numberFormat: '@' },
      { cell: 'B1', value: 12, numberFormat: '0' },
      { cell: 'C1', value: true, numberFormat: 'General' },
    ]);
    expect(ws.getCell('A1').value).toBeNull();
    expect(ws.getCell('A1').fill).toEqual(RED_FILL);
    expect(sheetFromWorksheet(ws).rows[0]).toStrictEqual([
      undefined,
      { kind: 'number', value: 12, numberFormat: '0' },
      { kind: 'boolean', value: true },
    ]);
  });

  it('can overwrite the first cell of a filled-down (shared) formula and still save', async () => {
    const input = await styledWorkbook(tmp.file('shared-in.xlsx'));
    const { workbook } = await loadWorkbook(input);
    const ws = workbook.getWorksheet('名单')!;
    applyPatches(ws, [{ cell: 'C2', value: 1, numberFormat: 'General' }]);
    const out = tmp.file('shared-out.xlsx');
    await writeWorkbookAtomic(workbook, out, { inputs: [input] });
    const [sheet] = await readSheetsStreaming(out);
    expect(sheet.rows[1]?.[2]).toStrictEqual({ kind: 'number', value: 1 });
    expect(sheet.rows[2]?.[2]).toStrictEqual({ kind: 'number', value: 2, formula: 'ROW()-1' });
    expect(sheet.rows[3]?.[2]).toStrictEqual({ kind: 'number', value: 3, formula: 'ROW()-1' });
  });

  it('writes a date serial so that a 1904-system workbook shows the same day', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('s');
    applyPatches(ws, [{ cell: 'A1', value: 36526, numberFormat: 'yyyy-mm-dd' }]);
    const file = await writeWorkbook(wb, tmp.file('d1904-patch.xlsx'));
    const [sheet] = await readSheetsStreaming(file);
    expect(sheet.rows[0]?.[0]).toStrictEqual({ kind: 'number', value: 36526, numberFormat: 'yyyy-mm-dd' });
  });

  it('refuses, before writing anything, a bad address or a cell hidden under a merge', async () => {
    const input = await styledWorkbook(tmp.file('merge-in.xlsx'));
    const { workbook } = await loadWorkbook(input);
    const ws = workbook.getWorksheet('名单')!;
    expect(() =>
      applyPatches(ws, [
        { cell: 'B2', value: '刘洋', numberFormat: '@' },
        { cell: 'E1', value: 'x', numberFormat: '@' },
      ]),
    ).toThrow(XuejiPatchError);
    expect(ws.getCell('B2').value).toBe('刘 洋');
    expect(ws.getCell('D1').value).toBe('备注');
    expect(() => applyPatches(ws, [{ cell: '1A', value: 'x', numberFormat: '@' }])).toThrow(/不是有效的单元格地址/);
  });
});

describe('what ExcelJS would drop is found by relationships, not part names (issue 14 item 3)', () => {
  async function workbookWith(name: string, edit?: (zip: JSZip) => Promise<void>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.getCell('A1').value = '学号';
    ws.getCell('B1').note = '请填写13位学号';
    const file = await writeWorkbook(wb, tmp.file(name));
    if (edit) await editZip(file, edit);
    return file;
  }

  it('comments (with their note boxes), themes and styles are kept by ExcelJS: nothing listed', async () => {
    expect((await loadWorkbook(await workbookWith('comments.xlsx'))).unsupported).toEqual([]);
  });

  it('a drawing under an unusual part name, a chart and a macro are named by what refers to them', async () => {
    const file = await workbookWith('parts.xlsx', async (zip) => {
      await addRelatedPart(zip, 'xl/worksheets/sheet1.xml', 'drawing', 'xl/drawings/Zeichnung.xml', '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>');
      await addRelatedPart(zip, 'xl/drawings/Zeichnung.xml', 'chart', 'xl/charts/Diagramm.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
      await addRelatedPart(zip, 'xl/workbook.xml', 'vbaProject', 'xl/vbaProject.bin', Buffer.from([1, 2, 3]));
    });
    const { unsupported, sheets } = await loadWorkbook(file);
    expect(unsupported).toEqual(['图表', '宏（VBA 代码）', '图片、形状、文本框等绘图对象（形状和文本框会丢失，图片可能移位）']);
    expect(sheets[0].rows[0]?.[0]).toStrictEqual({ kind: 'string', value: '学号' });
  });

  it('a part nothing refers to is not part of the workbook: not listed', async () => {
    const file = await workbookWith('orphan.xlsx', async (zip) => {
      zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    });
    expect((await loadWorkbook(file)).unsupported).toEqual([]);
  });

  it('notes without their note boxes (which ExcelJS cannot load) are named, not called corrupt', async () => {
    const file = await workbookWith('no-vml.xlsx', async (zip) => {
      zip.remove('xl/drawings/vmlDrawing1.vml');
    });
    expect((await fidelityProblems(fs.readFileSync(file))).join()).toContain('没有批注框的批注');
  });
});

describe('writeWorkbookAtomic', () => {
  let input: string;
  beforeAll(async () => {
    input = await styledWorkbook(tmp.file('atomic-in.xlsx'));
  });

  function leftovers(): string[] {
    return fs.readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'));
  }

  it('refuses to write over the input, however the path is spelled', async () => {
    const before = fs.readFileSync(input);
    const { workbook } = await loadWorkbook(input);
    const relative = path.relative(process.cwd(), input);
    const roundabout = path.join(path.dirname(input), '..', path.basename(path.dirname(input)), path.basename(input));
    const link = tmp.file('link.xlsx');
    fs.symlinkSync(input, link);
    for (const out of [input, relative, roundabout, `./${relative}`, link]) {
      const err = await expectInputError(writeWorkbookAtomic(workbook, out, { inputs: [input] }), 'same-as-input', out);
      expect(err).toBeInstanceOf(XuejiInputError);
    }
    // ...also when the input itself is given in another spelling
    await expectInputError(writeWorkbookAtomic(workbook, input, { inputs: [relative] }), 'same-as-input', input);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('refuses an existing output without force (issue 14: no silent overwrite), and writes nothing', async () => {
    const { workbook } = await loadWorkbook(input);
    const out = tmp.file('atomic-exists.xlsx');
    fs.writeFileSync(out, 'old content');
    const err = await writeWorkbookAtomic(workbook, out, { inputs: [input] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XuejiOutputError);
    expect((err as XuejiOutputError).code).toBe('output-exists');
    expect((err as XuejiOutputError).message).toContain('--force');
    expect(fs.readFileSync(out, 'utf8')).toBe('old content');
    expect(leftovers()).toEqual([]);
  });

  it('writes a new file, replaces an existing one with force, and leaves no temp file behind', async () => {
    const { workbook } = await loadWorkbook(input);
    const out = tmp.file('atomic-out.xlsx');
    fs.writeFileSync(out, 'old content');
    await writeWorkbookAtomic(workbook, out, { inputs: [input], force: true });
    const [sheet] = await readSheetsStreaming(out);
    expect(sheet.rows[0]?.[0]).toStrictEqual({ kind: 'string', value: '学号' });
    expect(leftovers()).toEqual([]);
  });

  it('removes the temp file when the final rename fails, and keeps the old output', async () => {
    const { workbook } = await loadWorkbook(input);
    const out = tmp.file('atomic-fail.xlsx');
    fs.writeFileSync(out, 'old content');
    const failure = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const spy = jest.spyOn(fs.promises, 'rename').mockRejectedValueOnce(failure);
    try {
      const err = await writeWorkbookAtomic(workbook, out, { inputs: [input], force: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(XuejiOutputError);
      expect((err as XuejiOutputError).code).toBe('write-failed');
      expect((err as XuejiOutputError).message).toBe(
        '无法保存文件“atomic-fail.xlsx”：没有写入权限，或文件正被其他程序（如 Excel）打开',
      );
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(out, 'utf8')).toBe('old content');
    expect(leftovers()).toEqual([]);
  });

  it('says so when the output folder does not exist', async () => {
    const { workbook } = await loadWorkbook(input);
    const err = await writeWorkbookAtomic(workbook, tmp.file('没有的文件夹/out.xlsx'), { inputs: [input] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XuejiOutputError);
    expect((err as XuejiOutputError).code).toBe('output-dir-missing');
  });
});
