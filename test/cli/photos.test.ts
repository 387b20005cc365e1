/**
 * `xueji photos ROSTER.xlsx --dir FOLDER -o OUT.zip [--json]`: generated rosters (with 学籍状态) and generated photos
 * in a temp folder; the zips are read back with jszip (no folders, every good photo exactly once, each part ≤ the
 * limit), split with a small limit from a profile; exit codes; the roster is never written over.
 */
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneChineseLine, makeId, makeName, makeSid, saveWorkbook, sha256, tempDir, xueji } from './helpers';
import { GREY, photo, scanPng, textBytes } from '../core/evidence/fixtures';

const tmp = tempDir('xueji-photos-');
afterAll(() => tmp.cleanup());

interface Student {
  sid: string;
  name: string;
  id: string;
  status: string;
}
const N = 8;
const students: Student[] = Array.from({ length: N }, (_, i) => ({
  sid: makeSid(i + 1),
  name: makeName(i),
  id: makeId(`1990020${i + 1}`, i % 2 === 0),
  status: i === 6 ? '毕业' : '在籍',
}));

/** Title row, header on row 2 (序号 学号 姓名 身份证号 学籍状态), students from row 3. */
async function saveRoster(file: string, list: Student[] = students): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('毕业生');
    ws.addRow(['2023年7月毕业生名单']);
    ws.addRow(['序号', '学号', '姓名', '身份证号', '学籍状态']);
    list.forEach((s, i) => ws.addRow([i + 1, s.sid, s.name, s.id, s.status]));
  });
}

function write(dir: string, rel: string, bytes: Uint8Array): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
}

async function readZip(file: string): Promise<{ names: string[]; dirs: string[]; bytes: Record<string, Buffer> }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const files = Object.values(zip.files);
  const bytes: Record<string, Buffer> = {};
  for (const f of files) if (!f.dir) bytes[f.name] = Buffer.from(await f.async('uint8array'));
  return { names: files.filter((f) => !f.dir).map((f) => f.name), dirs: files.filter((f) => f.dir || f.name.includes('/')).map((f) => f.name), bytes };
}

/** Distinct photos (different qualities, so different bytes) for a clean batch. */
const good = (i: number) => photo({ quality: 60 + (i % 6) * 5 });

let roster: string;
beforeAll(async () => {
  roster = await saveRoster(tmp.file('毕业生名单.xlsx'));
});

