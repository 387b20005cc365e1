/**
 * A fix plan's table changes in words, for people (issue 9): a sort is "按学号升序重排：移动 N 行" with the rows that
 * move — not value swaps that look like rewritten student numbers —, then the blank rows removed, the 序号 renumbered,
 * where the end marker goes and how far the footer block moves. The command line prints it, the task pane shows it
 * over the linked group of its preview.
 */
import type { FixPlan } from './fix';

export interface TableStory {
  /** One line: what happens. */
  title: string;
  /** The rows it concerns, one line each (may be many: the reader caps them). */
  items: string[];
}

function rowList(rows: readonly number[]): string {
  return rows.map((r) => `第${r}行`).join('、');
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
  const out: TableStory[] = [];
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
