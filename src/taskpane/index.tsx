/// <reference types="office-js" />
/**
 * The task pane's entry (taskpane.html loads it after the ES5 guard): wait for office.js, check the host and its
 * API sets, then render the app over the Excel port. The app itself knows only `WorkbookPort`.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App';
import { Workbench } from '../workbench/Workbench';
import { NotSupported } from './components/NotSupported';
import { StartFailed } from './components/StartFailed';
import { toPaneError } from './errors';
import type { WorkbookPort } from '../core/port';
import { chooseScreen } from './startup';
import { createPort } from './excel-port';
import { PortErrorChannel } from './port-errors';

function mount(): HTMLElement {
  const el = document.getElementById('root');
  if (el) return el;
  const made = document.createElement('div');
  made.id = 'root';
  document.body.appendChild(made);
  return made;
}

function render(node: React.ReactNode): void {
  createRoot(mount()).render(node);
}

function start(info: { host?: unknown } | undefined): void {
  const office = typeof Office === 'undefined' ? undefined : Office;
  const screen = chooseScreen(office, info);
  // Opened outside Office (a plain browser, or office.js could not load): the browser workbench, the same pane over
  // a workbook file (issue 5). Old Excel still gets its explanation.
  if (screen.kind === 'unsupported' && (screen.why === 'no-office' || screen.why === 'not-excel') && !info?.host) {
    render(<Workbench />);
    return;
  }
  if (screen.kind === 'unsupported') {
    render(
      <FluentProvider theme={webLightTheme}>
        <NotSupported why={screen.why} />
      </FluentProvider>,
    );
    return;
  }
  const portErrors = new PortErrorChannel();
  let port: WorkbookPort;
  try {
    port = createPort(portErrors);
  } catch (e) {
    render(
      <FluentProvider theme={webLightTheme}>
        <StartFailed error={toPaneError(e, 'start')} />
      </FluentProvider>,
    );
    return;
  }
  render(<App port={port} portErrors={portErrors} />);
}

if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') start(undefined);
else void Office.onReady().then(start, () => start(undefined));
