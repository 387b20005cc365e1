/** The real executable: `node bin/xueji.js check FILE` as a separate process (needs the compiled build/). */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rosterRows, saveRoster, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'xueji.js');
const BUILT = path.join(ROOT, 'build', 'src', 'cli', 'main.js');

const tmp = tempDir();
afterAll(() => tmp.cleanup());

beforeAll(() => {
  if (!fs.existsSync(BUILT)) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  }
}, 120_000);

it('node bin/xueji.js check exits 1 on a roster with an error and prints the report on stdout', async () => {
  const rows = rosterRows(4);
  rows[0]![2] = '201300120000'; // 12 digits
  const file = await saveRoster(tmp.file('进程测试.xlsx'), rows);
  const r = spawnSync(process.execPath, [BIN, 'check', file, '--report-date', '2026-11-22'], { encoding: 'utf8', cwd: tmp.dir });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('进程测试.xlsx');
  expect(r.stdout).toMatch(/^\s+C2\s+错误\s+学号格式\s.*\[student-id\.format\]$/m);
  expect(r.stdout).toContain('合计：错误 1 个');
});

it('works from any folder, also through a link as `npm link` / `npm install -g .` make it (no npx, no registry)', async () => {
  const rows = rosterRows(2);
  await saveRoster(tmp.file('别处.xlsx'), rows);
  const elsewhere = fs.mkdtempSync(path.join(tmp.dir, '其他文件夹-'));
  const link = path.join(elsewhere, 'xueji');
  fs.symlinkSync(BIN, link);
  // The link itself run as a program (its #! line), from a folder outside the project, with a relative file name.
  const r = spawnSync(link, ['check', path.join('..', '别处.xlsx'), '--report-date', '2026-11-22'], { encoding: 'utf8', cwd: elsewhere });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('别处.xlsx');
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', cwd: elsewhere });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^用法：/);
  expect(help.stdout).toContain('docs/rules.md');
});

it('the README and npm start never tell anyone to run `npx xueji` (npx would fetch a stranger’s package of that name)', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = fs.readFileSync(path.join(ROOT, 'scripts', 'start.js'), 'utf8');
  for (const text of [readme, start]) {
    const uses = [...text.matchAll(/npx xueji/g)].map((m) => text.slice(Math.max(0, m.index! - 16), m.index!));
    for (const before of uses) expect(before).toMatch(/不要[^`]*`?$/);
  }
  expect(readme).toContain('npm link');
  expect(readme).toContain('node bin/xueji.js');
});
