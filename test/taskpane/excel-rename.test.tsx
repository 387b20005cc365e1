/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Bug 1 of issue 10, inside Excel: the pane over the real Excel adapter (on the recording fake) applies a fix that
// renames the sheet, stays on it under its new name, and after 撤销 is back on it under the old one — no
// "sheet not found", and live edits on the renamed sheet are still heard.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { OWN_WRITE_GRACE_MS } from '../../src/taskpane/hooks/useLiveRecheck';
import { FakeExcel, portFor } from '../excel/helpers';
import { makeName, makeSid } from '../helpers/rules';

const TODAY = () => ({ y: 2026, m: 11, d: 22 });

test('a fix that renames the sheet, and its 撤销, keep the pane on the sheet (Excel adapter)', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1', [
    ['序号', '分部名称', '学号全码', '学生姓名'],
    [1, '河北分部', makeSid(1), makeName(0)],
    [2, '河北分部', makeSid(2), `${makeName(1)} `],
    ['经办人：'],
  ]);
  const port = portFor(fake);
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={TODAY} liveDelayMs={10} />
    </RendererProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: '校验' }));
  await screen.findByRole('button', { name: 'D3' });
  fireEvent.click(screen.getByRole('button', { name: '一键修复' }));
  await screen.findByRole('region', { name: '修复预览' });
  fireEvent.click(screen.getByRole('button', { name: /应用所选修改（2 处）/ }));
  await screen.findByText(/已写入 2 处修改（1 个单元格，工作表改名为“退学”）/);
  await screen.findByText(/工作表“退学”/);
  expect(fake.sheets.map((s) => s.name)).toEqual(['退学']);

  // A live edit on the renamed sheet is heard and re-checked (after the pane's grace for late echoes of its own write).
  await act(() => new Promise((r) => setTimeout(r, OWN_WRITE_GRACE_MS + 100)));
  await act(async () => {
    await fake.userEdit('退学', 'D2', [[`${makeName(0)} `]]);
  });
  await screen.findByRole('button', { name: 'D2' }, { timeout: 5000 });

  fireEvent.click(screen.getByRole('button', { name: '撤销' }));
  await screen.findByText(/已撤销上一次修复，恢复了 1 个单元格和工作表名称“Sheet1”/);
  await screen.findByText(/工作表“Sheet1”/);
  expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  fireEvent.click(screen.getByRole('button', { name: '重新校验' }));
  await waitFor(() => expect((screen.getByRole('button', { name: '校验' }) as HTMLButtonElement).disabled).toBe(false));
  await screen.findByRole('button', { name: 'D3' });
  expect(screen.queryByRole('alert', { name: '错误' })).toBeNull();
  expect(fake.eventErrors).toEqual([]);
});
