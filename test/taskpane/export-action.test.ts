/** 导出 from the pane: the exporter's public functions behind one module, files handed to port.openWorkbook. */
import * as ExcelJS from 'exceljs';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { exportSheet, ExportNotReadyError } from '../../src/taskpane/export-action';
import { PaneError } from '../../src/taskpane/errors';
import { FakePort } from './fake-port';
import { cleanRoster, rosterWithIssues } from './sheets';
import { sheetOf } from '../helpers/sheet';

const OPTIONS = { reportDate: { y: 2026, m: 11, d: 22 } };

test('a clean roster becomes its submission workbook, opened through the port', async () => {
  const input = cleanRoster();
  const port = new FakePort([input]);
  const steps: string[] = [];
  const out = await exportSheet(port, input, DEFAULT_PROFILE, OPTIONS, false, (s, f) => steps.push(f ? `${s}:${f}` : s));
  expect(out.kind).toBe('done');
  if (out.kind !== 'done') return;
  expect(out.files).toHaveLength(1);
  expect(out.files[0]!.result).toBe('opened');
  expect(out.files[0]!.fileName).toMatch(/\.xlsx$/);
  expect(port.opened).toHaveLength(1);
  const { fileName, data } = port.opened[0]!;
  expect(fileName).toBe(out.files[0]!.fileName);
  expect(steps).toEqual(['prepare', `write:${fileName}`, `open:${fileName}`]);
  // A real .xlsx: a zip that ExcelJS reads back, holding the roster's students.
  expect(Buffer.from(data.subarray(0, 2)).toString('latin1')).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  for (const r of input.rows.slice(1, 4)) expect(texts).toContain(String(r![2]!.value));
});

test('fixable issues are fixed in the export; errors no fix resolves block it until forced', async () => {
  const input = rosterWithIssues();
  const port = new FakePort([input]);
  const blocked = await exportSheet(port, input, DEFAULT_PROFILE, OPTIONS, false);
  expect(blocked).toEqual({
    kind: 'blocked',
    total: 1,
    problems: [{ where: '原表 C4', message: expect.stringContaining('学号应为13位数字') }],
  });
  expect(port.opened).toHaveLength(0);

  port.openResult = 'downloaded';
  const forced = await exportSheet(port, input, DEFAULT_PROFILE, OPTIONS, true);
  expect(forced).toMatchObject({ kind: 'done', forcedErrors: 1, warnings: 1, files: [{ result: 'downloaded' }] });
  expect(port.opened).toHaveLength(1);
});

test('a sheet that is no template exports nothing, and says why', async () => {
  const input = sheetOf('杂项', [['随便'], ['一些', '文字']]);
  const out = await exportSheet(new FakePort([input]), input, DEFAULT_PROFILE, OPTIONS, false);
  expect(out.kind).toBe('nothing');
  if (out.kind === 'nothing') expect(out.reason).toContain('杂项');
});

test('a failing openWorkbook is a typed Chinese error', async () => {
  const input = cleanRoster();
  const port = new FakePort([input]);
  port.failNext('openWorkbook', Object.assign(new Error('nope'), { code: 'GeneralException' }));
  const e = await exportSheet(port, input, DEFAULT_PROFILE, OPTIONS, false).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(PaneError);
  expect((e as PaneError).message).toBe('导出失败：Excel 内部错误，请稍后再试');
  expect((e as PaneError).action).toBe('export');
});

test('ExportNotReadyError is the typed “not ready” error', () => {
  const e = new ExportNotReadyError();
  expect(e).toBeInstanceOf(PaneError);
  expect(e.code).toBe('export-not-ready');
  expect(e.message).toBe('导出功能尚未就绪');
});
