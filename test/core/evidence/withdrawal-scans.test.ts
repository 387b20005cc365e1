/**
 * 退学申请表 scans against a withdrawal roster (seed 003 §三, DOMAIN.md §2 T2): names, type by content, size,
 * resolution, files of nobody, the signed summary scan — on generated images.
 */
import { evidenceRoster, checkEvidenceFiles, type InspectedFile } from '../../../src/core/evidence';
import { DEFAULT_PROFILE, mergeProfile } from '../../../src/core/profile/default-profile';
import type { FileIssue, FilesReport } from '../../../src/core/types';
import { check, makeName, makeSid, wdRecords, wdSheet } from '../../helpers/rules';
import { fakeFile, inspected, padded, scanJpeg, scanPng, png, textBytes } from './fixtures';

const N = 4;
const SHEET = wdSheet(wdRecords(N)); // header row 1, students in rows 2..5, 学号 in column C
const ROSTER = evidenceRoster([SHEET], [check(SHEET)])!;
const SUMMARY = '河北分部学信网退学汇总表1.jpg';

const stem = (i: number) => `${makeSid(i + 1)}${makeName(i)}`;
/** Every student's scan, correctly named, plus the summary scan. */
function goodFiles(): InspectedFile[] {
  const files = Array.from({ length: N }, (_, i) => inspected(`${stem(i)}${i % 2 ? '.png' : '.jpg'}`, i % 2 ? scanPng() : scanJpeg()));
  files.push(inspected(SUMMARY, scanJpeg(600, 400)));
  return files;
}

function run(files: InspectedFile[], profile = DEFAULT_PROFILE, directories: string[] = []): FilesReport {
  return checkEvidenceFiles({ file: '退学名单.xlsx', folder: '扫描件' }, ROSTER, { files, directories }, profile);
}

const issues = (r: FilesReport): FileIssue[] => r.files.flatMap((f) => f.issues);
const only = (r: FilesReport, rule: string) => issues(r).filter((i) => i.rule === rule);

test('the roster is read as a withdrawal roster', () => {
  expect(ROSTER.kind).toBe('withdrawal');
  expect(ROSTER.sheets).toEqual([{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: N }]);
});

test('every scan present and right: no issue; the report lists each file with its row', () => {
  const r = run(goodFiles());
  expect(issues(r)).toEqual([]);
  expect(r.summary).toEqual({ errors: 0, warnings: 0, fixable: 0 });
  expect(r.template).toBe('withdrawal');
  const first = r.files.find((f) => f.path === `${stem(0)}.jpg`)!;
  expect(first).toMatchObject({ kind: 'file', exists: true, type: 'jpeg', width: 400, height: 300, row: 2 });
  expect(r.files.find((f) => f.path === `${stem(1)}.png`)).toMatchObject({ type: 'png', row: 3 });
});

describe('evidence.missing', () => {
  test('a student without a scan: an error on the row’s 学号 cell, with the name the file should have', () => {
    const files = goodFiles().filter((f) => !f.path.startsWith(stem(2)));
    const r = run(files);
    const m = only(r, 'evidence.missing');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: 'C4', row: 4, sheet: '退学', field: 'studentId', column: '学号全码', severity: 'error', path: `${stem(2)}.jpg` });
    expect(m[0]!.message).toContain(`${stem(2)}.jpg`);
    expect(r.files.find((f) => f.path === `${stem(2)}.jpg`)).toMatchObject({ exists: false, row: 4 });
  });
});

