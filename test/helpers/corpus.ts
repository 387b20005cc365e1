/**
 * A corpus of messy, real-looking registrar sheets (issue 9): title rows, unit and date lines, header synonyms, extra
 * columns, instruction sheets, every header shape of DOMAIN.md §2 T3, numbers and formulas in code cells, footers,
 * students appended below the footer (issue 14). Every student is generated (fictional names, computed IDs).
 *
 * Each case says how the sheet must be read — template, header row, record count — and exactly which issues
 * (rule@cell) it must get. "clean" cases must stay at zero issues; "class" cases pin one class of the issue.
 * `misreads` lists where a check departs from that: the corpus test asserts none, and the before/after counts of
 * the issue report come from it.
 */
import type { Cell, SheetInput, TemplateId } from '../../src/core/types';
import type { Ymd } from '../../src/core/cells/dates';
import { analyseWorkbook } from '../../src/core/engine/report';
import { address } from '../../src/core/engine/a1';
import {
  CO_TITLE,
  CORR_SIGNATURE,
  EX_TITLE,
  idWithBirth,
  makeName,
  makeRegNo,
  makeSid,
  PROFILE,
  REASON,
  REPORT_DATE,
  sheetOf,
  TERMINATOR,
  WD_SIGNATURE,
  withWrongCheck,
  type V,
} from './rules';

export interface SheetExpect {
  sheet: string;
  template: TemplateId | null;
  headerRow: number | null;
  records: number;
  /** Exactly these issues, as rule@cell (cell '-' for header and sheet issues), in any order. */
  issues: string[];
}

export interface CorpusCase {
  id: string;
  /** clean: a correct messy sheet that must stay at zero issues; class: one class of issue 9 / 14. */
  kind: 'clean' | 'class';
  /** What the case is about: a header shape, a class of issue 9 (item N) or issue 14. */
  about: string;
  sheets: SheetInput[];
  expect: SheetExpect[];
  /** Errors of the whole workbook (warnings are free), when it matters (instruction sheets). */
  errors?: number;
  reportDate?: Ymd;
}

// ------------------------------------------------------------------------------------------------ students

/** A generated student: 学号 (spring 2020 unless said), name, a valid ID and its gender. */
interface Student {
  sid: string;
  name: string;
  id: string;
  gender: '男' | '女';
  birth: string;
}

function student(i: number, o: { year?: number; autumn?: boolean; male?: boolean; birth?: string } = {}): Student {
  const male = o.male ?? i % 2 === 0;
  const birth = o.birth ?? `19${80 + (i % 15)}0${(i % 9) + 1}1${i % 10}`;
  return {
    sid: makeSid((o.autumn ? 50001 : 1) + i, { year: o.year ?? 2020 }),
    name: makeName(i),
    id: idWithBirth(birth, male, '130102', 30 + i),
    gender: male ? '男' : '女',
    birth,
  };
}

const dash = (b: string) => `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`;
/** The Excel serial of a YYYYMMDD date (1900 system: 1970-01-01 is 25569). */
const serialOf = (b: string) => 25569 + Date.UTC(+b.slice(0, 4), +b.slice(4, 6) - 1, +b.slice(6, 8)) / 86_400_000;
const num = (v: number): Cell => ({ kind: 'number', value: v });
const formula = (value: string, f: string): Cell => ({ kind: 'string', value, formula: f });
/** An 18-digit ID typed into a General cell: a float, its last digits gone. */
const lostId = (id: string): Cell => ({ kind: 'number', value: Number(id.slice(0, 15) + '000') });
/** The same digits, full-width (copied from a web platform). */
const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const col = (c: number) => address(1, c).replace(/\d+$/, '');
/** Letters of the n-th column (0-based), e.g. colRange(0, 4) = 'A1:E1' on row r. */
const span = (r: number, c1: number, c2: number) => `${col(c1)}${r}:${col(c2)}${r}`;

// ------------------------------------------------------------------------------------------------ withdrawal

const WD = ['序号', '分部名称', '学号全码', '学生姓名'];
const wdRow = (i: number, s: Student = student(i)): V[] => [i + 1, '河北分部', s.sid, s.name];

function withdrawalCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  out.push({
    id: 'W-title-unit-line',
    kind: 'clean',
    about: 'title row, unit/date line, 经办人 row with 审核人 and date',
    sheets: [
      sheetOf(
        '退学',
        [
          ['河北分部学信网退学汇总名单'],
          ['填报单位：石家庄学习中心', '', '', '填报日期：2026年11月20日'],
          WD,
          ...[0, 1, 2, 3].map((i) => wdRow(i)),
          ['经办人：', '', '审核人：', '日期：2026年11月20日'],
        ],
        ['A1:D1'],
      ),
    ],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 3, records: 4, issues: [] }],
  });
  out.push({
    id: 'W-extra-columns',
    kind: 'clean',
    about: 'extra columns (身份证号, 专业, 联系电话, 备注 with text)',
    sheets: [
      sheetOf('退学', [
        [...WD, '身份证号', '专业', '联系电话', '备注'],
        ...[0, 1, 2].map((i) => [...wdRow(i), student(i).id, '行政管理', '13800000000', i === 1 ? '本人申请，已签字' : '']),
        [WD_SIGNATURE],
      ]),
    ],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 3, issues: [] }],
  });
  out.push({
    id: 'W-synonyms',
    kind: 'clean',
    about: 'header synonyms 编号 | 分部 | 学号 | 姓名',
    sheets: [sheetOf('退学', [['编号', '分部', '学号', '姓名'], ...[0, 1, 2].map((i) => wdRow(i)), [WD_SIGNATURE]])],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 3, issues: [] }],
  });
  out.push({
    id: 'W-instruction-sheet',
    kind: 'clean',
    about: 'an instruction sheet before the roster (warning only, zero errors)',
    sheets: [
      sheetOf('填表说明', [
        ['学信网退学汇总名单填表说明'],
        ['1. 学号全码填写13位学号，学号与姓名之间不加空格；'],
        ['2. 名单按学号升序排列，最后一行填写经办人。'],
        ['列名', '说明'],
        ['学号全码', '13位'],
      ]),
      sheetOf('退学', [WD, ...[0, 1].map((i) => wdRow(i)), [WD_SIGNATURE]]),
    ],
    expect: [
      { sheet: '填表说明', template: null, headerRow: null, records: 0, issues: ['sheet.unknown-template@-'] },
      { sheet: '退学', template: 'withdrawal', headerRow: 1, records: 2, issues: [] },
    ],
    errors: 0,
  });
  out.push({
    id: 'W-number-codes',
    kind: 'class',
    about: 'numbers in code cells: 学号 stored as numbers (exact), 序号 as text',
    sheets: [sheetOf('退学', [WD, ...[0, 1, 2].map((i) => [String(i + 1), '河北分部', num(Number(student(i).sid)), student(i).name]), [WD_SIGNATURE]])],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 3, issues: ['cell.number-stored@C2', 'cell.number-stored@C3', 'cell.number-stored@C4'] }],
  });
  out.push({
    id: 'W-formula-codes',
    kind: 'class',
    about: 'formulas in code cells: 学号 by formula (warning), 序号 by =ROW()-1 (fine)',
    sheets: [
      sheetOf('退学', [
        WD,
        ...[0, 1].map((i) => [{ kind: 'number', value: i + 1, formula: 'ROW()-1' } as Cell, '河北分部', formula(student(i).sid, `TEXT(Z${i + 2},"0")`), student(i).name]),
        [WD_SIGNATURE],
      ]),
    ],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 2, issues: ['cell.formula@C2', 'cell.formula@C3'] }],
  });
  out.push({
    id: 'W-note-before-signature',
    kind: 'class',
    about: 'item 6: a 说明 line between the last record and the 经办人 row',
    sheets: [sheetOf('退学', [WD, ...[0, 1, 2].map((i) => wdRow(i)), ['说明：以上学生均已本人签字确认'], [WD_SIGNATURE]])],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 3, issues: ['table.signature-row@A5'] }],
  });
  out.push({
    id: 'W-students-below-signature',
    kind: 'class',
    about: 'issue 14: students below the 经办人 row — full-width 学号, mistyped 学号, a name without 学号',
    sheets: [
      sheetOf('退学', [
        WD,
        ...[0, 1, 2].map((i) => wdRow(i)),
        [WD_SIGNATURE],
        [4, '河北分部', fw(student(3).sid), student(3).name],
        [5, '河北分部', student(4).sid.slice(0, 8) + 'O' + student(4).sid.slice(9), student(4).name],
        [6, '河北分部', '', student(5).name],
      ]),
    ],
    expect: [
      {
        sheet: '退学',
        template: 'withdrawal',
        headerRow: 1,
        records: 6,
        issues: ['table.signature-row@A8', 'cell.fullwidth@C6', 'student-id.format@C7', 'cell.required@C8'],
      },
    ],
  });
  out.push({
    id: 'W-students-below-remark',
    kind: 'class',
    about: 'issue 14: students below a 备注 line, before the 经办人 row',
    sheets: [
      sheetOf('退学', [WD, ...[0, 1, 2].map((i) => wdRow(i)), ['备注：以下为补报学生'], wdRow(3), wdRow(4), [WD_SIGNATURE]]),
    ],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 5, issues: ['table.signature-row@A7'] }],
  });
  out.push({
    id: 'W-title-names-withdrawal',
    kind: 'class',
    about: 'item 2: titled 退学汇总名单, a 原因 column and no 分部名称: a roster missing a column, not an exemption table',
    sheets: [sheetOf('退学', [['学信网退学汇总名单'], ['序号', '学号', '姓名', '原因'], ...[0, 1].map((i) => [i + 1, student(i).sid, student(i).name, '另行报考']), [WD_SIGNATURE]], ['A1:D1'])],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 2, records: 2, issues: ['header.missing-column@-'] }],
  });
  out.push({
    id: 'W-batch-title',
    kind: 'clean',
    about: 'a batch title (分部, 年度, 批次) over the header, 序号 by formula, a date line under the 经办人 row',
    sheets: [
      sheetOf(
        '退学',
        [
          ['河北分部2026年第3批学信网退学汇总名单'],
          WD,
          ...[0, 1, 2].map((i) => [{ kind: 'number', value: i + 1, formula: 'ROW()-2' } as Cell, '河北分部', student(i).sid, student(i).name]),
          [WD_SIGNATURE, '', '联系电话：0311-00000000'],
          ['', '', '', '2026年11月20日'],
        ],
        ['A1:D1'],
      ),
    ],
    expect: [{ sheet: '退学', template: 'withdrawal', headerRow: 2, records: 3, issues: [] }],
  });
  out.push({
    id: 'W-reason-column',
    kind: 'clean',
    about: 'a 原因 column beside the four roster columns (no title): still a roster',
    sheets: [sheetOf('Sheet1', [[...WD, '原因'], ...[0, 1].map((i) => [...wdRow(i), '另行报考']), [WD_SIGNATURE]])],
    expect: [{ sheet: 'Sheet1', template: 'withdrawal', headerRow: 1, records: 2, issues: ['sheet.name@-'] }],
  });
  return out;
}

