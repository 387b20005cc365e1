/**
 * The written reports as .docx (DOMAIN.md §3 "The paper side", seed 003 §三(二), §五(二)), read back from their XML:
 * every count, every student, every signature, seal and date line, the 情况说明 with its blank for the reason; A4,
 * 宋体 body, 黑体 titles and headings, the page footer "第 N 页 共 M 页".
 */
import { DEFAULT_PROFILE, mergeProfile } from '../../src/core/profile/default-profile';
import type { Profile } from '../../src/core/profile/schema';
import { buildWrittenReports, type ReportSource } from '../../src/core/written-report';
import { BLANK } from '../../src/core/written-report/document';
import { A4_TWIPS, reportDocxBytes } from '../../src/files/report-docx';
import { hasEastAsiaFont, readDocx, ruledLines, type DocxContent } from '../helpers/docx';
import { BATCH1, BATCH2, NAME, REPORT_DATE, S, edited, enrolledStudents, graduates, newStudents, roster } from '../core/written-report/fixtures';

const T = '国家开放大学(原中央广播电视大学)';

async function docs(sources: ReportSource[], profile: Profile = DEFAULT_PROFILE): Promise<{ correction: DocxContent | null; withdrawal: DocxContent | null }> {
  const r = buildWrittenReports(sources, profile, REPORT_DATE);
  expect(r.inputs.errors).toEqual([]);
  return {
    correction: r.correction ? await readDocx(await reportDocxBytes(r.correction.document)) : null,
    withdrawal: r.withdrawal ? await readDocx(await reportDocxBytes(r.withdrawal.document)) : null,
  };
}

function paragraph(c: DocxContent, text: string) {
  const p = c.body.find((b) => b.kind === 'p' && b.text === text);
  if (!p) throw new Error(`no paragraph “${text}” in:\n${c.texts.join('\n')}`);
  return p;
}

