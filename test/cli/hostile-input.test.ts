/**
 * Crashes and memory blow-ups become a result or a Chinese exit 2 (issue 14 item 2): a value in XFD1048576 or
 * A1048576, more issues than a report can hold, cell / shared-string / zip bombs (refused naming the profile limit),
 * a merge over the whole sheet under `fix`, a symbolic-link loop among several inputs, a sheet rename that is taken.
 * Memory itself is measured by `npm run bench`, never asserted here.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import { addRoster, checkJson, expectOneChineseLine, makeName, makeSid, rosterRows, saveWorkbook, tempDir, WD_HEADER, xueji } from './helpers';
import { editZip } from '../files/helpers';
import { readSheetsStreaming } from '../../src/files/node-io';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Every issue and patch of a --json report points at a cell that exists. */
function expectRealCells(report: { sheets: { issues: { cell: string | null; fix: { patches: { cell: string }[] } | null }[] }[] }): void {
  const real = (a: string) => {
    const m = /^([A-Z]{1,3})([1-9]\d*)$/.exec(a);
    if (!m) return false;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return col <= MAX_COL && Number(m[2]) <= MAX_ROW;
  };
  for (const s of report.sheets) {
    for (const i of s.issues) {
      if (i.cell !== null) expect([i.cell, real(i.cell)]).toEqual([i.cell, true]);
      for (const p of i.fix?.patches ?? []) expect([p.cell, real(p.cell)]).toEqual([p.cell, true]);
    }
  }
}

/** A roster without a signature row and one stray value at `address`. */
async function strayValue(name: string, address: string): Promise<string> {
  return saveWorkbook(tmp.file(name), (wb) => {
    const ws = addRoster(wb, rosterRows(3), { signature: false });
    ws.getCell(address).value = 'x';
  });
}

describe('one stray value at the far corner of the sheet', () => {
  it.each(['XFD1048576', 'A1048576'])('%s: check --json is a report of real cells (one row.blank for the million rows)', async (address) => {
    const file = await strayValue(`角落-${address}.xlsx`, address);
    const { code, report, stderr } = await checkJson([file]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expectRealCells(report);
    const blank = report.sheets[0].issues.filter((i: { rule: string }) => i.rule === 'row.blank');
    expect(blank).toHaveLength(1);
    expect(blank[0].message).toContain('第5–1048575行');
  });

  it('XFD1048576: the text report, export and fix finish with 0/1 and a fix that moves the value up', async () => {
    const file = await strayValue('角落-全部.xlsx', 'XFD1048576');
    expect([0, 1]).toContain((await xueji(['check', file])).code);
    const dir = tmp.file('导出-角落');
    fs.mkdirSync(dir);
    expect([0, 1]).toContain((await xueji(['export', file, '-o', dir])).code);
    const out = tmp.file('角落-修复.xlsx');
    const fix = await xueji(['fix', file, '-o', out]);
    expect(fix.stderr).toBe('');
    expect(fix.code).toBe(1);
    // The fix preview tells the move as rows (issue 9): the value's row closes up under the records.
    expect(fix.stdout).toContain('第1048576行 → 第5行');
    expect((await readSheetsStreaming(out))[0]!.rows[4]?.[16383]?.value).toBe('x');
    const again = await checkJson([out]);
    expect(again.report.sheets[0].issues.map((i: { rule: string }) => i.rule)).not.toContain('row.blank');
  });
});

describe('more issues than a report can hold', () => {
  let file: string;
  beforeAll(async () => {
    // 45,000 rows with three errors each: 135,000 issues (a text report crashed above ~125,000).
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp.file('十三万个问题.xlsx'), useSharedStrings: false });
    const ws = wb.addWorksheet('退学');
    ws.addRow(WD_HEADER).commit();
    for (let i = 0; i < 45_000; i++) ws.addRow([i + 1, '河北 分部', Number(makeSid(1 + (i % 49_999), { year: 2013 + Math.floor(i / 49_999) })), `${makeName(i)} `]).commit();
    ws.addRow(['经办人：']).commit();
    ws.commit();
    await wb.commit();
    file = tmp.file('十三万个问题.xlsx');
  });

  it('the text report shows the first 1,000 issues and counts the rest, by rule', async () => {
    const r = await xueji(['check', file]);
    expect(r.stderr).not.toMatch(/内部错误|RangeError/);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\s{4}[A-Z]+\d+\s/.test(l))).toHaveLength(1000);
    expect(r.stdout).toContain('……另有 134,000 个问题未逐条列出');
    expect(r.stdout).toContain('limits.issues');
    expect(r.stdout).toContain('合计：错误 135000 个');
  });

  it('--json lists limits.issues issues, the rest counted in "omitted", the summary counting all', async () => {
    const { code, report } = await checkJson([file]);
    expect(code).toBe(1);
    const sheet = report.sheets[0];
    expect(sheet.issues).toHaveLength(100_000);
    expect(sheet.omitted.issues).toBe(35_000);
    expect(report.summary.errors).toBe(135_000);
    expectRealCells(report);
  });
});

