/**
 * `xueji export FILE -o DIR [--profile P.json] [--template-file BLANK.xlsx] [--force]`: the submission files, their
 * names, the round trip (export, then check: zero errors and the same records) for all five templates via the
 * examples, --force, and every refusal (exit 1 errors remain, exit 2 unusable input / template / folder), with no file
 * written and the input never touched.
 */
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTitle } from '../../src/core/rules/catalog';
import { EXAMPLE_FILES } from '../../scripts/make-examples';
import { readSheetsStreaming } from '../../src/files/node-io';
import { analyseSheet } from '../../src/core/engine/check';
import { cellText } from '../../src/core/engine/cell-text';
import { mergeProfile } from '../../src/core/profile/default-profile';
import { resolveLayout } from '../../src/core/export/layouts';
import type { SubmissionTemplateId as TemplateId } from '../../src/core/types';
import {
  CO_HEADER,
  CO_SIGNATURE,
  NEW_TITLE,
  addRoster,
  checkJson,
  expectOneChineseLine,
  makeName,
  makeSid,
  readBack,
  rosterRows,
  saveRoster,
  saveWorkbook,
  sha256,
  tempDir,
  xueji,
} from './helpers';
import { addRelatedPart } from '../files/helpers';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const DATE = ['--report-date', '2026-11-22'];
const REPORT_DATE = { y: 2026, m: 11, d: 22 };
const tmp = tempDir('xueji-export-');
afterAll(() => tmp.cleanup());

let n = 0;
/** A fresh, empty output folder. */
function outDir(): string {
  const d = tmp.file(`out-${++n}`);
  fs.mkdirSync(d);
  return d;
}

const OUTPUT_NAME: Record<TemplateId, string> = {
  exemption: '河北电大免考信息表.xlsx',
  withdrawal: '河北分部学信网退学汇总名单.xlsx',
  'correction-new': '国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表.xlsx',
  'correction-enrolled': '国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表.xlsx',
  'correction-graduate': '国家开放大学(原中央广播电视大学)毕业生基本信息修改情况统计表.xlsx',
};

/** Rows (sheet row numbers) that carry an error no fix resolves. */
async function unfixableRows(file: string): Promise<number[]> {
  const { report } = await checkJson([file], DATE);
  const rows = new Set<number>();
  for (const s of report.sheets) for (const i of s.issues) if (i.severity === 'error' && i.fix === null && i.row !== null) rows.add(i.row);
  return [...rows].sort((a, b) => b - a);
}

/** The example with the rows that carry unfixable errors removed: what a registrar sends once those are dealt with. */
async function cleanedExample(template: TemplateId): Promise<string> {
  const src = path.join(EXAMPLES, EXAMPLE_FILES[template]);
  const rows = await unfixableRows(src);
  const wb = await readBack(src);
  for (const r of rows) wb.worksheets[0]!.spliceRows(r, 1);
  const file = tmp.file(`cleaned-${template}.xlsx`);
  await wb.xlsx.writeFile(file);
  expect(await unfixableRows(file)).toEqual([]);
  return file;
}

/** The records of the (only recognised) sheet of a file: the layout's fields, as the checker reads them. */
async function recordsOf(file: string, template: TemplateId): Promise<string[][]> {
  const sheets = await readSheetsStreaming(file);
  const fields = resolveLayout(mergeProfile({}), template).columns.map((c) => c.field).filter((f) => f !== 'seq');
  for (const s of sheets) {
    const a = analyseSheet(s, mergeProfile({}), { reportDate: REPORT_DATE });
    if (a.report.template !== template) continue;
    return a.layout!.records.map((r) => fields.map((f) => cellText(s.rows[r - 1]?.[a.header!.fields.get(f)!]).trim()));
  }
  throw new Error(`no ${template} sheet in ${file}`);
}

const sortRecords = (rs: string[][]) => [...rs].sort((a, b) => a.join('|').localeCompare(b.join('|')));

