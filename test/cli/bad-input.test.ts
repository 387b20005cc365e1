/**
 * Unusable inputs: every one exits 2 with exactly one Chinese line on stderr naming the file, never a stack trace,
 * for both `check` and `fix` (which writes nothing). Also wrong command lines: unknown verb, missing arguments.
 */
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneChineseLine, rosterRows, saveRoster, saveWorkbook, tempDir, xueji } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Deterministic "random" bytes (xorshift), starting neither like a zip nor like a compound file. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x01;
  b[1] = 0x02;
  return b;
}

/** name, how to make it (returns the path), what the message must say. */
const CASES: [string, () => Promise<string>, RegExp][] = [
  ['a missing path', async () => tmp.file('不存在.xlsx'), /找不到文件/],
  [
    'a directory',
    async () => {
      const d = tmp.file('文件夹.xlsx');
      fs.mkdirSync(d, { recursive: true });
      return d;
    },
    /文件夹/,
  ],
  [
    'a .csv file',
    async () => {
      const f = tmp.file('名单.csv');
      fs.writeFileSync(f, '序号,分部名称,学号全码,学生姓名\n1,河北分部,2013001200001,王伟\n');
      return f;
    },
    /CSV/,
  ],
  [
    'CSV text saved as .xlsx',
    async () => {
      const f = tmp.file('其实是文本.xlsx');
      fs.writeFileSync(f, '序号,学号\n1,2013001200001\n');
      return f;
    },
    /CSV/,
  ],
  [
    'an old .xls (compound file bytes)',
    async () => {
      const f = tmp.file('旧格式.xls');
      fs.writeFileSync(f, Buffer.concat([CFB_MAGIC, Buffer.alloc(4088)]));
      return f;
    },
    /\.xls/,
  ],
  [
    'a password-protected workbook (compound file with EncryptedPackage)',
    async () => {
      const f = tmp.file('加密.xlsx');
      const b = Buffer.alloc(4096);
      CFB_MAGIC.copy(b, 0);
      b.write('EncryptionInfo', 1200, 'utf16le');
      b.write('EncryptedPackage', 1500, 'utf16le');
      fs.writeFileSync(f, b);
      return f;
    },
    /密码/,
  ],
  [
    'a truncated zip',
    async () => {
      const whole = await saveRoster(tmp.file('完整.xlsx'), rosterRows(20));
      const f = tmp.file('截断.xlsx');
      const bytes = fs.readFileSync(whole);
      fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return f;
    },
    /损坏/,
  ],
  [
    'random bytes',
    async () => {
      const f = tmp.file('乱码.xlsx');
      fs.writeFileSync(f, noise(3000));
      return f;
    },
    /不是/,
  ],
  [
    'a zero-byte file',
    async () => {
      const f = tmp.file('空文件.xlsx');
      fs.writeFileSync(f, Buffer.alloc(0));
      return f;
    },
    /0 字节/,
  ],
  [
    'a workbook whose only sheet is empty',
    async () => saveWorkbook(tmp.file('空工作表.xlsx'), (wb) => void wb.addWorksheet('Sheet1')),
    /没有任何数据/,
  ],
  [
    'a zip that is not a workbook',
    async () => {
      const JSZip = (await import('jszip')).default;
      const zip = new JSZip();
      zip.file('readme.txt', 'hello');
      const f = tmp.file('压缩包.xlsx');
      fs.writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
      return f;
    },
    /[\u4e00-\u9fff]/,
  ],
];

describe.each(CASES)('%s', (_name, make, says) => {
  let file: string;
  beforeAll(async () => {
    file = await make();
  });

  it('check exits 2 with one Chinese line naming the file, and nothing on stdout', async () => {
    const r = await xueji(['check', file]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).toContain(`“${path.basename(file)}”`);
    expect(r.stderr).not.toContain(path.dirname(file));
    expect(r.stdout).toBe('');
  });

  it('fix exits 2 the same way and writes no output', async () => {
    const out = tmp.file(`输出-${path.basename(file)}.xlsx`);
    const r = await xueji(['fix', file, '-o', out]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(says);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('bad input among good ones', () => {
  it('check --json still prints valid JSON, the unusable file marked with its error', async () => {
    const good = await saveRoster(tmp.file('好的.xlsx'), rosterRows(2));
    const r = await xueji(['check', good, tmp.file('不存在2.xlsx'), '--json']);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    const reports = JSON.parse(r.stdout);
    expect(reports).toHaveLength(2);
    expect(reports[0].summary.errors).toBe(0);
    expect(reports[1].file).toBe('不存在2.xlsx');
    expect(reports[1].error.code).toBe('not-found');
  });
});

describe('a sheet with a merged title row, a formula-computed 学号 and an #N/A cell', () => {
  it('is checked without a crash: exit 1, nothing on stderr', async () => {
    const file = await saveWorkbook(tmp.file('陷阱.xlsx'), (wb: ExcelJS.Workbook) => {
      const ws = wb.addWorksheet('退学');
      ws.addRow(['学信网退学汇总名单']);
      ws.mergeCells('A1:D1');
      ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
      ws.addRow([1, '河北分部', { formula: 'TEXT(2013001200001,"0")', result: '2013001200001' }, '王伟']);
      ws.addRow([2, '河北分部', '2013001200002', { error: '#N/A' }]);
      ws.addRow([3, { error: '#VALUE!' }, '2013001200003', '李娜']);
      ws.addRow(['经办人：']);
    });
    const r = await xueji(['check', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).sheets[0].issues.map((i: { rule: string; cell: string }) => `${i.rule}@${i.cell}`);
    expect(rules).toEqual(expect.arrayContaining(['cell.formula@C3', 'cell.error-value@D4', 'cell.error-value@B5']));
  });
});

describe('wrong command lines exit 2 with Chinese text', () => {
  it.each([
    ['an unknown verb', ['jiancha', 'a.xlsx'], /不认识的命令/],
    ['check without files', ['check'], /缺少文件参数/],
    ['fix without a file', ['fix'], /缺少文件参数/],
    ['an unknown option', ['check', 'a.xlsx', '--zzz'], /不认识的选项/],
    ['--profile without its value', ['check', 'a.xlsx', '--profile'], /选项缺少取值/],
    ['profile without --print-default', ['profile'], /--print-default/],
  ])('%s', async (_name, argv, says) => {
    const r = await xueji(argv);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(says);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['a verb one letter off', ['chek', 'a.xlsx'], /不认识的命令/],
    ['an option one letter off', ['check', 'a.xlsx', '--jsn'], /不认识的选项/],
  ])('%s: one Chinese line, no English suggestion', async (_name, argv, says) => {
    const r = await xueji(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(says);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).not.toMatch(/Did you mean|unknown command/);
  });

  it('no arguments at all is a missing argument: exit 2', async () => {
    const r = await xueji([]);
    expect(r.stdout + r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.code).toBe(2);
  });

  it('--help exits 0 and lists the verbs in Chinese', async () => {
    const r = await xueji(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check/);
    expect(r.stdout).toMatch(/fix/);
    expect(r.stdout).toMatch(/检查/);
  });
});