describe('信息修改书面报告 from three correction sheets (新生 with late rows, 在籍生, 毕业生)', () => {
  let c: DocxContent;
  beforeAll(async () => {
    c = (await docs([
      { file: '新生.xlsx', sheets: [newStudents()] },
      { file: '在籍生和毕业生.xlsx', sheets: [enrolledStudents(), graduates()] },
    ])).correction!;
  });

  it('states the counts: students, changes, 信息变更 and 信息录入错误, in all and per table', () => {
    expect(c.texts.slice(0, 6)).toEqual([
      '学生基本信息修改书面报告',
      `本教学点现报送《${T}新生基本信息修改情况统计表》、《${T}在籍生基本信息修改情况统计表》、《${T}毕业生基本信息修改情况统计表》，` +
        '共涉及学生 7 人，修改信息 8 项，其中信息变更 3 项，信息录入错误 5 项。具体情况如下：',
      '一、修改数量',
      '新生基本信息修改情况统计表：学生 4 人，修改信息 5 项，其中信息变更 2 项，信息录入错误 3 项。',
      '在籍生基本信息修改情况统计表：学生 2 人，修改信息 2 项，其中信息变更 1 项，信息录入错误 1 项。',
      '毕业生基本信息修改情况统计表：学生 1 人，修改信息 1 项，其中信息变更 0 项，信息录入错误 1 项。',
    ]);
  });

  it('counts per item and type in a table, with the 合计 row', () => {
    expect(c.tables[0]).toEqual([
      ['修改项目', '信息变更', '信息录入错误', '合计'],
      ['姓名', '0', '2', '2'],
      ['性别', '1', '0', '1'],
      ['身份证号', '1', '0', '1'],
      ['民族', '1', '1', '2'],
      ['出生日期', '0', '1', '1'],
      ['入学文化程度', '0', '1', '1'],
      ['合计', '3', '5', '8'],
    ]);
  });

  it('lists the students: every change with its key, name, item, type and table', () => {
    expect(c.texts).toContain('二、学生名单');
    expect(c.tables[1]).toEqual([
      ['序号', '学号 / 注册证号', '姓名', '修改项目', '修改类型', '统计表'],
      ['1', S.s1, NAME.s1, '姓名', '录入错误', '新生'],
      ['2', S.s1, NAME.s1, '民族', '录入错误', '新生'],
      ['3', S.s3, NAME.s3, '身份证号', '信息变更', '新生'],
      ['4', S.s2, NAME.s2, '性别', '信息变更', '新生'],
      ['5', S.s4, NAME.s4, '出生日期', '录入错误', '新生'],
      ['6', S.s5, NAME.s5, '民族', '信息变更', '在籍生'],
      ['7', S.s6, NAME.s6, '入学文化程度', '录入错误', '在籍生'],
      ['8', S.g1, NAME.g1, '姓名', '录入错误', '毕业生'],
    ]);
    // The list's header row repeats on every printed page.
    expect(/<w:tblHeader\/>/.test(c.body.filter((b) => b.kind === 'table')[1]!.xml)).toBe(true);
  });

  it('says how many were filed late and that the 情况说明 follows', () => {
    expect(c.texts).toContain('三、逾期提交的修改');
    expect(c.texts).toContain('其中 2 名新生的 3 项修改超过了入学第一学期的提交期限，已另附情况说明，由主管校长审批签字并加盖学校公章。');
  });

  it('ends with the lines for 主管领导, 经手人, the seal and the date', () => {
    const i = c.texts.indexOf(`主管领导（签字）：${BLANK}`);
    expect(c.texts.slice(i, i + 5)).toEqual([`主管领导（签字）：${BLANK}`, `经手人（签字）：${BLANK}`, `单位：${BLANK}`, '（加盖公章）', '2026年11月22日']);
  });

  it('the 情况说明 for the 主管校长 starts a new page: the late students, a blank for the reason, approval, signature, school seal', () => {
    const title = paragraph(c, '关于逾期提交学生基本信息修改申请的情况说明');
    expect(title.xml).toContain('<w:pageBreakBefore/>');
    expect(hasEastAsiaFont(title.xml, '黑体')).toBe(true);
    const i = c.texts.indexOf('关于逾期提交学生基本信息修改申请的情况说明');
    expect(c.texts.slice(i)).toEqual([
      '关于逾期提交学生基本信息修改申请的情况说明',
      '新生信息修改应在新生入学第一学期内提交申请。本教学点以下 2 名新生的 3 项基本信息修改未能在规定时间内提交，现说明原因，请主管校长审批。',
      '逾期原因：',
      '主管校长审批意见：',
      `主管校长（签字）：${BLANK}`,
      `单位：${BLANK}`,
      '（加盖学校公章）',
      '　　　　年　　月　　日',
    ]);
    expect(c.tables[2]).toEqual([
      ['序号', '学号', '姓名', '入学学期', '修改项目', '修改类型', '提交期限'],
      ['1', S.s1, NAME.s1, '2026春季', '姓名', '录入错误', '2026-08-31'],
      ['2', S.s1, NAME.s1, '2026春季', '民族', '录入错误', '2026-08-31'],
      ['3', S.s3, NAME.s3, '2026春季', '身份证号', '信息变更', '2026-08-31'],
    ]);
    // Four ruled lines for the reason, two for the approval, in that order.
    const body = c.body.slice(c.body.indexOf(title));
    const reason = body.findIndex((b) => b.kind === 'p' && b.text === '逾期原因：');
    const approval = body.findIndex((b) => b.kind === 'p' && b.text === '主管校长审批意见：');
    expect(ruledLines({ ...c, body: body.slice(reason, approval) })).toBe(4);
    expect(ruledLines({ ...c, body: body.slice(approval) })).toBe(2);
    expect(ruledLines(c)).toBe(6);
  });

  it('A4 portrait; 宋体 body, 黑体 title and headings; footer 第 N 页 共 M 页', () => {
    expect(c.document).toMatch(new RegExp(`<w:pgSz w:w="${A4_TWIPS.width}" w:h="${A4_TWIPS.height}" w:orient="portrait"/>`));
    expect(hasEastAsiaFont(/<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(c.styles)![0], '宋体')).toBe(true);
    expect(hasEastAsiaFont(paragraph(c, '学生基本信息修改书面报告').xml, '黑体')).toBe(true);
    expect(hasEastAsiaFont(paragraph(c, '一、修改数量').xml, '黑体')).toBe(true);
    // Body text takes the default (宋体): no font of its own.
    expect(paragraph(c, '逾期原因：').xml).not.toContain('w:rFonts');
    const footer = c.footer.replace(/<w:instrText[^>]*>\s*(\w+)\s*<\/w:instrText>/g, '{$1}');
    expect([...footer.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|\{(PAGE|NUMPAGES)\}/g)].map((m) => m[1] ?? `{${m[2]}}`).join('')).toBe('第 {PAGE} 页 共 {NUMPAGES} 页');
  });
});

