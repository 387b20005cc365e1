/**
 * The browser tests' harness: serve dist/ on loopback, drive Debian's Chromium with playwright-core. The browser is
 * required: when it is missing the tests fail with how to install it (they never skip, in CI or anywhere).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The project folder: the nearest folder up from here with the webpack config (also when run compiled, from build/). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'webpack.config.js'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no webpack.config.js above ${from}`);
    dir = up;
  }
  return dir;
}

export const ROOT = projectRoot(__dirname);
export const DIST = join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
};

export function chromiumPath(): string {
  const candidates = [process.env.XUEJI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('浏览器测试需要 Chromium：请运行 `sudo apt-get install -y chromium fonts-noto-cjk`（或设置 XUEJI_CHROMIUM 指向 chromium 可执行文件）');
  }
  return found;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build dist/ if it is missing or older than the sources, examples or webpack config (webpack, production). */
export function ensureBuilt(): void {
  const page = join(DIST, 'taskpane.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'examples')), statSync(join(ROOT, 'webpack.config.js')).mtimeMs);
  if (existsSync(page) && statSync(page).mtimeMs >= sources && !process.env.XUEJI_REBUILD) return;
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
}

export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DIST, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Headless Chromium with the flags this workplace needs (no background networking on a closed network). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Where the tests put their screenshots: a folder under the system's temporary directory (the same one every run,
 * so they do not pile up), so that `npm test` leaves the working tree as it was; `npm run screenshots` points it at
 * docs/screenshots (XUEJI_SCREENSHOTS) to refresh the README's pictures.
 */
export function screenshotDir(): string {
  const dir = process.env.XUEJI_SCREENSHOTS ? resolve(ROOT, process.env.XUEJI_SCREENSHOTS) : join(tmpdir(), 'xueji-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Requests that left the machine (anything but the test server, blob: and data:), per page. */
const FOREIGN = new WeakMap<Page, string[]>();

export function foreignRequests(page: Page): string[] {
  return FOREIGN.get(page) ?? [];
}

/** A fresh page of the workbench at this size, recording any request that would leave the machine. */
export async function openWorkbenchPage(browser: Browser, serverUrl: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const foreign: string[] = [];
  const local = (u: string) => u.startsWith(serverUrl) || u.startsWith('blob:') || u.startsWith('data:');
  page.on('requestfailed', (r) => {
    if (!local(r.url())) foreign.push(`${r.url()} (blocked)`);
  });
  page.on('request', (r) => {
    if (!local(r.url())) foreign.push(r.url());
  });
  FOREIGN.set(page, foreign);
  await page.goto(`${serverUrl}taskpane.html`);
  await page.getByText('打开一个 .xlsx 表格').waitFor();
  return page;
}

/** The scrolling box of the workbench grid. */
export const GRID_SCROLLER = '[data-grid-scroller]';
