/**
 * Messages that mislead (issue 14 item 7): cell text that would reorder or break the terminal is escaped; roster
 * names are compared in NFC like file names; a photo or scan that is a pipe, a device or a looping link is reported as
 * what it is (never "missing", never opened); a link out of --dir is not followed; full-width digits in a file name
 * are a naming error in `files` and `photos` alike.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addRoster, makeName, makeSid, rosterRows, saveWorkbook, tempDir, xueji } from './helpers';
import { photo, scanJpeg } from '../core/evidence/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FULLWIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const RAW_CONTROLS = /[\t\u202a-\u202e\u2066-\u2069]/;

describe('cell text is escaped on the terminal', () => {
  it('a sheet name with U+202E prints as \\u202E; values with a tab, a line break and U+202E show their marks (⇥ ↵ ¤)', async () => {
    const rows = rosterRows(2);
    rows[0]![3] = `王\t伟\u202E`;
    rows[1]![3] = `李\n四`;
    const file = await saveWorkbook(tmp.file('控制字符.xlsx'), (wb) => addRoster(wb, rows, { sheetName: '退学\u202E名单' }));
    const check = await xueji(['check', file]);
    expect(check.stdout).toContain('退学\\u202E名单');
    const fix = await xueji(['fix', file, '--dry-run']);
    // The fix preview shows invisible characters as marks (issue 9), with the legend; never the raw characters.
    expect(fix.stdout).toContain('工作表「退学\\u202E名单」');
    expect(fix.stdout).toContain('王⇥伟¤（文本） → 王伟（文本）');
    expect(fix.stdout).toContain('李↵四（文本） → 李四（文本）');
    for (const out of [check.stdout, fix.stdout]) {
      expect(out).not.toMatch(RAW_CONTROLS);
      // Every line still starts where the report puts it: no line broken by a cell's line break.
      for (const line of out.split('\n').filter(Boolean)) expect(line).toMatch(/^(\S|  )/);
    }
    // JSON keeps the text as it is (escaped the JSON way).
    const json = JSON.parse((await xueji(['check', file, '--json'])).stdout);
    expect(json.sheets[0].sheet).toBe('退学\u202E名单');
  });
});

describe('files and photos', () => {
  /** Withdrawal roster rows (学号, 姓名) and a graduation roster of the same students. */
  async function rosters(names: string[]): Promise<{ withdrawal: string; graduates: string }> {
    const withdrawal = await saveWorkbook(tmp.file(`退学-${names.length}-${Math.random().toString(36).slice(2)}.xlsx`), (wb) =>
      addRoster(wb, names.map((n, i) => [i + 1, '河北分部', makeSid(i + 1), n])),
    );
    const graduates = await saveWorkbook(tmp.file(`毕业-${names.length}-${Math.random().toString(36).slice(2)}.xlsx`), (wb) => {
      const ws = wb.addWorksheet('毕业生');
      ws.addRow(['学号', '姓名']);
      names.forEach((n, i) => ws.addRow([makeSid(i + 1), n]));
    });
    return { withdrawal, graduates };
  }

  function folder(name: string): string {
    const d = tmp.file(name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  }

  it('a roster name written with a compatibility ideograph (U+F900) matches the file named in NFC', async () => {
    const { withdrawal } = await rosters([`金\uF900`]);
    const dir = folder('兼容汉字');
    fs.writeFileSync(path.join(dir, `${makeSid(1)}金\u8C48.jpg`), scanJpeg());
    const r = JSON.parse((await xueji(['files', withdrawal, '--dir', dir, '--json'])).stdout);
    const rules = r.files.flatMap((f: { issues: { rule: string; cell: string | null }[] }) => f.issues.filter((i) => i.cell === 'C2').map((i) => i.rule));
    expect(rules).toEqual([]);
  });

  it('full-width digits in a file name are a naming error in files and in photos, never "missing"', async () => {
    const { withdrawal, graduates } = await rosters([makeName(0)]);
    const scans = folder('全角-扫描件');
    fs.writeFileSync(path.join(scans, `${FULLWIDTH(makeSid(1))}${makeName(0)}.jpg`), scanJpeg());
    const photos = folder('全角-照片');
    fs.writeFileSync(path.join(photos, `${FULLWIDTH(makeSid(1))}.jpg`), photo());
    const f = JSON.parse((await xueji(['files', withdrawal, '--dir', scans, '--json'])).stdout);
    const p = JSON.parse((await xueji(['photos', graduates, '--dir', photos, '-o', tmp.file('全角.zip'), '--json'])).stdout);
    const rulesAt = (report: { files: { issues: { rule: string; cell: string | null }[] }[] }, cell: string) =>
      report.files.flatMap((e) => e.issues.filter((i) => i.cell === cell).map((i) => i.rule));
    expect(rulesAt(f, 'C2')).toEqual(['evidence.name']);
    expect(rulesAt(p, 'A2')).toEqual(['photo.name']);
  });

  it('a pipe, a looping link and a link out of --dir are reported as special files, not missing, and never read', async () => {
    const { withdrawal, graduates } = await rosters([makeName(0), makeName(1), makeName(2)]);
    const outside = tmp.file('外面的照片.jpg');
    fs.writeFileSync(outside, photo());
    const make = (dir: string, names: [string, string, string]) => {
      execFileSync('mkfifo', [path.join(dir, names[0])]);
      fs.symlinkSync(path.join(dir, names[1]), path.join(dir, names[1]));
      fs.symlinkSync(outside, path.join(dir, names[2]));
    };
    const photos = folder('特殊-照片');
    make(photos, [`${makeSid(1)}.jpg`, `${makeSid(2)}.jpg`, `${makeSid(3)}.jpg`]);
    const scans = folder('特殊-扫描件');
    make(scans, [`${makeSid(1)}${makeName(0)}.jpg`, `${makeSid(2)}${makeName(1)}.jpg`, `${makeSid(3)}${makeName(2)}.jpg`]);
    const p = JSON.parse((await xueji(['photos', graduates, '--dir', photos, '-o', tmp.file('特殊.zip'), '--json'])).stdout);
    const f = JSON.parse((await xueji(['files', withdrawal, '--dir', scans, '--json'])).stdout);
    for (const [report, format, missing] of [[p, 'photo.format', 'photo.missing'], [f, 'evidence.format', 'evidence.missing']] as const) {
      const all = report.files.flatMap((e: { issues: { rule: string; message: string; row: number | null }[] }) => e.issues);
      const onRows = all.filter((i: { row: number | null }) => i.row !== null && i.row >= 2 && i.row <= 4);
      expect(onRows.filter((i: { rule: string }) => i.rule === missing)).toEqual([]);
      expect(onRows.filter((i: { rule: string }) => i.rule === format)).toHaveLength(3);
      for (const i of onRows.filter((x: { rule: string }) => x.rule === format)) expect(i.message).toContain('特殊文件');
    }
    // The photo out of the folder was not read: nothing was zipped.
    expect(p.zips).toEqual([]);
  });
});
