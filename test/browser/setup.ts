/** One browser test file's set-up: dist/ built and served on loopback, Debian's Chromium launched, all closed after. */
import type { Browser } from 'playwright-core';
import { ensureBuilt, launch, serveDist } from './harness';
import { removeWorkbooks } from './workbooks';

export interface Workbench {
  browser: Browser;
  url: string;
}

/** Registers the file's beforeAll / afterAll; the returned object is filled in before the first test. */
export function useWorkbench(): Workbench {
  const ctx = {} as Workbench;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ensureBuilt();
    const server = await serveDist();
    close = server.close;
    ctx.url = server.url;
    ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await close?.();
    removeWorkbooks();
  });
  return ctx;
}
