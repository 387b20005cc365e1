/**
 * `xueji files ROSTER.xlsx --dir FOLDER [--json]`: generated rosters and generated images in a temp folder; exit
 * codes, the DOMAIN.md §6 report with a `files` array, the readable table, nothing written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  expectOneChineseLine,
  makeName,
  makeSid,
  rosterRows,
  saveCorrection,
  saveExemption,
  saveRoster,
  sha256,
  tempDir,
  xueji,
} from './helpers';
import { jpeg, padded, png, scanJpeg, scanPng, textBytes, BLUE } from '../core/evidence/fixtures';

const tmp = tempDir('xueji-files-');
afterAll(() => tmp.cleanup());

const N = 6;
const stem = (i: number) => `${makeSid(i + 1)}${makeName(i)}`;
const SUMMARY = '河北分部学信网退学汇总表1.jpg';

function write(dir: string, rel: string, bytes: Uint8Array): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
}

/** Every file below dir, with its hash: to prove nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = sha256(p);
    }
  };
  walk(dir);
  return out;
}

/** A JPEG whose frame header lies beyond the first 256 KB (big APP1 segments, as some cameras write). */
function jpegWithBigHeader(): Uint8Array {
  const j = jpeg(640, 480, () => [240, 240, 240]);
  const seg = new Uint8Array(2 + 0xffff);
  seg.set([0xff, 0xe1, 0xff, 0xff]);
  const n = 5;
  const out = new Uint8Array(j.length + n * seg.length);
  out.set(j.subarray(0, 2), 0);
  for (let i = 0; i < n; i++) out.set(seg, 2 + i * seg.length);
  out.set(j.subarray(2), 2 + n * seg.length);
  return out;
}

let roster: string;
let cleanDir: string;
let badDir: string;

beforeAll(async () => {
  roster = await saveRoster(tmp.file('退学名单.xlsx'), rosterRows(N));

  cleanDir = tmp.file('扫描件-正确');
  for (let i = 0; i < N; i++) write(cleanDir, `${stem(i)}${i % 2 ? '.png' : '.jpg'}`, i % 2 ? scanPng() : scanJpeg());
  write(cleanDir, SUMMARY, scanJpeg(800, 600));
  write(cleanDir, 'Thumbs.db', textBytes());

  badDir = tmp.file('扫描件-有错');
  write(badDir, `${stem(0)}.jpg`, jpegWithBigHeader()); // right (its header is read past the first 256 KB)
  // stem(1): missing
  write(badDir, `${makeSid(3)}+${makeName(2)}.jpg`, scanJpeg()); // a "+"
  write(badDir, `${stem(3)}.jpg`, scanPng()); // a PNG renamed .jpg
  write(badDir, `子文件夹/${stem(4)}.jpg`, padded(scanJpeg(), 10_000_000)); // over 10 MB, in a sub-folder
  write(badDir, `${stem(5)}.png`, png(150, 150, () => BLUE)); // under 200×200
  write(badDir, `${makeSid(50)}${makeName(40)}.jpg`, scanJpeg()); // nobody
  write(badDir, `${makeSid(51)}说明.jpg`, textBytes()); // nobody, not even an image
  write(badDir, SUMMARY, padded(scanJpeg(), 1_000_000)); // summary over 1 MB
  fs.copyFileSync(roster, path.join(badDir, '退学名单.xlsx')); // the roster itself, inside the folder
});

