/** A progress indicator on stderr for files over ~10,000 rows, and none for small files. */
import { makeName, makeSid, saveWorkbook, tempDir, xueji, WD_HEADER, WD_SIGNATURE } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Rows in the big file: header + 12,343 records + the 经办人 row. Not a multiple of 1,000 on purpose. */
const BIG_ROWS = 12_345;
let big: string;
let small: string;

async function roster(file: string, records: number): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('退学');
    ws.addRow(WD_HEADER);
    for (let i = 0; i < records; i++) ws.addRow([i + 1, '河北分部', makeSid(i + 1), makeName(i)]);
    ws.addRow([WD_SIGNATURE]);
  });
}

beforeAll(async () => {
  big = await roster(tmp.file('大名单.xlsx'), BIG_ROWS - 2);
  small = await roster(tmp.file('小名单.xlsx'), 48);
});

describe('check progress', () => {
  it('a 12,000-row file shows progress lines on stderr while it is read, and the report on stdout', async () => {
    const r = await xueji(['check', big]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^正在读取 大名单\.xlsx：10,000 行…$/m);
    expect(r.stderr).toMatch(/^已读取 大名单\.xlsx：/m);
    expect(r.stdout).toContain(`记录：${BIG_ROWS - 2} 条`);
    expect(r.stdout).not.toContain('正在读取');
  });

  it('in a terminal the progress rewrites one line (carriage returns, no newline per step)', async () => {
    const r = await xueji(['check', big], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r正在读取 大名单\.xlsx：10,000 行…/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a 50-row file shows no progress at all', async () => {
    for (const tty of [false, true]) {
      const r = await xueji(['check', small], { tty });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  it('--json keeps stdout pure JSON while progress goes to stderr', async () => {
    const r = await xueji(['check', big, '--json']);
    expect(r.stderr).toContain('正在读取');
    expect(JSON.parse(r.stdout).sheets[0].records).toBe(BIG_ROWS - 2);
  });

  it('the closing line gives the number of rows read', async () => {
    const r = await xueji(['check', big]);
    expect(r.stderr).toMatch(/^已读取 大名单\.xlsx：共 12,345 行。$/m);
  });
});
