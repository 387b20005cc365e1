/**
 * Reading the header (core/engine/header.ts), issue 9 items 1 and 2: every two-row header shape of DOMAIN.md §2 T3 is
 * the wide layout; a sheet whose title names a template is that template — with header.missing-column for it when its
 * header cannot be mapped — and never another template's rules. (test/helpers/corpus.ts has a sheet per shape.)
 */
import { detectHeader } from '../../../src/core/engine/header';
import { matchGrouped, sideFromText } from '../../../src/core/templates/fields';
import { templateOfTitle } from '../../../src/core/templates/clues';
import { check, CO_TITLE, CORR_SIGNATURE, EX_TITLE, issuesOf, makeName, makeSid, sheetOf, TERMINATOR, type V } from '../../helpers/rules';

describe('two-row headers: the sides over the items (原信息 / 修改后信息 …)', () => {
  const items = ['姓名', '性别', '身份证号', '民族', '出生日期', '入学文化程度'];
  const sheet = (groups: [string, string], extra: string[] = []) => {
    const per = [...items, ...extra];
    const top: V[] = ['序号', '学号', '姓名', groups[0], ...per.slice(1).map(() => ''), groups[1], ...per.slice(1).map(() => ''), '修改类型'];
    const sub: V[] = ['', '', '', ...per, ...per, ''];
    const last = 3 + 2 * per.length;
    const col = (c: number) => String.fromCharCode(65 + c);
    return sheetOf(
      'Sheet1',
      [[CO_TITLE.new], top, sub, [1, makeSid(50001, { year: 2026 }), makeName(0), ...per.map(() => ''), ...per.map((p) => (p === '民族' ? '回族' : '')), '录入错误'], [CORR_SIGNATURE]],
      [`A1:${col(last)}1`, 'A2:A3', 'B2:B3', 'C2:C3', `D2:${col(2 + per.length)}2`, `${col(3 + per.length)}2:${col(2 + 2 * per.length)}2`, `${col(last)}2:${col(last)}3`],
    );
  };

  test.each([
    ['原信息', '修改后信息'],
    ['修改前', '修改后'],
    ['原', '新'],
    ['修改前信息', '修改后信息'],
    ['变更前', '变更后'],
  ] as [string, string][])('%s / %s over the six items: the wide layout, every item paired', (a, b) => {
    const h = detectHeader(sheet([a, b]))!;
    expect(h.template).toBe('correction-new');
    expect(h.headerRow).toBe(3);
    expect(h.wide.map((w) => `${w.side}:${w.item}`).sort()).toEqual(items.flatMap((i) => [`new:${i}`, `old:${i}`]).sort());
    expect(h.fields.get('name')).toBe(2);
  });

  test('extra sub-columns under the groups are allowed (and ignored)', () => {
    const h = detectHeader(sheet(['原信息', '修改后信息'], ['联系电话']))!;
    expect(h.template).toBe('correction-new');
    expect(h.wide).toHaveLength(12);
    expect(check(sheet(['原信息', '修改后信息'], ['联系电话'])).report.issues).toEqual([]);
  });

  test('such a 新生 sheet is not read as a withdrawal roster (the bug of issue 9)', () => {
    const a = check(sheet(['原信息', '修改后信息']));
    expect(a.report.template).toBe('correction-new');
    expect(a.report.issues).toEqual([]);
  });
});

describe('what is not a two-row header', () => {
  test('a merged title over the header row', () => {
    const h = detectHeader(sheetOf('Sheet1', [[CO_TITLE.enrolled], ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息'], [1, makeSid(1), makeName(0), '民族', '汉族', '回族']], ['A1:F1']))!;
    expect(h.headerRow).toBe(2);
    expect(h.firstRow).toBe(2);
  });

  test('a header with one unlabelled column over the first record (the record is not a sub-header)', () => {
    const h = detectHeader(sheetOf('退学', [['序号', '分部名称', '学号全码', '学生姓名', ''], [1, '河北分部', makeSid(1), makeName(0), '备用']]))!;
    expect(h.headerRow).toBe(1);
  });
});

describe('side and item words', () => {
  test.each([
    ['原信息', 'old'],
    ['修改前', 'old'],
    ['原', 'old'],
    ['更正前（原）', 'old'],
    ['修改后信息', 'new'],
    ['新', 'new'],
    ['变更后', 'new'],
    ['姓名', null],
  ])('%s is side %s', (text, side) => expect(sideFromText(text)).toBe(side));

  test('both ways round, and the plain concatenation otherwise', () => {
    expect(matchGrouped('原信息', '身份证号码')).toEqual({ kind: 'wide', wide: { side: 'old', item: '身份证号' } });
    expect(matchGrouped('出生日期', '修改后信息')).toEqual({ kind: 'wide', wide: { side: 'new', item: '出生日期' } });
    expect(matchGrouped('学生', '姓名')).toEqual({ kind: 'field', field: 'name' });
    expect(matchGrouped('联系方式', '电话')).toBeNull();
  });
});

describe('the title names the template (item 2)', () => {
  test.each([
    [CO_TITLE.new, 'correction-new'],
    [CO_TITLE.enrolled, 'correction-enrolled'],
    [CO_TITLE.graduate, 'correction-graduate'],
    [EX_TITLE, 'exemption'],
    ['河北分部学信网退学汇总名单', 'withdrawal'],
    ['填报单位：某学习中心', null],
    ['说明：转学、退学不在本表填报', null],
  ])('“%s” → %s', (title, template) => expect(templateOfTitle(title)).toBe(template));

  test('titled 免考信息表 with a header that maps as a roster: the exemption table, its missing columns reported', () => {
    const a = check(sheetOf('Sheet1', [[EX_TITLE], ['序号', '学号', '姓名', '科目', '理由'], [1, makeSid(1), makeName(0), '英语', '本科'], [TERMINATOR]], ['A1:E1']));
    expect(a.report.template).toBe('exemption');
    expect(issuesOf(a, 'header.missing-column').map((i) => i.field).sort()).toEqual(['centreCode', 'reason', 'subjectCode']);
    expect(issuesOf(a, 'table.signature-row')).toEqual([]);
    expect(issuesOf(a, 'sheet.name')).toEqual([]);
  });

  test('titled 退学汇总名单 with a 原因 column: a roster, not an exemption table', () => {
    const a = check(sheetOf('退学', [['学信网退学汇总名单'], ['序号', '学号', '姓名', '原因'], [1, makeSid(1), makeName(0), '另行报考'], ['经办人：']]));
    expect(a.report.template).toBe('withdrawal');
    expect(issuesOf(a, 'exemption.reason')).toEqual([]);
  });

  test('a note in the title rows that mentions 退学 does not make a correction sheet a roster', () => {
    const a = check(sheetOf('Sheet1', [[CO_TITLE.enrolled], ['说明：转学、退学不在本表填报'], ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息'], [1, makeSid(1), makeName(0), '民族', '汉族', '回族'], [CORR_SIGNATURE]]));
    expect(a.report.template).toBe('correction-enrolled');
  });

  test('a title with no header under it: unknown template, the message names the title and its columns', () => {
    const a = check(sheetOf('Sheet1', [[EX_TITLE], ['请按省校要求填写']]));
    expect(a.report.template).toBeNull();
    expect(issuesOf(a, 'sheet.unknown-template')[0]!.message).toContain('标题是免考信息表，但前20行中找不到它的表头（应有学习中心代码、学号、姓名');
  });
});
