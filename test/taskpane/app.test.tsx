/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// (Node's export conditions: ExcelJS's dependencies would otherwise resolve to ESM-only browser builds, which
// jest does not transform. webpack gives the real pane ExcelJS's prebuilt browser bundle.)
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { FakePort, withoutEvents } from './fake-port';
import { cleanRoster, rosterWithIssues } from './sheets';
import type { Patch } from '../../src/core/types';
import type { Mark, Snapshot } from '../../src/core/port';

/** An issue entry's accessible name: exactly its cell address (the message is its description). */
function cellName(cell: string): RegExp {
  return new RegExp(`^${cell}$`);
}

const TODAY = () => ({ y: 2026, m: 11, d: 22 });

function setup(port = new FakePort([rosterWithIssues()]), liveDelayMs = 30) {
  const view = render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={TODAY} liveDelayMs={liveDelayMs} />
    </RendererProvider>,
  );
  return { port, view };
}

function button(name: string | RegExp) {
  return screen.getByRole('button', { name });
}

async function checked(port: FakePort) {
  fireEvent.click(button('校验'));
  await screen.findByRole('list', { name: '问题列表（按规则分组）' });
  await waitFor(() => expect(port.callsOf('highlight')).toHaveLength(1));
}

describe('task pane: actions tools can drive', () => {
  test('the action buttons have the accessible names tools look for', () => {
    setup();
    for (const name of ['校验', '重新校验', '一键修复', '撤销', '导出']) expect(button(name)).toBeTruthy();
    // Exactly one button each: no other control's name contains these words.
    for (const word of [/校验/, /一键修复/, /撤销/, /导出/]) {
      const names = screen.getAllByRole('button').map((b) => b.textContent ?? '');
      expect(names.filter((n) => word.test(n)).length).toBe(word.source === '校验' ? 2 : 1);
    }
  });
});

