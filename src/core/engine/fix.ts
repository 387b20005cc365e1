/**
 * Fixing: from a check's analysis to the patches that cure every fixable issue (or only the chosen ones).
 * Computing patches is separate from applying them; the plan is a difference with the fixed layout, so
 * fixing a fixed sheet changes nothing.
 */
import type { Issue, Patch, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import type { SheetAnalysis } from './check';
import { cellFromPatch, NO_TABLE_CHANGES, planTable, type TableChanges, type TableSteps } from './plan';
import { parseAddress } from './a1';

export interface FixPlan {
  sheet: string;
  patches: Patch[];
  renameSheet: string | null;
  /** The issues this plan cures. */
  fixed: Issue[];
  /** Chosen table fixes left out because, together, they would lose something (each with the reason). */
  notFixed: { rule: string; reason: string }[];
  /** The table fixes row by row (rows moved, blank rows removed, 序号 renumbered, end marker, footer shift). */
  table: TableChanges;
}

const TABLE_RULE_STEP: Readonly<Record<string, keyof TableSteps>> = {
  'row.blank': 'removeBlank',
  'table.unsorted': 'sort',
  'table.sequence': 'renumber',
  'table.terminator': 'marker',
  'table.signature-row': 'marker',
};

const STEP_NAMES = ['removeBlank', 'sort', 'renumber', 'marker'] as const;

/**
 * Plan the fixes of one analysed sheet. `accept` picks the issues to fix (default: all fixable ones): the
 * task pane's preview lets the user untick some. Issues a long report did not list (`analysis.unlisted`) are fixed
 * too, by the same `accept`.
 */
export function planFixes(
  sheet: SheetInput,
  profile: Profile,
  analysis: SheetAnalysis,
  accept: (issue: Issue) => boolean = () => true,
): FixPlan {
  const chosen = [...analysis.report.issues, ...analysis.unlisted].filter((i) => i.fix && accept(i));
  const empty: FixPlan = { sheet: sheet.name, patches: [], renameSheet: null, fixed: [], notFixed: [], table: NO_TABLE_CHANGES };
  if (!analysis.header || !analysis.layout) return empty;
  const steps: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false };
  const cellFixes = new Map<string, Patch>();
  let renameSheet: string | null = null;
  for (const issue of chosen) {
    const step = TABLE_RULE_STEP[issue.rule];
    if (step) steps[step] = true;
    else if (issue.fix?.renameSheet) renameSheet = issue.fix.renameSheet;
    else if (issue.cell) {
      const p = analysis.cellFixes.get(issue.cell);
      if (p) cellFixes.set(issue.cell, p);
    }
  }
  const plan = (s: TableSteps) => planTable(sheet, profile, analysis.header!, analysis.layout!, analysis.rows, cellFixes, s);
  let result = plan(steps);
  const notFixed: FixPlan['notFixed'] = [];
  if (result.refused !== null) {
    // Each table fix alone was checked fixable; together they may not be (a sort that also moves a marker into a
    // merge). Keep the largest set of them that plans cleanly, in a fixed order; the cell fixes always apply.
    const on = STEP_NAMES.filter((k) => steps[k]);
    let best: { steps: TableSteps; result: typeof result } | null = null;
    for (let mask = (1 << on.length) - 2; mask >= 0 && best === null; mask--) {
      const trial: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false };
      on.forEach((k, i) => (trial[k] = (mask & (1 << i)) !== 0));
      const r = plan(trial);
      if (r.refused === null) best = { steps: trial, result: r };
    }
    const reason = result.refused;
    for (const k of on) {
      if (best?.steps[k]) continue;
      steps[k] = false;
      for (const [rule, step] of Object.entries(TABLE_RULE_STEP)) if (step === k && chosen.some((i) => i.rule === rule)) notFixed.push({ rule, reason });
    }
    result = best?.result ?? { ...NO_TABLE_CHANGES, patches: [], count: 0, refused: null };
  }
  const fixed = chosen.filter((i) => !TABLE_RULE_STEP[i.rule] || steps[TABLE_RULE_STEP[i.rule]!]);
  const { patches, count: _count, refused: _refused, ...table } = result;
  return { sheet: sheet.name, patches, renameSheet, fixed, notFixed, table };
}

/** Apply patches to a plain sheet (pure: returns a new sheet). Adapters do the same on their own models. */
export function applyPatchesToSheet(sheet: SheetInput, patches: readonly Patch[], renameSheet?: string | null): SheetInput {
  const rows = sheet.rows.map((r) => (r ? [...r] : undefined));
  for (const p of patches) {
    const { row, col } = parseAddress(p.cell);
    while (rows.length < row) rows.push(undefined);
    const line = rows[row - 1] ?? [];
    while (line.length <= col) line.push(undefined);
    line[col] = cellFromPatch(p);
    rows[row - 1] = line;
  }
  return { name: renameSheet ?? sheet.name, rows, merges: sheet.merges };
}