// ------------------------------------------------------------------------------------------------ exemption

const EX = ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因'];
const exRow = (i: number, s: Student = student(i)): V[] => ['01300801', s.sid, s.name, '71', REASON[1]];
const LEGEND: V[][] = [['备注：免考原因'], ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`${n}、${REASON[n]}`])];

function exemptionCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  out.push({
    id: 'E-title-legend',
    kind: 'clean',
    about: 'title, unit/date line, terminator, the reasons legend below',
    sheets: [
      sheetOf(
        '免考信息表',
        [[EX_TITLE], ['填报单位：（盖章）', '', '', '填报日期：    年  月  日'], EX, ...[0, 1, 2, 3].map((i) => exRow(i)), [TERMINATOR], ...LEGEND],
        ['A1:E1', 'A2:C2'],
      ),
    ],
    expect: [{ sheet: '免考信息表', template: 'exemption', headerRow: 3, records: 4, issues: [] }],
  });
  const FULL = [...EX, '免考科目名称', '身份证号', '性别', '民族', '入学年度学期', '专业'];
  const fullRow = (i: number, over: Partial<Record<string, V>> = {}): V[] => {
    const s = student(i);
    const base: Record<string, V> = {
      学习中心代码: '01300801',
      学号: s.sid,
      姓名: s.name,
      免考科目代码: '71',
      免考原因: REASON[1],
      免考科目名称: '大学英语B',
      身份证号: s.id,
      性别: s.gender,
      民族: '汉族',
      入学年度学期: '2020春季',
      专业: '行政管理',
      ...over,
    };
    return FULL.map((h) => base[h]);
  };
  out.push({
    id: 'E-optional-columns',
    kind: 'clean',
    about: 'every optional column the checker understands, plus 专业',
    sheets: [sheetOf('Sheet1', [[EX_TITLE], FULL, fullRow(0), fullRow(1, { 免考科目代码: '69', 免考科目名称: '计算机应用基础' }), fullRow(2), [TERMINATOR]], ['A1:K1'])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 2, records: 3, issues: [] }],
  });
  out.push({
    id: 'E-reason-forms',
    kind: 'clean',
    about: 'a reason as its number, as an unambiguous part, as the full text',
    sheets: [
      sheetOf('Sheet1', [
        EX,
        ['01300801', student(0).sid, student(0).name, '71', '1'],
        ['01300801', student(1).sid, student(1).name, '69', '计算机等级考试'],
        ['01300801', student(2).sid, student(2).name, '71', REASON[3]],
        [TERMINATOR],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 3, issues: [] }],
  });
  out.push({
    id: 'E-seq-and-centre-name',
    kind: 'clean',
    about: 'a 序号 column first, 学习中心名称 beside the code, the subject name before its code, 学号 as 学生学号',
    sheets: [
      sheetOf('免考', [
        [EX_TITLE],
        ['序号', '学习中心代码', '学习中心名称', '学生学号', '学员姓名', '免考课程名称', '免考科目代码', '免考原因'],
        ...[0, 1, 2].map((i) => [i + 1, '01300801', '石家庄学习中心', student(i).sid, student(i).name, '大学英语B', '71', REASON[1]]),
        [TERMINATOR],
      ], ['A1:H1']),
    ],
    expect: [{ sheet: '免考', template: 'exemption', headerRow: 2, records: 3, issues: [] }],
  });
  out.push({
    id: 'E-header-spelling',
    kind: 'clean',
    about: 'header text with ideographic spaces, brackets, notes and required-markers',
    sheets: [
      sheetOf('Sheet1', [
        ['*学习中心代码（8位）', '学　号', '姓 名', '免考科目代码(71/69)', '免考原因（参照表后备注填写）'],
        ...[0, 1].map((i) => exRow(i)),
        [TERMINATOR],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 2, issues: [] }],
  });
  out.push({
    id: 'E-instruction-sheet',
    kind: 'clean',
    about: 'a 填表说明 sheet naming the template and its columns, then the table',
    sheets: [
      sheetOf('填表说明', [
        ['河北电大免考信息表填表说明'],
        ['学习中心代码：必须是8位，不足8位的用0补足'],
        ['免考科目代码：大学英语B为71，计算机应用基础为69'],
        ['填表结束，最后一行填写“/记录行结束/”'],
      ]),
      sheetOf('免考信息', [EX, ...[0, 1].map((i) => exRow(i)), [TERMINATOR]]),
    ],
    expect: [
      { sheet: '填表说明', template: null, headerRow: null, records: 0, issues: ['sheet.unknown-template@-'] },
      { sheet: '免考信息', template: 'exemption', headerRow: 1, records: 2, issues: [] },
    ],
    errors: 0,
  });
  // item 5: entry terms in readable non-standard forms; column J is 入学年度学期 (FULL index 9).
  const forms = ['2020春', '20春', '202003', '2020年春季', '2020.3', '2020春季学期'];
  out.push({
    id: 'E-term-forms',
    kind: 'class',
    about: 'item 5: readable non-standard entry terms are warnings with a fix',
    sheets: [sheetOf('Sheet1', [FULL, ...forms.map((t, i) => fullRow(i, { 入学年度学期: t })), [TERMINATOR]])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 6, issues: forms.map((_, i) => `enrollment-term.nonstandard@J${i + 2}`) }],
  });
  out.push({
    id: 'E-term-unreadable',
    kind: 'class',
    about: 'item 5: an entry term that cannot be read is enrollment-term.format',
    sheets: [sheetOf('Sheet1', [FULL, fullRow(0), fullRow(1, { 入学年度学期: '2020年' }), [TERMINATOR]])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 2, issues: ['enrollment-term.format@J3'] }],
  });
  const young = student(0, { birth: '19900315', year: 2021, autumn: true });
  const old = student(1, { birth: '19750315', year: 2021, autumn: true });
  const ageRow = (s: Student, term: string): V[] => ['01300801', s.sid, s.name, '71', REASON[6], '大学英语B', s.id, s.gender, '汉族', term, '行政管理'];
  out.push({
    id: 'E-term-age',
    kind: 'class',
    about: 'item 5: the age rule reads 21秋 and 2021年秋季',
    sheets: [sheetOf('Sheet1', [FULL, ageRow(young, '21秋'), ageRow(old, '2021年秋季'), [TERMINATOR]])],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'exemption',
        headerRow: 1,
        records: 2,
        issues: ['enrollment-term.nonstandard@J2', 'exemption.age-under-40@E2', 'enrollment-term.nonstandard@J3'],
      },
    ],
  });
  out.push({
    id: 'E-centre-code-number',
    kind: 'class',
    about: 'numbers in code cells: a centre code stored as a number has lost its leading zero (one rule, its fix pads)',
    sheets: [sheetOf('Sheet1', [EX, exRow(0), [num(1300801), student(1).sid, student(1).name, '71', REASON[1]], [TERMINATOR]])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 2, issues: ['cell.number-stored@A3'] }],
  });
  out.push({
    id: 'E-student-below-legend',
    kind: 'class',
    about: 'issue 14: a student (full-width 学号) appended below the terminator and the legend',
    sheets: [sheetOf('Sheet1', [[EX_TITLE], EX, ...[0, 1, 2].map((i) => exRow(i)), [TERMINATOR], ...LEGEND.slice(0, 3), ['01300801', fw(student(3).sid), student(3).name, '71', REASON[1]]], ['A1:E1'])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 2, records: 4, issues: ['table.terminator@A7', 'cell.fullwidth@B10'] }],
  });
  out.push({
    id: 'E-remark-before-terminator',
    kind: 'class',
    about: 'item 6: a 备注 line between the last record and /记录行结束/',
    sheets: [sheetOf('Sheet1', [EX, ...[0, 1].map((i) => exRow(i)), ['备注：原因见表后'], [TERMINATOR]])],
    expect: [{ sheet: 'Sheet1', template: 'exemption', headerRow: 1, records: 2, issues: ['table.terminator@A4'] }],
  });
  out.push({
    id: 'E-title-unmapped-header',
    kind: 'class',
    about: 'item 2: titled 免考信息表, subject and reason under unknown names: an exemption table missing columns, not a roster',
    sheets: [
      sheetOf('Sheet1', [[EX_TITLE], ['序号', '学号', '姓名', '科目', '理由'], ...[0, 1].map((i) => [i + 1, student(i).sid, student(i).name, '英语', '本科毕业']), [TERMINATOR]], ['A1:E1']),
    ],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'exemption',
        headerRow: 2,
        records: 2,
        issues: ['header.missing-column@-', 'header.missing-column@-', 'header.missing-column@-'],
      },
    ],
  });
  return out;
}

