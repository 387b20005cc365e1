/**
 * Outputs (issue 14 item 6): `fix -o` never overwrites an existing file without --force; a wrong -o (a folder, a
 * missing folder) is refused before any change list is printed; `-o 输出` writes 输出.xlsx; an export named after a
 * long 分部名称 stays within a file name's 255 bytes and is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneChineseLine, rosterRows, saveRoster, sha256, tempDir, xueji } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A roster with one fix to make (a space in D2). */
async function fixable(name: string): Promise<string> {
  const rows = rosterRows(2);
  rows[0]![3] = '王 伟';
  return saveRoster(tmp.file(name), rows);
}

describe('fix -o onto an existing file', () => {
  it('is refused (exit 2, nothing printed, the file unchanged) and names --force', async () => {
    const input = await fixable('已有输出.xlsx');
    const out = tmp.file('已有输出-修复.xlsx');
    fs.writeFileSync(out, 'an earlier copy');
    const r = await xueji(['fix', input, '-o', out]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('已经存在');
    expect(r.stderr).toContain('--force');
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe('an earlier copy');
  });

  it('with --force replaces it', async () => {
    const input = await fixable('覆盖.xlsx');
    const out = tmp.file('覆盖-修复.xlsx');
    fs.writeFileSync(out, 'an earlier copy');
    const r = await xueji(['fix', input, '-o', out, '--force']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('--force never makes the input writable', async () => {
    const input = await fixable('原文件.xlsx');
    const hash = sha256(input);
    const r = await xueji(['fix', input, '-o', input, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('同一个文件');
    expect(sha256(input)).toBe(hash);
  });
});

describe('a wrong -o is said before the change list', () => {
  it.each([
    ['a folder', () => {
      const d = tmp.file('输出是文件夹');
      fs.mkdirSync(d, { recursive: true });
      return d;
    }, '文件夹'],
    ['a missing folder', () => tmp.file(path.join('没有这个文件夹', '修复.xlsx')), '文件夹不存在'],
  ])('-o naming %s: exit 2, one Chinese line, no change printed', async (_label, target, words) => {
    const input = await fixable(`变更列表-${_label}.xlsx`);
    const r = await xueji(['fix', input, '-o', target()]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain(words);
    expect(r.stdout).toBe('');
  });
});

it('-o without .xlsx writes NAME.xlsx, and says so', async () => {
  const input = await fixable('无扩展名.xlsx');
  const out = tmp.file('输出');
  const r = await xueji(['fix', input, '-o', out]);
  expect(r.code).toBe(0);
  expect(fs.existsSync(`${out}.xlsx`)).toBe(true);
  expect(fs.existsSync(out)).toBe(false);
  expect(r.stdout).toContain('补上了 .xlsx');
});

it('export: a 100-character 分部名称 gives a file name within 255 bytes, written', async () => {
  const branch = `河北${'广播电视大学开放教育学院'.repeat(8)}分部`;
  const rows = rosterRows(2).map((r) => [r[0], branch, r[2], r[3]]);
  const input = await saveRoster(tmp.file('长分部名称.xlsx'), rows);
  const dir = tmp.file('导出-长名');
  fs.mkdirSync(dir);
  const r = await xueji(['export', input, '-o', dir, '--report-date', '2026-11-22']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const [name] = fs.readdirSync(dir);
  expect(Buffer.byteLength(name!)).toBeLessThanOrEqual(255);
  expect(name!.startsWith('河北广播电视大学')).toBe(true);
  expect(name!.endsWith('.xlsx')).toBe(true);
});
