/** The pane's plain logic: marks, groups, the fix preview, error wording, the start-up screen. */
import type { Issue } from '../../src/core/types';
import { planFixes } from '../../src/core/engine/fix';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { acceptedPatches, allPreviewIds, buildPreview, checkOptions, groupIssues, marksOf } from '../../src/taskpane/model';
import { PaneError, toPaneError } from '../../src/taskpane/errors';
import { chooseScreen } from '../../src/taskpane/startup';
import { check, wdRecord, wdRecords, wdSheet } from '../helpers/rules';
import { rosterWithIssues } from './sheets';

function issue(cell: string | null, rule: string, severity: 'error' | 'warning' = 'error'): Issue {
  return { cell, row: null, column: null, field: null, rule, severity, message: rule, fix: null };
}

describe('marks and groups', () => {
  test('one mark per cell; an error wins over a warning; sheet issues are not marked', () => {
    const marks = marksOf([issue('A1', 'x', 'warning'), issue('A1', 'y'), issue('B2', 'z', 'warning'), issue(null, 'header.missing-column')]);
    expect(marks).toEqual([
      { cell: 'A1', severity: 'error' },
      { cell: 'B2', severity: 'warning' },
    ]);
  });

  test('issues grouped by rule, error groups first, in order of first appearance', () => {
    const groups = groupIssues([issue('A1', 'b.warn', 'warning'), issue('A2', 'a.err'), issue('A3', 'b.warn', 'warning'), issue('A4', 'c.err')]);
    expect(groups.map((g) => [g.rule, g.severity, g.issues.map((i) => i.cell)])).toEqual([
      ['a.err', 'error', ['A2']],
      ['c.err', 'error', ['A4']],
      ['b.warn', 'warning', ['A1', 'A3']],
    ]);
    expect(groupIssues([issue('A1', 'cell.whitespace')])[0]!.title).toBe('空格或不可见字符');
  });
});

describe('fix preview', () => {
  test('cell fixes are grouped by their rule, with the value before and after', () => {
    const sheet = rosterWithIssues();
    const a = check(sheet);
    const preview = buildPreview(sheet, planFixes(sheet, DEFAULT_PROFILE, a));
    expect(preview.groups.map((g) => [g.key, g.linked, g.rows.map((r) => `${r.cell}:${r.before.text}→${r.after.text}`)])).toEqual([
      ['cell.fullwidth', false, ['C2:２０13001200001→2013001200001']],
      ['cell.whitespace', false, ['D3:刘␣洋→刘洋']],
    ]);
    expect(preview.rename).toBeNull();
    const withoutC2 = new Set(allPreviewIds(preview).filter((id) => preview.groups[0]!.rows[0]!.id !== id));
    expect(acceptedPatches(preview, withoutC2)).toEqual([{ cell: 'D3', value: '刘洋', numberFormat: '@' }]);
  });

  test('sorting moves rows: all its patches form one linked group; a rename is offered apart', () => {
    const recs = wdRecords(3);
    const sheet = wdSheet([recs[2]!, recs[0]!, wdRecord(1, { 学生姓名: '王 芳' })], { name: 'Sheet1' });
    const plan = planFixes(sheet, DEFAULT_PROFILE, check(sheet));
    const preview = buildPreview(sheet, plan, 'withdrawal');
    expect(preview.groups).toHaveLength(1);
    // Said as rows moving, not as values rewritten (issue 9).
    expect(preview.story[0]!.title).toBe('按学号升序重排：移动 3 行');
    expect(preview.groups[0]!.linked).toBe(true);
    expect(preview.total).toBe(plan.patches.length);
    expect(preview.rename).toEqual({ from: 'Sheet1', to: '退学' });
    expect(acceptedPatches(preview, new Set(allPreviewIds(preview)))).toEqual(plan.patches);
  });

  test('the report date: the profile’s, else today; the template if picked', () => {
    const today = { y: 2026, m: 3, d: 1 };
    expect(checkOptions(DEFAULT_PROFILE, null, today)).toEqual({ reportDate: DEFAULT_PROFILE.reportDate ? expect.anything() : today });
    expect(checkOptions({ ...DEFAULT_PROFILE, reportDate: '2025-09-01' }, 'withdrawal', today)).toEqual({
      reportDate: { y: 2025, m: 9, d: 1 },
      template: 'withdrawal',
    });
  });
});

describe('errors in Chinese', () => {
  test('Office.js codes become Chinese sentences, with the original kept as detail', () => {
    const e = toPaneError(Object.assign(new Error('Access denied.'), { code: 'AccessDenied' }), 'apply');
    expect(e).toBeInstanceOf(PaneError);
    expect(e.message).toBe('写入修复失败：没有权限修改（工作表可能受保护，或工作簿以只读方式打开）');
    expect(e.detail).toBe('AccessDenied：Access denied.');
    expect(e.code).toBe('port');
  });

  test('an unknown failure still gets a Chinese sentence; a bug is marked as such', () => {
    expect(toPaneError(new Error('boom'), 'read').message).toMatch(/^读取工作表失败：发生未知错误/);
    const bug = toPaneError(new TypeError('x is undefined'), 'analyse');
    expect(bug.code).toBe('unexpected');
    expect(bug.message).toMatch(/^分析表格失败：任务窗格内部错误/);
    expect(toPaneError('text', 'select').message).toMatch(/^定位单元格失败/);
  });

  test('a Chinese message is kept; a PaneError passes through', () => {
    expect(toPaneError(new Error('工作表受保护'), 'apply').message).toBe('写入修复失败：工作表受保护');
    expect(toPaneError(new Error('撤销修复失败：快照无效'), 'restore').message).toBe('撤销修复失败：快照无效');
    const p = new PaneError('export-not-ready', '导出功能尚未就绪', 'export');
    expect(toPaneError(p, 'read')).toBe(p);
  });
});

describe('start-up screen', () => {
  const office = (supported: boolean | null) => ({
    HostType: { Excel: 'Excel' },
    context: supported === null ? {} : { requirements: { isSetSupported: (n: string, v?: string) => supported && n === 'ExcelApi' && v === '1.9' } },
  });
  test('Excel with ExcelApi 1.9: the app', () => {
    expect(chooseScreen(office(true), { host: 'Excel' })).toEqual({ kind: 'app' });
    expect(chooseScreen(office(null), { host: 'Excel' })).toEqual({ kind: 'app' });
  });
  test('old Excel, another host, no office.js: an explanation', () => {
    expect(chooseScreen(office(false), { host: 'Excel' })).toEqual({ kind: 'unsupported', why: 'old-excel' });
    expect(chooseScreen(office(true), { host: null })).toEqual({ kind: 'unsupported', why: 'not-excel' });
    expect(chooseScreen(office(true), { host: 'Word' })).toEqual({ kind: 'unsupported', why: 'not-excel' });
    expect(chooseScreen(undefined, undefined)).toEqual({ kind: 'unsupported', why: 'no-office' });
  });
});