test('a mixed batch: exit 1, only the good 在籍 photos are zipped, the rest reported or listed', async () => {
  const dir = tmp.file('照片-混合');
  const out = tmp.file('批次.zip');
  const s = students;
  write(dir, `${s[0]!.sid}.jpg`, good(0));
  write(dir, `${s[1]!.sid}.jpg`, photo({ background: GREY })); // photo.background
  write(dir, `${s[2]!.sid}.jpg`, photo({ border: 3 })); // photo.border
  write(dir, `${s[3]!.sid}.jpg`, scanPng(480, 640)); // photo.format (a PNG renamed .jpg)
  write(dir, `${s[4]!.sid}${s[4]!.name}.jpg`, good(4)); // photo.name
  // s[5]: no photo → photo.missing
  write(dir, `${s[6]!.sid}.jpg`, good(6)); // 毕业: left out, listed
  write(dir, `补拍/${s[7]!.sid}.jpg`, good(7)); // a sub-folder: fine, zipped without the folder
  write(dir, `${makeSid(99)}.jpg`, good(1)); // nobody → photo.unmatched
  write(dir, '说明.txt', textBytes());

  const r = await xueji(['photos', roster, '--dir', dir, '-o', out, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout);
  expect(report.template).toBe('graduation-photos');
  const issues = report.files.flatMap((f: { issues: unknown[] }) => f.issues).map((i: { rule: string; path: string; cell: string | null }) => [i.rule, i.path, i.cell]);
  expect(issues).toEqual([
    ['photo.background', `${s[1]!.sid}.jpg`, 'B4'],
    ['photo.border', `${s[2]!.sid}.jpg`, 'B5'],
    ['photo.format', `${s[3]!.sid}.jpg`, 'B6'],
    ['photo.name', `${s[4]!.sid}${s[4]!.name}.jpg`, 'B7'],
    ['photo.missing', `${s[5]!.sid}.jpg`, 'B8'],
    ['photo.unmatched', `${makeSid(99)}.jpg`, null],
    ['photo.unmatched', '说明.txt', null],
  ]);
  expect(report.excluded).toEqual([{ sheet: '毕业生', row: 9, cell: 'B9', status: '毕业', path: `${s[6]!.sid}.jpg` }]);
  expect(report.zips).toEqual([{ file: '批次.zip', bytes: fs.statSync(out).size, photos: [`${s[0]!.sid}.jpg`, `${s[7]!.sid}.jpg`] }]);

  const zip = await readZip(out);
  expect(zip.dirs).toEqual([]);
  expect(zip.names).toEqual([`${s[0]!.sid}.jpg`, `${s[7]!.sid}.jpg`]);
  expect(zip.bytes[`${s[7]!.sid}.jpg`]!.equals(Buffer.from(good(7)))).toBe(true);
  expect(fs.readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

describe('a clean batch', () => {
  const dir = tmp.file('照片-正确');
  beforeAll(() => {
    students.forEach((s, i) => write(dir, `${s.sid}.jpg`, good(i)));
  });

  test('exit 0, one zip with every 在籍 photo, and the readable report says where', async () => {
    const out = tmp.file('全部.zip');
    const r = await xueji(['photos', roster, '--dir', dir, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ 未发现问题');
    expect(r.stdout).toContain('已打包 7 张照片，压缩包 1 个');
    expect(r.stdout).toContain('学籍状态不是“在籍”、未打包的学生 1 名');
    const zip = await readZip(out);
    expect(zip.names).toEqual(students.filter((s) => s.status === '在籍').map((s) => `${s.sid}.jpg`));
    expect(fs.statSync(out).size).toBeLessThanOrEqual(40_000_000);
  });

  test('a small limit from the profile splits the batch: OUT.zip, OUT-2.zip …, each ≤ the limit, every photo once', async () => {
    const sizes = students.map((_, i) => good(i).length);
    const limit = Math.max(...sizes) * 2 + 2048; // two or three photos per zip
    const profile = tmp.file('小包.json');
    // The zip limit must exceed the photo limit (validated): lower both.
    fs.writeFileSync(profile, JSON.stringify({ photos: { maxBytes: Math.max(...sizes), zipMaxBytes: limit } }));
    const out = tmp.file('分包.zip');
    const r = await xueji(['photos', roster, '--dir', dir, '-o', out, '--profile', profile, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.zips.length).toBeGreaterThan(2);
    expect(report.zips.map((z: { file: string }) => z.file)).toEqual(
      report.zips.map((_: unknown, i: number) => (i === 0 ? '分包.zip' : `分包-${i + 1}.zip`)),
    );
    const all: string[] = [];
    for (const z of report.zips) {
      const file = tmp.file(z.file);
      expect(fs.statSync(file).size).toBeLessThanOrEqual(limit);
      expect(fs.statSync(file).size).toBe(z.bytes);
      const zip = await readZip(file);
      expect(zip.dirs).toEqual([]);
      expect(zip.names).toEqual(z.photos);
      all.push(...zip.names);
    }
    expect(all).toEqual(students.filter((s) => s.status === '在籍').map((s) => `${s.sid}.jpg`));

    // Again with the default limit: refused without --force (the zips are there); with it, one zip, and the parts
    // left from before are pointed out.
    const refused = await xueji(['photos', roster, '--dir', dir, '-o', out]);
    expect(refused.code).toBe(2);
    expectOneChineseLine(refused.stderr);
    expect(refused.stderr).toContain('--force');
    expect((await readZip(out)).names).toEqual(report.zips[0].photos);
    const again = await xueji(['photos', roster, '--dir', dir, '-o', out, '--force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('分包-2.zip”是以前生成的');
    expect((await readZip(out)).names).toHaveLength(7);
  });

  test('zips written into the photo folder are not read as photos on the next run', async () => {
    const out = path.join(dir, '照片包.zip');
    expect((await xueji(['photos', roster, '--dir', dir, '-o', out])).code).toBe(0);
    const r = await xueji(['photos', roster, '--dir', dir, '-o', out, '--json', '--force']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 0, warnings: 0, fixable: 0 });
    fs.rmSync(out);
  });
});

test('named by 身份证号 (profile): upper-case X right, lower-case x reported', async () => {
  const list = students.slice(0, 3).map((s, i) => ({ ...s, id: i === 0 ? idWithX() : s.id }));
  const file = await saveRoster(tmp.file('身份证名单.xlsx'), list);
  const dir = tmp.file('照片-身份证');
  write(dir, `${list[0]!.id.toLowerCase()}.jpg`, good(0));
  write(dir, `${list[1]!.id}.jpg`, good(1));
  write(dir, `${list[2]!.id}.jpg`, good(2));
  const profile = tmp.file('身份证.json');
  fs.writeFileSync(profile, JSON.stringify({ photos: { nameBy: 'idCard' } }));
  const out = tmp.file('身份证.zip');
  const r = await xueji(['photos', file, '--dir', dir, '-o', out, '--profile', profile, '--json']);
  expect(r.code).toBe(1);
  const issues = JSON.parse(r.stdout).files.flatMap((f: { issues: unknown[] }) => f.issues);
  expect(issues.map((i: { rule: string; cell: string }) => [i.rule, i.cell])).toEqual([['photo.name', 'D3']]);
  expect((await readZip(out)).names).toEqual([`${list[1]!.id}.jpg`, `${list[2]!.id}.jpg`]);
});

/** An ID whose check character is X. */
function idWithX(): string {
  for (let seq = 1; seq < 400; seq++) {
    const id = makeId('19850612', true, '130102', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

describe('unusable: exit 2, one Chinese line, nothing written', () => {
  const dir = tmp.file('照片-少量');
  beforeAll(() => write(dir, `${students[0]!.sid}.jpg`, good(0)));

  test('-o the roster itself: refused, the roster untouched', async () => {
    const before = sha256(roster);
    const copy = tmp.file('名单副本.zip');
    fs.copyFileSync(roster, copy);
    const r = await xueji(['photos', copy, '--dir', dir, '-o', copy]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(sha256(copy)).toBe(before);
  });

  test('no -o, -o not a .zip, no --dir', async () => {
    for (const args of [
      ['photos', roster, '--dir', dir],
      ['photos', roster, '--dir', dir, '-o', tmp.file('x.txt')],
      ['photos', roster, '-o', tmp.file('x.zip')],
    ]) {
      const r = await xueji(args);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
    }
    expect(fs.existsSync(tmp.file('x.zip'))).toBe(false);
  });

  test('a roster without a 学号 column', async () => {
    const file = await saveWorkbook(tmp.file('无学号.xlsx'), (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['姓名', '性别']);
      ws.addRow([makeName(0), '男']);
    });
    const out = tmp.file('无学号.zip');
    const r = await xueji(['photos', file, '--dir', dir, '-o', out]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('学号');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a profile whose zip limit cannot hold one photo', async () => {
    const profile = tmp.file('坏配置.json');
    fs.writeFileSync(profile, JSON.stringify({ photos: { zipMaxBytes: 50_000 } }));
    const r = await xueji(['photos', roster, '--dir', dir, '-o', tmp.file('y.zip'), '--profile', profile]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('photos.zipMaxBytes');
  });

  test('the output folder does not exist', async () => {
    const r = await xueji(['photos', roster, '--dir', dir, '-o', tmp.file('没有/这个/目录.zip')]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
  });
});