describe('evidence.name: almost the right name', () => {
  test.each([
    ['a "+"', (i: number) => `${makeSid(i + 1)}+${makeName(i)}`],
    ['a space', (i: number) => `${makeSid(i + 1)} ${makeName(i)}`],
    ['wrong name characters', (i: number) => `${makeSid(i + 1)}${makeName(i).slice(0, 1)}某`],
  ])('%s: an error on the row, and the row is not also missing', (_, name) => {
    const files = goodFiles();
    files[1] = inspected(`${name(1)}.png`, scanPng());
    const r = run(files);
    const n = only(r, 'evidence.name');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ cell: 'C3', row: 3, path: `${name(1)}.png`, severity: 'error' });
    expect(n[0]!.message).toContain(`应命名为“${stem(1)}.png”`);
    expect(only(r, 'evidence.missing')).toEqual([]);
    expect(only(r, 'evidence.unmatched')).toEqual([]);
  });

  test('the message says what is wrong', () => {
    const files = goodFiles();
    files[0] = inspected(`${makeSid(1)}+${makeName(0)}.jpg`, scanJpeg());
    files[1] = inspected(`${makeSid(2)} ${makeName(1)}.png`, scanPng());
    files[2] = inspected(`${makeSid(3)}赵某.jpg`, scanJpeg());
    const msgs = only(run(files), 'evidence.name').map((i) => i.message);
    expect(msgs[0]).toContain('“+”');
    expect(msgs[1]).toContain('空格');
    expect(msgs[2]).toContain('姓名部分“赵某”');
  });
});

describe('evidence.unmatched', () => {
  test('a file of nobody is a warning without a cell', () => {
    const files = [...goodFiles(), inspected(`${makeSid(77)}${makeName(40)}.jpg`, scanJpeg())];
    const u = only(run(files), 'evidence.unmatched');
    expect(u).toHaveLength(1);
    expect(u[0]).toMatchObject({ severity: 'warning', cell: null, row: null, path: `${makeSid(77)}${makeName(40)}.jpg` });
  });

  test('a second file for the same student (.jpg and .png) is a warning on that row', () => {
    const files = [...goodFiles(), inspected(`${stem(0)}.png`, scanPng())];
    const u = only(run(files), 'evidence.unmatched');
    expect(u).toHaveLength(1);
    expect(u[0]).toMatchObject({ cell: 'C2', path: `${stem(0)}.png` });
  });

  test('system files are not looked at', () => {
    const files = [...goodFiles(), inspected('Thumbs.db', textBytes()), inspected('.DS_Store', textBytes())];
    expect(issues(run(files))).toEqual([]);
  });
});

describe('evidence.format: the type by content, not the extension', () => {
  test('a PNG renamed .jpg', () => {
    const files = goodFiles();
    files[0] = inspected(`${stem(0)}.jpg`, scanPng());
    const f = only(run(files), 'evidence.format');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: 'C2', path: `${stem(0)}.jpg` });
    expect(f[0]!.message).toContain('PNG');
  });

  test('a text file named .jpg', () => {
    const files = goodFiles();
    files[2] = inspected(`${stem(2)}.jpg`, textBytes());
    const f = only(run(files), 'evidence.format');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('文本文件');
    expect(only(run(files), 'evidence.missing')).toEqual([]);
  });

  test('a PDF scan with the right name belongs to its row but is the wrong type', () => {
    const files = goodFiles();
    files[3] = inspected(`${stem(3)}.pdf`, new Uint8Array(Buffer.from('%PDF-1.4\n%âãÏÓ\n')));
    const r = run(files);
    expect(only(r, 'evidence.format')[0]).toMatchObject({ cell: 'C5', path: `${stem(3)}.pdf` });
    expect(only(r, 'evidence.missing')).toEqual([]);
  });

  test('upper-case and .jpeg extensions of a real JPEG are fine', () => {
    const files = goodFiles();
    files[0] = inspected(`${stem(0)}.JPG`, scanJpeg());
    files[2] = inspected(`${stem(2)}.jpeg`, scanJpeg());
    expect(issues(run(files))).toEqual([]);
  });
});