describe('信息修改书面报告 from one sheet', () => {
  it('no per-table lines and no 统计表 column; no 情况说明 when nothing is late; the unit from the profile', async () => {
    const profile = mergeProfile({ writtenReport: { unit: '河北某县开放大学学习中心' } });
    const c = (await docs([{ file: '在籍生.xlsx', sheets: [enrolledStudents()] }], profile)).correction!;
    expect(c.texts).toEqual([
      '学生基本信息修改书面报告',
      `河北某县开放大学学习中心现报送《${T}在籍生基本信息修改情况统计表》，共涉及学生 2 人，修改信息 2 项，其中信息变更 1 项，信息录入错误 1 项。具体情况如下：`,
      '一、修改数量',
      '二、学生名单',
      `主管领导（签字）：${BLANK}`,
      `经手人（签字）：${BLANK}`,
      '河北某县开放大学学习中心',
      '（加盖公章）',
      '2026年11月22日',
    ]);
    expect(c.tables.map((t) => t[0])).toEqual([
      ['修改项目', '信息变更', '信息录入错误', '合计'],
      ['序号', '学号', '姓名', '修改项目', '修改类型'],
    ]);
    expect(c.tables[1]!.slice(1)).toEqual([
      ['1', S.s5, NAME.s5, '民族', '信息变更'],
      ['2', S.s6, NAME.s6, '入学文化程度', '录入错误'],
    ]);
    expect(ruledLines(c)).toBe(0);
    expect(c.document).not.toContain('<w:pageBreakBefore/>');
  });

  it('changes with no 修改类型 get their own count and column (修改类型未注明), never a silent gap', async () => {
    const c = (await docs([{ file: '在籍生.xlsx', sheets: [edited(enrolledStudents(), { G3: null })] }])).correction!;
    expect(c.texts[1]).toContain('共涉及学生 2 人，修改信息 2 项，其中信息变更 0 项，信息录入错误 1 项，修改类型未注明 1 项。');
    expect(c.tables[0]![0]).toEqual(['修改项目', '信息变更', '信息录入错误', '修改类型未注明', '合计']);
    expect(c.tables[0]!.find((r) => r[0] === '民族')).toEqual(['民族', '0', '0', '1', '1']);
    expect(c.tables[0]!.at(-1)).toEqual(['合计', '0', '1', '1', '2']);
    expect(c.tables[1]![1]).toEqual(['1', S.s5, NAME.s5, '民族', '未注明']);
  });

  it('a 毕业生 table lists 注册证号', async () => {
    const c = (await docs([{ file: '毕业生.xlsx', sheets: [graduates()] }])).correction!;
    expect(c.tables[1]).toEqual([
      ['序号', '注册证号', '姓名', '修改项目', '修改类型'],
      ['1', S.g1, NAME.g1, '姓名', '录入错误'],
    ]);
  });
});

describe('学信网退学书面报告 from two rosters (two batches)', () => {
  let w: DocxContent;
  beforeAll(async () => {
    w = (await docs([
      { file: '退学名单（第一批）.xlsx', sheets: [roster('退学', BATCH1)] },
      { file: '退学名单（第二批）.xlsx', sheets: [roster('退学', BATCH2)] },
    ])).withdrawal!;
  });

  it('states the number of batches and the students per batch and in all', () => {
    expect(w.texts.slice(0, 3)).toEqual([
      '学信网退学书面报告',
      '本学期本教学点共提交学信网退学申请 2 批，共 5 名学生（第1批 3 名，第2批 2 名）。各批汇总名单附后，具体情况如下：',
      '一、各批情况',
    ]);
    expect(w.tables[0]).toEqual([
      ['批次', '汇总名单', '分部名称', '人数'],
      ['第1批', '退学名单（第一批）.xlsx', '河北分部', '3'],
      ['第2批', '退学名单（第二批）.xlsx', '河北分部', '2'],
      ['合计', '2 批', '', '5'],
    ]);
  });

  it('lists every student with the batch', () => {
    expect(w.tables[1]).toEqual([
      ['序号', '批次', '学号全码', '学生姓名'],
      ...BATCH1.map((s, i) => [String(i + 1), '第1批', s.sid, s.name]),
      ...BATCH2.map((s, i) => [String(i + 4), '第2批', s.sid, s.name]),
    ]);
  });

  it('ends with the 经手人 line, the 教学点 seal and the date; A4, 黑体 title', () => {
    const i = w.texts.indexOf(`经手人（签字）：${BLANK}`);
    expect(w.texts.slice(i)).toEqual([`经手人（签字）：${BLANK}`, `单位：${BLANK}`, '（加盖教学点公章）', '2026年11月22日']);
    expect(w.document).toMatch(new RegExp(`<w:pgSz w:w="${A4_TWIPS.width}" w:h="${A4_TWIPS.height}"`));
    expect(hasEastAsiaFont(paragraph(w, '学信网退学书面报告').xml, '黑体')).toBe(true);
  });

  it('two rosters of one workbook are named by their sheet', async () => {
    const both = (await docs([{ file: '本学期退学名单.xlsx', sheets: [roster('第一批', BATCH1), roster('第二批', BATCH2)] }])).withdrawal!;
    expect(both.tables[0]!.slice(1, 3).map((r) => r[1])).toEqual(['本学期退学名单.xlsx「第一批」', '本学期退学名单.xlsx「第二批」']);
  });
});
