/**
 * `xueji photos ROSTER.xlsx --dir FOLDER --fix -o OUT`: generated rosters and generated sources (blue, grey, white
 * backgrounds; white-bordered; landscape; oversized; PNG; named by 学号, 身份证号 or 学号+姓名) in a temp folder. Every
 * copy written re-checks clean with `xueji photos` itself, is exactly 480×640 and ≤ 50,000 bytes; what cannot be
 * fixed is listed; the sources are never touched; nothing is replaced without --force.
 */
import JSZip from 'jszip';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneChineseLine, makeId, makeName, makeSid, saveWorkbook, sha256, tempDir, xueji } from './helpers';
import { BLUE, GREY, WHITE, jpeg, png, portrait } from '../core/evidence/fixtures';
import { readImageHeader } from '../../src/files/images';

const tmp = tempDir('xueji-photos-fix-');
afterAll(() => tmp.cleanup());

interface Student {
  sid: string;
  name: string;
  id: string;
  status: string;
}
const N = 10;
const students: Student[] = Array.from({ length: N }, (_, i) => ({
  sid: makeSid(i + 1),
  name: makeName(i),
  id: makeId(`1991030${(i % 9) + 1}`, i % 2 === 0),
  status: i === 8 ? '毕业' : '在籍',
}));

async function saveRoster(file: string): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('毕业生');
    ws.addRow(['2023年7月毕业生名单']);
    ws.addRow(['序号', '学号', '姓名', '身份证号', '学籍状态']);
    students.forEach((s, i) => ws.addRow([i + 1, s.sid, s.name, s.id, s.status]));
  });
}

function write(dir: string, rel: string, bytes: Uint8Array): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
}

const bordered = () => {
  const inner = portrait(600, 800);
  return jpeg(700, 900, (x, y) => (x < 40 || x >= 640 || y < 50 || y >= 850 ? WHITE : inner(x - 40, y - 50)), 90);
};

let roster: string;
let dir: string;
const hashes = new Map<string, string>();
beforeAll(async () => {
  roster = await saveRoster(tmp.file('毕业生名单.xlsx'));
  dir = tmp.file('照片');
  const s = students;
  write(dir, `${s[0]!.sid}.jpg`, jpeg(1200, 1600, portrait(1200, 1600), 90)); // oversized
  write(dir, `${s[1]!.id}.jpg`, bordered()); // named by 身份证号, white border
  write(dir, `${s[2]!.sid}${s[2]!.name}.png`, png(480, 640, portrait(480, 640))); // 学号+姓名, PNG
  write(dir, `${s[3]!.sid}.JPG`, jpeg(800, 600, (x, y) => (x >= 175 && x < 625 ? portrait(450, 600)(x - 175, y) : BLUE), 90)); // landscape
  write(dir, `${s[4]!.sid}.jpg`, jpeg(600, 800, portrait(600, 800, { background: GREY }), 90)); // grey: not fixable
  write(dir, `${s[5]!.sid}.jpg`, jpeg(600, 800, portrait(600, 800, { background: WHITE }), 90)); // white: not fixable
  write(dir, `${s[6]!.sid}.jpg`, jpeg(480, 640, portrait(480, 640, { headTop: 0.3 }), 90)); // head low: warning
  // s[7]: no photo
  write(dir, `${s[8]!.sid}.jpg`, jpeg(480, 640, portrait(480, 640), 90)); // 毕业: left out
  write(dir, `补拍/${s[9]!.sid} .jpg`, jpeg(480, 640, portrait(480, 640), 90)); // a space, in a sub-folder
  write(dir, '说明.txt', new TextEncoder().encode('照片说明'));
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) hashes.set(f, sha256(p));
  }
});

