/** The browser workbench's port over an ExcelJS workbook: read, highlight, select, fix, undo exactly, download. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openWorkbench, classifyBytes } from '../../src/files/workbench-open';
import { copyName } from '../../src/files/workbench-port';
import { XuejiInputError } from '../../src/files/errors';
import { DEFAULT_PROFILE, analyseSheet, planFixes } from '../../src/core';

const REPORT_DATE = { y: 2026, m: 11, d: 22 };

async function rosterBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
  ws.addRow([1, '河北分部', '2213001400286', '张明']);
  ws.addRow([2, '河北分部', 2113001450175, '王 芳']);
  ws.addRow([3, '河北分部', { formula: '"2313001450101"', result: '2313001450101' }, '李雷']);
  ws.getCell('D2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = '这是用户自己的工作表';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function recorder() {
  const saved: { name: string; data: Uint8Array }[] = [];
  return { saved, save: (name: string, data: Uint8Array) => saved.push({ name, data }) };
}

test('a picked workbook opens: its sheets are listed and read as plain data', async () => {
  const { port, problems } = await openWorkbench(await rosterBytes(), '名单.xlsx', recorder().save);
  expect(await problems()).toEqual([]);
  expect(await port.listSheets()).toEqual([
    { name: 'Sheet1', active: true },
    { name: '说明', active: false },
  ]);
  const sheet = await port.readSheet('Sheet1');
  expect(sheet.rows[2]![2]).toEqual({ kind: 'number', value: 2113001450175 });
  expect(sheet.rows[3]![2]!.formula).toBe('"2313001450101"');
});

test('highlights and the selection are kept for the grid, and every change notifies it', async () => {
  const { port } = await openWorkbench(await rosterBytes(), '名单.xlsx', recorder().save);
  let calls = 0;
  const off = port.subscribe(() => calls++);
  await port.highlight('Sheet1', [{ cell: 'C3', severity: 'error' }]);
  await port.select('Sheet1', 'C3');
  expect(port.marksOf('Sheet1')).toEqual([{ cell: 'C3', severity: 'error' }]);
  expect(port.selection).toEqual({ sheet: 'Sheet1', cell: 'C3' });
  await port.clearHighlights('Sheet1');
  expect(port.marksOf('Sheet1')).toEqual([]);
  off();
  await port.select('Sheet1', 'A1');
  expect(calls).toBe(3);
});

test('applying every fix then undoing restores values, number formats, fills, formulas and the sheet name exactly', async () => {
  const { port } = await openWorkbench(await rosterBytes(), '名单.xlsx', recorder().save);
  const before = await port.readSheet('Sheet1');
  const styleBefore = JSON.stringify(port.workbook.getWorksheet('Sheet1')!.getCell('D2').style);
  const a = analyseSheet(before, DEFAULT_PROFILE, { reportDate: REPORT_DATE });
  const plan = planFixes(before, DEFAULT_PROFILE, a);
  expect(plan.patches.length).toBeGreaterThan(0);
  expect(plan.renameSheet).toBe('退学');
  const snapshot = await port.applyPatches('Sheet1', plan.patches, plan.renameSheet);
  expect((await port.listSheets()).map((s) => s.name)).toEqual(['退学', '说明']);
  const fixed = await port.readSheet('退学');
  expect(analyseSheet(fixed, DEFAULT_PROFILE, { reportDate: REPORT_DATE }).report.issues.filter((i) => i.fix)).toEqual([]);
  await port.restore(snapshot);
  expect((await port.listSheets()).map((s) => s.name)).toEqual(['Sheet1', '说明']);
  expect(await port.readSheet('Sheet1')).toEqual(before);
  expect(JSON.stringify(port.workbook.getWorksheet('Sheet1')!.getCell('D2').style)).toBe(styleBefore);
});

test('下载 saves a copy under a name that says what it holds, with the user\'s other sheets intact', async () => {
  const rec = recorder();
  const { port } = await openWorkbench(await rosterBytes(), '名单.xlsx', rec.save);
  const name = await port.downloadCopy('fixed');
  expect(name).toBe('名单-已修复.xlsx');
  expect(copyName('a.XLSX', 'fixed')).toBe('a-已修复.xlsx');
  expect(copyName('a.xlsx', 'edited')).toBe('a-已修改.xlsx');
  expect(copyName('a.xlsx', 'unchanged')).toBe('a-副本.xlsx');
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(rec.saved[0]!.data as unknown as ArrayBuffer);
  expect(back.getWorksheet('说明')!.getCell('A1').value).toBe('这是用户自己的工作表');
  expect(await port.openWorkbook('导出.xlsx', new Uint8Array([1, 2]))).toBe('downloaded');
  expect(rec.saved[1]!.name).toBe('导出.xlsx');
});

test('下载 writes a data validation as the one range it is (not ExcelJS\'s overlapping B10:B100 + B2:B100), and the open workbook keeps its own', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
  ws.addRow([1, '河北分部', '2213001400286', '张明']);
  for (let r = 2; r <= 100; r++) ws.getCell(`B${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"河北分部,北京分部"'] };
  const rec = recorder();
  const { port } = await openWorkbench(new Uint8Array(await wb.xlsx.writeBuffer()), '名单.xlsx', rec.save);
  const model = () => (port.workbook.getWorksheet('退学') as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  const cellsBefore = Object.keys(model()).length;
  for (let round = 0; round < 2; round++) {
    await port.downloadCopy('unchanged');
    const zip = await JSZip.loadAsync(rec.saved[round]!.data);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const ranges = (xml.match(/<dataValidation\b[^>]*>/g) ?? []).map((v) => /sqref="([^"]*)"/.exec(v)![1]);
    expect(ranges).toEqual(['B2:B100']);
    // The workbook being edited is as it was: one entry per cell, as ExcelJS keeps them.
    expect(Object.keys(model())).toHaveLength(cellsBefore);
    expect(port.workbook.getWorksheet('退学')!.getCell('B50').dataValidation).toMatchObject({ type: 'list' });
  }
});

test.each([
  ['a CSV file', new TextEncoder().encode('学号,姓名\n1,张三\n'), '名单.csv', 'csv'],
  ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), '名单.xls', 'xls'],
  ['a password-protected workbook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array.from(new TextEncoder().encode('x')), ...[...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0])]), '加密.xlsx', 'encrypted'],
  ['an empty file', new Uint8Array(), '空.xlsx', 'not-xlsx'],
])('%s is refused with a typed Chinese error', (_what, bytes, name, code) => {
  let error: unknown;
  try {
    classifyBytes(bytes, name);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(XuejiInputError);
  expect((error as XuejiInputError).code).toBe(code);
  expect((error as XuejiInputError).message).toMatch(/[\u4e00-\u9fff]/);
});

test('a damaged zip is corrupt, not a crash', async () => {
  const bytes = (await rosterBytes()).slice(0, 300);
  await expect(openWorkbench(bytes, '坏.xlsx', recorder().save)).rejects.toMatchObject({ code: 'corrupt' });
});

test("the user's edit is written, reported to onRowsChanged (a fix is not), and read back by readRows alone", async () => {
  const { port } = await openWorkbench(await rosterBytes(), '名单.xlsx', recorder().save);
  const first = await port.readSheet('Sheet1');
  const seen: number[][] = [];
  const off = await port.onRowsChanged('Sheet1', (rows) => seen.push(rows));
  const snapshot = port.edit('Sheet1', [
    { cell: 'D3', value: '王芳', numberFormat: 'General' },
    { cell: 'C5', value: '2113001450176', numberFormat: '@' },
  ]);
  expect(seen).toEqual([[3, 5]]);
  const read = await port.readRows('Sheet1', [5, 3]);
  expect(read).toEqual({
    sheet: 'Sheet1',
    rows: [
      { row: 3, cells: [{ kind: 'number', value: 2 }, { kind: 'string', value: '河北分部' }, { kind: 'number', value: 2113001450175 }, { kind: 'string', value: '王芳' }] },
      { row: 5, cells: [undefined, undefined, { kind: 'string', value: '2113001450176', numberFormat: '@' }] },
    ],
    lastRow: 5,
  });
  // The kept sheet is a new object with only those rows new; the old one is untouched (a check keeps its own).
  const now = await port.readSheet('Sheet1');
  expect(now).not.toBe(first);
  expect(now.rows[1]).toBe(first.rows[1]);
  expect(first.rows.length).toBe(4);
  await port.applyPatches('Sheet1', [{ cell: 'A2', value: 9, numberFormat: 'General' }]);
  expect(seen).toHaveLength(1);
  await port.restore(snapshot);
  expect((await port.readSheet('Sheet1')).rows.length).toBe(4);
  await off();
  port.edit('Sheet1', [{ cell: 'D2', value: '张三', numberFormat: 'General' }]);
  expect(seen).toHaveLength(1);
});

test('a fix that renames the sheet keeps its place, its marks and its subscribers; 撤销 brings the name back', async () => {
  const { port } = await openWorkbench(await rosterBytes(), '名单.xlsx', recorder().save);
  port.setActiveSheet('Sheet1');
  await port.highlight('Sheet1', [{ cell: 'D3', severity: 'error' }]);
  const seen: number[][] = [];
  await port.onRowsChanged('Sheet1', (rows) => seen.push(rows));
  const snapshot = await port.applyPatches('Sheet1', [{ cell: 'D3', value: '王芳', numberFormat: '@' }], '退学');
  expect(port.activeSheet).toBe('退学');
  expect(port.marksOf('退学')).toEqual([{ cell: 'D3', severity: 'error' }]);
  expect((await port.readSheet('退学')).name).toBe('退学');
  port.edit('退学', [{ cell: 'D4', value: '李雷', numberFormat: 'General' }]);
  expect(seen).toEqual([[4]]);
  await port.restore(snapshot);
  expect(port.activeSheet).toBe('Sheet1');
  expect((await port.readRows('Sheet1', [3])).sheet).toBe('Sheet1');
});
