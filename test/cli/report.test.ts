/**
 * `xueji report FILE… -o DIR [--force]`: the written reports end to end — what is printed, the .docx files written
 * (read back), and every refusal: errors left (exit 1) unless --force, an existing report (exit 2) unless --force, an
 * output that is an input (exit 2, even with --force), a missing folder or input (exit 2), nothing to report on
 * (exit 1). Nothing is written when a run is refused; files are written atomically; inputs are never touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SheetInput } from '../../src/core/types';
import { BLANK } from '../../src/core/written-report/document';
import { readDocx } from '../helpers/docx';
import { BATCH1, BATCH2, edited, enrolledStudents, newStudents, roster } from '../core/written-report/fixtures';
import { expectOneChineseLine, saveExemption, saveWorkbook, sha256, tempDir, xueji } from './helpers';

const DATE = ['--report-date', '2026-11-22'];
const tmp = tempDir('xueji-report-');
afterAll(() => tmp.cleanup());

/** Writes generated sheets as an .xlsx (every value as the sheet holds it). */
function save(name: string, sheets: SheetInput[]): Promise<string> {
  return saveWorkbook(tmp.file(name), (wb) => {
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      s.rows.forEach((row, r) => row?.forEach((c, col) => c && c.kind !== 'empty' && (ws.getCell(r + 1, col + 1).value = c.value as string | number)));
      for (const m of s.merges) ws.mergeCells(m);
    }
  });
}

function outDir(name: string): string {
  const dir = tmp.file(name);
  fs.mkdirSync(dir);
  return dir;
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

let correction: string;
let batch1: string;
let batch2: string;
beforeAll(async () => {
  correction = await save('新生信息修改.xlsx', [newStudents()]);
  batch1 = await save('退学名单第一批.xlsx', [roster('退学', BATCH1)]);
  batch2 = await save('退学名单第二批.xlsx', [roster('退学', BATCH2)]);
});

describe('a correction sheet and two rosters', () => {
  let dir: string;
  let r: Awaited<ReturnType<typeof xueji>>;
  const hashes: string[] = [];
  beforeAll(async () => {
    dir = outDir('报告');
    for (const f of [correction, batch1, batch2]) hashes.push(sha256(f));
    r = await xueji(['report', correction, batch1, batch2, '-o', dir, ...DATE]);
  });

  it('prints what each report says and where it went; exit 0', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '信息修改书面报告：1 张统计表，4 名学生 5 项修改（信息变更 2 项，信息录入错误 3 项）',
        '  新生信息修改.xlsx 工作表「新生」 新生基本信息修改情况统计表（correction-new）：4 名学生 5 项修改',
        '  逾期提交（新生入学第一学期内应提交，截至 2026-08-31）：2 名学生 3 项，已附情况说明：请填写原因，由主管校长审批签字并加盖学校公章',
        `  → ${path.join(dir, '信息修改书面报告.docx')}`,
        '学信网退学书面报告：2 批，共 5 名学生（第1批 3 名，第2批 2 名）',
        '  第1批  退学名单第一批.xlsx 工作表「退学」：3 名',
        '  第2批  退学名单第二批.xlsx 工作表「退学」：2 名',
        `  → ${path.join(dir, '学信网退学书面报告.docx')}`,
        '已生成 2 份书面报告（Word 文档，A4，可修改后打印、签字盖章），原文件未改动。',
        '',
      ].join('\n'),
    );
  });

  it('writes the two .docx files, nothing else; the inputs are untouched', async () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['信息修改书面报告.docx', '学信网退学书面报告.docx']);
    const c = await readDocx(fs.readFileSync(path.join(dir, '信息修改书面报告.docx')));
    expect(c.texts[1]).toContain('共涉及学生 4 人，修改信息 5 项，其中信息变更 2 项，信息录入错误 3 项。');
    expect(c.texts).toContain('关于逾期提交学生基本信息修改申请的情况说明');
    const w = await readDocx(fs.readFileSync(path.join(dir, '学信网退学书面报告.docx')));
    expect(w.texts[1]).toBe('本学期本教学点共提交学信网退学申请 2 批，共 5 名学生（第1批 3 名，第2批 2 名）。各批汇总名单附后，具体情况如下：');
    expect(w.texts).toContain(`经手人（签字）：${BLANK}`);
    expect([correction, batch1, batch2].map(sha256)).toEqual(hashes);
  });

  it('an existing report is refused (exit 2) before anything is written, unless --force replaces it', async () => {
    const before = fs.readFileSync(path.join(dir, '信息修改书面报告.docx'));
    fs.rmSync(path.join(dir, '学信网退学书面报告.docx'));
    const again = await xueji(['report', correction, batch1, '-o', dir, ...DATE]);
    expect(again.code).toBe(2);
    expectOneChineseLine(again.stderr);
    expect(again.stderr).toBe('xueji：“报告”中已有文件“信息修改书面报告.docx”，为免覆盖未写入任何文件；确认要替换它，请加 --force\n');
    // The other report, whose name was free, was not written either.
    expect(fs.readdirSync(dir)).toEqual(['信息修改书面报告.docx']);
    expect(fs.readFileSync(path.join(dir, '信息修改书面报告.docx')).equals(before)).toBe(true);

    const forced = await xueji(['report', correction, batch1, '-o', dir, '--force', '--report-date', '2026-11-23']);
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['信息修改书面报告.docx', '学信网退学书面报告.docx']);
    expect((await readDocx(fs.readFileSync(path.join(dir, '信息修改书面报告.docx')))).texts).toContain('2026年11月23日');
    expect(leftovers(dir)).toEqual([]);
  });
});

