/**
 * The pane's plain logic, kept out of the components so it is tested without React: today's date, the highlight
 * marks of a report, issues grouped by rule, and the fix preview (cell, before, after) with the patches the user
 * accepted.
 */
import type { Cell, Issue, Patch, SheetInput, TemplateId } from '../core/types';
import type { Mark } from '../core/port';
import type { Profile } from '../core/profile/schema';
import type { CheckOptions } from '../core/engine/check';
import type { FixPlan } from '../core/engine/fix';
import { parseIsoDate, type Ymd } from '../core/cells/dates';
import { parseAddress } from '../core/engine/a1';
import { TEMPLATE_SPECS } from '../core/templates/specs';
import { ruleTitle } from '../core/rules/catalog';
import { hasHidden, showCell, showPatch, type ShownValue } from '../core/engine/show';
import { tableStory, type TableStory } from '../core/engine/describe';

export type { ShownValue };

export function todayYmd(now: Date = new Date()): Ymd {
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
}

/** The check's options: the template the user picked (or recognition), and the report date (profile, else today). */
export function checkOptions(profile: Profile, template: TemplateId | null, today: Ymd): CheckOptions {
  const fromProfile = profile.reportDate ? parseIsoDate(profile.reportDate) : null;
  const options: CheckOptions = { reportDate: fromProfile ?? today };
  if (template) options.template = template;
  return options;
}

export function templateTitle(id: TemplateId | null): string {
  return id ? TEMPLATE_SPECS[id].title : '未识别';
}

/** One mark per flagged cell; a cell with an error and a warning is marked as an error. */
export function marksOf(issues: readonly Issue[]): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const i of issues) {
    if (!i.cell) continue;
    const had = byCell.get(i.cell);
    if (!had || (had.severity === 'warning' && i.severity === 'error')) byCell.set(i.cell, { cell: i.cell, severity: i.severity });
  }
  return [...byCell.values()];
}

export interface IssueGroup {
  rule: string;
  title: string;
  /** The group's severity: error if any of its issues is an error. */
  severity: 'error' | 'warning';
  issues: Issue[];
}

/** Issues grouped by rule: errors first, then warnings, each in order of first appearance. */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of issues) {
    let g = groups.get(i.rule);
    if (!g) {
      g = { rule: i.rule, title: ruleTitle(i.rule), severity: i.severity, issues: [] };
      groups.set(i.rule, g);
    }
    if (i.severity === 'error') g.severity = 'error';
    g.issues.push(i);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.severity === 'error'), ...all.filter((g) => g.severity === 'warning')];
}

// ------------------------------------------------------------------------------------------------ fix preview

export interface PreviewRow {
  /** Stable key: the patch's index in the plan. */
  id: number;
  cell: string;
  row: number;
  before: ShownValue;
  after: ShownValue;
  /** The rule whose fix this patch is, or null for the table fixes (order, 序号, end row) that move many cells. */
  rule: string | null;
  patch: Patch;
}

export interface PreviewGroup {
  key: string;
  title: string;
  /** Table fixes rewrite whole rows together: leaving one cell out can break the table. */
  linked: boolean;
  rows: PreviewRow[];
}

export interface FixPreviewModel {
  sheet: string;
  groups: PreviewGroup[];
  rename: { from: string; to: string } | null;
  total: number;
  /** The table changes in words (rows moved, blank rows removed, 序号, end row), shown over the linked group. */
  story: TableStory[];
  /** Whether a value shown needed marks for invisible characters (then the legend is shown). */
  marks: boolean;
}

export function cellAt(sheet: SheetInput, a1: string): Cell | undefined {
  const { row, col } = parseAddress(a1);
  return sheet.rows[row - 1]?.[col];
}

const TABLE_RULES = new Set(['row.blank', 'table.unsorted', 'table.sequence', 'table.terminator', 'table.signature-row']);

/**
 * The preview of a fix plan: every patch with the cell's value before and after. Patches that are one cell's own
 * fix are grouped by that rule; the others come from the table fixes (removing blank rows, sorting, renumbering,
 * the end row) and form one linked group.
 */
export function buildPreview(sheet: SheetInput, plan: FixPlan, template: TemplateId | null = null): FixPreviewModel {
  const ruleOfCell = new Map<string, string>();
  for (const i of plan.fixed) {
    if (!i.cell || TABLE_RULES.has(i.rule) || !i.fix) continue;
    if (i.fix.patches.some((p) => p.cell === i.cell) && !ruleOfCell.has(i.cell)) ruleOfCell.set(i.cell, i.rule);
  }
  const tableRules = [...new Set(plan.fixed.filter((i) => TABLE_RULES.has(i.rule)).map((i) => i.rule))];
  // Removing blank rows or sorting moves whole records: a patch then holds another row's (fixed) value, so no
  // patch is one cell's own fix any more and all of them form one linked group.
  const moving = tableRules.includes('row.blank') || tableRules.includes('table.unsorted');
  const groups = new Map<string, PreviewGroup>();
  plan.patches.forEach((patch, id) => {
    const before = cellAt(sheet, patch.cell);
    const rule = moving ? null : (ruleOfCell.get(patch.cell) ?? null);
    const key = rule ?? 'table';
    let g = groups.get(key);
    if (!g) {
      const what = tableRules.map((r) => ruleTitle(r)).join('、') || '相关单元格';
      g = rule
        ? { key, title: `${ruleTitle(rule)}（${rule}）`, linked: false, rows: [] }
        : { key, title: moving ? `整理表格（${what}，含单元格修复）` : `整理表格（${what}）`, linked: true, rows: [] };
      groups.set(key, g);
    }
    g.rows.push({ id, cell: patch.cell, row: parseAddress(patch.cell).row, before: showCell(before), after: showPatch(patch), rule, patch });
  });
  const rename = plan.renameSheet && plan.renameSheet !== sheet.name ? { from: sheet.name, to: plan.renameSheet } : null;
  const keyLabel = template && TEMPLATE_SPECS[template].key === 'registrationNo' ? '注册证号' : '学号';
  const marks = plan.patches.some((p) => {
    const before = cellAt(sheet, p.cell)?.value;
    return (typeof before === 'string' && hasHidden(before)) || (typeof p.value === 'string' && hasHidden(p.value));
  });
  return { sheet: sheet.name, groups: [...groups.values()], rename, total: plan.patches.length, story: tableStory(plan, keyLabel), marks };
}

/** The patches of the rows the user left ticked, in plan order. */
export function acceptedPatches(preview: FixPreviewModel, accepted: ReadonlySet<number>): Patch[] {
  const rows = preview.groups.flatMap((g) => g.rows).filter((r) => accepted.has(r.id));
  rows.sort((a, b) => a.id - b.id);
  return rows.map((r) => r.patch);
}

export function allPreviewIds(preview: FixPreviewModel): number[] {
  return preview.groups.flatMap((g) => g.rows.map((r) => r.id));
}
