/**
 * What `xueji fix` prints for a sheet (issue 9): the issues fixed counted by their Chinese title, each cell fix as
 * `单元格  修改前（类型） → 修改后（类型）` with invisible characters shown, then the table changes in words — a sort
 * is rows moving, never value swaps that look like rewritten student numbers.
 */
import type { Patch, SheetInput } from '../core/types';
import type { FixPlan } from '../core/engine/fix';
import type { SheetAnalysis } from '../core/engine/check';
import { TEMPLATE_SPECS } from '../core/templates/specs';
import { ruleTitle } from '../core/rules/catalog';
import { tableStory } from '../core/engine/describe';
import { hasHidden, showCell, showPatch, shownText, VISIBLE_LEGEND } from '../core/engine/show';
import { parseAddress } from '../core/engine/a1';
import { padEnd } from './format';
import { terminalText } from './output';

/** Lines of one list shown before the rest is summarised. */
const LIST_CAP = 200;

/** Rules whose fix is the table's (rows moved, 序号, end marker), not one cell's own. */
const TABLE_RULES = new Set(['row.blank', 'table.unsorted', 'table.sequence', 'table.terminator', 'table.signature-row']);

/** `total`: how many lines the list has (only the first LIST_CAP need be made). */
function capped(lines: string[], indent: string, total = lines.length): string[] {
  if (total <= LIST_CAP) return lines.map((l) => indent + l);
  return [...lines.slice(0, LIST_CAP).map((l) => indent + l), `${indent}……另有 ${(total - LIST_CAP).toLocaleString('en-US')} 行未列出`];
}

/** Each cell's own fix, at the cell where the user sees it now (before any row moves). */
function cellFixes(plan: FixPlan): Patch[] {
  const byCell = new Map<string, Patch>();
  for (const i of plan.fixed) {
    if (!i.cell || TABLE_RULES.has(i.rule) || byCell.has(i.cell)) continue;
    const p = i.fix?.patches.find((x) => x.cell === i.cell);
    if (p) byCell.set(i.cell, p);
  }
  return [...byCell.values()].sort((a, b) => {
    const x = parseAddress(a.cell);
    const y = parseAddress(b.cell);
    return x.row - y.row || x.col - y.col;
  });
}

/**
 * The plan of one sheet, as printed; '' when it changes nothing and leaves nothing out. Every line is escaped for the
 * terminal (issue 14: a cell's control characters never reach it).
 */
export function formatPlan(plan: FixPlan, sheet: SheetInput, analysis: SheetAnalysis): string {
  // (A chosen table fix left undone, plan.notFixed, is the first line of the table story: said even with no patch.)
  if (!plan.patches.length && !plan.renameSheet && !plan.notFixed.length) return '';
  const out: string[] = [`工作表「${plan.sheet}」：`];
  const counts = new Map<string, number>();
  for (const i of plan.fixed) counts.set(i.rule, (counts.get(i.rule) ?? 0) + 1);
  if (counts.size) out.push(`  修复的问题：${[...counts].map(([r, n]) => `${ruleTitle(r)} ×${n}`).join('，')}`);
  if (plan.renameSheet) out.push(`  工作表改名：「${plan.sheet}」→「${plan.renameSheet}」`);
  let hidden = false;
  const fixes = cellFixes(plan);
  const cells = fixes.slice(0, LIST_CAP).map((p) => {
    const { row, col } = parseAddress(p.cell);
    const before = sheet.rows[row - 1]?.[col];
    if (typeof before?.value === 'string' && hasHidden(before.value)) hidden = true;
    return `${padEnd(p.cell, 7)} ${shownText(showCell(before))} → ${shownText(showPatch(p))}`;
  });
  if (cells.length) {
    out.push(`  单元格修复（修改前 → 修改后${plan.table.moves.length ? '；单元格为移动前的位置' : ''}）：`);
    out.push(...capped(cells, '    ', fixes.length));
  }
  const template = analysis.report.template;
  const keyLabel = template && TEMPLATE_SPECS[template].key === 'registrationNo' ? '注册证号' : '学号';
  for (const story of tableStory(plan, keyLabel)) {
    out.push(`  ${story.title}`);
    out.push(...capped(story.items, '    '));
  }
  if (hidden) out.push(`  （${VISIBLE_LEGEND}）`);
  return out.map(terminalText).join('\n') + '\n';
}