describe('evidence.size: 10 MB = 10,000,000 bytes', () => {
  test('a generated JPEG padded past 10,000,000 bytes', () => {
    const files = goodFiles();
    const big = padded(scanJpeg(), 10_000_001);
    files[0] = inspected(`${stem(0)}.jpg`, big);
    const s = only(run(files), 'evidence.size');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ cell: 'C2' });
    expect(s[0]!.message).toContain('10 MB');
  });

  test('the boundary: 10,000,000 passes, 10,000,001 fails; a profile may relax it', () => {
    const at = (size: number, profile = DEFAULT_PROFILE) => {
      const files = goodFiles();
      files[0] = fakeFile(`${stem(0)}.jpg`, { size });
      return only(run(files, profile), 'evidence.size').length;
    };
    expect(at(10_000_000)).toBe(0);
    expect(at(10_000_001)).toBe(1);
    expect(at(10_000_001, mergeProfile({ evidence: { maxBytes: 20_000_000 } }))).toBe(0);
  });
});

describe('evidence.resolution: at least 200×200', () => {
  test.each([
    [199, 300, 1],
    [300, 199, 1],
    [200, 200, 0],
  ])('%i×%i → %i issue(s)', (w, h, n) => {
    const files = goodFiles();
    files[1] = inspected(`${stem(1)}.png`, png(w, h, () => [250, 250, 250]));
    const r = only(run(files), 'evidence.resolution');
    expect(r).toHaveLength(n);
    if (n) expect(r[0]!.message).toContain(`${w}×${h}`);
  });
});

describe('the signed summary scan: 分部名称学信网退学汇总表N.jpg, ≤ 1 MB', () => {
  test('absent: evidence.missing without a cell', () => {
    const r = run(goodFiles().filter((f) => f.path !== SUMMARY));
    const m = only(r, 'evidence.missing');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: null, row: null, path: SUMMARY, severity: 'error' });
  });

  test('absent but not required by the profile: nothing', () => {
    const p = mergeProfile({ evidence: { summaryScan: { required: false } } });
    expect(issues(run(goodFiles().filter((f) => f.path !== SUMMARY), p))).toEqual([]);
  });

  test.each(['河北分部 学信网退学汇总表1.jpg', '河北分部学信网退学汇总表.jpg', '陕西分部学信网退学汇总表2.jpg', '退学汇总表.jpg'])(
    'misnamed “%s”: evidence.name',
    (name) => {
      const files = goodFiles().filter((f) => f.path !== SUMMARY);
      files.push(inspected(name, scanJpeg()));
      const r = run(files);
      expect(only(r, 'evidence.name').map((i) => i.path)).toEqual([name]);
      expect(only(r, 'evidence.unmatched')).toEqual([]);
    },
  );

  test('over 1,000,000 bytes: evidence.size; a PNG: evidence.format', () => {
    const files = goodFiles().filter((f) => f.path !== SUMMARY);
    files.push(inspected(SUMMARY, padded(scanJpeg(), 1_000_000)));
    expect(only(run(files), 'evidence.size').map((i) => i.path)).toEqual([SUMMARY]);
    files[files.length - 1] = inspected('河北分部学信网退学汇总表1.png', scanPng());
    expect(only(run(files), 'evidence.format')).toHaveLength(1);
  });
});

test('a row whose 学号 cell is empty cannot be matched: evidence.missing on that row', () => {
  const recs = wdRecords(2);
  recs[1]!['学号全码'] = null;
  const sheet = wdSheet(recs);
  const roster = evidenceRoster([sheet], [check(sheet)])!;
  const r = checkEvidenceFiles(
    { file: 'x.xlsx', folder: 'd' },
    roster,
    { files: [inspected(`${stem(0)}.jpg`, scanJpeg()), inspected(SUMMARY, scanJpeg())], directories: [] },
    DEFAULT_PROFILE,
  );
  const m = only(r, 'evidence.missing');
  expect(m).toHaveLength(1);
  expect(m[0]).toMatchObject({ cell: 'C3', row: 3 });
});
