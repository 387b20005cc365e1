/**
 * Writes the sample workbooks under examples/: one per template, fake students with valid check
 * characters and a few realistic mistakes (the ones registrars actually make). `npm run examples`.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeStudent, rng, type FakeStudent } from './fake/students';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';

export const EXAMPLE_FILES = {
  exemption: '免考信息表-示例.xlsx',
  withdrawal: '学信网退学汇总名单-示例.xlsx',
  'correction-new': '新生基本信息修改情况统计表-示例.xlsx',
  'correction-enrolled': '在籍生基本信息修改情况统计表-示例.xlsx',
  'correction-graduate': '毕业生基本信息修改情况统计表-示例.xlsx',
} as const;

/**
 * The platform's student list (seed 002: 学生照片管理 → 导出), for `xueji precheck … --batch 202307`: not a submission
 * template, so not among EXAMPLE_FILES (whose examples are exported and fixed as submissions).
 */
export const PRECHECK_EXAMPLE = '毕业资格预审名单-示例.xlsx';

type Row = (string | number | null)[];

function addSheet(wb: ExcelJS.Workbook, name: string, title: string | null, header: string[], rows: Row[], footer: Row[] = []) {
  const ws = wb.addWorksheet(name);
  if (title) {
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, header.length);
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
  }
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }));
  for (const r of [...rows, ...footer]) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      if (typeof c.value === 'string') c.numFmt = '@';
    });
  }
  header.forEach((_, i) => (ws.getColumn(i + 1).width = i === header.length - 1 ? 40 : 18));
  return ws;
}

function students(seed: number, n: number, opts: Parameters<typeof makeStudent>[2] = {}): FakeStudent[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => makeStudent(r, 100 + i * 37, opts)).sort((a, b) => a.studentId.localeCompare(b.studentId));
}

function exemption(wb: ExcelJS.Workbook) {
  const s = students(1, 8);
  const reasons = DEFAULT_PROFILE.exemption.reasons;
  const rows: Row[] = s.map((x, i) => [
    x.centreCode.padStart(8, '0'),
    x.studentId,
    x.name,
    i % 2 ? '大学英语B' : '计算机应用基础',
    i % 2 ? '71' : '69',
    i % 2 ? reasons[2]!.text : reasons[0]!.text,
    x.idCard,
    x.ethnicity,
  ]);
  rows[1]![0] = s[1]!.centreCode; // 7 digits: not padded to 8
  rows[2]![0] = Number(s[2]!.centreCode); // a code stored as a number
  rows[3]![4] = ''; // subject code left empty: filled from 大学英语B
  rows[4]![1] = Number(s[4]!.studentId); // 学号 stored as a number (still exact)
  rows[5]![2] = `${s[5]!.name} `; // trailing space
  rows[5]![5] = '6'; // reason 6 (年满40周岁) for a young student
  rows[6]![7] = '汉'; // short form of 汉族
  const legend: Row[] = [[null], ['备注：免考原因'], ...reasons.map((r): Row => [`${r.id}. ${r.text}`])];
  addSheet(wb, '免考信息', '河北电大免考信息表', ['学习中心代码', '学号', '姓名', '免考科目名称', '免考科目代码', '免考原因', '身份证号', '民族'], rows, legend);
}

function withdrawal(wb: ExcelJS.Workbook) {
  const s = students(2, 7);
  const rows: Row[] = s.map((x, i) => [i + 1, '河北分部', x.studentId, x.name]);
  [rows[2], rows[3]] = [rows[3]!, rows[2]!]; // out of 学号 order
  rows[2]![0] = 3;
  rows[3]![0] = 3; // 序号 repeated
  rows[4]![3] = `${s[4]!.name.slice(0, 1)} ${s[4]!.name.slice(1)}`; // a space inside the name
  rows[5]![2] = s[5]!.studentId.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))); // full-width digits
  addSheet(wb, 'Sheet1', null, ['序号', '分部名称', '学号全码', '学生姓名'], rows); // no 经办人 row; sheet not named 退学
}