test('a mixed batch: copies for every fixable 在籍 student, the rest listed, the sources untouched', async () => {
  const out = tmp.file('修正');
  const r = await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout);
  const s = students;
  const made = [0, 1, 2, 3, 6, 9].map((i) => `${s[i]!.sid}.jpg`);
  expect(report.fixes.map((f: { output: string }) => f.output)).toEqual(made);
  const issues = report.files.flatMap((f: { issues: unknown[] }) => f.issues).map((i: { rule: string; cell: string | null; severity: string }) => [i.rule, i.cell, i.severity]);
  expect(issues).toEqual([
    ['photo.background', 'B7', 'error'],
    ['photo.background', 'B8', 'error'],
    ['photo.head-position', 'B9', 'warning'],
    ['photo.missing', 'B10', 'error'],
    ['photo.unmatched', null, 'warning'],
  ]);
  expect(report.excluded).toEqual([{ sheet: '毕业生', row: 11, cell: 'B11', status: '毕业', path: `${s[8]!.sid}.jpg` }]);
  const byOut = new Map(report.fixes.map((f: { output: string }) => [f.output, f]));
  // The border: 50 px above, 40 px left, plus the 1 % safety margin (DCT-scaled decoding rounds by a pixel or two).
  const trim = (byOut.get(`${s[1]!.sid}.jpg`) as { source: string; trim: Record<string, number> });
  expect(trim.source).toBe(`${s[1]!.id}.jpg`);
  expect(trim.trim.top).toBeGreaterThanOrEqual(55);
  expect(trim.trim.top).toBeLessThanOrEqual(62);
  expect(trim.trim.left).toBeGreaterThanOrEqual(44);
  expect(trim.trim.left).toBeLessThanOrEqual(50);
  expect(byOut.get(`${s[2]!.sid}.jpg`)).toMatchObject({ sourceType: 'png' });
  expect(byOut.get(`${s[3]!.sid}.jpg`)).toMatchObject({ crop: { x: 175, y: 0, width: 450, height: 600 }, upscaled: true });

  // Every copy: 480×640, ≤ 50,000 bytes, and `xueji photos` on the copies finds nothing but the known warning.
  for (const name of made) {
    const b = new Uint8Array(fs.readFileSync(path.join(out, name)));
    expect(b.length).toBeLessThanOrEqual(50_000);
    expect(readImageHeader(b)).toMatchObject({ status: 'ok', width: 480, height: 640 });
  }
  const check = await xueji(['photos', roster, '--dir', out, '-o', tmp.file('复查.zip'), '--json']);
  const again = JSON.parse(check.stdout);
  const left = again.files.flatMap((f: { issues: unknown[] }) => f.issues).map((i: { rule: string; cell: string | null }) => [i.rule, i.cell]);
  expect(left).toEqual([
    ['photo.missing', 'B7'],
    ['photo.missing', 'B8'],
    ['photo.head-position', 'B9'],
    ['photo.missing', 'B10'],
    ['photo.unmatched', null], // the zip itself, in the folder checked
  ]);

  // The zip: no folders, every copy once, in roster order.
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, '毕业照片.zip')));
  expect(Object.values(zip.files).map((f) => [f.name, f.dir])).toEqual(made.map((n) => [n, false]));
  expect(report.zips).toEqual([{ file: '毕业照片.zip', bytes: fs.statSync(path.join(out, '毕业照片.zip')).size, photos: made }]);

  for (const [f, h] of hashes) expect(sha256(path.join(dir, f))).toBe(h);
  expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

test('the readable report: what was done to each photo, what needs a person', async () => {
  const out = tmp.file('修正-文本');
  const r = await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('已生成合格照片 6 张（480×640，JPG，≤ 50 KB（50,000 字节）');
  expect(r.stdout).toMatch(new RegExp(`${students[1]!.sid}\\.jpg ← ${students[1]!.id}\\.jpg\\s+JPG 700×900，裁掉白边（上 \\d+、下 \\d+、左 \\d+、右 \\d+ 像素），居中裁剪 \\d+×\\d+，质量 \\d+，`));
  expect(r.stdout).toContain('原图较小、已放大');
  expect(r.stdout).toContain('无法修正、需要人工处理的学生 3 名');
  expect(r.stdout).toContain('底色为灰色，应为蓝色');
  expect(r.stdout).toContain('底色为白色，应为蓝色');
  expect(r.stdout).toContain('已打包 6 张照片，压缩包 1 个');
  expect(r.stdout).toContain('原照片没有改动。');
});

