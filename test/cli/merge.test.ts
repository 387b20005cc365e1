/**
 * `xueji merge A.xlsx B.xlsx … -o DIR`: 汇总 end to end — what is printed, the one file written (read back with ExcelJS:
 * every record once, in 学号 order, 序号 1..n, one end row, print setup), the JSON report naming each issue's file and
 * row, and every refusal: a record in two files (exit 1) unless --force, inputs of different templates, a bad input
 * among the files, the same file twice, an existing output, an output that is an input (exit 2). Nothing is written
 * when a run is refused; inputs are never touched; no temp file is left.
 */
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PAPER_A4 } from '../../src/files/print-setup';
import {
  WD_SIGNATURE,
  expectOneChineseLine,
  makeName,
  makeSid,
  readBack,
  saveCorrection,
  saveExemption,
  saveRoster,
  sha256,
  tempDir,
  xueji,
  type Row,
} from './helpers';

const tmp = tempDir('xueji-merge-');
afterAll(() => tmp.cleanup());

const ROSTER_FILE = '河北分部学信网退学汇总名单.xlsx';

function outDir(name: string): string {
  const dir = tmp.file(name);
  fs.mkdirSync(dir);
  return dir;
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

/** Roster rows of these students (学号 serial, name index), 序号 1..n. */
function students(list: [number, number][]): Row[] {
  return list.map(([serial, n], i) => [i + 1, '河北分部', makeSid(serial), makeName(n)]);
}

let a: string;
let b: string;
let c: string;
let dup: string;
beforeAll(async () => {
  const spaced = students([[5, 5], [1, 1], [9, 9]]);
  spaced[1]![3] = `${makeName(1).slice(0, 1)} ${makeName(1).slice(1)}`;
  a = await saveRoster(tmp.file('中心A.xlsx'), spaced);
  b = await saveRoster(tmp.file('中心B.xlsx'), students([[3, 3], [7, 7]]), { sheetName: 'Sheet1' });
  c = await saveRoster(tmp.file('中心C.xlsx'), students([[2, 2], [8, 8]]), { title: '学信网退学汇总名单' });
  dup = await saveRoster(tmp.file('中心D.xlsx'), students([[4, 4], [9, 9]]));
});

describe('three centres', () => {
  let dir: string;
  let r: Awaited<ReturnType<typeof xueji>>;
  const hashes: string[] = [];
  beforeAll(async () => {
    dir = outDir('汇总');
    for (const f of [a, b, c]) hashes.push(sha256(f));
    r = await xueji(['merge', a, b, c, '-o', dir]);
  });

  it('prints each input and the file written; exit 0', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '学信网退学汇总名单（withdrawal），汇总 3 个文件：',
        '  中心A.xlsx 工作表「退学」：3 行记录，已自动修正 2 处',
        '  中心B.xlsx 工作表「Sheet1」：2 行记录，已自动修正 1 处',
        '  中心C.xlsx 工作表「退学」：2 行记录',
        `  → ${path.join(dir, ROSTER_FILE)}：7 行记录（按学号升序，序号 1–7，最后一行“${WD_SIGNATURE}”）`,
        `已汇总 3 个文件到 ${dir}（原文件未改动）。`,
        '',
      ].join('\n'),
    );
  });

  it('writes one file holding every record once, by 学号, 序号 1..n, 学号 as text, one 经办人 row', async () => {
    expect(fs.readdirSync(dir)).toEqual([ROSTER_FILE]);
    const wb = await readBack(path.join(dir, ROSTER_FILE));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['退学']);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['序号', '分部名称', '学号全码', '学生姓名'],
      ...[1, 2, 3, 5, 7, 8, 9].map((serial, i) => [i + 1, '河北分部', makeSid(serial), makeName(serial)]),
      [WD_SIGNATURE],
    ]);
    expect(ws.rowCount).toBe(9);
    for (let row = 2; row <= 8; row++) expect(ws.getCell(`C${row}`).numFmt).toBe('@');
  });

  it('is print-ready as an export: A4, one page wide, header repeated and frozen, page numbers', async () => {
    const ws = (await readBack(path.join(dir, ROSTER_FILE))).worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: PAPER_A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(1);
  });

  it('leaves the inputs as they were and no temp file', () => {
    expect([a, b, c].map(sha256)).toEqual(hashes);
    expect(leftovers(dir)).toEqual([]);
  });

  it('an existing merged file is refused (exit 2) unless --force replaces it', async () => {
    const before = fs.readFileSync(path.join(dir, ROSTER_FILE));
    const again = await xueji(['merge', a, b, '-o', dir]);
    expect(again.code).toBe(2);
    expectOneChineseLine(again.stderr);
    expect(again.stderr).toBe(`xueji：“汇总”中已有文件“${ROSTER_FILE}”，为免覆盖未写入任何文件；确认要替换它，请加 --force\n`);
    expect(fs.readFileSync(path.join(dir, ROSTER_FILE)).equals(before)).toBe(true);
    const forced = await xueji(['merge', a, b, '-o', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('5 行记录（按学号升序，序号 1–5');
    const ws = (await readBack(path.join(dir, ROSTER_FILE))).worksheets[0]!;
    expect(ws.rowCount).toBe(7);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('a 学号 in two centres’ files', () => {
  it('is refused (exit 1), the duplicate listed with both files and rows; nothing written', async () => {
    const dir = outDir('有重复');
    const r = await xueji(['merge', a, b, c, dup, '-o', dir]);
    expect(r.code).toBe(1);
    const line = `    中心D.xlsx「退学」C3 → 汇总 C10  错误  重复的记录  同一学号重复出现（${makeSid(9)}）：中心A.xlsx 工作表「退学」第4行 和 中心D.xlsx 工作表「退学」第3行，汇总文件中只能保留一行，请从其中一个文件中删除  [row.duplicate]`;
    expect(r.stdout).toContain(`  错误 1 个，警告 0 个（先写原表中的位置，→ 后是汇总文件中的位置）：\n${line}\n`);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(/仍有 1 个错误无法自动修复，未写入汇总文件.*加 --force 照样汇总/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('with --force both records are written and listed; exit 1', async () => {
    const dir = outDir('有重复但强制');
    const r = await xueji(['merge', a, b, c, dup, '-o', dir, '--force']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  --force：以上 1 个错误未改正就汇总了，报送后会被退回，请尽快改正\n');
    expect(r.stdout).toContain('；其中仍有错误 1 个。');
    const ws = (await readBack(path.join(dir, ROSTER_FILE))).worksheets[0]!;
    expect([9, 10].map((row) => ws.getCell(`C${row}`).value)).toEqual([makeSid(9), makeSid(9)]);
    expect(ws.getCell('A11').value).toBe(WD_SIGNATURE);
  });

  it('--json names each issue’s file and rows, the merged row and the first occurrence', async () => {
    const dir = outDir('JSON');
    const r = await xueji(['merge', a, b, c, dup, '-o', dir, '--json', '--force']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.file).toBe(ROSTER_FILE);
    expect(report.output).toBe(path.join(dir, ROSTER_FILE));
    expect(report.template).toBe('withdrawal');
    expect(report.sources.map((s: { file: string; records: number }) => `${s.file}:${s.records}`)).toEqual(['中心A.xlsx:3', '中心B.xlsx:2', '中心C.xlsx:2', '中心D.xlsx:2']);
    expect(report.sources[2]).toEqual({ file: '中心C.xlsx', sheet: '退学', template: 'withdrawal', headerRow: 2, records: 2, fixed: 0 });
    expect(report.sheets).toHaveLength(1);
    expect(report.sheets[0]).toMatchObject({ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 9 });
    expect(report.sheets[0].issues).toEqual([
      {
        cell: 'C10',
        row: 10,
        column: '学号全码',
        field: 'studentId',
        rule: 'row.duplicate',
        severity: 'error',
        message: `同一学号重复出现（${makeSid(9)}）：中心A.xlsx 工作表「退学」第4行 和 中心D.xlsx 工作表「退学」第3行，汇总文件中只能保留一行，请从其中一个文件中删除`,
        fix: null,
        file: '中心D.xlsx',
        sheet: '退学',
        sourceRow: 3,
        sourceCell: 'C3',
        related: [{ file: '中心A.xlsx', sheet: '退学', sourceRow: 4, sourceCell: 'C4', row: 9 }],
      },
    ]);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, fixable: 0 });
  });
});

describe('odd file names', () => {
  const NAMES = ['中心 A （第2批） 名单.xlsx', '-分校.xlsx', `引号"名单'.XLSX`, '换行\n名单.xlsx', '很长' + '的名字'.repeat(20) + '.xlsx'];

  it('each is read, named in the output (control characters escaped) and in the JSON as given', async () => {
    const files = await Promise.all(NAMES.map((n, k) => saveRoster(tmp.file(n), students([[20 + k, 20 + k]]))));
    const dir = outDir('怪名字');
    // `--` lets a file whose name starts with "-" through as a file.
    const text = await xueji(['merge', '-o', dir, '--', ...files]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  中心 A （第2批） 名单.xlsx 工作表「退学」：1 行记录\n');
    expect(text.stdout).toContain('  -分校.xlsx 工作表「退学」：1 行记录\n');
    expect(text.stdout).toContain(`  引号"名单'.XLSX 工作表「退学」：1 行记录\n`);
    expect(text.stdout).toContain('  换行\\n名单.xlsx 工作表「退学」：1 行记录\n');
    expect(text.stdout).toContain('5 行记录（按学号升序，序号 1–5');
    const json = await xueji(['merge', '-o', dir, '--force', '--json', '--', ...files]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).sources.map((s: { file: string }) => s.file)).toEqual(NAMES);
  });

  it('a duplicate between two of them names both, exactly', async () => {
    const one = await saveRoster(tmp.file('甲 乙.xlsx'), students([[30, 30]]));
    const two = await saveRoster(tmp.file('丙\t丁.xlsx'), students([[31, 31], [30, 30]]));
    const r = await xueji(['merge', one, two, '-o', outDir('怪名字重复'), '--json']);
    expect(r.code).toBe(1);
    const [issue] = JSON.parse(r.stdout).sheets[0].issues;
    expect(issue).toMatchObject({ rule: 'row.duplicate', file: '丙\t丁.xlsx', sourceRow: 3, related: [{ file: '甲 乙.xlsx', sourceRow: 2 }] });
    expect(issue.message).toContain('甲 乙.xlsx 工作表「退学」第2行 和 丙\t丁.xlsx 工作表「退学」第3行');
    const text = await xueji(['merge', one, two, '-o', outDir('怪名字重复2')]);
    expect(text.stdout).toContain('    丙\\t丁.xlsx「退学」C3 → 汇总 C3  错误  重复的记录');
    expect(text.stdout).not.toContain('丙\t丁');
  });

  it('a refusal naming a file with a line break stays one line', async () => {
    const ex = await saveExemption(tmp.file('免考\n名单.xlsx'), ['01300801']);
    const r = await xueji(['merge', a, ex, '-o', outDir('怪名字混合')]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('免考\\n名单.xlsx 是免考信息表（exemption）');
  });
});

describe('a corrupt file among many', () => {
  it('stops the run before any is read, naming it; nothing written', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, (_, k) => saveRoster(tmp.file(`多中心${k + 1}.xlsx`), students([[40 + k, 40 + k]]))));
    const bad = tmp.file('多中心-损坏.xlsx');
    fs.writeFileSync(bad, fs.readFileSync(many[0]!).subarray(0, 1000));
    const dir = outDir('多个中有坏的');
    const r = await xueji(['merge', ...many.slice(0, 9), bad, ...many.slice(9), '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toBe('xueji：文件“多中心-损坏.xlsx”已损坏或不是有效的 .xlsx 文件\n');
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('--help', () => {
  it('is Chinese and lists every option', async () => {
    const r = await xueji(['merge', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法：\s?xueji merge/);
    for (const o of ['-o, --output <文件夹>', '--force', '--template <模板ID>', '--profile <配置.json>', '--report-date <YYYY-MM-DD>', '--json']) expect(r.stdout).toContain(o);
    expect(r.stdout).toContain('汇总：把各学习中心报来的同一种表格合成一份报送文件');
    expect(r.stdout).not.toMatch(/Usage:|Options:|Arguments:/);
  });
});

describe('refused before anything is written (exit 2, one Chinese line)', () => {
  it('files of different templates: which file is which', async () => {
    const dir = outDir('混合');
    const ex = await saveExemption(tmp.file('免考.xlsx'), ['01300801']);
    const r = await xueji(['merge', a, ex, b, '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toBe(
      'xueji：所给文件不是同一种表格，不能汇总成一份：中心A.xlsx、中心B.xlsx 是学信网退学汇总名单（withdrawal）；免考.xlsx 是免考信息表（exemption）。请把同一种表格的文件分别汇总（某个文件识别有误时，可用 --template 指定模板）\n',
    );
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('--json gives the reason as an error object', async () => {
    const ex = await saveExemption(tmp.file('免考2.xlsx'), ['01300801']);
    const r = await xueji(['merge', a, ex, '-o', outDir('混合JSON'), '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.error.code).toBe('mixed-templates');
    expect(report.error.groups).toEqual([
      { template: 'withdrawal', sheets: [{ file: '中心A.xlsx', sheet: '退学' }] },
      { template: 'exemption', sheets: [{ file: '免考2.xlsx', sheet: '免考信息' }] },
    ]);
    expect(report.sheets).toEqual([]);
  });

  it('--template reads every file as that template', async () => {
    const n1 = await saveCorrection(tmp.file('新生1.xlsx'), [makeSid(2)], { title: '国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表' });
    const n2 = await saveCorrection(tmp.file('新生2.xlsx'), [makeSid(1)]);
    const dir = outDir('新生');
    expect((await xueji(['merge', n1, n2, '-o', dir])).code).toBe(2);
    const r = await xueji(['merge', n1, n2, '-o', dir, '--template', 'correction-new', '--force']);
    expect(r.stdout).toContain('新生基本信息修改情况统计表（correction-new），汇总 2 个文件：');
    expect(fs.readdirSync(dir)).toEqual(['国家开放大学(原中央广播电视大学)新生基本信息修改情况统计表.xlsx']);
  });

  const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  it.each([
    ['a corrupt file', '坏.xlsx', () => fs.readFileSync(a).subarray(0, 300), '文件“坏.xlsx”已损坏或不是有效的 .xlsx 文件'],
    [
      'a password-protected workbook',
      '加密.xlsx',
      () => {
        const buf = Buffer.alloc(4096);
        CFB.copy(buf, 0);
        buf.write('EncryptedPackage', 1500, 'utf16le');
        return buf;
      },
      '文件“加密.xlsx”已设置打开密码，请在 Excel 中取消密码后另存再试',
    ],
    ['a CSV file', '名单.csv', () => Buffer.from('序号,学号\n1,2013001200001\n'), '文件“名单.csv”是 CSV 或纯文本文件，不是 Excel 工作簿，请在 Excel 中打开后另存为 .xlsx 再试'],
  ])('%s among the files: its name said, nothing written', async (_what, name, bytes, message) => {
    const bad = tmp.file(name);
    fs.writeFileSync(bad, bytes());
    const dir = outDir(`坏输入-${name}`);
    const r = await xueji(['merge', a, b, bad, c, '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toBe(`xueji：${message}\n`);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a file with no table of any template', async () => {
    const notice = tmp.file('通知.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('通知').addRow(['关于报送退学名单的通知']);
    await wb.xlsx.writeFile(notice);
    const r = await xueji(['merge', a, notice, '-o', outDir('无模板')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'xueji：文件“通知.xlsx”中没有可识别的表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表），无法汇总；可用 xueji check 查看原因\n',
    );
  });

  it('the same file twice, however spelled', async () => {
    const dir = outDir('两次');
    const r = await xueji(['merge', a, b, path.join(path.dirname(a), '.', path.basename(a)), '-o', dir]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('给了两次（所给的第 1 个和第 3 个是同一个文件），同一个文件不能汇总两次');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('two inputs of one name in different folders: the one that is bad is told by its place', async () => {
    fs.mkdirSync(tmp.file('甲中心'));
    fs.mkdirSync(tmp.file('乙中心'));
    const one = tmp.file(path.join('甲中心', '退学名单.xlsx'));
    const two = tmp.file(path.join('乙中心', '退学名单.xlsx'));
    fs.copyFileSync(a, one);
    fs.writeFileSync(two, Buffer.alloc(0));
    const r = await xueji(['merge', one, two, '-o', outDir('同名')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xueji：文件“退学名单.xlsx”是空文件（0 字节），不是有效的 .xlsx 文件（所给的第 2 个文件）\n');
  });

  it('never writes over an input, even with --force: the last merged file merged again with a late centre', async () => {
    const dir = outDir('再汇总');
    expect((await xueji(['merge', a, b, '-o', dir])).code).toBe(0);
    const last = path.join(dir, ROSTER_FILE);
    const hash = sha256(last);
    const r = await xueji(['merge', last, c, '-o', dir, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('与输入文件是同一个文件');
    expect(sha256(last)).toBe(hash);
    expect(fs.readdirSync(dir)).toEqual([ROSTER_FILE]);
  });

  it('no -o, or a folder that is not there', async () => {
    const none = await xueji(['merge', a, b]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('xueji：请用 -o 指定汇总文件所在的文件夹，例如：xueji merge 中心A.xlsx 中心B.xlsx -o 汇总\n');
    const missing = await xueji(['merge', a, b, '-o', tmp.file('没有这个文件夹')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('xueji：输出文件夹“没有这个文件夹”不存在，请先创建它（不会自动新建文件夹）\n');
  });
});
