/**
 * A fix plan's table changes in words, for people (issue 9): a sort is "按学号升序重排：移动 N 行" with the rows that
 * move — not value swaps that look like rewritten student numbers —, then the blank rows removed, the 序号 renumbered,
 * where the end marker goes and how far the footer block moves. The command line prints it, the task pane shows it
 * over the linked group of its preview.
 */
import type { FixPlan } from './fix';
import { ruleTitle } from '../rules/catalog';

export interface TableStory {
  /** One line: what happens. */
  title: string;
  /** The rows it concerns, one line each (may be many: the reader caps them). */
  items: string[];
}

/**
 * Rows by runs (第3–5行、第9行), at most ten runs named, then how many rows in all: the blank rows behind a stray value
 * in Excel's last row are one run of a million (issue 14), not a million names.
 */
function rowList(rows: readonly number[]): string {
  const runs: string[] = [];
  let more = false;
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    if (runs.length === 10) {
      more = true;
      break;
    }
    runs.push(i === j ? `第${rows[i]}行` : `第${rows[i]}–${rows[j]}行`);
    i = j + 1;
  }
  return more ? `${runs.join('、')}等共 ${rows.length.toLocaleString('en-US')} 行` : runs.join('、');
}

function span(rows: readonly number[]): string {
  const a = rows[0]!;
  const b = rows[rows.length - 1]!;
  return a === b ? `第${a}行` : `第${a}–${b}行`;
}

/** `keyLabel`: what the records are sorted by (学号, or 注册证号 for graduates). */
export function tableStory(plan: FixPlan, keyLabel: string): TableStory[] {
  const t = plan.table;
  const rules = new Set(plan.fixed.map((i) => i.rule));
  // A chosen table fix left undone because, with the others, it would lose something (issue 14): first, with why.
  const out: TableStory[] = plan.notFixed.map((n) => ({ title: `未修复「${ruleTitle(n.rule)}」（${n.rule}）：${n.reason}`, items: [] }));
  if (t.moves.length) {
    const n = t.moves.length;
    const title = rules.has('table.unsorted')
      ? `按${keyLabel}升序重排：移动 ${n} 行`
      : t.removedBlank.length
        ? `删除空行（${rowList(t.removedBlank)}），下面的记录上移：移动 ${n} 行`
        : `把结束行 / 签字行之后的记录移入表格：移动 ${n} 行`;
    out.push({ title, items: t.moves.map((m) => `第${m.from}行 → 第${m.to}行${m.key ? `（${keyLabel} ${m.key}）` : ''}`) });
  }
  if (t.removedBlank.length && !(t.moves.length && !rules.has('table.unsorted'))) {
    out.push({ title: `删除空行：${rowList(t.removedBlank)}`, items: [] });
  }
  if (t.renumbered.length) out.push({ title: `重编序号（从1起连续）：改写 ${t.renumbered.length} 个单元格`, items: [] });
  if (t.marker) {
    const what = `“${t.marker.text}”`;
    out.push({
      title: t.marker.from === null ? `在第${t.marker.to}行写入${what}` : `${what}从第${t.marker.from}行移到第${t.marker.to}行（紧接最后一条记录）`,
      items: [],
    });
  }
  if (t.footerShift) {
    const rows = t.footerShift.rows;
    out.push({ title: `表格下方的备注 / 签字块（${span(rows)}）整体下移 ${t.footerShift.by} 行，内容不变`, items: [] });
  }
  return out;
}
