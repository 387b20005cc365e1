/**
 * Nothing lost by fix or export (issue 14 item 3): a sort keeps the user's formulas (=LEN(D2) moves and reads its own
 * row, =NA() stays an error), hyperlinks keep their text and target, workbook protection stays, a data validation on
 * B2:B100 stays one range, comments and tables are neither dropped nor called corrupt, and a row carrying a comment
 * is not moved away from it — in `fix` (which now rewrites only the fixed cells of the original file) and, where
 * ExcelJS still writes, in `export --template-file`.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addRoster, makeName, makeSid, readBack, rosterRows, saveWorkbook, sha256, tempDir, WD_HEADER, xueji, type Row } from './helpers';
import { editZip } from '../files/helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Three students out of order (serials 3, 1, 2) with a column of the user's own: E2…E4 from `extra(row)`. */
function unsortedRows(extra: (row: number) => ExcelJS.CellValue): Row[] {
  return [3, 1, 2].map((s, i) => [i + 1, '河北分部', makeSid(s), makeName(s), extra(i + 2)]);
}

async function roster(name: string, rows: Row[], edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  return saveWorkbook(tmp.file(name), (wb) => {
    const ws = addRoster(wb, rows);
    ws.getCell('E1').value = '核对';
    edit?.(ws, wb);
  });
}

async function entry(file: string, name: string): Promise<string> {
  return (await JSZip.loadAsync(fs.readFileSync(file))).file(name)!.async('string');
}

describe('a sort keeps the formulas and error values of the rows it moves', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof xueji>>;
  beforeAll(async () => {
    const rows = unsortedRows((r) => (r === 3 ? { formula: 'NA()', result: { error: '#N/A' } } : { formula: `LEN(D${r})`, result: r * 10 }));
    const input = await roster('公式排序.xlsx', rows);
    out = tmp.file('公式排序-修复.xlsx');
    result = await xueji(['fix', input, '-o', out]);
  });

  it('exits 0, the rows sorted', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ws = (await readBack(out)).getWorksheet('退学')!;
    expect([2, 3, 4].map((r) => ws.getCell(`C${r}`).value)).toEqual([makeSid(1), makeSid(2), makeSid(3)]);
  });

  it('=LEN(D2) moved with its row and reads its own row; =NA() is still the formula with an #N/A result', async () => {
    const ws = (await readBack(out)).getWorksheet('退学')!;
    // Serial 1 was row 3 (its =NA()), serial 2 row 4 (=LEN(D4), 40), serial 3 row 2 (=LEN(D2), 20).
    expect(ws.getCell('E2').value).toEqual({ formula: 'NA()', result: { error: '#N/A' } });
    expect(ws.getCell('E3').value).toEqual({ formula: 'LEN(D3)', result: 40 });
    expect(ws.getCell('E4').value).toEqual({ formula: 'LEN(D4)', result: 20 });
  });

  it('asks Excel to recalculate on opening (a moved formula is recomputed, not trusted)', async () => {
    expect(await entry(out, 'xl/workbook.xml')).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
  });
});

it('a formula reading the row above is not moved: the sort is left undone, saying why, and nothing else is lost', async () => {
  const rows = unsortedRows((r) => (r === 2 ? 0 : { formula: `E${r - 1}+1`, result: r - 2 }));
  rows[0]![3] = `${makeName(3)} `;
  const input = await roster('累计公式.xlsx', rows);
  const check = await xueji(['check', input]);
  expect(check.stdout).toMatch(/记录顺序.*无法自动修复.*公式引用了其他行.*\[table\.unsorted\]/);
  const out = tmp.file('累计公式-修复.xlsx');
  const r = await xueji(['fix', input, '-o', out]);
  expect(r.code).toBe(1);
  const ws = (await readBack(out)).getWorksheet('退学')!;
  expect(ws.getCell('D2').value).toBe(makeName(3));
  expect(ws.getCell('E3').value).toEqual({ formula: 'E2+1', result: 1 });
});

it('a hyperlink keeps its text and its target, also on a cell the fix rewrites', async () => {
  const rows = rosterRows(3);
  rows[0]![3] = { text: `${makeName(0)} `, hyperlink: 'https://example.org/a' };
  rows[1]![3] = { text: makeName(1), hyperlink: 'https://example.org/b' };
  const input = await saveWorkbook(tmp.file('超链接.xlsx'), (wb) => addRoster(wb, rows));
  const out = tmp.file('超链接-修复.xlsx');
  expect((await xueji(['fix', input, '-o', out])).code).toBe(0);
  const ws = (await readBack(out)).getWorksheet('退学')!;
  expect(ws.getCell('D2').value).toEqual({ text: makeName(0), hyperlink: 'https://example.org/a' });
  expect(ws.getCell('D3').value).toEqual({ text: makeName(1), hyperlink: 'https://example.org/b' });
});

it('workbook structure protection stays (ExcelJS dropped it)', async () => {
  const rows = rosterRows(2);
  rows[0]![3] = '王 伟';
  const input = await saveWorkbook(tmp.file('保护.xlsx'), (wb) => addRoster(wb, rows));
  await editZip(input, async (zip) => {
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'));
  });
  const out = tmp.file('保护-修复.xlsx');
  expect((await xueji(['fix', input, '-o', out])).code).toBe(0);
  expect(await entry(out, 'xl/workbook.xml')).toContain('<workbookProtection lockStructure="1"/>');
});