it('never writes over an input, even with --force', async () => {
  const dir = outDir('输入也在这里');
  // An .xlsx that happens to carry the report's name (the bytes decide what a file is).
  const input = path.join(dir, '信息修改书面报告.docx');
  fs.copyFileSync(correction, input);
  const hash = sha256(input);
  const r = await xueji(['report', input, '-o', dir, '--force', ...DATE]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('与输入文件是同一个文件');
  expect(sha256(input)).toBe(hash);
  expect(fs.readdirSync(dir)).toEqual(['信息修改书面报告.docx']);
});

describe('errors that no fix resolves', () => {
  let bad: string;
  beforeAll(async () => {
    bad = await save('在籍生有错.xlsx', [edited(enrolledStudents(), { D3: '转专业' })]);
  });

  it('refuse the reports (exit 1), listing each error; nothing is written', async () => {
    const dir = outDir('有错');
    const r = await xueji(['report', bad, batch1, '-o', dir, ...DATE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('在籍生有错.xlsx 工作表「在籍生」：1 个错误无法自动修复：\n    D3      修改项目  “转专业”属于学籍异动，不在本表办理，请走学籍异动流程  [correction.item]\n');
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(/仍有 1 个错误无法自动修复，未生成书面报告.*加 --force 照样生成/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('with --force the reports are written and the run still exits 1', async () => {
    const dir = outDir('有错但强制');
    const r = await xueji(['report', bad, '-o', dir, '--force', ...DATE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 个错误无法自动修复（--force：照样计入书面报告）');
    expect(r.stdout).toContain('已生成 1 份书面报告（Word 文档，A4，可修改后打印、签字盖章）；其中计入了仍有错误的 1 处，原文件未改动。');
    const c = await readDocx(fs.readFileSync(path.join(dir, '信息修改书面报告.docx')));
    expect(c.tables[1]!.map((row) => row[3])).toEqual(['修改项目', '转专业', '入学文化程度']);
  });
});

describe('what cannot be used', () => {
  it('no correction sheet or roster among the files: exit 1, nothing written, the skipped sheets named', async () => {
    const dir = outDir('无可用');
    const ex = await saveExemption(tmp.file('免考.xlsx'), ['01300801']);
    const r = await xueji(['report', ex, '-o', dir, ...DATE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^免考\.xlsx 工作表「.+」：免考信息表不需要书面报告，未使用\n$/);
    expectOneChineseLine(r.stderr);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['no -o', () => ['report', correction], /请用 -o 指定书面报告所在的文件夹/],
    ['a missing folder', () => ['report', correction, '-o', tmp.file('没有这个文件夹')], /输出文件夹“没有这个文件夹”不存在/],
    ['-o naming a file', () => ['report', correction, '-o', correction], /不是文件夹/],
    ['a missing input', () => ['report', tmp.file('没有.xlsx'), '-o', tmp.dir], /找不到文件“没有.xlsx”/],
  ])('%s: exit 2, one Chinese line', async (_, argv, message) => {
    const r = await xueji([...argv(), ...DATE]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(message);
  });

  it('a failed write leaves no temp file and no half report (exit 2)', async () => {
    const dir = outDir('写入失败');
    const failure = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const spy = jest.spyOn(fs.promises, 'rename').mockRejectedValueOnce(failure);
    try {
      const r = await xueji(['report', correction, '-o', dir, ...DATE]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('xueji：无法保存文件“信息修改书面报告.docx”：磁盘空间不足\n');
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
