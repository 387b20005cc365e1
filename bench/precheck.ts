/**
 * The graduation pre-check of a 100,000-row roster (issue 11 item 5, goal ≤ 0.5 s for the pre-check): the platform's
 * student list generated with ExcelJS's streaming writer (entry terms 2012–2023, one row in ten with a reason —
 * 休学, 未上传, 学信网照片 不存在, 身份存疑; every 学号 different, as on the platform), then timed separately: our parse, the pre-check itself (the check as the
 * graduation-precheck template + sorting the students, src/core/precheck), its two-sheet export built, and
 * `xueji precheck -o` end to end. Fake students only.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeStudent, rng } from '../scripts/fake/students';
import { readSheetsStreaming } from '../src/files/node-io';
import { precheckExport, parseBatch, runPrecheck } from '../src/core/precheck';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';

const HEADER = ['序号', '学号', '姓名', '入学年度学期', '学籍状态', '分部', '分校/学院', '学习中心', '学生类别', '专业层次', '专业名称', '班级', '入学照片状态', '毕业照片状态', '学信网照片', '身份证号', '身份存疑'];

export async function writePrecheckRoster(path: string, rows: number, seed = 11): Promise<void> {
  const r = rng(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('学生名单');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const year = 2012 + (i % 12);
    const autumn = i % 2 === 1;
    const s = makeStudent(r, i, { year });
    // Unique within its year and season: the i with the same i % 12 share both, and i / 12 tells them apart.
    const studentId = `${String(year % 100)}130012${String((autumn ? 50_000 : 1) + Math.floor(i / 12)).padStart(5, '0')}`;
    const defect = i % 10 === 7 ? Math.floor(i / 10) % 4 : -1;
    const added = ws.addRow([
      i + 1, studentId, s.name, `${year}${autumn ? '秋季' : '春季'}`, defect === 0 ? '休学' : '在籍', '河北分部', '石家庄分校', '石家庄市长安区学习中心',
      '开放教育', '专科', '行政管理', `${year % 100}${autumn ? '秋' : '春'}行政管理`, '已上传', defect === 1 ? '未上传' : '已上传',
      defect === 2 ? '不存在' : '存在', s.idCard, defect === 3 ? '是' : '否',
    ]);
    added.getCell(2).numFmt = '@';
    added.getCell(16).numFmt = '@';
    added.commit();
  }
  ws.commit();
  await wb.commit();
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

const quietIO: CliIO = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd(), today: '2023-05-10' };

export async function benchPrecheck(dir: string, rows = 100_000): Promise<string[]> {
  const path = join(dir, `precheck-${rows}.xlsx`);
  await writePrecheckRoster(path, rows);
  const batch = parseBatch('202307')!;
  const reportDate = { y: 2023, m: 5, d: 10 };
  const parsed = await time(() => readSheetsStreaming(path, { maxRows: DEFAULT_PROFILE.limits.fixMaxRows }));
  const checked = await time(() => runPrecheck('precheck.xlsx', parsed.value, DEFAULT_PROFILE, { reportDate, batch }));
  const built = await time(() => precheckExport(checked.value.result, DEFAULT_PROFILE));
  const out = join(dir, 'precheck-out');
  mkdirSync(out);
  const cli = await time(() => run(['precheck', path, '--batch', '202307', '-o', out, '--report-date', '2023-05-10'], quietIO));
  const r = checked.value.result;
  const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} 行/秒`;
  return [
    `毕业资格预审 ${rows.toLocaleString('en-US')} 行（202307：可申请 ${r.apply.length.toLocaleString('en-US')} 名，暂不能申请 ${r.refuse.length.toLocaleString('en-US')} 名）`,
    `  解析（读取+转换）      ${parsed.ms.toFixed(0).padStart(7)} ms  ${rate(parsed.ms)}`,
    `  预审（校验+分类）      ${checked.ms.toFixed(0).padStart(7)} ms  ${rate(checked.ms)}（目标 ≤ 500 ms）`,
    `  导出内容               ${built.ms.toFixed(0).padStart(7)} ms`,
    `  xueji precheck -o 全程 ${cli.ms.toFixed(0).padStart(7)} ms  ${rate(cli.ms)}`,
    '',
  ];
}
