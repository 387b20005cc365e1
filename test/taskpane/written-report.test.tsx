/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 生成书面报告 in the pane (and so in the workbench, which shows the same pane): the reports of the open workbook's
// sheets and of the workbooks added, saved as .docx through the port and read back; errors hold them back until the
// registrar goes on; nothing to report on is said so. The counting is the core's (tested there): these tests check
// the wiring.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import * as ExcelJS from 'exceljs';
import { App } from '../../src/taskpane/App';
import type { SheetInput } from '../../src/core/types';
import { FakePort } from './fake-port';
import { readDocx } from '../helpers/docx';
import { BATCH1, BATCH2, edited, enrolledStudents, newStudents, roster } from '../core/written-report/fixtures';

const TODAY = () => ({ y: 2026, m: 11, d: 22 });

// jsdom leaves out TextEncoder, which every browser the pane runs in has.
if (typeof globalThis.TextEncoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Object.assign(globalThis, { TextEncoder: (require('node:util') as typeof import('node:util')).TextEncoder });
}

/** A FakePort that can save bytes (as the workbench may); the saved files are recorded. */
class SavingPort extends FakePort {
  readonly saved: { fileName: string; data: Uint8Array }[] = [];
  readonly fileName = '本学期.xlsx';
  async saveFile(fileName: string, data: Uint8Array): Promise<void> {
    this.saved.push({ fileName, data });
  }
}

async function openSection(sheets: SheetInput[]): Promise<{ port: SavingPort; section: HTMLElement }> {
  const port = new SavingPort(sheets);
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={TODAY} liveDelayMs={30} />
    </RendererProvider>,
  );
  // The section is loaded on its own (React.lazy): it appears once its chunk is in.
  fireEvent.click(await screen.findByRole('button', { name: '书面报告' }, { timeout: 10000 }));
  // Compiling that chunk on a loaded machine takes seconds: the default 1 s wait failed under a full `npm test`.
  return { port, section: await screen.findByRole('region', { name: '书面报告' }, { timeout: 10000 }) };
}

function generate(section: HTMLElement) {
  fireEvent.click(within(section).getByRole('button', { name: '生成书面报告' }));
}

async function xlsxFile(name: string, sheet: SheetInput): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name);
  sheet.rows.forEach((row, r) => row?.forEach((c, col) => c && (ws.getCell(r + 1, col + 1).value = c.value as string | number)));
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return new File([bytes as BlobPart], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

test('the open workbook’s correction sheet and roster give both reports, saved as .docx', async () => {
  const { port, section } = await openSection([newStudents(), roster('退学', BATCH1)]);
  generate(section);
  const status = await within(section).findByRole('status', undefined, { timeout: 15000 });
  expect(status.textContent).toBe(
    '已生成“信息修改书面报告.docx”：1 张统计表，4 名学生 5 项修改（信息变更 2 项，信息录入错误 3 项）；逾期提交 3 项，已附情况说明（请填写原因，由主管校长审批签字、加盖学校公章）。' +
      '已生成“学信网退学书面报告.docx”：1 批，共 3 名学生（第1批 3 名）。',
  );
  expect(port.saved.map((f) => f.fileName)).toEqual(['信息修改书面报告.docx', '学信网退学书面报告.docx']);
  const c = await readDocx(port.saved[0]!.data);
  expect(c.texts[1]).toContain('共涉及学生 4 人，修改信息 5 项，其中信息变更 2 项，信息录入错误 3 项。');
  expect(c.texts).toContain('关于逾期提交学生基本信息修改申请的情况说明');
  const w = await readDocx(port.saved[1]!.data);
  expect(w.tables[0]![1]).toEqual(['第1批', '本学期.xlsx', '河北分部', '3']);
  // The workbook was only read.
  expect(port.callsOf('applyPatches')).toHaveLength(0);
});

test('an added workbook is the next batch', async () => {
  const { port, section } = await openSection([roster('退学', BATCH1)]);
  const input = within(section).getByLabelText('添加其他工作簿（.xlsx）') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [await xlsxFile('第二批.xlsx', roster('退学', BATCH2))] } });
  expect(within(section).getByText('已添加：第二批.xlsx')).toBeTruthy();
  generate(section);
  const status = await within(section).findByRole('status', undefined, { timeout: 15000 });
  expect(status.textContent).toBe('已生成“学信网退学书面报告.docx”：2 批，共 5 名学生（第1批 3 名，第2批 2 名）。');
  const w = await readDocx(port.saved[0]!.data);
  expect(w.tables[0]!.slice(1)).toEqual([
    ['第1批', '本学期.xlsx', '河北分部', '3'],
    ['第2批', '第二批.xlsx', '河北分部', '2'],
    ['合计', '2 批', '', '5'],
  ]);
});

test('errors no fix resolves hold the reports back; 忽略错误继续 generates them with a warning', async () => {
  const { port, section } = await openSection([edited(enrolledStudents(), { D3: '转专业' })]);
  generate(section);
  const held = await within(section).findByRole('group', { name: '生成书面报告前需要处理的错误' }, { timeout: 15000 });
  expect(held.textContent).toContain('还有 1 个无法自动修复的错误');
  expect(held.textContent).toContain('本学期.xlsx「在籍生」D3：“转专业”属于学籍异动，不在本表办理，请走学籍异动流程');
  expect(port.saved).toEqual([]);
  fireEvent.click(within(held).getByRole('button', { name: '忽略错误继续' }));
  const status = await within(section).findByRole('status', undefined, { timeout: 15000 });
  expect(status.textContent).toContain('注意：报告中计入了仍有错误的 1 处，请改正表格后重新生成。');
  expect(port.saved.map((f) => f.fileName)).toEqual(['信息修改书面报告.docx']);
});

test('a workbook with nothing to report on says so and saves nothing', async () => {
  const { port, section } = await openSection([{ name: '说明', rows: [[{ kind: 'string', value: '填表说明' }]], merges: [] }]);
  generate(section);
  const alert = await within(section).findByRole('alert', undefined, { timeout: 15000 });
  expect(alert.textContent).toMatch(/^没有找到学生基本信息修改情况统计表或学信网退学汇总名单/);
  expect(port.saved).toEqual([]);
});

test('a failure reading the workbook is shown in Chinese, never swallowed', async () => {
  const { port, section } = await openSection([newStudents()]);
  port.failNext('listSheets', new Error('连接已断开'));
  generate(section);
  const alert = await within(section).findByRole('alert', undefined, { timeout: 15000 });
  expect(alert.textContent).toBe('生成书面报告失败：连接已断开');
  await waitFor(() => expect(within(section).getByRole('button', { name: '生成书面报告' })).not.toHaveProperty('disabled', true));
});