// ------------------------------------------------------------------------------------------------ correction

const CO = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
const UNIT_LINE: V[] = ['填报单位：某某学习中心', '', '', '', '填报日期：2026年11月20日'];

/** A long-layout correction sheet: title (variant), unit line, header (row 3), rows, signature. */
function longSheet(variant: keyof typeof CO_TITLE, header: string[], rows: V[][], name = 'Sheet1'): SheetInput {
  return sheetOf(name, [[CO_TITLE[variant]], UNIT_LINE, header, ...rows, [CORR_SIGNATURE]], [span(1, 0, header.length - 1)]);
}

function longCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const H = [...CO, '身份证号', '性别'];
  const s = [0, 1, 2, 3, 4].map((i) => student(i));
  const other = (x: Student) => (x.gender === '男' ? '女' : '男');
  out.push({
    id: 'C-long-enrolled',
    kind: 'clean',
    about: 'long layout with extra 身份证号 / 性别 columns; 民族, 姓名, 出生日期, 性别, 入学文化程度 changes',
    sheets: [
      longSheet('enrolled', H, [
        [1, s[0]!.sid, s[0]!.name, '民族', '汉族', '回族', '录入错误', '', s[0]!.id, s[0]!.gender],
        [2, s[1]!.sid, s[1]!.name, '姓名', s[1]!.name + '玮', s[1]!.name, '信息变更', '', s[1]!.id, s[1]!.gender],
        [3, s[2]!.sid, s[2]!.name, '出生日期', '1970-01-01', dash(s[2]!.birth), '录入错误', '', s[2]!.id, s[2]!.gender],
        [4, s[3]!.sid, s[3]!.name, '性别', other(s[3]!), s[3]!.gender, '录入错误', '', s[3]!.id, s[3]!.gender],
        [5, s[4]!.sid, s[4]!.name, '入学文化程度', '高中', '中专', '录入错误', '', s[4]!.id, s[4]!.gender],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'correction-enrolled', headerRow: 3, records: 5, issues: [] }],
  });
  out.push({
    id: 'C-title-two-rows',
    kind: 'clean',
    about: 'the title split over two rows (school, then the sheet’s name) and a term line',
    sheets: [
      sheetOf(
        'Sheet1',
        [
          ['国家开放大学(原中央广播电视大学)'],
          ['在籍生基本信息修改情况统计表'],
          ['（2026年秋季学期）'],
          CO,
          [1, s[0]!.sid, s[0]!.name, '民族', '汉族', '回族', '录入错误', ''],
          [CORR_SIGNATURE],
        ],
        ['A1:H1', 'A2:H2', 'A3:H3'],
      ),
    ],
    expect: [{ sheet: 'Sheet1', template: 'correction-enrolled', headerRow: 4, records: 1, issues: [] }],
  });
  out.push({
    id: 'C-variant-by-sheet-name',
    kind: 'clean',
    about: 'no titles: two sheets named 新生 and 在籍生 are those variants',
    sheets: [
      sheetOf('新生', [CO, [1, student(40, { year: 2026, autumn: true }).sid, makeName(40), '民族', '汉族', '回族', '录入错误', ''], [CORR_SIGNATURE]]),
      sheetOf('在籍生', [CO, [1, s[1]!.sid, s[1]!.name, '民族', '汉族', '回族', '信息变更', ''], [CORR_SIGNATURE]]),
    ],
    expect: [
      { sheet: '新生', template: 'correction-new', headerRow: 1, records: 1, issues: [] },
      { sheet: '在籍生', template: 'correction-enrolled', headerRow: 1, records: 1, issues: [] },
    ],
  });
  out.push({
    id: 'C-dates-as-serials',
    kind: 'clean',
    about: '出生日期 as Excel dates (serials with a date format) on both sides of a long change',
    sheets: [
      longSheet('enrolled', H, [
        [1, s[2]!.sid, s[2]!.name, '出生日期', { kind: 'number', value: 25569, numberFormat: 'yyyy-mm-dd' } as Cell, { kind: 'number', value: serialOf(s[2]!.birth), numberFormat: 'yyyy"年"m"月"d"日"' } as Cell, '录入错误', '', s[2]!.id, s[2]!.gender],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'correction-enrolled', headerRow: 3, records: 1, issues: [] }],
  });
  const g = [0, 1, 2].map((i) => ({ reg: makeRegNo(i + 1), name: makeName(i) }));
  out.push({
    id: 'C-long-graduate',
    kind: 'clean',
    about: 'graduates keyed by 注册证号',
    sheets: [
      longSheet('graduate', ['序号', '注册证号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'], [
        [1, g[0]!.reg, g[0]!.name, '民族', '汉族', '满族', '录入错误', ''],
        [2, g[1]!.reg, g[1]!.name, '姓名', g[1]!.name + '玮', g[1]!.name, '录入错误', ''],
        [3, g[2]!.reg, g[2]!.name, '性别', '男', '女', '录入错误', ''],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'correction-graduate', headerRow: 3, records: 3, issues: [] }],
  });
  const n = [0, 1].map((i) => student(i, { year: 2026, autumn: true }));
  out.push({
    id: 'C-long-new',
    kind: 'clean',
    about: '新生 within the first semester, title on a merged row',
    sheets: [
      longSheet('new', CO, [
        [1, n[0]!.sid, n[0]!.name, '民族', '汉族', '蒙古族', '录入错误', ''],
        [2, n[1]!.sid, n[1]!.name, '姓名', n[1]!.name + '玮', n[1]!.name, '录入错误', ''],
      ]),
    ],
    expect: [{ sheet: 'Sheet1', template: 'correction-new', headerRow: 3, records: 2, issues: [] }],
  });
  // item 3 in the long layout: the student's rows together must give a record that agrees with itself.
  const f = student(5, { male: false, birth: '19900102' });
  const a = student(6, { male: true });
  const b = student(7, { male: true, birth: '19900102' });
  const c = student(8, { male: true });
  out.push({
    id: 'C-long-consistency',
    kind: 'class',
    about: 'item 3 (long): new 性别 vs the new 身份证号 of another row; new 出生日期 vs the ID; new ID vs the unchanged 性别',
    sheets: [
      longSheet('enrolled', H, [
        [1, a.sid, a.name, '身份证号', a.id, f.id, '信息变更', '', a.id, '男'],
        [2, a.sid, a.name, '性别', '女', '男', '录入错误', '', a.id, '男'],
        [3, b.sid, b.name, '出生日期', '1990-01-01', '1990-01-05', '录入错误', '', b.id, '男'],
        [4, c.sid, c.name, '身份证号', c.id, f.id, '信息变更', '', c.id, '男'],
      ]),
    ],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'correction-enrolled',
        headerRow: 3,
        records: 4,
        issues: ['correction.new-value@F5', 'correction.new-value@F6', 'correction.new-value@F7'],
      },
    ],
  });
  const p = [0, 1, 2].map((i) => student(10 + i));
  out.push({
    id: 'C-long-precision',
    kind: 'class',
    about: 'item 4 (long): IDs stored as numbers with lost digits in 原信息, 修改后信息 and the 身份证号 column',
    sheets: [
      longSheet('enrolled', H, [
        [1, p[0]!.sid, p[0]!.name, '身份证号', lostId(p[0]!.id), student(20).id, '信息变更', '', p[0]!.id, student(20).gender],
        [2, p[1]!.sid, p[1]!.name, '身份证号', p[1]!.id, lostId(student(21).id), '信息变更', '', p[1]!.id, student(21).gender],
        [3, p[2]!.sid, p[2]!.name, '民族', '汉族', '回族', '录入错误', '', lostId(p[2]!.id), p[2]!.gender],
      ]),
    ],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'correction-enrolled',
        headerRow: 3,
        records: 3,
        issues: ['cell.precision-lost@E4', 'cell.precision-lost@F5', 'cell.precision-lost@I6'],
      },
    ],
  });
  out.push({
    id: 'C-title-unmapped-new',
    kind: 'class',
    about: 'item 2: titled 新生…统计表 with change columns under unknown names: that template missing columns, not a roster',
    sheets: [longSheet('new', ['序号', '学号', '姓名', '事项', '之前', '之后', '备注'], [[1, n[0]!.sid, n[0]!.name, '民族', '汉族', '回族', '']])],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'correction-new',
        headerRow: 3,
        records: 1,
        issues: ['header.missing-column@-', 'header.missing-column@-', 'header.missing-column@-'],
      },
    ],
  });
  out.push({
    id: 'C-title-student-list',
    kind: 'class',
    about: 'item 2: titled 在籍生…统计表 but holding a plain student list: that template missing its change columns',
    sheets: [longSheet('enrolled', ['序号', '学号', '姓名', '身份证号', '性别', '民族'], [[1, s[0]!.sid, s[0]!.name, s[0]!.id, s[0]!.gender, '汉族']])],
    expect: [
      {
        sheet: 'Sheet1',
        template: 'correction-enrolled',
        headerRow: 3,
        records: 1,
        issues: ['header.missing-column@-', 'header.missing-column@-', 'header.missing-column@-'],
      },
    ],
  });
  out.push({
    id: 'C-title-graduate-sid',
    kind: 'class',
    about: 'item 2: titled 毕业生…统计表 but keyed by 学号: the graduate template missing 注册证号',
    sheets: [longSheet('graduate', CO, [[1, s[0]!.sid, s[0]!.name, '民族', '汉族', '回族', '录入错误', '']])],
    expect: [{ sheet: 'Sheet1', template: 'correction-graduate', headerRow: 3, records: 1, issues: ['header.missing-column@-'] }],
  });
  return out;
}

