/**
 * `xueji precheck` end to end on generated rosters (the platform's student list): the verdicts and counts, the batch
 * option and its default, the photo folder, the two-sheet export (print-ready, never over an existing file without
 * --force), --json, and unusable input said in one Chinese line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ExcelJS from 'exceljs';
import { expectOneChineseLine, readBack, saveWorkbook, sha256, tempDir, xueji } from './helpers';
import { PC_FULL_HEADER, pcRecord } from '../helpers/roster';
import { makeSid } from '../helpers/rules';
import { jpeg, BLUE } from '../core/evidence/fixtures';
import { PRECHECK_EXAMPLE } from '../../scripts/make-examples';

const tmp = tempDir('xueji-precheck-');
afterAll(() => tmp.cleanup());

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', PRECHECK_EXAMPLE);

/** Students of every kind against 202307 (rows 2–9). */
const RECORDS = [
  pcRecord(0),
  pcRecord(1, { 入学年度学期: '2021秋季', 学号: makeSid(50002, { year: 2021 }) }),
  pcRecord(2, { 入学年度学期: '2015春季', 学号: makeSid(3, { year: 2015 }) }),
  pcRecord(3, { 入学年度学期: '2015秋季', 学号: makeSid(50004, { year: 2015 }) }),
  pcRecord(4, { 学籍状态: '毕业' }),
  pcRecord(5, { 毕业照片状态: '未上传' }),
  pcRecord(6, { 学信网照片: '无' }),
  pcRecord(7, { 身份存疑: '存疑', 毕业照片状态: '未上传' }),
];

async function roster(name: string, records = RECORDS, header = PC_FULL_HEADER): Promise<string> {
  return saveWorkbook(tmp.file(name), (wb) => {
    const ws = wb.addWorksheet('学生名单');
    ws.addRow([...header]);
    for (const r of records) ws.addRow(header.map((h) => r[h] as ExcelJS.CellValue));
  });
}

function outDir(name: string): string {
  const d = tmp.file(name);
  fs.mkdirSync(d);
  return d;
}