describe('bombs are refused naming the profile limit (exit 2, one Chinese line)', () => {
  function profile(limits: Record<string, number>): string {
    const p = tmp.file(`limits-${Object.keys(limits).join('-')}.json`);
    fs.writeFileSync(p, JSON.stringify({ limits }));
    return p;
  }

  it('a cell bomb: more cells than limits.cells, for check and fix alike', async () => {
    const file = await saveWorkbook(tmp.file('单元格炸弹.xlsx'), (wb) => {
      const ws = addRoster(wb, rosterRows(3));
      for (let r = 10; r < 60; r++) for (let c = 1; c <= 40; c++) ws.getCell(r, c).value = c;
    });
    const p = profile({ cells: 1000 });
    for (const argv of [['check', file, '--profile', p], ['fix', file, '--dry-run', '--profile', p]]) {
      const r = await xueji(argv);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
      expect(r.stderr).toContain('limits.cells');
      expect(r.stderr).toContain('1,000');
    }
  });

  it('a shared-string bomb: refused while its table is read, and fix says the same (not "corrupt")', async () => {
    const file = await saveWorkbook(tmp.file('共享字符串炸弹.xlsx'), (wb) => addRoster(wb, rosterRows(3)));
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/sharedStrings.xml')!.async('string');
      const more = Array.from({ length: 5000 }, (_, i) => `<si><t>${i}</t></si>`).join('');
      zip.file('xl/sharedStrings.xml', xml.replace('</sst>', `${more}</sst>`));
    });
    const p = profile({ cells: 2000 });
    for (const argv of [['check', file, '--profile', p], ['fix', file, '-o', tmp.file('炸弹-修复.xlsx'), '--profile', p]]) {
      const r = await xueji(argv);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
      expect(r.stderr).toContain('limits.cells');
      expect(r.stderr).not.toContain('损坏');
    }
  });

  it('a zip bomb: more inflated XML than limits.inflatedBytes', async () => {
    const file = await saveWorkbook(tmp.file('压缩炸弹.xlsx'), (wb) => addRoster(wb, rosterRows(3)));
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      zip.file('xl/worksheets/sheet1.xml', xml.replace('<sheetData>', `<sheetData>${' '.repeat(3_000_000)}`));
    });
    expect(fs.statSync(file).size).toBeLessThan(100_000);
    const r = await xueji(['check', file, '--profile', profile({ inflatedBytes: 1_000_000 })]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('limits.inflatedBytes');
  });

  it.each([
    ['17 MB of whitespace between two tags', ' '.repeat(17 * 1024 * 1024), /16 MB 以上、不含任何标记/],
    ['more <row> elements than Excel has rows', '<row/>'.repeat(1_048_577), /超出了 Excel 的范围/],
  ])('with the default limits, %s is refused at once as no Excel file', async (_label, filler, words) => {
    const file = await saveWorkbook(tmp.file(`炸弹-${filler.length}.xlsx`), (wb) => addRoster(wb, rosterRows(3)));
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', `${filler}</sheetData>`));
    });
    const r = await xueji(['check', file]);
    expect(r.code).toBe(2);
    // After the reading progress (the empty rows count as rows read), one Chinese line says why.
    const lines = r.stderr.split('\n').filter((l) => l && !/^正在读取/.test(l));
    expectOneChineseLine(lines.join('\n'));
    expect(lines[0]).toMatch(words);
  });
});

it('a merged range over the whole sheet (A1:XFD1048576) under fix: a copy, not 4 GB', async () => {
  const file = await saveWorkbook(tmp.file('整表合并.xlsx'), (wb) => {
    const rows = rosterRows(2);
    rows[0]![3] = '王 伟';
    addRoster(wb, rows);
  });
  await editZip(file, async (zip) => {
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="F1:XFD1048576"/></mergeCells>'));
  });
  const out = tmp.file('整表合并-修复.xlsx');
  const r = await xueji(['fix', file, '-o', out]);
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  expect(fs.existsSync(out)).toBe(true);
});

it('a symbolic-link loop among the inputs: exit 2 saying so, and the good file’s report is still printed', async () => {
  const good = await saveWorkbook(tmp.file('好名单.xlsx'), (wb) => addRoster(wb, rosterRows(2)));
  const loop = tmp.file('循环.xlsx');
  fs.symlinkSync(loop, loop);
  const r = await xueji(['check', good, loop, '--json']);
  expect(r.code).toBe(2);
  expectOneChineseLine(r.stderr);
  expect(r.stderr).toContain('循环');
  const reports = JSON.parse(r.stdout);
  expect(reports).toHaveLength(2);
  expect(reports[0].sheets[0].records).toBe(2);
  expect(reports[1].error.code).toBe('not-found');
});

describe('a sheet rename that is taken is not attempted (it was exit 3)', () => {
  it.each([
    ['"退学" already exists', ['退学', 'Sheet2']],
    ['two rosters both want it', ['Sheet1', 'Sheet2']],
  ])('%s: fix writes the copy, each sheet keeps a name of its own', async (_label, names) => {
    const file = await saveWorkbook(tmp.file(`改名-${names.join('-')}.xlsx`), (wb) => {
      for (const n of names) {
        const rows = rosterRows(2);
        rows[0]![3] = '王 伟';
        addRoster(wb, rows, { sheetName: n });
      }
    });
    const out = tmp.file(`改名-${names.join('-')}-修复.xlsx`);
    const r = await xueji(['fix', file, '-o', out]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const sheetNames = [...(await zip.file('xl/workbook.xml')!.async('string')).matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(sheetNames).size).toBe(2);
    expect(sheetNames).toContain('退学');
  });
});
