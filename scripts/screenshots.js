#!/usr/bin/env node
'use strict';
// `npm run screenshots`: refresh the README's pictures of the browser workbench (docs/screenshots/*.png). The browser
// tests that take them run as usual, but write their screenshots into docs/screenshots instead of the temporary
// folder `npm test` uses (so that `npm test` never changes the working tree). The page is rebuilt first.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const result = spawnSync(process.execPath, [jest, '--runInBand', 'test/browser/workbench.test.ts', 'test/browser/editing.test.ts', 'test/browser/graduation-precheck.test.ts', 'test/browser/merge.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, XUEJI_SCREENSHOTS: 'docs/screenshots', XUEJI_REBUILD: '1' },
});
if (result.error) {
  process.stderr.write(`无法运行浏览器测试：${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.status ?? 1);