// ------------------------------------------------------------------------------------------------ wide shapes

/**
 * The wide layouts (DOMAIN.md §2 T3): one row per student, 原 and 新 per item. Every shape is built from the same
 * rows so that each has a clean case and a case with the same errors in the same places (columns differ per shape).
 */
const ITEMS = ['姓名', '性别', '身份证号', '民族', '出生日期', '入学文化程度'] as const;
type Item = (typeof ITEMS)[number];
type Values = Partial<Record<Item, V>>;
interface WideRow {
  s: Student;
  old: Values;
  new: Values;
  type: string;
}

interface Shape {
  id: string;
  about: string;
  /** Header rows and merges for the given items, the row where records start (1-based), and each 原/新 column. */
  build(items: readonly Item[]): { rows: V[][]; merges: string[]; first: number; colOf: (item: Item, side: 'old' | 'new') => number; width: number };
}

const LEAD = ['序号', '学号', '姓名'];
const TAIL = ['修改类型', '备注'];

/** Items as groups of 原/新 columns: `itemOver` = the item merged over its two sides; else one row "原姓名 | 新姓名". */
function pairShape(id: string, about: string, sides: [string, string] | null): Shape {
  return {
    id,
    about,
    build(items) {
      const width = LEAD.length + items.length * 2 + TAIL.length;
      const colOf = (item: Item, side: 'old' | 'new') => LEAD.length + items.indexOf(item) * 2 + (side === 'old' ? 0 : 1);
      if (!sides) {
        const head = [...LEAD, ...items.flatMap((it) => [`原${it}`, `新${it}`]), ...TAIL];
        return { rows: [head], merges: [], first: 2, colOf, width };
      }
      const top: V[] = [...LEAD, ...items.flatMap((it) => [it, '']), ...TAIL];
      const sub: V[] = [...LEAD.map(() => ''), ...items.flatMap(() => sides), ...TAIL.map(() => '')];
      const merges = [
        ...LEAD.map((_, c) => `${col(c)}1:${col(c)}2`),
        ...items.map((it) => span(1, colOf(it, 'old'), colOf(it, 'new'))),
        ...TAIL.map((_, i) => `${col(width - TAIL.length + i)}1:${col(width - TAIL.length + i)}2`),
      ];
      return { rows: [top, sub], merges, first: 3, colOf, width };
    },
  };
}

