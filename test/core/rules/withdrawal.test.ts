/**
 * 学信网退学汇总名单 (DOMAIN.md §2 T2, seed 003, 陕西 2022 notice): sheet 退学, 序号 | 分部名称 | 学号全码 |
 * 学生姓名, sorted by 学号, no spaces, 经办人 row right after the last student, one 分部 per roster.
 */
import {
  check,
  expectIssue,
  expectNoIssue,
  issuesOf,
  makeSid,
  wdRecord,
  wdRecords,
  wdSheet,
} from '../../helpers/rules';

describe('withdrawal.mixed-branch', () => {
  test('a second 分部名称 in one roster is a warning on the first cell that differs, no fix', () => {
    const recs = wdRecords(4);
    recs[2] = wdRecord(2, { 分部名称: '陕西分部' });
    const a = check(wdSheet(recs));
    expectIssue(a, { rule: 'withdrawal.mixed-branch', cell: 'B4', severity: 'warning', fix: null });
    expect(issuesOf(a, 'withdrawal.mixed-branch')).toHaveLength(1);
  });

  test('a 分部名称 that differs only by spaces is the same 分部', () => {
    const recs = wdRecords(3);
    recs[1] = wdRecord(1, { 分部名称: '河北 分部' });
    const a = check(wdSheet(recs));
    expectNoIssue(a, 'withdrawal.mixed-branch');
    expectIssue(a, { rule: 'cell.whitespace', cell: 'B3', severity: 'error', fix: { value: '河北分部' } });
  });

  test('one 分部 throughout is fine', () => {
    expectNoIssue(check(wdSheet(wdRecords(5))), 'withdrawal.mixed-branch');
  });
});

describe('a complete roster', () => {
  test('a clean roster gives no issue and counts its students', () => {
    const a = check(wdSheet(wdRecords(6)));
    expect(a.report).toMatchObject({ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 6, issues: [] });
  });

  test('students of several intakes and 类别 sort by the full 学号', () => {
    const sids = [
      makeSid(1, { year: 2017, branch: '130', category: '012' }),
      makeSid(50001, { year: 2017, branch: '130', category: '012' }),
      makeSid(3, { year: 2017, branch: '130', category: '014' }),
      makeSid(2, { year: 2019, branch: '130', category: '012' }),
    ];
    const sorted = check(wdSheet(sids.map((s, i) => wdRecord(i, { 学号全码: s }))));
    expectNoIssue(sorted, 'table.unsorted');
    const swapped = [sids[1]!, sids[0]!, sids[2]!, sids[3]!];
    const a = check(wdSheet(swapped.map((s, i) => wdRecord(i, { 学号全码: s }))));
    expectIssue(a, { rule: 'table.unsorted', cell: 'C3', severity: 'error', fix: 'table' });
  });
});
