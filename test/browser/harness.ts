/**
 * The browser tests' harness: serve dist/ on loopback, drive Debian's Chromium with playwright-core. The browser is
 * required: when it is missing the tests fail with how to install it (they never skip, in CI or anywhere).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
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

/** Share of pixels that may differ (anti-aliasing, sub-pixel timing under load) before a screenshot counts as changed. */
const SCREENSHOT_TOLERANCE = 0.001;

/**
 * Write a screenshot for the docs only when it shows something new: a run under load renders a few edge pixels
 * differently, and rewriting the committed PNG for that would leave the tree changed after `npm test`.
 */
export function saveScreenshot(file: string, png: Buffer): void {
  if (existsSync(file)) {
    const old = PNG.sync.read(readFileSync(file));
    const now = PNG.sync.read(png);
    if (old.width === now.width && old.height === now.height) {
      let differ = 0;
      for (let i = 0; i < old.data.length; i += 4) {
        if (old.data[i] !== now.data[i] || old.data[i + 1] !== now.data[i + 1] || old.data[i + 2] !== now.data[i + 2]) differ++;
      }
      if (differ <= SCREENSHOT_TOLERANCE * old.width * old.height) return;
    }
  }
  writeFileSync(file, png);
}