describe('withdrawal scans', () => {
  test('all right: exit 0 and the readable report says so', async () => {
    const r = await xueji(['files', roster, '--dir', cleanDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('退学名单.xlsx ↔ 文件夹「扫描件-正确」');
    expect(r.stdout).toContain(`记录：${N} 条`);
    expect(r.stdout).toContain(`核对了文件 ${N + 1} 个`);
    expect(r.stdout).toContain('✓ 未发现问题');
  });

  test('problems: exit 1; --json is the DOMAIN.md §6 shape with a files array, each issue with its path and row', async () => {
    const before = snapshot(badDir);
    const r = await xueji(['files', path.join(badDir, '退学名单.xlsx'), '--dir', badDir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(['file', 'files', 'folder', 'roster', 'summary', 'template']);
    expect(report).toMatchObject({ file: '退学名单.xlsx', folder: '扫描件-有错', template: 'withdrawal' });
    const issues = report.files.flatMap((f: { issues: unknown[] }) => f.issues);
    const by = (rule: string) => issues.filter((i: { rule: string }) => i.rule === rule).map((i: { path: string; cell: string | null }) => [i.path, i.cell]);
    expect(by('evidence.missing')).toEqual([[`${stem(1)}.jpg`, 'C3']]);
    expect(by('evidence.name')).toEqual([[`${makeSid(3)}+${makeName(2)}.jpg`, 'C4']]);
    expect(by('evidence.format')).toEqual([[`${stem(3)}.jpg`, 'C5']]);
    expect(by('evidence.size')).toEqual([
      [`子文件夹/${stem(4)}.jpg`, 'C6'],
      [SUMMARY, null],
    ]);
    expect(by('evidence.resolution')).toEqual([[`${stem(5)}.png`, 'C7']]);
    expect(by('evidence.unmatched')).toEqual([
      [`${makeSid(50)}${makeName(40)}.jpg`, null],
      [`${makeSid(51)}说明.jpg`, null],
    ]);
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual(['cell', 'column', 'field', 'fix', 'message', 'path', 'row', 'rule', 'severity', 'sheet']);
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // The roster inside the folder is not a file of nobody; the big-header JPEG is read right.
    expect(report.files.find((f: { path: string }) => f.path === `${stem(0)}.jpg`)).toMatchObject({ width: 640, height: 480, issues: [] });
    expect(report.summary).toEqual({ errors: 6, warnings: 2, fixable: 0 });
    expect(snapshot(badDir)).toEqual(before);
  });

  test('the readable report lists cell, the rule’s Chinese title, path, message and the rule id', async () => {
    const r = await xueji(['files', path.join(badDir, '退学名单.xlsx'), '--dir', badDir]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('evidence.missing'))!;
    expect(line).toMatch(/^\s+C3\s+错误\s+缺少附件\s+.*\[evidence\.missing\]$/);
    expect(line).toContain(`${stem(1)}.jpg`);
    expect(r.stdout).toContain('合计：错误 6 个，警告 2 个');
  });

  test('another workbook in the folder (not the roster given) is a file of nobody', async () => {
    const r = await xueji(['files', roster, '--dir', badDir, '--json']);
    const stray = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path === '退学名单.xlsx');
    expect(stray.issues.map((i: { rule: string; severity: string }) => [i.rule, i.severity])).toEqual([['evidence.unmatched', 'warning']]);
  });
});

describe('correction evidence', () => {
  test('folders per student, checked against the evidence table', async () => {
    const sids = [makeSid(1), makeSid(2), makeSid(3)];
    const file = await saveCorrection(tmp.file('修改表.xlsx'), sids);
    const dir = tmp.file('证明材料');
    // 民族 录入错误 → 身份证 + 报名登记表 for every row.
    write(dir, `${sids[0]}${makeName(0)}/身份证正反面.jpg`, scanJpeg());
    write(dir, `${sids[0]}${makeName(0)}/报名登记表.jpg`, scanJpeg());
    write(dir, `${sids[1]} ${makeName(1)}/身份证.jpg`, scanJpeg());
    write(dir, `${sids[1]} ${makeName(1)}/报名登记表.png`, scanPng());
    write(dir, `${sids[2]}${makeName(2)}/身份证.jpg`, scanJpeg());
    write(dir, `${sids[2]}${makeName(2)}/微信图片.jpg`, scanJpeg());
    fs.mkdirSync(path.join(dir, '空文件夹'));
    const r = await xueji(['files', file, '--dir', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.template).toBe('correction-enrolled');
    const issues = report.files.flatMap((f: { issues: unknown[] }) => f.issues).map((i: { rule: string; path: string; cell: string | null }) => [i.rule, i.path, i.cell]);
    expect(issues).toEqual([
      ['evidence.name', `${sids[1]} ${makeName(1)}`, 'B3'],
      ['evidence.missing', `${sids[2]}${makeName(2)}`, 'B4'],
      ['evidence.name', `${sids[2]}${makeName(2)}/微信图片.jpg`, 'B4'],
      ['evidence.unmatched', '空文件夹', null],
    ]);
  });
});

describe('unusable input: exit 2 with one Chinese line, no student data', () => {
  test('no --dir', async () => {
    const r = await xueji(['files', roster]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('--dir');
  });

  test('the folder does not exist, or is a file', async () => {
    for (const d of [tmp.file('没有这个文件夹'), roster]) {
      const r = await xueji(['files', roster, '--dir', d]);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
      expect(r.stderr).not.toContain(tmp.dir);
    }
  });

  test('the roster does not exist, or holds neither a withdrawal roster nor a correction sheet', async () => {
    const missing = await xueji(['files', tmp.file('缺失.xlsx'), '--dir', cleanDir]);
    expect(missing.code).toBe(2);
    expectOneChineseLine(missing.stderr);
    const ex = await saveExemption(tmp.file('免考.xlsx'), ['01300801']);
    const r = await xueji(['files', ex, '--dir', cleanDir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('免考.xlsx');
    expect(r.stderr).not.toMatch(/\d{13}/);
  });
});
