/**
 * Issue 14 item 1 end to end: students appended below the 经办人 row — one with a full-width 学号, one mistyped — are
 * counted and reported by `check` (exit 1, not "记录：3 条" and exit 0), moved into the table by `fix`, and written
 * by `export` (forced past the mistyped one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkJson, makeName, makeSid, readBack, saveWorkbook, tempDir, xueji } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const DATE = ['--report-date', '2026-11-22'];

async function roster(file: string): Promise<string> {
  return saveWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('退学');
    ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
    for (let i = 0; i < 3; i++) ws.addRow([i + 1, '河北分部', makeSid(i + 1), makeName(i)]);
    ws.addRow(['经办人：']);
    ws.addRow([4, '河北分部', fullWidth(makeSid(4)), makeName(3)]);
    ws.addRow([5, '河北分部', makeSid(5).replace(/0(?=\d{4}$)/, 'O'), makeName(4)]);
  });
}

it('check counts them, reports them and exits 1', async () => {
  const file = await roster(tmp.file('补报.xlsx'));
  const { code, report } = await checkJson([file], DATE);
  expect(code).toBe(1);
  const sheet = report.sheets[0];
  expect(sheet.records).toBe(5);
  const rules = sheet.issues.map((i: { rule: string; cell: string }) => `${i.rule}@${i.cell}`);
  expect(rules).toEqual(expect.arrayContaining(['table.signature-row@A7', 'cell.fullwidth@C6', 'student-id.format@C7']));
  const text = await xueji(['check', file, ...DATE]);
  expect(text.stdout).toContain('记录：5 条');
  expect(text.stdout).toMatch(/第6、7行在签字行（经办人）（第5行）之后，看起来是学生记录/);
});

it('fix moves both into the table, above the 经办人 row', async () => {
  const file = await roster(tmp.file('补报-修复.xlsx'));
  const out = tmp.file('补报-已修复.xlsx');
  const r = await xueji(['fix', file, '-o', out, ...DATE]);
  expect(r.stdout).toContain('把结束行 / 签字行之后的记录移入表格：移动 2 行');
  const ws = (await readBack(out)).getWorksheet('退学')!;
  const col = (c: number) => Array.from({ length: 7 }, (_, i) => ws.getCell(i + 1, c).text);
  expect(col(3)).toEqual(['学号全码', makeSid(1), makeSid(2), makeSid(3), makeSid(4), makeSid(5).replace(/0(?=\d{4}$)/, 'O'), '']);
  expect(ws.getCell('A7').text).toBe('经办人：');
});

it('export writes every student (forced past the mistyped 学号)', async () => {
  const file = await roster(tmp.file('补报-导出.xlsx'));
  const dir = tmp.file('导出');
  fs.mkdirSync(dir);
  const r = await xueji(['export', file, '-o', dir, '--force', ...DATE]);
  expect(r.code).toBe(1);
  const [name] = fs.readdirSync(dir);
  const ws = (await readBack(path.join(dir, name!))).getWorksheet('退学')!;
  const ids: string[] = [];
  ws.eachRow((row) => ids.push(row.getCell(3).text));
  expect(ids).toEqual(expect.arrayContaining([makeSid(1), makeSid(4), makeSid(5).replace(/0(?=\d{4}$)/, 'O')]));
});