/** Sides as groups: 原信息 merged over the items, 修改后信息 merged over the items (optionally extra sub-columns, unmerged). */
function groupShape(id: string, about: string, groups: [string, string], o: { extra?: string[]; merged?: boolean } = {}): Shape {
  return {
    id,
    about,
    build(items) {
      const per = [...items, ...(o.extra ?? [])];
      const width = LEAD.length + per.length * 2 + TAIL.length;
      const colOf = (item: Item, side: 'old' | 'new') => LEAD.length + (side === 'old' ? 0 : per.length) + per.indexOf(item);
      const top: V[] = [...LEAD, groups[0], ...per.slice(1).map(() => ''), groups[1], ...per.slice(1).map(() => ''), ...TAIL];
      const sub: V[] = [...LEAD.map(() => ''), ...per, ...per, ...TAIL.map(() => '')];
      const merges =
        o.merged === false
          ? []
          : [
              ...LEAD.map((_, c) => `${col(c)}1:${col(c)}2`),
              span(1, LEAD.length, LEAD.length + per.length - 1),
              span(1, LEAD.length + per.length, LEAD.length + 2 * per.length - 1),
              ...TAIL.map((_, i) => `${col(width - TAIL.length + i)}1:${col(width - TAIL.length + i)}2`),
            ];
      return { rows: [top, sub], merges, first: 3, colOf, width };
    },
  };
}