describe('xueji precheck', () => {
  it('says who may apply and who may not, with the students per reason (exit 1)', async () => {
    const file = await roster('mixed.xlsx');
    const r = await xueji(['precheck', file, '--batch', '202307']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('毕业资格预审：2023年7月批次（202307，毕业证书日期 2023-07-20）');
    expect(r.stdout).toContain('可申请毕业：2 名（其中 1 名本批次是最后一次机会）；暂不能申请：6 名（共 8 名）');
    for (const [title, n, rule] of [
      ['未满最短学习年限', 1, 'graduation.too-early'],
      ['学籍已过期', 1, 'graduation.expired'],
      ['学籍状态', 1, 'graduation.status'],
      ['缺少毕业照片', 2, 'graduation.photo-missing'],
      ['学信网缺少学历照片', 1, 'graduation.chsi-photo'],
      ['身份存疑', 1, 'graduation.identity-doubt'],
      ['最后一次毕业机会', 1, 'graduation.expiring'],
    ] as const) {
      expect(r.stdout).toMatch(new RegExp(`${title}\\s+${n} 名.*\\[${rule.replace('.', '\\.')}\\]`));
    }
    // A student with two reasons is listed once, both reasons (in column order) under the 学号, each with its own cell.
    expect(r.stdout).toMatch(/B9 .*缺少毕业照片（N9）：.*\n\s+身份存疑（Q9）：/);
  });

  it('everyone may apply: exit 0', async () => {
    const file = await roster('clean.xlsx', [pcRecord(0), pcRecord(1)]);
    const r = await xueji(['precheck', file, '--batch', '202307']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('可申请毕业：2 名；暂不能申请：0 名（共 2 名）');
  });

  it('the same roster against 202401: 2021秋季 may apply, 2015秋季 has expired, the 免修免考 reminder of a January batch', async () => {
    const file = await roster('jan.xlsx', RECORDS.slice(0, 4));
    const r = await xueji(['precheck', file, '--batch', '202401']);
    expect(r.stdout).toContain('可申请毕业：2 名；暂不能申请：2 名');
    expect(r.stdout).toMatch(/学籍已过期\s+2 名/);
    expect(r.stdout).toContain('提醒：计划2024年1月毕业的学生，课程免修免考申请须在2023年12月12日前提交；之后提交的，应按2024年7月及以后的批次申请毕业。');
  });

  it('defaults to the next batch after the report date', async () => {
    const file = await roster('default.xlsx', [pcRecord(0)]);
    expect((await xueji(['precheck', file, '--report-date', '2023-07-20'])).stdout).toContain('2023年7月批次（202307');
    expect((await xueji(['precheck', file, '--report-date', '2023-07-21'])).stdout).toContain('2024年1月批次（202401');
    expect((await xueji(['precheck', file], { today: '2026-11-22' })).stdout).toContain('2027年1月批次（202701');
  });

  it('--photos: a student with no photo named by 学号 or 身份证号 in the folder may not apply', async () => {
    const recs = [pcRecord(0), pcRecord(1), pcRecord(2), pcRecord(3)];
    const file = await roster('photos.xlsx', recs);
    const dir = outDir('照片');
    const photo = jpeg(48, 64, () => BLUE);
    fs.writeFileSync(path.join(dir, `${recs[0]!['学号']}.jpg`), photo);
    fs.writeFileSync(path.join(dir, `${recs[1]!['身份证号']}.jpg`), photo);
    fs.writeFileSync(path.join(dir, `${recs[2]!['学号']}${recs[2]!['姓名']}.jpg`), photo);
    fs.writeFileSync(path.join(dir, `${recs[3]!['学号']}.jpg`), '不是图片');
    const r = await xueji(['precheck', file, '--batch', '202307', '--photos', dir]);
    expect(r.stdout).toContain('可申请毕业：3 名；暂不能申请：1 名');
    expect(r.stdout).toMatch(/B5 .*缺少毕业照片：照片文件夹“照片”中没有该生的照片/);
  });

  it('-o writes 可申请毕业 and 暂不能申请, print-ready, and leaves the roster alone', async () => {
    const file = await roster('export.xlsx');
    const before = sha256(file);
    const dir = outDir('out');
    const r = await xueji(['precheck', file, '--batch', '202307', '-o', dir]);
    expect(r.stdout).toContain(`→ ${path.join(dir, '202307毕业资格预审.xlsx')}（工作表“可申请毕业” 2 名，“暂不能申请” 6 名）`);
    expect(sha256(file)).toBe(before);
    const wb = await readBack(path.join(dir, '202307毕业资格预审.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['可申请毕业', '暂不能申请']);
    const [apply, refuse] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(apply.getCell('A1').value).toBe('2023年7月毕业资格预审：可申请毕业的学生');
    expect((apply.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '学号', '姓名', '入学年度学期', '学籍状态', '学习中心', '专业名称', '提示']);
    expect(apply.getCell('B3').value).toBe(RECORDS[0]!['学号']);
    expect(apply.getCell('B3').numFmt).toBe('@');
    expect(String(apply.getCell('H4').value)).toMatch(/^最后一次毕业机会：入学年度学期为2015秋季/);
    expect(refuse.rowCount).toBe(8);
    expect((refuse.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '学号', '姓名', '入学年度学期', '学籍状态', '学习中心', '专业名称', '原因']);
    expect(String(refuse.getCell('H3').value)).toMatch(/^未满最短学习年限：入学年度学期为2021秋季/);
    expect(String(refuse.getCell('H8').value)).toMatch(/^缺少毕业照片：.*；\n身份存疑：/);
    expect(refuse.getCell('H8').alignment?.wrapText).toBe(true);
    for (const ws of [apply, refuse]) {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toBe('2:2');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getCell('B2').border?.top?.style).toBe('thin');
    }
    // Not over an existing file without --force; with it, replaced.
    const again = await xueji(['precheck', file, '--batch', '202307', '-o', dir]);
    expect(again.code).toBe(2);
    expectOneChineseLine(again.stderr);
    expect((await xueji(['precheck', file, '--batch', '202307', '-o', dir, '--force'])).code).toBe(1);
  });

  it('--json: the check report with the batch and the outcome beside it', async () => {
    const file = await roster('json.xlsx');
    const r = await xueji(['precheck', file, '--batch', '202307', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ file: 'json.xlsx', template: 'graduation-precheck', batch: '202307', certificateDate: '2023-07-20' });
    expect(j.precheck).toMatchObject({ records: 8, mayApply: 2, mayNotApply: 6, output: null });
    expect(j.precheck.reasons).toEqual({
      'graduation.too-early': 1,
      'graduation.expired': 1,
      'graduation.status': 1,
      'graduation.photo-missing': 2,
      'graduation.chsi-photo': 1,
      'graduation.identity-doubt': 1,
      'graduation.expiring': 1,
    });
    expect(j.precheck.refuse[0]).toMatchObject({ row: 3, cell: 'B3', studentId: RECORDS[1]!['学号'], enrollmentTerm: '2021秋季' });
    expect(j.precheck.refuse[0].reasons).toEqual([expect.objectContaining({ cell: 'D3', rule: 'graduation.too-early', severity: 'error' })]);
    expect(j.sheets[0]).toMatchObject({ sheet: '学生名单', template: 'graduation-precheck', headerRow: 1, records: 8 });
    expect(j.summary.errors).toBe(7);
  });

  it('a bad batch, a missing roster or a sheet without a student list: one Chinese line, exit 2', async () => {
    const file = await roster('bad.xlsx', [pcRecord(0)]);
    for (const argv of [
      ['precheck', file, '--batch', '202303'],
      ['precheck', tmp.file('none.xlsx'), '--batch', '202307'],
      ['precheck', file, '--photos', tmp.file('no-such-folder')],
    ]) {
      const r = await xueji(argv);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
    }
    const empty = await saveWorkbook(tmp.file('notes.xlsx'), (wb) => wb.addWorksheet('说明').addRow(['本表说明']));
    const r = await xueji(['precheck', empty]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
  });

  it('the committed example against 202307', async () => {
    const r = await xueji(['precheck', EXAMPLE, '--batch', '202307']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('可申请毕业：6 名（其中 1 名本批次是最后一次机会）；暂不能申请：6 名（共 12 名）');
  });
});

describe('the pre-check list is read, not submitted', () => {
  it('xueji merge refuses two of them (exit 2, one Chinese line), writing nothing', async () => {
    const one = await roster('分校一学生名单.xlsx');
    const two = await roster('分校二学生名单.xlsx', [pcRecord(10), pcRecord(11)]);
    const dir = outDir('汇总');
    const r = await xueji(['merge', one, two, '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toBe(
      'xueji：文件“分校一学生名单.xlsx”是毕业资格预审名单（graduation-precheck），无法汇总：毕业资格预审名单不是报送表格，请用 xueji precheck（或“毕业资格预审”）导出预审结果\n',
    );
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('xueji export says so and points at xueji precheck, writing nothing', async () => {
    const one = await roster('导出名单.xlsx');
    const dir = outDir('导出');
    const r = await xueji(['export', one, '-o', dir]);
    expect(r.code).toBe(1);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toBe(
      'xueji：文件“导出名单.xlsx”是毕业资格预审名单（graduation-precheck），未导出任何文件：毕业资格预审名单不是报送表格，请用 xueji precheck（或“毕业资格预审”）导出预审结果\n',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('xueji merge --json names the refusal not-submitted', async () => {
    const one = await roster('名单JSON.xlsx');
    const r = await xueji(['merge', one, '-o', outDir('汇总JSON'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('not-submitted');
  });
});
