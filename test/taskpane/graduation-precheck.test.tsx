/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 毕业资格预审 in the pane (and so in the workbench, which shows the same pane): the batch picker and its default, the
// students per reason, the reasons' cells marked and selectable, the two-sheet export handed to the port, and a sheet
// that is no student list said so. The verdicts themselves are the core's (tested there and through `xueji precheck`):
// these tests check the wiring.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import * as ExcelJS from 'exceljs';
import { App } from '../../src/taskpane/App';
import type { SheetInput } from '../../src/core/types';
import type { Ymd } from '../../src/core/cells/dates';
import { FakePort } from './fake-port';
import { PC_FULL_HEADER, pcRecord, pcSheet } from '../helpers/roster';
import { makeSid } from '../helpers/rules';
import { sheetOf } from '../helpers/sheet';

/** Against 202307: may apply, too early, expired, last chance, no photo + identity in doubt (rows 2–6). */
const ROSTER = pcSheet(
  [
    pcRecord(0),
    pcRecord(1, { 入学年度学期: '2021秋季', 学号: makeSid(50002, { year: 2021 }) }),
    pcRecord(2, { 入学年度学期: '2015春季', 学号: makeSid(3, { year: 2015 }) }),
    pcRecord(3, { 入学年度学期: '2015秋季', 学号: makeSid(50004, { year: 2015 }) }),
    pcRecord(4, { 毕业照片状态: '未上传', 身份存疑: '是' }),
  ],
  { header: PC_FULL_HEADER, name: '学生名单' },
);

async function openSection(sheets: SheetInput[], today: Ymd = { y: 2023, m: 5, d: 10 }): Promise<{ port: FakePort; section: HTMLElement }> {
  const port = new FakePort(sheets);
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={() => today} liveDelayMs={30} />
    </RendererProvider>,
  );
  // The section's body is a chunk of its own (React.lazy): it appears once loaded.
  fireEvent.click(await screen.findByRole('button', { name: '毕业资格预审' }, { timeout: 10000 }));
  return { port, section: await screen.findByRole('region', { name: '毕业资格预审' }, { timeout: 10000 }) };
}

function batchPicker(section: HTMLElement): HTMLSelectElement {
  return within(section).getByLabelText('毕业批次') as HTMLSelectElement;
}

test('the batch picker defaults to the next batch after today and offers the ones around it', async () => {
  const { section } = await openSection([ROSTER], { y: 2023, m: 7, d: 21 });
  const picker = batchPicker(section);
  expect(picker.value).toBe('202401');
  expect(Array.from(picker.options).map((o) => o.value)).toEqual(['202301', '202307', '202401', '202407', '202501', '202507']);
});

test('pre-check against 202307: counts per reason, the students who may not apply, the cells marked and selectable', async () => {
  const { port, section } = await openSection([ROSTER]);
  expect(batchPicker(section).value).toBe('202307');
  fireEvent.click(within(section).getByRole('button', { name: '开始预审' }));
  const result = await within(section).findByRole('region', { name: '预审结果' }, { timeout: 15000 });
  expect(result.textContent).toContain('2023年7月批次（202307，毕业证书日期 2023-07-20）：可申请毕业 2 名（其中 1 名本批次是最后一次机会）；暂不能申请 3 名（共 5 名）');
  const counts = within(result).getByRole('table', { name: '各原因人数' });
  const rows = within(counts).getAllByRole('row').map((r) => r.textContent);
  expect(rows).toEqual([
    '未满最短学习年限1 名[graduation.too-early]',
    '学籍已过期1 名[graduation.expired]',
    '缺少毕业照片1 名[graduation.photo-missing]',
    '身份存疑1 名[graduation.identity-doubt]',
    '最后一次毕业机会（提醒，仍可申请）1 名[graduation.expiring]',
  ]);
  // The reasons' cells are marked in the sheet: errors on D3, D4, N6, Q6, the last-chance warning on D5.
  expect(port.marks.get('学生名单')).toEqual(
    expect.arrayContaining([
      { cell: 'D3', severity: 'error' },
      { cell: 'D4', severity: 'error' },
      { cell: 'N6', severity: 'error' },
      { cell: 'Q6', severity: 'error' },
      { cell: 'D5', severity: 'warning' },
    ]),
  );
  expect(port.marks.get('学生名单')).toHaveLength(5);
  const refused = within(result).getByRole('list', { name: '暂不能申请的学生' });
  expect(within(refused).getAllByRole('listitem')).toHaveLength(3);
  fireEvent.click(within(refused).getByRole('button', { name: 'Q6' }));
  await waitFor(() => expect(port.callsOf('select')).toEqual([['学生名单', 'Q6']]));
  // The sheet was only read.
  expect(port.callsOf('applyPatches')).toHaveLength(0);
});

test('another batch from the picker: 202401 takes 2021秋季', async () => {
  const { section } = await openSection([ROSTER]);
  fireEvent.change(batchPicker(section), { target: { value: '202401' } });
  fireEvent.click(within(section).getByRole('button', { name: '开始预审' }));
  const result = await within(section).findByRole('region', { name: '预审结果' }, { timeout: 15000 });
  expect(result.textContent).toContain('2024年1月批次（202401');
  expect(result.textContent).not.toContain('未满最短学习年限');
  expect(result.textContent).toContain('提醒：计划2024年1月毕业的学生');
});

test('导出预审结果 hands the two-sheet workbook to the port', async () => {
  const { port, section } = await openSection([ROSTER]);
  const exportButton = within(section).getByRole('button', { name: '导出预审结果' });
  expect((exportButton as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(within(section).getByRole('button', { name: '开始预审' }));
  await within(section).findByRole('region', { name: '预审结果' }, { timeout: 15000 });
  fireEvent.click(exportButton);
  const status = await within(section).findByRole('status', undefined, { timeout: 15000 });
  expect(status.textContent).toBe('已导出“202307毕业资格预审.xlsx”（已在 Excel 中打开为新工作簿，请保存）：工作表“可申请毕业” 2 名，“暂不能申请” 3 名。');
  const [[fileName, data]] = port.callsOf('openWorkbook') as [[string, Uint8Array]];
  expect(fileName).toBe('202307毕业资格预审.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['可申请毕业', '暂不能申请']);
  expect(wb.worksheets[1]!.getCell('B3').value).toBe(ROSTER.rows[2]![1]!.value);
  expect(String(wb.worksheets[1]!.getCell('H5').value)).toMatch(/^缺少毕业照片：.*；\n身份存疑：/);
});

test('a sheet that is no student list: said in Chinese, nothing marked', async () => {
  const { port, section } = await openSection([sheetOf('说明', [['本表说明'], ['请勿修改']])]);
  fireEvent.click(within(section).getByRole('button', { name: '开始预审' }));
  const alert = await within(section).findByRole('alert', undefined, { timeout: 15000 });
  expect(alert.textContent).toMatch(/^工作表“说明”的前20行中找不到学生名单的表头/);
  expect(port.callsOf('highlight')).toHaveLength(0);
});