describe.each(Object.keys(EXAMPLE_FILES) as TemplateId[])('round trip of the %s example', (template) => {
  it('export → check gives zero errors and the same records as `xueji fix` of the input', async () => {
    const input = await cleanedExample(template);
    const before = sha256(input);
    const dir = outDir();
    const r = await xueji(['export', input, '-o', dir, ...DATE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([OUTPUT_NAME[template]]);
    const out = path.join(dir, OUTPUT_NAME[template]);
    expect(r.stdout).toContain(`→ ${out}`);
    expect(r.stdout).toContain('已导出 1 个文件');
    expect(sha256(input)).toBe(before);

    const { code, report } = await checkJson([out], DATE);
    expect(report.summary.errors).toBe(0);
    expect(code).toBe(0);
    expect(report.sheets[0].template).toBe(template);

    const fixed = tmp.file(`fixed-${template}.xlsx`);
    expect((await xueji(['fix', input, '-o', fixed, ...DATE])).code).toBe(0);
    const expected = await recordsOf(fixed, template);
    const got = await recordsOf(out, template);
    expect(got.length).toBeGreaterThan(0);
    expect(sortRecords(got)).toEqual(sortRecords(expected));
    if (template !== 'exemption') {
      const keys = got.map((rec) => rec[template === 'withdrawal' ? 1 : 0]!);
      expect(keys).toEqual([...keys].sort());
    }
  });
});

/** An error line as export lists it: where, then the rule's Chinese title, the message, the id in brackets (issue 9). */
function listedLine(where: string, rule: string): RegExp {
  return new RegExp(`${where}  ${ruleTitle(rule)}  .*\\[${rule.replace('.', '\\.')}\\]$`, 'm');
}

describe('errors that no fix resolves', () => {
  it.each(['exemption', 'correction-enrolled', 'correction-graduate'] as TemplateId[])(
    '%s example: refused with exit 1, the errors listed, no file written',
    async (template) => {
      const input = path.join(EXAMPLES, EXAMPLE_FILES[template]);
      const { report } = await checkJson([input], DATE);
      const unfixable = report.sheets[0].issues.filter((i: { severity: string; fix: unknown }) => i.severity === 'error' && i.fix === null);
      expect(unfixable.length).toBeGreaterThan(0);
      const dir = outDir();
      const r = await xueji(['export', input, '-o', dir, ...DATE]);
      expect(r.code).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([]);
      expectOneChineseLine(r.stderr);
      expect(r.stderr).toContain(`仍有 ${unfixable.length} 个错误`);
      expect(r.stderr).toContain('--force');
      for (const i of unfixable) expect(r.stdout).toMatch(listedLine(`原表 ${i.cell}`, i.rule));
    },
  );

  it.each(['exemption', 'correction-enrolled', 'correction-graduate'] as TemplateId[])(
    '%s example with --force: written, exit 1, each row listed with its row in the exported file',
    async (template) => {
      const input = path.join(EXAMPLES, EXAMPLE_FILES[template]);
      const { report } = await checkJson([input], DATE);
      const unfixable = report.sheets[0].issues.filter((i: { severity: string; fix: unknown }) => i.severity === 'error' && i.fix === null);
      const dir = outDir();
      const r = await xueji(['export', input, '-o', dir, '--force', ...DATE]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(fs.readdirSync(dir)).toEqual([OUTPUT_NAME[template]]);
      expect(r.stdout).toContain(`--force：以下 ${unfixable.length} 个错误未改正就导出了`);
      for (const i of unfixable) expect(r.stdout).toMatch(listedLine(`原表 ${i.cell} → 导出文件第\\d+行`, i.rule));
      // Every record went out; what check finds in the file is among what was listed.
      const out = path.join(dir, OUTPUT_NAME[template]);
      const after = await checkJson([out], DATE);
      expect(after.report.sheets[0].records).toBe(report.sheets[0].records);
      const listed = new Set(unfixable.map((i: { rule: string }) => i.rule));
      for (const i of after.report.sheets[0].issues.filter((x: { severity: string }) => x.severity === 'error')) expect(listed).toContain(i.rule);
    },
  );

  it('the forced file shows each error at the listed row', async () => {
    const input = path.join(EXAMPLES, EXAMPLE_FILES['correction-enrolled']);
    const dir = outDir();
    const r = await xueji(['export', input, '-o', dir, '--force', ...DATE]);
    const after = await checkJson([path.join(dir, OUTPUT_NAME['correction-enrolled'])], DATE);
    expect(after.report.sheets[0].issues.length).toBe(3);
    for (const i of after.report.sheets[0].issues) {
      expect(r.stdout).toMatch(listedLine(`→ 导出文件第${i.row}行`, i.rule));
    }
  });
});

describe('what is written and how it is named', () => {
  it('a workbook with a 新生 and an 在籍生 sheet gives one file per variant', async () => {
    const file = tmp.file('两个变体.xlsx');
    await saveWorkbook(file, (wb) => {
      for (const [name, title, sid] of [
        ['新生', NEW_TITLE, makeSid(50001, { year: 2026 })],
        ['在籍生', NEW_TITLE.replace('新生', '在籍生'), makeSid(3)],
      ] as const) {
        const ws = wb.addWorksheet(name);
        ws.addRow([title]);
        ws.addRow(CO_HEADER);
        ws.addRow([1, sid, makeName(1), '民族', '满族', '汉族', '录入错误', null]);
        ws.addRow([CO_SIGNATURE]);
      }
    });
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, ...DATE]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([OUTPUT_NAME['correction-enrolled'], OUTPUT_NAME['correction-new']].sort());
    expect(r.stdout).toContain('已导出 2 个文件');
  });

  it('two rosters of one 分部 get their sheet names added; a roster of several 分部 names them all', async () => {
    const file = tmp.file('两批.xlsx');
    await saveWorkbook(file, (wb) => {
      addRoster(wb, rosterRows(2), { sheetName: '第一批' });
      addRoster(wb, rosterRows(3), { sheetName: '第二批' });
      const rows = rosterRows(2);
      rows[1]![1] = '天津分部';
      addRoster(wb, rows, { sheetName: '混合' });
    });
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, ...DATE]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['河北分部学信网退学汇总名单（第一批）.xlsx', '河北分部学信网退学汇总名单（第二批）.xlsx', '河北分部、天津分部学信网退学汇总名单.xlsx'].sort(),
    );
    expect(r.stdout).toContain('withdrawal.mixed-branch');
  });

  it('writing again over an earlier export is refused (exit 2, nothing written) unless --force, which replaces it', async () => {
    const file = await saveRoster(tmp.file('重导.xlsx'), rosterRows(2));
    const dir = outDir();
    expect((await xueji(['export', file, '-o', dir])).code).toBe(0);
    const first = fs.readFileSync(path.join(dir, OUTPUT_NAME.withdrawal));
    const again = await xueji(['export', file, '-o', dir]);
    expect(again.code).toBe(2);
    expectOneChineseLine(again.stderr);
    expect(again.stderr).toContain(OUTPUT_NAME.withdrawal);
    expect(again.stderr).toContain('--force');
    expect(fs.readFileSync(path.join(dir, OUTPUT_NAME.withdrawal)).equals(first)).toBe(true);
    expect((await xueji(['export', file, '-o', dir, '--force'])).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([OUTPUT_NAME.withdrawal]);
  });

  it('a school profile (started from --print-default) changes sheet, headers, order and file name; check reads it back', async () => {
    const printed = JSON.parse((await xueji(['profile', '--print-default'])).stdout);
    printed.withdrawal.sheetName = '退学名单';
    printed.withdrawal.layout.fileName = '{分部名称}退学-{报送日期}.xlsx';
    printed.withdrawal.layout.columns = [
      { field: 'seq', header: '序号', text: false, width: 5 },
      { field: 'studentId', header: '学号', text: true, width: 16 },
      { field: 'name', header: '姓名', text: true, width: 10 },
      { field: 'branchName', header: '分部', text: true, width: 10 },
    ];
    const profile = tmp.file('我校配置.json');
    fs.writeFileSync(profile, JSON.stringify(printed, null, 2));
    const file = await saveRoster(tmp.file('名单-配置.xlsx'), rosterRows(3), { sheetName: '退学名单' });
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, '--profile', profile, ...DATE]);
    expect(r.code).toBe(0);
    const out = path.join(dir, '河北分部退学-2026-11-22.xlsx');
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['退学名单']);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '学号', '姓名', '分部']);
    expect((await checkJson([out], ['--profile', profile, ...DATE])).report.summary.errors).toBe(0);
  });
});