it('a data validation on B2:B100 stays one range B2:B100 (ExcelJS wrote B10:B100 and B2:B100)', async () => {
  const rows = rosterRows(3);
  rows[2]![3] = '王 伟';
  const input = await saveWorkbook(tmp.file('数据验证.xlsx'), (wb) => {
    const ws = addRoster(wb, rows);
    for (let r = 2; r <= 100; r++) ws.getCell(`B${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"河北分部,北京分部"'] };
  });
  // The input as Excel would have it: one range.
  await editZip(input, async (zip) => {
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<dataValidations[\s\S]*<\/dataValidations>/, '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="B2:B100"><formula1>"河北分部,北京分部"</formula1></dataValidation></dataValidations>'));
  });
  const out = tmp.file('数据验证-修复.xlsx');
  expect((await xueji(['fix', input, '-o', out])).code).toBe(0);
  expect((await entry(out, 'xl/worksheets/sheet1.xml')).match(/sqref="[^"]*"/g)).toEqual(['sqref="B2:B100"']);
});

describe('comments and tables are kept, not called corrupt', () => {
  async function withCommentAndTable(name: string, dropNoteBoxes: boolean): Promise<string> {
    const rows = rosterRows(2);
    rows[1]![3] = '李 四';
    const file = await saveWorkbook(tmp.file(name), (wb) => {
      const ws = addRoster(wb, rows);
      ws.getCell('B2').note = '分部名称按学籍写';
      const other = wb.addWorksheet('统计');
      other.addTable({ name: 'T1', ref: 'A1', headerRow: true, columns: [{ name: '项目' }, { name: '人数' }], rows: [['退学', 2]] });
    });
    // The note boxes (the legacy VML drawing) missing, as some tools write notes: ExcelJS cannot load that.
    if (dropNoteBoxes) await editZip(file, (zip) => void zip.remove('xl/drawings/vmlDrawing1.vml'));
    return file;
  }

  it.each([
    ['with note boxes', false],
    ['without note boxes (ExcelJS cannot load those)', true],
  ])('a comment %s and a table: fixed, both parts byte for byte in the copy', async (_label, drop) => {
    const input = await withCommentAndTable(`批注与表格-${drop}.xlsx`, drop);
    const out = tmp.file(`批注与表格-${drop}-修复.xlsx`);
    const r = await xueji(['fix', input, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const part of ['xl/comments1.xml', 'xl/tables/table1.xml']) expect(await entry(out, part)).toBe(await entry(input, part));
  });
});

it('a row with a comment is not moved away from it: the sort is refused saying why, the other fixes are made', async () => {
  const rows = unsortedRows(() => null);
  rows[2]![3] = `${makeName(2)} `;
  const input = await roster('批注排序.xlsx', rows, (ws) => (ws.getCell('D3').note = '已核对'));
  const hash = sha256(input);
  const out = tmp.file('批注排序-修复.xlsx');
  const r = await xueji(['fix', input, '-o', out]);
  expect(r.code).toBe(1);
  const ws = (await readBack(out)).getWorksheet('退学')!;
  expect(ws.getCell('D4').value).toBe(makeName(2));
  expect(ws.getCell('C2').value).toBe(makeSid(3));
  expect((await xueji(['check', out])).stdout).toMatch(/记录顺序.*D3 有批注、超链接或图片.*\[table\.unsorted\]/);
  expect(sha256(input)).toBe(hash);
});

describe('export --template-file (ExcelJS writes the filled template)', () => {
  async function protectedTemplate(file: string): Promise<string> {
    await saveWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('退学');
      ws.addRow(WD_HEADER);
      for (let r = 2; r <= 100; r++) ws.getCell(`B${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"河北分部,北京分部"'] };
      ws.addRow([]);
    });
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/workbook.xml')!.async('string');
      zip.file('xl/workbook.xml', xml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'));
    });
    return file;
  }

  it('keeps the template’s structure protection and writes its data validation as one range', async () => {
    const tpl = await protectedTemplate(tmp.file('保护模板.xlsx'));
    const input = await saveWorkbook(tmp.file('名单-保护模板.xlsx'), (wb) => addRoster(wb, rosterRows(2)));
    const dir = tmp.file('导出-保护模板');
    fs.mkdirSync(dir);
    const r = await xueji(['export', input, '-o', dir, '--template-file', tpl, '--report-date', '2026-11-22']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [written] = fs.readdirSync(dir);
    const file = path.join(dir, written!);
    expect(await entry(file, 'xl/workbook.xml')).toContain('<workbookProtection lockStructure="1"/>');
    // (The ranges of <dataValidation> only: the frozen header's <selection> has a sqref of its own.)
    const sqrefs = ((await entry(file, 'xl/worksheets/sheet1.xml')).match(/<dataValidation\b[^>]*>/g) ?? []).map((v) => /sqref="[^"]*"/.exec(v)![0]);
    // One validation, no two ranges over the same cells.
    expect(sqrefs).toHaveLength(1);
    expect(sqrefs[0]).toMatch(/^sqref="B2:B\d+"$/);
  });
});