const SHAPES: Shape[] = [
  pairShape('single-row', 'one header row: 原姓名 | 新姓名 | 原性别 | 新性别 …', null),
  pairShape('item-over-原新', 'the item merged over 原 | 新', ['原', '新']),
  pairShape('item-over-修改前后', 'the item merged over 修改前 | 修改后', ['修改前', '修改后']),
  pairShape('item-over-原信息', 'the item merged over 原信息 | 修改后信息', ['原信息', '修改后信息']),
  groupShape('原信息-over-items', '原信息 / 修改后信息 merged over the items', ['原信息', '修改后信息']),
  groupShape('修改前-over-items', '修改前 / 修改后 merged over the items', ['修改前', '修改后']),
  groupShape('原-over-items', '原 / 新 merged over the items', ['原', '新']),
  groupShape('extra-sub-columns', '原信息 / 修改后信息 over the items plus extra sub-columns (联系电话, 户籍地)', ['原信息', '修改后信息'], { extra: ['联系电话', '户籍地'] }),
  groupShape('unmerged-groups', '原信息 / 修改后信息 written once over the items, not merged (跨列居中)', ['原信息', '修改后信息'], { merged: false }),
];

function wideSheet(shape: Shape, variant: keyof typeof CO_TITLE, rows: WideRow[], items: readonly Item[] = ITEMS) {
  const b = shape.build(items);
  const titleRows = 1;
  const data: V[][] = rows.map((r, i) => {
    const line: V[] = Array.from({ length: b.width }, () => '');
    line[0] = i + 1;
    line[1] = r.s.sid;
    line[2] = r.s.name;
    for (const it of items) {
      line[b.colOf(it, 'old')] = r.old[it] ?? '';
      line[b.colOf(it, 'new')] = r.new[it] ?? '';
    }
    line[b.width - 2] = r.type;
    return line;
  });
  const shift = (range: string) => range.replace(/(\d+)/g, (d) => String(Number(d) + titleRows));
  const sheet = sheetOf(
    'Sheet1',
    [[CO_TITLE[variant]], ...b.rows, ...data, [CORR_SIGNATURE]],
    [span(1, 0, b.width - 1), ...b.merges.map(shift)],
  );
  const at = (rowIndex: number, item: Item, side: 'old' | 'new') => address(b.first + titleRows + rowIndex, b.colOf(item, side));
  return { sheet, headerRow: b.rows.length + titleRows, at };
}

/** The whole record, as the 原信息 side of a group layout shows it. */
const whole = (s: Student, edu = '高中'): Values => ({ 姓名: s.name, 性别: s.gender, 身份证号: s.id, 民族: '汉族', 出生日期: dash(s.birth), 入学文化程度: edu });

function wideCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const st = (i: number, o: Parameters<typeof student>[1] = {}) => student(30 + i, { year: 2026, autumn: true, ...o });
  for (const shape of SHAPES) {
    // Clean: a name change (only the changed item filled), an ethnicity change over a whole 原 record with the 新 side
    // left blank where unchanged, a gender change that agrees with the unchanged ID, an ID change with the matching
    // birth date, a whole 新 record copied from 原 with one item changed.
    const s0 = st(0);
    const s1 = st(1);
    const s2 = st(2, { male: true });
    const s3 = st(3, { male: false, birth: '19920304' });
    const s3new = st(13, { male: false, birth: '19920305' });
    const s4 = st(4);
    const clean: WideRow[] = [
      { s: s0, old: { 姓名: s0.name + '玮' }, new: { 姓名: s0.name }, type: '录入错误' },
      { s: s1, old: whole(s1), new: { 民族: '回族' }, type: '录入错误' },
      { s: s2, old: { 性别: '女', 身份证号: s2.id }, new: { 性别: '男' }, type: '录入错误' },
      { s: s3, old: { 身份证号: s3.id, 出生日期: dash(s3.birth) }, new: { 身份证号: s3new.id, 出生日期: dash(s3new.birth) }, type: '录入错误' },
      { s: s4, old: whole(s4), new: { ...whole(s4), 入学文化程度: '中专' }, type: '录入错误' },
    ];
    const c = wideSheet(shape, 'new', clean);
    out.push({
      id: `T3-${shape.id}`,
      kind: 'clean',
      about: `item 1, header shape: ${shape.about} (新生)`,
      sheets: [c.sheet],
      expect: [{ sheet: 'Sheet1', template: 'correction-new', headerRow: c.headerRow, records: clean.length, issues: [] }],
    });
    // Errors, one per class: a wrong new ID (checksum), a new gender against the unchanged ID, a new ID against the
    // unchanged gender, a new birth date against the new ID, an old ID whose digits Excel lost, a new ID likewise.
    const e0 = st(5, { male: true });
    const e1 = st(6, { male: true });
    const e2 = st(7, { male: true });
    const e2new = st(17, { male: false });
    const e3 = st(8, { birth: '19900101' });
    const e3new = st(18, { birth: '19900102' });
    const e4 = st(9);
    const e4new = st(19, { male: e4.gender === '男' });
    const e5 = st(10);
    const e5new = st(20, { male: e5.gender === '男' });
    const bad: WideRow[] = [
      { s: e0, old: { 身份证号: e0.id }, new: { 身份证号: withWrongCheck(st(15, { male: true }).id) }, type: '录入错误' },
      { s: e1, old: { 性别: '男', 身份证号: e1.id }, new: { 性别: '女' }, type: '录入错误' },
      { s: e2, old: { 性别: '男', 身份证号: e2.id }, new: { 身份证号: e2new.id }, type: '信息变更' },
      { s: e3, old: { 身份证号: e3.id, 出生日期: '1990-01-01' }, new: { 身份证号: e3new.id, 出生日期: '1990-01-05' }, type: '录入错误' },
      { s: e4, old: { 身份证号: lostId(e4.id) }, new: { 身份证号: e4new.id }, type: '录入错误' },
      { s: e5, old: { 身份证号: e5.id }, new: { 身份证号: lostId(e5new.id) }, type: '录入错误' },
    ];
    const e = wideSheet(shape, 'enrolled', bad);
    out.push({
      id: `T3-${shape.id}-errors`,
      kind: 'class',
      about: `items 1, 3, 4 on header shape: ${shape.about} (在籍生)`,
      sheets: [e.sheet],
      expect: [
        {
          sheet: 'Sheet1',
          template: 'correction-enrolled',
          headerRow: e.headerRow,
          records: bad.length,
          issues: [
            `correction.new-value@${e.at(0, '身份证号', 'new')}`,
            `correction.new-value@${e.at(1, '性别', 'new')}`,
            `correction.new-value@${e.at(2, '身份证号', 'new')}`,
            `correction.new-value@${e.at(3, '出生日期', 'new')}`,
            `cell.precision-lost@${e.at(4, '身份证号', 'old')}`,
            `cell.precision-lost@${e.at(5, '身份证号', 'new')}`,
          ],
        },
      ],
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ all

export const CORPUS: readonly CorpusCase[] = [...withdrawalCases(), ...exemptionCases(), ...longCases(), ...wideCases()];

/** Where the check of a case departs from what the case expects (empty: read right). */
export function misreads(c: CorpusCase): string[] {
  const analyses = analyseWorkbook(c.sheets, PROFILE, { reportDate: c.reportDate ?? REPORT_DATE });
  const out: string[] = [];
  for (const e of c.expect) {
    const a = analyses.find((x) => x.report.sheet === e.sheet);
    if (!a) {
      out.push(`${e.sheet}: not checked`);
      continue;
    }
    const r = a.report;
    if (r.template !== e.template) out.push(`${e.sheet}: template ${r.template} (expected ${e.template})`);
    if (r.headerRow !== e.headerRow) out.push(`${e.sheet}: header row ${r.headerRow} (expected ${e.headerRow})`);
    if (r.records !== e.records) out.push(`${e.sheet}: ${r.records} records (expected ${e.records})`);
    const got = r.issues.map((i) => `${i.rule}@${i.cell ?? '-'}`).sort();
    const want = [...e.issues].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${e.sheet}: issues ${JSON.stringify(got)} (expected ${JSON.stringify(want)})`);
  }
  if (c.errors !== undefined) {
    const errors = analyses.reduce((n, a) => n + a.report.issues.filter((i) => i.severity === 'error').length, 0);
    if (errors !== c.errors) out.push(`${errors} errors in the workbook (expected ${c.errors})`);
  }
  return out;
}
