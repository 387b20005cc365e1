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

/** Chinese names of the rules (DOMAIN.md §5) for the group headings; the id is shown beside it. */
export const RULE_TITLE: Readonly<Record<string, string>> = {
  'sheet.unknown-template': '无法识别模板',
  'sheet.name': '工作表名称',
  'header.missing-column': '缺少必需的列',
  'header.duplicate-column': '重复的列',
  'row.blank': '记录中间的空行',
  'row.duplicate': '重复的记录',
  'table.unsorted': '记录顺序',
  'table.sequence': '序号不连续',
  'table.terminator': '“/记录行结束/”行',
  'table.signature-row': '经办人（签字）行',
  'cell.required': '必填项为空',
  'cell.whitespace': '空格或不可见字符',
  'cell.fullwidth': '全角数字或字母',
  'cell.number-stored': '代码存成了数字',
  'cell.precision-lost': '数字位数已丢失',
  'cell.formula': '由公式计算的代码',
  'cell.error-value': '错误值（#N/A 等）',
  'cell.merged': '记录中的合并单元格',
  'student-id.format': '学号格式',
  'student-id.category': '学号类别段',
  'id-card.format': '身份证号格式',
  'id-card.checksum': '身份证号末位',
  'id-card.birthdate': '身份证号出生日期',
  'id-card.legacy': '15位身份证号',
  'gender.invalid': '性别写法',
  'gender.mismatch': '性别与身份证号不符',
  'ethnicity.invalid': '民族写法',
  'name.invalid': '姓名中的字符',
  'centre-code.format': '学习中心代码格式',
  'centre-code.unpadded': '学习中心代码位数不足',
  'centre-code.branch-mismatch': '学习中心与学号分部不符',
  'enrollment-term.format': '入学学期写法',
  'enrollment-term.mismatch': '入学学期与学号不符',
  'exemption.subject-code': '免考科目代码',
  'exemption.reason': '免考原因',
  'exemption.reason-subject': '免考原因与科目不符',
  'exemption.age-under-40': '未满40周岁',
  'exemption.han-ethnicity': '汉族不适用此免考原因',
  'registration-no.format': '注册证号格式',
  'registration-no.legacy': '17位注册证号',
  'correction.item': '修改项目',
  'correction.unchanged': '修改前后相同',
  'correction.double-change': '姓名和身份证号同时修改',
  'correction.graduate-change': '毕业生信息变更',
  'correction.new-student-window': '新生修改期限',
  'correction.new-value': '修改后信息无效',
  'withdrawal.mixed-branch': '多个分部',
};

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
      g = { rule: i.rule, title: RULE_TITLE[i.rule] ?? i.rule, severity: i.severity, issues: [] };
      groups.set(i.rule, g);
    }
    if (i.severity === 'error') g.severity = 'error';
    g.issues.push(i);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.severity === 'error'), ...all.filter((g) => g.severity === 'warning')];
}

// ------------------------------------------------------------------------------------------------ fix preview

/** What a cell holds, as the preview shows it (before or after). */
export interface ShownValue {
  text: string;
  /** '@' text, or a number format worth naming; null for General. */
  format: string | null;
  empty: boolean;
}

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
}

/** Invisible characters made visible, so that "刘 洋" → "刘洋" reads as a change. */
export function visible(text: string): string {
  return text
    .replace(/\u00a0/g, '⍽')
    .replace(/\u3000/g, '□')
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '¤')
    .replace(/\t/g, '⇥')
    .replace(/\r?\n/g, '↵');
}

function formatName(nf: string | undefined): string | null {
  if (!nf || nf === 'General') return null;
  if (nf === '@') return '文本';
  return nf;
}

export function showCell(cell: Cell | undefined): ShownValue {
  if (!cell || cell.kind === 'empty' || cell.value === null || cell.value === '') {
    return { text: '（空）', format: formatName(cell?.numberFormat), empty: true };
  }
  const text = typeof cell.value === 'string' ? visible(cell.value) : String(cell.value);
  return { text, format: formatName(cell.numberFormat), empty: false };
}

export function showPatch(p: Patch): ShownValue {
  if (p.value === null || p.value === '') return { text: '（空）', format: formatName(p.numberFormat), empty: true };
  const text = typeof p.value === 'string' ? visible(p.value) : String(p.value);
  return { text, format: formatName(p.numberFormat), empty: false };
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
export function buildPreview(sheet: SheetInput, plan: FixPlan): FixPreviewModel {
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
      const what = tableRules.map((r) => RULE_TITLE[r] ?? r).join('、') || '相关单元格';
      g = rule
        ? { key, title: `${RULE_TITLE[rule] ?? rule}（${rule}）`, linked: false, rows: [] }
        : { key, title: moving ? `整理表格（${what}，含单元格修复）` : `整理表格（${what}）`, linked: true, rows: [] };
      groups.set(key, g);
    }
    g.rows.push({ id, cell: patch.cell, row: parseAddress(patch.cell).row, before: showCell(before), after: showPatch(patch), rule, patch });
  });
  const rename = plan.renameSheet && plan.renameSheet !== sheet.name ? { from: sheet.name, to: plan.renameSheet } : null;
  return { sheet: sheet.name, groups: [...groups.values()], rename, total: plan.patches.length };
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