function correction(wb: ExcelJS.Workbook, kind: 'new' | 'enrolled') {
  const s = kind === 'new' ? students(3, 4, { year: 2026 }) : students(4, 5);
  const title = `国家开放大学(原中央广播电视大学)${kind === 'new' ? '新生' : '在籍生'}基本信息修改情况统计表`;
  const other = makeStudent(rng(99), 7, { year: 2000 });
  const rows: Row[] = [
    [1, s[0]!.studentId, s[0]!.name, '姓名', s[0]!.name.slice(0, 1) + '小' + s[0]!.name.slice(1), s[0]!.name, '录入错误', null],
    [2, s[1]!.studentId, s[1]!.name, '民族', '满族', '汉', '录入错误', null],
    [3, s[2]!.studentId, s[2]!.name, '性别', s[2]!.gender === '男' ? '女' : '男', s[2]!.gender, '录入错误', null],
    [4, s[3]!.studentId, s[3]!.name, '身份证号', other.idCard, s[3]!.idCard, '信息变更', null],
  ];
  if (kind === 'enrolled') {
    rows.push([5, s[3]!.studentId, s[3]!.name, '姓名', s[3]!.name, s[3]!.name.slice(0, 1) + '晓' + s[3]!.name.slice(1), '信息变更', null]); // 双改
    rows.push([6, s[4]!.studentId, s[4]!.name, '转专业', '行政管理', '法学', '信息变更', null]); // 学籍异动, not this sheet
    rows[3]![5] = s[3]!.idCard.slice(0, 17) + (s[3]!.idCard.endsWith('0') ? '1' : '0'); // check character wrong
  }
  const footer: Row[] = [[DEFAULT_PROFILE.correction.signature]];
  addSheet(wb, kind === 'new' ? '新生' : '在籍生', title, ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'], rows, kind === 'new' ? footer : []);
}

function graduate(wb: ExcelJS.Workbook) {
  const s = students(5, 4, { year: 2018 });
  const regNo = (i: number) => `511618${2021 + (i % 2)}0${i % 2 ? 6 : 5}${String(981300 + i * 11).padStart(6, '0')}`;
  const rows: Row[] = [
    [1, regNo(0), s[0]!.name, '姓名', s[0]!.name + '子', s[0]!.name, '录入错误', null],
    [2, regNo(1), s[1]!.name, '民族', '汉族', '满族', '录入错误', null],
    [3, regNo(2).slice(0, 17), s[2]!.name, '性别', s[2]!.gender === '男' ? '女' : '男', s[2]!.gender, '信息变更', null], // 17-digit legacy; 信息变更 of a graduate
    [4, regNo(3), s[3]!.name, '入学文化程度', '高中', '中专', '录入错误', null], // not allowed for graduates
  ];
  addSheet(wb, '毕业生', '国家开放大学(原中央广播电视大学)毕业生基本信息修改情况统计表', ['序号', '注册证号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'], rows, [[DEFAULT_PROFILE.correction.signature]]);
}

/**
 * Twelve students against the 202307 batch: the 2.5-year line (2021春季 in, 2021秋季 out), an expired and an expiring
 * 学籍, a student on leave, no graduation photo, no 学信网 photo, an identity in doubt, a term written 2020秋, a name
 * with a space.
 */
function precheckRoster(wb: ExcelJS.Workbook) {
  const r = rng(6);
  const plan: { year: number; autumn: boolean; term?: string; status?: string; photo?: string; chsi?: string; doubt?: string; space?: boolean }[] = [
    { year: 2019, autumn: true },
    { year: 2020, autumn: false },
    { year: 2020, autumn: true, term: '2020秋' },
    { year: 2021, autumn: false },
    { year: 2021, autumn: true },
    { year: 2015, autumn: false },
    { year: 2015, autumn: true },
    { year: 2020, autumn: false, status: '休学' },
    { year: 2019, autumn: true, photo: '未上传' },
    { year: 2020, autumn: true, chsi: '不存在' },
    { year: 2021, autumn: false, doubt: '是' },
    { year: 2018, autumn: false, space: true },
  ];
  const rows: Row[] = plan.map((p, i) => {
    const s = makeStudent(r, i, { year: p.year });
    const serial = (p.autumn ? 50001 : 1) + 137 * (i + 1);
    const studentId = `${String(p.year % 100)}130014${String(serial).padStart(5, '0')}`;
    const term = p.term ?? `${p.year}${p.autumn ? '秋季' : '春季'}`;
    const name = p.space ? `${s.name.slice(0, 1)} ${s.name.slice(1)}` : s.name;
    const klass = `${String(p.year % 100)}${p.autumn ? '秋' : '春'}行政管理`;
    return [i + 1, studentId, name, term, p.status ?? '在籍', '河北分部', '石家庄分校', '石家庄市长安区学习中心', '开放教育', '专科', '行政管理', klass, '已上传', p.photo ?? '已上传', p.chsi ?? '存在', s.idCard, p.doubt ?? '否'];
  });
  const header = ['序号', '学号', '姓名', '入学年度学期', '学籍状态', '分部', '分校/学院', '学习中心', '学生类别', '专业层次', '专业名称', '班级', '入学照片状态', '毕业照片状态', '学信网照片', '身份证号', '身份存疑'];
  const ws = addSheet(wb, 'Sheet1', null, header, rows);
  header.forEach((h, i) => (ws.getColumn(i + 1).width = h === '学习中心' ? 24 : h === '身份证号' ? 20 : 12));
}

export async function makeExamples(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const build: Record<keyof typeof EXAMPLE_FILES, (wb: ExcelJS.Workbook) => void> = {
    exemption,
    withdrawal,
    'correction-new': (wb) => correction(wb, 'new'),
    'correction-enrolled': (wb) => correction(wb, 'enrolled'),
    'correction-graduate': graduate,
  };
  const out: string[] = [];
  for (const [id, file] of Object.entries(EXAMPLE_FILES) as [keyof typeof EXAMPLE_FILES, string][]) {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xueji 示例（虚构数据）';
    wb.created = new Date(Date.UTC(2026, 0, 1));
    wb.modified = wb.created;
    build[id](wb);
    const path = join(dir, file);
    await wb.xlsx.writeFile(path);
    out.push(path);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xueji 示例（虚构数据）';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  precheckRoster(wb);
  const path = join(dir, PRECHECK_EXAMPLE);
  await wb.xlsx.writeFile(path);
  out.push(path);
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? join(__dirname, '..', '..', 'examples');
  makeExamples(dir).then(
    (files) => process.stdout.write(`已生成示例：\n${files.map((f) => `  ${f}`).join('\n')}\n`),
    (e: unknown) => {
      process.stderr.write(`生成示例失败：${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