describe('校验', () => {
  test('shows the summary and the issues grouped by rule, each with its cell, and highlights them', async () => {
    const { port } = setup();
    await checked(port);

    expect(screen.getByTestId('count-errors').textContent).toContain('3');
    expect(screen.getByTestId('count-warnings').textContent).toContain('1');
    expect(screen.getByTestId('count-fixable').textContent).toContain('2');
    expect(screen.getByText(/学信网退学汇总名单（自动识别）/)).toBeTruthy();

    const list = screen.getByRole('list', { name: '问题列表（按规则分组）' });
    const headings = within(list).getAllByRole('heading').map((h) => h.textContent);
    expect(headings).toEqual([
      expect.stringContaining('cell.fullwidth'),
      expect.stringContaining('cell.whitespace'),
      expect.stringContaining('student-id.format'),
      expect.stringContaining('withdrawal.mixed-branch'),
    ]);
    for (const cell of ['C2', 'D3', 'C4', 'B5']) {
      const entry = within(list).getByRole('button', { name: cellName(cell) });
      expect(entry.textContent).toContain(cell);
    }
    const d3 = within(list).getByRole('button', { name: cellName('D3') });
    expect(d3.textContent).toBe('D3');
    expect(document.getElementById(d3.getAttribute('aria-describedby')!)!.textContent).toContain('姓名中含有空格');

    expect(port.callsOf('listSheets')).toHaveLength(1);
    expect(port.callsOf('readSheet')).toEqual([['退学']]);
    const [sheet, marks] = port.callsOf('highlight')[0] as [string, Mark[]];
    expect(sheet).toBe('退学');
    expect(marks).toEqual(
      expect.arrayContaining([
        { cell: 'C2', severity: 'error' },
        { cell: 'D3', severity: 'error' },
        { cell: 'C4', severity: 'error' },
        { cell: 'B5', severity: 'warning' },
      ]),
    );
    expect(marks).toHaveLength(4);
  });

  test('clicking an issue selects its cell in the sheet', async () => {
    const { port } = setup();
    await checked(port);
    fireEvent.click(screen.getByRole('button', { name: cellName('C4') }));
    await waitFor(() => expect(port.callsOf('select')).toEqual([['退学', 'C4']]));
    expect(screen.getByRole('button', { name: cellName('C4') }).getAttribute('aria-current')).toBe('true');
  });

  test('a clean sheet says so', async () => {
    const port = new FakePort([cleanRoster()]);
    setup(port);
    fireEvent.click(button('校验'));
    await screen.findByText('没有发现问题。');
    expect(port.callsOf('highlight')[0]).toEqual(['退学', []]);
    expect((button('一键修复') as HTMLButtonElement).disabled).toBe(true);
  });

  test('checks the active sheet, and the template the user picked', async () => {
    const port = new FakePort([cleanRoster('其他'), rosterWithIssues('名单')], '名单');
    setup(port);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'withdrawal' } });
    fireEvent.click(button('校验'));
    await screen.findByText(/学信网退学汇总名单（手动选择）/);
    expect(port.callsOf('readSheet')).toEqual([['名单']]);
  });

  test('shows read progress while a long sheet is read', async () => {
    const port = new FakePort([rosterWithIssues()]);
    let open!: () => void;
    port.gate = new Promise((r) => (open = r));
    setup(port);
    fireEvent.click(button('校验'));
    await screen.findByRole('progressbar');
    expect((button('校验') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => open());
    await screen.findByRole('list', { name: '问题列表（按规则分组）' });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  test('重新校验 reads the same sheet again', async () => {
    const { port } = setup();
    await checked(port);
    port.setActive('somewhere-else');
    fireEvent.click(button('重新校验'));
    await waitFor(() => expect(port.callsOf('readSheet')).toEqual([['退学'], ['退学']]));
    await waitFor(() => expect(port.callsOf('highlight')).toHaveLength(2));
  });
});

describe('一键修复, 应用, 撤销', () => {
  async function openPreview(port: FakePort) {
    await checked(port);
    fireEvent.click(button('一键修复'));
    return screen.findByRole('region', { name: '修复预览' });
  }

  test('the preview lists every change as cell, before and after, each with a checkbox', async () => {
    const { port } = setup();
    const preview = await openPreview(port);
    const rows = within(preview).getAllByRole('row').filter((r) => r.getAttribute('data-cell'));
    expect(rows.map((r) => r.getAttribute('data-cell'))).toEqual(['C2', 'D3']);
    const d3 = rows[1]!;
    // The space made visible, the value type on both sides (issue 9).
    expect(within(d3).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', 'D3', '刘␣洋（文本）', '刘洋（文本）']);
    expect(within(preview).getByText(/␣ 空格/)).toBeTruthy();
    const boxes = within(preview).getAllByRole('checkbox', { name: /→/ });
    expect(boxes).toHaveLength(2);
    for (const b of boxes) expect((b as HTMLInputElement).checked).toBe(true);
    expect(button(/应用/)).toBeTruthy();
  });

  test('unticking a change leaves it out; 应用 writes the rest; 撤销 restores the snapshot', async () => {
    const { port } = setup();
    const preview = await openPreview(port);
    fireEvent.click(within(preview).getByRole('checkbox', { name: /^C2：/ }));
    expect((within(preview).getByRole('checkbox', { name: /^C2：/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(button(/应用/));

    await waitFor(() => expect(port.callsOf('applyPatches')).toHaveLength(1));
    const [sheet, patches, rename] = port.callsOf('applyPatches')[0] as [string, Patch[], string | null];
    expect(sheet).toBe('退学');
    expect(patches).toEqual([{ cell: 'D3', value: '刘洋', numberFormat: '@' }]);
    expect(rename).toBeNull();
    expect(port.sheet('退学').rows[2]![3]!.value).toBe('刘洋');

    // The re-check after the write: D3 is fixed, C2 is still there.
    await screen.findByText(/已写入 1 处修改/);
    await waitFor(() => expect(screen.queryByRole('button', { name: cellName('D3') })).toBeNull());
    expect(screen.getByRole('button', { name: cellName('C2') })).toBeTruthy();

    await waitFor(() => expect((button('撤销') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button('撤销'));
    await waitFor(() => expect(port.callsOf('restore')).toHaveLength(1));
    const [restored] = port.callsOf('restore')[0] as [Snapshot];
    expect(restored).toEqual({ sheet: '退学', cells: [{ cell: 'D3', value: '刘 洋', numberFormat: 'General' }] });
    expect(port.sheet('退学').rows[2]![3]!.value).toBe('刘 洋');
    await screen.findByText(/已撤销上一次修复/);
    await screen.findByRole('button', { name: cellName('D3') });
    await waitFor(() => expect((button('撤销') as HTMLButtonElement).disabled).toBe(true));
  });

  test('取消 closes the preview without writing', async () => {
    const { port } = setup();
    await openPreview(port);
    fireEvent.click(button('取消'));
    expect(screen.queryByRole('region', { name: '修复预览' })).toBeNull();
    expect(port.callsOf('applyPatches')).toHaveLength(0);
  });

  test('a failed write keeps the preview open and shows why, in Chinese', async () => {
    const { port } = setup();
    await openPreview(port);
    port.failNext('applyPatches', Object.assign(new Error('The sheet is protected.'), { code: 'AccessDenied' }));
    fireEvent.click(button(/应用/));
    const alert = await screen.findByRole('alert', { name: '错误' });
    expect(alert.textContent).toContain('写入修复失败：没有权限修改');
    expect(alert.textContent).toContain('AccessDenied');
    expect(screen.getByRole('region', { name: '修复预览' })).toBeTruthy();
    expect((button('撤销') as HTMLButtonElement).disabled).toBe(true);
  });

  test('without live events the plan is made from a fresh read', async () => {
    const port = withoutEvents(new FakePort([rosterWithIssues()]));
    setup(port);
    await checked(port);
    expect(screen.getByText(/此环境不支持/)).toBeTruthy();
    fireEvent.click(button('一键修复'));
    await screen.findByRole('region', { name: '修复预览' });
    expect(port.callsOf('readSheet')).toHaveLength(2);
  });
});

describe('撤销 and 重做, one history', () => {
  test('重做 writes the undone fix again and re-checks only the rows it wrote', async () => {
    const { port } = setup();
    await checked(port);
    fireEvent.click(button('一键修复'));
    await screen.findByRole('region', { name: '修复预览' });
    fireEvent.click(button(/应用/));
    await screen.findByText(/已写入 2 处修改/);
    expect((button('重做') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect((button('撤销') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button('撤销'));
    await screen.findByText(/已撤销上一次修复/);
    await screen.findByRole('button', { name: cellName('D3') });
    await waitFor(() => expect((button('重做') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button('重做'));
    await screen.findByText(/已重做这次修复/);
    await waitFor(() => expect(screen.queryByRole('button', { name: cellName('D3') })).toBeNull());
    const applied = port.callsOf('applyPatches');
    expect(applied).toHaveLength(2);
    expect(applied[1]).toEqual(applied[0]);
    // Undo and redo re-read only the rows they wrote.
    expect(port.callsOf('readRows')).toEqual([
      ['退学', [2, 3]],
      ['退学', [2, 3]],
    ]);
    expect(port.sheet('退学').rows[2]![3]!.value).toBe('刘洋');
    await waitFor(() => expect((button('撤销') as HTMLButtonElement).disabled).toBe(false));
  });

  test('a fix that renames the sheet: the notice counts what the preview counted, and 撤销 leaves the pane on the sheet', async () => {
    const port = new FakePort([rosterWithIssues('Sheet1')]);
    setup(port);
    await checked(port);
    fireEvent.click(button('一键修复'));
    const preview = await screen.findByRole('region', { name: '修复预览' });
    expect(preview.textContent).toContain('共 3 处修改');
    fireEvent.click(button(/应用所选修改（3 处）/));
    await screen.findByText(/已写入 3 处修改（2 个单元格，工作表改名为“退学”）/);
    await waitFor(() => expect(port.callsOf('readSheet').at(-1)).toEqual(['退学']));
    await waitFor(() => expect((button('撤销') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button('撤销'));
    await screen.findByText(/已撤销上一次修复，恢复了 2 个单元格和工作表名称“Sheet1”/);
    await waitFor(() => expect(port.callsOf('readSheet').at(-1)).toEqual(['Sheet1']));
    fireEvent.click(button('重新校验'));
    await waitFor(() => expect(port.callsOf('readSheet').at(-1)).toEqual(['Sheet1']));
    await waitFor(() => expect(port.callsOf('highlight')).toHaveLength(4));
    await waitFor(() => expect((button('校验') as HTMLButtonElement).disabled).toBe(false));
    expect(port.callsOf('readSheet')).toHaveLength(4);
    expect(screen.queryByRole('alert', { name: '错误' })).toBeNull();
  });
});

describe('导出', () => {
  test('errors no fix resolves hold the export back until the user goes on; the file opens through the port', async () => {
    const { port } = setup();
    fireEvent.click(button('导出'));
    const held = await screen.findByRole('region', { name: '导出前需要处理的错误' });
    expect(held.textContent).toContain('原表 C4');
    expect(port.callsOf('openWorkbook')).toHaveLength(0);
    fireEvent.click(within(held).getByRole('button', { name: '忽略错误继续' }));
    await screen.findByText(/已导出 1 个上报文件/, undefined, { timeout: 10000 });
    expect(port.callsOf('openWorkbook')).toHaveLength(1);
    const [fileName, data] = port.callsOf('openWorkbook')[0] as [string, Uint8Array];
    expect(fileName).toMatch(/\.xlsx$/);
    expect(data.length).toBeGreaterThan(1000);
    expect(screen.getByRole('status').textContent).toContain('已在 Excel 中打开');
  });

  test('a clean sheet exports at once', async () => {
    const port = new FakePort([cleanRoster()]);
    port.openResult = 'downloaded';
    setup(port);
    fireEvent.click(button('导出'));
    await screen.findByText(/已导出 1 个上报文件/, undefined, { timeout: 10000 });
    expect(screen.getByRole('status').textContent).toContain('已下载');
  });
});

describe('errors', () => {
  test('a port error is shown in Chinese, typed, and can be dismissed', async () => {
    const port = new FakePort([rosterWithIssues()]);
    port.failNext('readSheet', Object.assign(new Error('Cannot enter cell edit mode.'), { code: 'InvalidOperationInCellEditMode' }));
    setup(port);
    fireEvent.click(button('校验'));
    const alert = await screen.findByRole('alert', { name: '错误' });
    expect(alert.textContent).toContain('读取工作表失败：Excel 正在编辑单元格');
    expect(alert.querySelector('[data-error-code="port"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '关闭此错误提示' }));
    expect(screen.queryByRole('alert', { name: '错误' })).toBeNull();
  });

  test("the Excel adapter's own Chinese message is shown as it is", async () => {
    const port = new FakePort([rosterWithIssues()]);
    const adapterError = Object.assign(new Error('读取工作表失败：找不到工作表“退学”，它可能已被重命名或删除。'), {
      name: 'ExcelAdapterError',
      code: 'sheet-not-found',
      officeCode: 'ItemNotFound',
    });
    port.failNext('readSheet', adapterError);
    setup(port);
    fireEvent.click(button('校验'));
    const alert = await screen.findByRole('alert', { name: '错误' });
    expect(alert.textContent).toContain('读取工作表失败：找不到工作表“退学”');
    expect(alert.textContent).not.toContain('读取工作表失败：读取工作表失败');
    expect(alert.textContent).toContain('sheet-not-found / ItemNotFound');
  });

  test('a failed highlight still shows the report', async () => {
    const port = new FakePort([rosterWithIssues()]);
    port.failNext('highlight', Object.assign(new Error('x'), { code: 'GeneralException' }));
    setup(port);
    fireEvent.click(button('校验'));
    await screen.findByRole('list', { name: '问题列表（按规则分组）' });
    expect((await screen.findByRole('alert', { name: '错误' })).textContent).toContain('标记有问题的单元格失败');
  });

  test('a failed select is shown', async () => {
    const { port } = setup();
    await checked(port);
    port.failNext('select', Object.assign(new Error('bad'), { code: 'InvalidArgument' }));
    fireEvent.click(screen.getByRole('button', { name: cellName('C2') }));
    expect((await screen.findByRole('alert', { name: '错误' })).textContent).toContain('定位单元格失败');
  });
});

describe('live re-check', () => {
  test("the user's edits re-check the sheet after a pause", async () => {
    const { port } = setup(new FakePort([rosterWithIssues()]), 30);
    await checked(port);
    await waitFor(() => expect(port.listeners.has('退学')).toBe(true));
    expect(screen.getByText(/自动重新校验：已开启/)).toBeTruthy();

    act(() => {
      port.userEdit('退学', [{ cell: 'D3', value: '刘洋', numberFormat: '@' }]);
      port.userEdit('退学', [{ cell: 'C2', value: '2013001200001', numberFormat: '@' }]);
    });
    await screen.findByText(/已根据第 2、3 行的修改重新校验/);
    // Only the changed rows were read again, and only the cells whose marks changed were re-marked.
    expect(port.callsOf('readSheet')).toHaveLength(1);
    expect(port.callsOf('readRows')).toEqual([['退学', [2, 3]]]);
    await waitFor(() => expect(port.callsOf('highlight')).toHaveLength(2));
    const [, marks, hint] = port.callsOf('highlight')[1] as [string, Mark[], { changedCells: string[] }];
    expect(hint.changedCells.sort()).toEqual(['C2', 'D3']);
    expect(marks.map((m) => m.cell).sort()).toEqual(['B5', 'C4']);
    expect(screen.queryByRole('button', { name: cellName('D3') })).toBeNull();
    expect(screen.queryByRole('button', { name: cellName('C2') })).toBeNull();
  });

  test("the add-in's own writes (echoed by the port, some late) trigger no extra re-check", async () => {
    const { port } = setup(new FakePort([rosterWithIssues()]), 30);
    await checked(port);
    await waitFor(() => expect(port.listeners.has('退学')).toBe(true));
    fireEvent.click(button('一键修复'));
    await screen.findByRole('region', { name: '修复预览' });
    fireEvent.click(button(/应用/));
    await screen.findByText(/已写入 2 处修改/);
    await waitFor(() => expect(port.callsOf('readSheet')).toHaveLength(2));
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(port.callsOf('readSheet')).toHaveLength(2);
    expect(screen.queryByText(/已根据第/)).toBeNull();
  });

  test('unsubscribes when the pane goes away', async () => {
    const { port, view } = setup();
    await checked(port);
    await waitFor(() => expect(port.listeners.has('退学')).toBe(true));
    view.unmount();
    await waitFor(() => expect(port.listeners.has('退学')).toBe(false));
  });
});
