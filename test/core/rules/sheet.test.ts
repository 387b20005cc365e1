/**
 * Sheet-level rules (DOMAIN.md §2, §4): template recognition (title, sheet name, key column), sheets matching
 * no template (error only when no sheet of the workbook matched), the sheet name of the withdrawal roster.
 */
import { analyseWorkbook, checkWorkbook } from '../../../src/core/engine/report';
import {
  check,
  CO_HEADER,
  CORR_SIGNATURE,
  coRecord,
  coSheet,
  exRecord,
  exSheet,
  expectIssue,
  expectNoIssue,
  GR_HEADER,
  grRecord,
  issuesOf,
  PROFILE,
  REPORT_DATE,
  rowsFor,
  sheetOf,
  wdRecords,
  wdSheet,
} from '../../helpers/rules';
import type { SheetInput } from '../../../src/core/types';

describe('template recognition', () => {
  test('the exemption header → exemption', () => {
    expect(check(exSheet([exRecord(0)])).report.template).toBe('exemption');
  });

  test('the withdrawal header → withdrawal', () => {
    expect(check(wdSheet(wdRecords(2))).report.template).toBe('withdrawal');
  });

  test.each([
    ['new', 'correction-new'],
    ['enrolled', 'correction-enrolled'],
  ] as const)('a correction sheet titled 《…%s…》 → %s', (variant, id) => {
    const a = check(coSheet([coRecord(0)], { variant }));
    expect(a.report.template).toBe(id);
    expect(a.report.headerRow).toBe(2);
  });

  test('the title 毕业生 → correction-graduate', () => {
    const a = check(coSheet([grRecord(0)], { variant: 'graduate', header: GR_HEADER }));
    expect(a.report.template).toBe('correction-graduate');
  });

  test('a short title is enough: 新生修改 / 在籍生修改 / 毕业生修改', () => {
    const titled = (title: string, header: string[], rec: Record<string, unknown>) =>
      check(sheetOf('Sheet1', [[title], header, ...rowsFor(header, [rec as never]), [CORR_SIGNATURE]])).report.template;
    expect(titled('2026年秋季新生信息修改汇总', CO_HEADER, coRecord(0))).toBe('correction-new');
    expect(titled('在籍生信息修改汇总', CO_HEADER, coRecord(0))).toBe('correction-enrolled');
    expect(titled('毕业生信息修改汇总', GR_HEADER, grRecord(0))).toBe('correction-graduate');
  });

  test('the sheet name is a clue too', () => {
    const named = (name: string) => check({ ...coSheet([coRecord(0)], { variant: null }), name }).report.template;
    expect(named('新生')).toBe('correction-new');
    expect(named('毕业生')).toBe('correction-graduate');
    expect(named('在籍生')).toBe('correction-enrolled');
  });

  test('no title, 注册证号 as key column → correction-graduate', () => {
    const a = check(coSheet([grRecord(0)], { variant: null, header: GR_HEADER }));
    expect(a.report.template).toBe('correction-graduate');
    expect(a.report.headerRow).toBe(1);
    expect(a.report.issues).toEqual([]);
  });

  test('no clue at all → correction-enrolled', () => {
    const a = check(coSheet([coRecord(0)], { variant: null }));
    expect(a.report.template).toBe('correction-enrolled');
    expect(a.report.issues).toEqual([]);
  });

  test('the template can be forced', () => {
    const a = check(coSheet([coRecord(0, { 学号: '2613001250001' })], { variant: null }), { template: 'correction-new' });
    expect(a.report.template).toBe('correction-new');
  });
});

describe('sheet.unknown-template', () => {
  const unknown = (name: string): SheetInput => sheetOf(name, [['课程', '成绩', '学分'], ['高等数学', 90, 4]]);

  test('a lone sheet that matches no template is an error, cell null, no fix', () => {
    const a = check(unknown('成绩'));
    expect(a.report.template).toBeNull();
    expectIssue(a, { rule: 'sheet.unknown-template', cell: null, severity: 'error', fix: null });
  });

  test('in a workbook where no sheet matched, every unmatched sheet is an error', () => {
    const all = analyseWorkbook([unknown('成绩'), unknown('课表')], PROFILE, { reportDate: REPORT_DATE });
    expect(all.map((a) => issuesOf(a, 'sheet.unknown-template').map((i) => i.severity))).toEqual([['error'], ['error']]);
  });

  test('in a workbook where another sheet matched, it is a warning', () => {
    const all = analyseWorkbook([wdSheet(wdRecords(2)), unknown('说明')], PROFILE, { reportDate: REPORT_DATE });
    expect(all[0]!.report.template).toBe('withdrawal');
    expectNoIssue(all[0]!, 'sheet.unknown-template');
    expectIssue(all[1]!, { rule: 'sheet.unknown-template', cell: null, severity: 'warning', fix: null });
  });

  test('it is a warning whichever the order of the sheets', () => {
    const all = analyseWorkbook([unknown('说明'), exSheet([exRecord(0)])], PROFILE, { reportDate: REPORT_DATE });
    expectIssue(all[0]!, { rule: 'sheet.unknown-template', cell: null, severity: 'warning', fix: null });
  });

  test('the workbook summary counts it by its final severity', () => {
    const report = checkWorkbook('名单.xlsx', [wdSheet(wdRecords(2)), unknown('说明')], PROFILE, { reportDate: REPORT_DATE });
    expect(report.summary).toEqual({ errors: 0, warnings: 1, fixable: 0 });
    const alone = checkWorkbook('成绩.xlsx', [unknown('成绩')], PROFILE, { reportDate: REPORT_DATE });
    expect(alone.summary).toEqual({ errors: 1, warnings: 0, fixable: 0 });
  });

  test('empty sheets are skipped, not reported', () => {
    const all = analyseWorkbook([wdSheet(wdRecords(2)), sheetOf('Sheet2', [])], PROFILE, { reportDate: REPORT_DATE });
    expect(all).toHaveLength(1);
  });

  test('a recognised sheet has no such issue', () => {
    expectNoIssue(check(coSheet([coRecord(0)], { variant: 'enrolled' })), 'sheet.unknown-template');
  });
});

describe('sheet.name (退学 roster)', () => {
  test('a roster on a sheet not named 退学 is a warning whose fix renames the sheet', () => {
    const a = check(wdSheet(wdRecords(2), { name: 'Sheet1' }));
    const issue = issuesOf(a, 'sheet.name');
    expect(issue).toHaveLength(1);
    expect(issue[0]).toMatchObject({ cell: null, row: null, severity: 'warning' });
    expect(issue[0]!.fix).toEqual({ patches: [], renameSheet: '退学' });
  });

  test('a roster on the sheet 退学 is fine', () => {
    expectNoIssue(check(wdSheet(wdRecords(2))), 'sheet.name');
  });

  test('other templates have no required sheet name', () => {
    expectNoIssue(check(exSheet([exRecord(0)], { name: '免考' })), 'sheet.name');
    expectNoIssue(check(coSheet([coRecord(0)], { name: 'Sheet1' })), 'sheet.name');
  });
});
