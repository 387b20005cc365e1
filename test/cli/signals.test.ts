/**
 * Signals and temp files (issue 14 item 5): Ctrl+C / SIGTERM remove the temp files of outputs being written (they
 * hold student data) and exit 130 / 143; a run that writes into a folder removes the temp files a killed earlier run
 * left there (SIGKILL cannot be caught), never those of a run still going.
 */
import { spawn } from 'node:child_process';
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onSignal } from '../../src/cli/signals';
import { newTempPath, releaseTemp } from '../../src/files/temp-files';
import { expectOneChineseLine, makeName, makeSid, rosterRows, saveRoster, tempDir, WD_HEADER, xueji } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const BIN = path.join(__dirname, '..', '..', 'bin', 'xueji.js');

describe('on SIGINT or SIGTERM', () => {
  it.each([
    ['SIGINT', 130, 'Ctrl+C'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)('%s removes every temp file still being written, says so in Chinese and exits %i', (signal, code, words) => {
    const dir = tmp.file(`信号-${signal}`);
    fs.mkdirSync(dir);
    const a = newTempPath(dir);
    const b = newTempPath(dir);
    fs.writeFileSync(a, 'student data');
    fs.writeFileSync(b, 'student data');
    const done = newTempPath(dir);
    fs.writeFileSync(path.join(dir, '已完成.xlsx'), 'complete output');
    releaseTemp(done); // renamed into place before the signal: not ours to remove
    let stderr = '';
    let exit: number | undefined;
    onSignal(signal, (t) => (stderr += t), (c) => (exit = c));
    expect(exit).toBe(code);
    expect(fs.readdirSync(dir)).toEqual(['已完成.xlsx']);
    expectOneChineseLine(stderr);
    expect(stderr).toContain(words);
  });

  it('the xueji executable exits 143 on SIGTERM in the middle of a run, leaving no temp file', async () => {
    const dir = tmp.file('进程');
    fs.mkdirSync(dir);
    const input = path.join(dir, '大名单.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input });
    const ws = wb.addWorksheet('退学');
    ws.addRow(WD_HEADER).commit();
    for (let i = 0; i < 30_000; i++) ws.addRow([i + 1, '河北分部', makeSid(1 + (i % 49_999), { year: 2013 + Math.floor(i / 49_999) }), `${makeName(i)} `]).commit();
    ws.commit();
    await wb.commit();
    const child = spawn(process.execPath, [BIN, 'fix', input, '-o', path.join(dir, '大名单-修复.xlsx')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // Stopped while it is reading, as a registrar's Ctrl+C would.
      if (/正在读取/.test(stderr)) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(stderr).toContain('SIGTERM');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

it('a run removes the temp files a killed run left in the output folder, not those of a live one', async () => {
  const dir = tmp.file('残留');
  fs.mkdirSync(dir);
  const rows = rosterRows(2);
  rows[0]![3] = '王 伟';
  const input = await saveRoster(path.join(dir, '名单.xlsx'), rows);
  // PID 2^22 + 1 is above Linux's pid_max default: no such process.
  const stale = path.join(dir, `.xueji-${4_194_305}-0123456789ab.tmp`);
  const live = path.join(dir, `.xueji-${process.pid}-0123456789ab.tmp`);
  const foreign = path.join(dir, '.其他程序.tmp');
  for (const f of [stale, live, foreign]) fs.writeFileSync(f, 'x');
  const r = await xueji(['fix', input, '-o', path.join(dir, '修复.xlsx')]);
  expect(r.code).toBe(0);
  expect(fs.existsSync(stale)).toBe(false);
  expect(fs.existsSync(live)).toBe(true);
  expect(fs.existsSync(foreign)).toBe(true);
});