test('nothing is replaced without --force; with it, the copies are made again', async () => {
  const out = tmp.file('修正-再次');
  expect((await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out])).code).toBe(1);
  const before = sha256(path.join(out, '毕业照片.zip'));
  const r = await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out]);
  expect(r.code).toBe(2);
  expectOneChineseLine(r.stderr);
  expect(r.stderr).toContain('--force');
  expect(sha256(path.join(out, '毕业照片.zip'))).toBe(before);
  expect((await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out, '--force'])).code).toBe(1);
});

test.each([
  [['-o', 'PHOTO_DIR'], '照片文件夹本身'],
  [['-o', 'PHOTO_DIR/子'], '照片文件夹本身或其中的子文件夹'],
  [['-o', 'OUT.zip'], '应为文件夹'],
  [['-o', 'MISSING/里面'], '所在文件夹不存在'],
  [[], '-o'],
  [['-o', 'OUT', '--jobs', '0'], '--jobs'],
])('unusable %j: exit 2, one Chinese line, nothing written', async (extra, says) => {
  const args = extra.map((a) => a.replace('PHOTO_DIR', dir).replace('OUT', tmp.file('不该有')).replace('MISSING', tmp.file('没有这个')));
  const r = await xueji(['photos', roster, '--dir', dir, '--fix', ...args]);
  expect(r.code).toBe(2);
  expectOneChineseLine(r.stderr);
  expect(r.stderr).toContain(says);
  expect(fs.existsSync(tmp.file('不该有'))).toBe(false);
  expect(fs.existsSync(path.join(dir, '子'))).toBe(false);
});

test('--jobs belongs to --fix (--force, replacing outputs, applies to the zip of a check too)', async () => {
  const r = await xueji(['photos', roster, '--dir', dir, '-o', tmp.file('x.zip'), '--jobs', '2']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('只用于 --fix');
  expect(fs.existsSync(tmp.file('x.zip'))).toBe(false);
});

test('the built command with two worker threads makes the same copies as one thread', async () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  const worker = path.join(ROOT, 'build', 'src', 'cli', 'photo-worker.js');
  if (!fs.existsSync(worker)) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  }
  const one = tmp.file('单线程');
  const two = tmp.file('两个线程');
  expect((await xueji(['photos', roster, '--dir', dir, '--fix', '-o', one, '--jobs', '1'])).code).toBe(1);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'xueji.js'), 'photos', roster, '--dir', dir, '--fix', '-o', two, '--jobs', '2', '--json'], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  const made = JSON.parse(r.stdout).fixes.map((f: { output: string }) => f.output);
  expect(made).toHaveLength(6);
  for (const name of made) expect(sha256(path.join(two, name))).toBe(sha256(path.join(one, name)));
}, 120_000);

test('a pipe, a looping link or a link out of --dir named as a student is reported as a special file, never opened (issue 14)', async () => {
  const specials = tmp.file('特殊照片');
  fs.mkdirSync(specials);
  const outside = tmp.file('外面.jpg');
  fs.writeFileSync(outside, jpeg(480, 640, portrait(480, 640), 90));
  // Opening a pipe for reading would wait for a writer forever: the run must end.
  execFileSync('mkfifo', [path.join(specials, `${students[0]!.sid}.jpg`)]);
  fs.symlinkSync(path.join(specials, `${students[1]!.sid}.jpg`), path.join(specials, `${students[1]!.sid}.jpg`));
  fs.symlinkSync(outside, path.join(specials, `${students[2]!.sid}.jpg`));
  const out = tmp.file('特殊-修正');
  const r = await xueji(['photos', roster, '--dir', specials, '--fix', '-o', out, '--json']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout);
  expect(report.fixes).toEqual([]);
  const onRow = (row: number) => report.files.flatMap((e: { issues: { row: number | null; rule: string; message: string }[] }) => e.issues.filter((i) => i.row === row));
  for (const row of [3, 4, 5]) {
    expect(onRow(row).map((i: { rule: string }) => i.rule)).toEqual(['photo.format']);
    expect(onRow(row)[0].message).toContain('特殊文件');
  }
  expect(fs.readFileSync(outside).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
}, 60_000);
