/** `npm start` (scripts/start.js): after the report, serve; sideload only where desktop Excel exists. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require('../../scripts/start.js') as {
  plan: (argv: string[], env: Record<string, string | undefined>, platform: string, hasExcel: () => boolean) => { serve: boolean; sideload: boolean; http: boolean };
  desktopExcelInstalled: (platform: string, env: Record<string, string>, exists: (p: string) => boolean, exec: () => void) => boolean;
  sideloadCommand: () => { command: string; args: string[] };
  webInstructions: (o?: { http?: boolean; workbench?: string | null }) => string;
};

const yes = () => true;
const never = () => {
  throw new Error('must not look for Excel here');
};

test('Linux: serve and print the Excel-on-the-web steps, never sideload (no office-addin-debugging)', () => {
  expect(start.plan([], {}, 'linux', never)).toEqual({ serve: true, sideload: false, http: false });
  expect(start.desktopExcelInstalled('linux', {}, yes, () => undefined)).toBe(false);
  const text = start.webInstructions();
  expect(text).toContain('https://localhost:3000/taskpane.html');
  expect(text).toContain('上传我的加载项');
  expect(text).toContain('manifest.xml');
  expect(text).not.toContain('office-addin-debugging');
});

test('Windows/macOS with desktop Excel: sideload; without it, or when asked not to: the web steps', () => {
  expect(start.plan([], {}, 'win32', yes).sideload).toBe(true);
  expect(start.plan([], {}, 'darwin', yes).sideload).toBe(true);
  expect(start.plan([], {}, 'darwin', () => false).sideload).toBe(false);
  expect(start.plan(['--no-sideload'], {}, 'win32', yes).sideload).toBe(false);
  expect(start.plan([], { XUEJI_SIDELOAD: '0' }, 'win32', yes).sideload).toBe(false);
  const { args } = start.sideloadCommand();
  expect(args.slice(0, 5)).toEqual(['--yes', 'office-addin-debugging', 'start', 'manifest.xml', 'desktop']);
  expect(args).toContain('--dev-server-port');
});

test('desktop Excel is looked for where it installs', () => {
  expect(start.desktopExcelInstalled('darwin', {}, (p) => p === '/Applications/Microsoft Excel.app', never)).toBe(true);
  expect(start.desktopExcelInstalled('win32', {}, () => false, () => undefined)).toBe(true); // App Paths key found
  const noKey = () => {
    throw new Error('not found');
  };
  expect(start.desktopExcelInstalled('win32', { ProgramFiles: 'C:\\Program Files' }, (p) => p === 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', noKey)).toBe(true);
  expect(start.desktopExcelInstalled('win32', { ProgramFiles: 'C:\\Program Files' }, () => false, noKey)).toBe(false);
});

test('report only: --report-only, XUEJI_NO_SERVE=1 or CI', () => {
  expect(start.plan(['--report-only'], {}, 'linux', never).serve).toBe(false);
  expect(start.plan([], { XUEJI_NO_SERVE: '1' }, 'linux', never).serve).toBe(false);
  expect(start.plan([], { CI: 'true' }, 'win32', never).serve).toBe(false);
});

test('--http: plain http for local tests, said so; the workbench address once it exists', () => {
  expect(start.plan(['--http'], {}, 'win32', yes)).toEqual({ serve: true, sideload: false, http: true });
  const text = start.webInstructions({ http: true, workbench: 'workbench.html' });
  expect(text).toContain('http://localhost:3000/taskpane.html');
  expect(text).toContain('Excel 不会加载 http 的加载项');
  expect(text).toContain('http://localhost:3000/workbench.html');
});