/** A styled blank template for the roster, with a title and a 经办人 block. */
async function blankRosterTemplate(file: string, o: { note?: boolean; chart?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.getCell('A1').value = '学信网退学汇总名单';
  ws.getCell('A1').font = { bold: true, size: 18 };
  ws.mergeCells('A1:D1');
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']).font = { bold: true };
  for (let r = 3; r <= 6; r++) for (let c = 1; c <= 4; c++) ws.getCell(r, c).border = { bottom: { style: 'thin' } };
  // A note that starts like no footer line ("注：…" would be one): the check reads it as a broken record.
  if (o.note) ws.getCell('A7').value = '学号全码须与学信网一致';
  ws.getCell(o.note ? 'A8' : 'A7').value = '经办人：';
  [6, 14, 18, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  await wb.xlsx.writeFile(file);
  return file;
}

describe('--template-file', () => {
  it('fills the school’s template: title and widths kept, records under its header, exit 0, check clean', async () => {
    const tpl = await blankRosterTemplate(tmp.file('学校模板.xlsx'));
    const tplHash = sha256(tpl);
    const file = await saveRoster(tmp.file('名单-模板.xlsx'), rosterRows(6).reverse());
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, '--template-file', tpl, ...DATE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('按学校模板“学校模板.xlsx”填写');
    const out = path.join(dir, OUTPUT_NAME.withdrawal);
    const wb = await readBack(out);
    const ws = wb.getWorksheet('退学')!;
    expect(ws.getCell('A1').value).toBe('学信网退学汇总名单');
    expect(ws.getCell('A1').font?.size).toBe(18);
    expect(ws.getColumn(3).width).toBe(18);
    expect(ws.getCell('C3').value).toBe(makeSid(1));
    expect(ws.getCell('A9').value).toBe('经办人：');
    expect((await checkJson([out], DATE)).report.summary.errors).toBe(0);
    expect(sha256(tpl)).toBe(tplHash);
  });

  it('a sheet the template has no table for is exported in the built-in layout, and said so', async () => {
    const tpl = await blankRosterTemplate(tmp.file('学校模板-2.xlsx'));
    const file = tmp.file('混合模板.xlsx');
    await saveWorkbook(file, (wb) => {
      addRoster(wb, rosterRows(2));
      const ws = wb.addWorksheet('新生');
      ws.addRow([NEW_TITLE]);
      ws.addRow(CO_HEADER);
      ws.addRow([1, makeSid(50001, { year: 2026 }), makeName(1), '民族', '满族', '汉族', '录入错误', null]);
      ws.addRow([CO_SIGNATURE]);
    });
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, '--template-file', tpl, ...DATE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('（按学校模板“学校模板-2.xlsx”填写）');
    expect(r.stdout).toContain('（内置格式）');
    expect(fs.readdirSync(dir).sort()).toEqual([OUTPUT_NAME.withdrawal, OUTPUT_NAME['correction-new']].sort());
  });

  it('a filled template that `xueji check` would reject is not written (the self-check), unless forced', async () => {
    const tpl = await blankRosterTemplate(tmp.file('学校模板-注.xlsx'), { note: true });
    const file = await saveRoster(tmp.file('名单-注.xlsx'), rosterRows(2));
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, '--template-file', tpl, ...DATE]);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(r.stdout).toMatch(/导出文件 [A-D]5 /);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('学校模板');
    const forced = await xueji(['export', file, '-o', dir, '--template-file', tpl, '--force', ...DATE]);
    expect(forced.code).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([OUTPUT_NAME.withdrawal]);
  });

  it.each([
    ['a chart', async (f: string) => {
      await blankRosterTemplate(f);
      const JSZip = (await import('jszip')).default;
      const zip = await JSZip.loadAsync(fs.readFileSync(f));
      await addRelatedPart(zip, 'xl/worksheets/sheet1.xml', 'drawing', 'xl/drawings/d.xml', '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>');
      await addRelatedPart(zip, 'xl/drawings/d.xml', 'chart', 'xl/charts/c.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
      fs.writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    }, /图表/],
    ['no table of the input’s template', async (f: string) => {
      await saveWorkbook(f, (wb) => wb.addWorksheet('说明').addRow(['本模板用于免考信息']));
    }, /找不到/],
    ['a template that is not an .xlsx', async (f: string) => fs.writeFileSync(f, '序号,学号\n'), /CSV/],
  ])('a template with %s is refused with exit 2 and nothing written', async (_name, make, words) => {
    const tpl = tmp.file(`坏模板-${++n}.xlsx`);
    await make(tpl);
    const file = await saveRoster(tmp.file(`名单-坏模板-${n}.xlsx`), rosterRows(2));
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir, '--template-file', tpl, ...DATE]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(words);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('refusals', () => {
  let roster: string;
  beforeAll(async () => {
    roster = await saveRoster(tmp.file('名单-拒绝.xlsx'), rosterRows(3));
  });

  it('no -o: exit 2, saying how', async () => {
    const r = await xueji(['export', roster]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('-o');
  });

  it('a folder that does not exist: exit 2, not created', async () => {
    const missing = tmp.file('没有的文件夹');
    const r = await xueji(['export', roster, '-o', missing]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('没有的文件夹');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('-o naming a file: exit 2', async () => {
    const r = await xueji(['export', roster, '-o', roster]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('不是文件夹');
  });

  it('an export that would land on the input itself: exit 2, the input untouched, nothing written', async () => {
    const dir = outDir();
    const input = path.join(dir, OUTPUT_NAME.withdrawal);
    await saveRoster(input, rosterRows(3), { sheetName: 'Sheet1', signature: false });
    const before = sha256(input);
    const r = await xueji(['export', input, '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('同一个文件');
    expect(sha256(input)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([OUTPUT_NAME.withdrawal]);
  });

  it('an input that is not a workbook: exit 2', async () => {
    const bad = tmp.file('坏.xlsx');
    fs.writeFileSync(bad, 'not a zip');
    const r = await xueji(['export', bad, '-o', outDir()]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
  });

  it('a bad export layout in the profile: exit 2 naming the field', async () => {
    const p = tmp.file('坏配置.json');
    fs.writeFileSync(p, JSON.stringify({ withdrawal: { layout: { fileName: '退学名单.xls' } } }));
    const r = await xueji(['export', roster, '-o', outDir(), '--profile', p]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('withdrawal.layout.fileName');
  });

  it('a workbook with no recognised table: exit 1, nothing written', async () => {
    const file = tmp.file('无表.xlsx');
    await saveWorkbook(file, (wb) => wb.addWorksheet('说明').addRow(['只是说明文字']));
    const dir = outDir();
    const r = await xueji(['export', file, '-o', dir]);
    expect(r.code).toBe(1);
    expectOneChineseLine(r.stderr);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
