/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createDOMRenderer, FluentProvider, RendererProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ErrorBoundary } from '../../src/taskpane/components/ErrorBoundary';
import { NotSupported } from '../../src/taskpane/components/NotSupported';
import { StartFailed } from '../../src/taskpane/components/StartFailed';
import { IssueList, PAGE } from '../../src/taskpane/components/IssueList';
import { App } from '../../src/taskpane/App';
import { PaneError } from '../../src/taskpane/errors';
import { PortErrorChannel } from '../../src/taskpane/port-errors';
import { createPort } from '../../src/taskpane/excel-port';
import { groupIssues } from '../../src/taskpane/model';
import type { Issue } from '../../src/core/types';
import { FakePort } from './fake-port';
import { rosterWithIssues } from './sheets';

function wrap(node: ReactNode) {
  return render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <FluentProvider theme={webLightTheme}>{node}</FluentProvider>
    </RendererProvider>,
  );
}

function Boom(): never {
  throw new Error('render exploded');
}

test('a render error shows a Chinese message and a way back', () => {
  const reload = jest.fn();
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined); // React reports caught errors itself
  try {
    wrap(
      <ErrorBoundary onReload={reload}>
        <Boom />
      </ErrorBoundary>,
    );
  } finally {
    spy.mockRestore();
  }
  const alert = screen.getByRole('alert');
  expect(alert.textContent).toContain('任务窗格出现意外错误');
  expect(alert.textContent).toContain('工作表中的数据没有被改动');
  expect(alert.textContent).toContain('显示任务窗格失败');
  fireEvent.click(screen.getByRole('button', { name: '重新加载' }));
  expect(reload).toHaveBeenCalled();
});

test.each([
  ['old-excel', '此版本的 Excel 过旧', '浏览器工作台'],
  ['not-excel', '请在 Excel 中打开', '开始'],
  ['no-office', '无法加载 Office 组件', '同一台服务器'],
] as const)('%s explains itself in Chinese', (why, title, text) => {
  wrap(<NotSupported why={why} />);
  expect(screen.getByRole('heading').textContent).toBe(title);
  expect(screen.getByRole('alert').textContent).toContain(text);
});

test('a pane that cannot start says why', () => {
  wrap(<StartFailed error={new PaneError('port', '启动任务窗格失败：Excel 适配器尚未就绪', 'start', 'no-excel')} />);
  expect(screen.getByRole('alert').textContent).toContain('启动任务窗格失败：Excel 适配器尚未就绪');
  expect(screen.getByRole('alert').textContent).toContain('no-excel');
});

test('a long group shows its first entries and more on demand', () => {
  const issues: Issue[] = Array.from({ length: PAGE + 30 }, (_, i) => ({
    cell: `D${i + 2}`,
    row: i + 2,
    column: '学生姓名',
    field: 'name',
    rule: 'cell.whitespace',
    severity: 'error',
    message: '姓名中含有空格',
    fix: null,
  }));
  const onSelect = jest.fn();
  const { container } = wrap(<IssueList groups={groupIssues(issues)} current={null} onSelect={onSelect} />);
  const entries = () => container.querySelectorAll('button[data-cell]');
  expect(entries()).toHaveLength(PAGE);
  fireEvent.click(screen.getByText(/再显示 30 条/));
  expect(entries()).toHaveLength(PAGE + 30);
  const last = entries()[PAGE + 29]!;
  expect(last.getAttribute('data-cell')).toBe(`D${PAGE + 31}`);
  expect(last.textContent).toBe(`D${PAGE + 31}`);
  fireEvent.click(last);
  expect(onSelect).toHaveBeenCalledWith(issues[PAGE + 29]);
});

test('header issues have no cell: shown, not clickable', () => {
  const issue: Issue = { cell: null, row: null, column: null, field: 'name', rule: 'header.missing-column', severity: 'error', message: '缺少“姓名”列', fix: null };
  wrap(<IssueList groups={groupIssues([issue])} current={null} onSelect={jest.fn()} />);
  expect(screen.getByText('表头')).toBeTruthy();
  expect(screen.getByText('缺少“姓名”列')).toBeTruthy();
  expect(screen.queryAllByRole('button')).toHaveLength(0);
});

test('an error nobody awaited still reaches the banner', async () => {
  wrap(<App port={new FakePort([rosterWithIssues()])} />);
  const event = new Event('unhandledrejection', { cancelable: true }) as PromiseRejectionEvent;
  Object.defineProperty(event, 'reason', { value: Object.assign(new Error('x'), { code: 'GeneralException' }) });
  act(() => {
    window.dispatchEvent(event);
  });
  await waitFor(() => expect(screen.getByRole('alert', { name: '错误' }).textContent).toContain('操作失败：Excel 内部错误'));
  expect(event.defaultPrevented).toBe(true);
});

test('errors the port reports on its own (before or after the pane mounts) are shown', async () => {
  const channel = new PortErrorChannel();
  channel.emit(Object.assign(new Error('打开导出的工作簿失败：无法在 Excel 中打开导出的工作簿，也无法下载。'), { code: 'open-workbook-failed' }), 'export');
  wrap(<App port={new FakePort([rosterWithIssues()])} portErrors={channel} />);
  const alert = await screen.findByRole('alert', { name: '错误' });
  expect(alert.textContent).toContain('打开导出的工作簿失败');
  act(() => channel.emit(Object.assign(new Error('x'), { code: 'GeneralException' }), 'subscribe'));
  await waitFor(() => expect(screen.getByRole('alert', { name: '错误' }).textContent).toContain('监听表格修改失败'));
});

test('inside Excel the pane uses the Excel adapter', () => {
  const port = createPort(new PortErrorChannel());
  expect(port.kind).toBe('excel');
  expect(typeof port.onRowsChanged).toBe('function');
});
