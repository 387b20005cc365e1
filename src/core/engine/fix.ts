/**
 * Fixing: from a check's analysis to the patches that cure every fixable issue (or only the chosen ones).
 * Computing patches is separate from applying them; the plan is a difference with the fixed layout, so
 * fixing a fixed sheet changes nothing.
 */
import type { Issue, Patch, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import type { SheetAnalysis } from './check';
import { planTable, type TableChanges, type TableSteps } from './plan';
import { parseAddress } from './a1';

export interface FixPlan {
  sheet: string;
  patches: Patch[];
  renameSheet: string | null;
  /** The issues this plan cures. */
  fixed: Issue[];
  /** The table fixes row by row (rows moved, blank rows removed, 序号 renumbered, end marker, footer shift). */
  table: TableChanges;
}

const NO_TABLE_CHANGES: TableChanges = { moves: [], removedBlank: [], renumbered: [], marker: null, footerShift: null };

const TABLE_RULE_STEP: Readonly<Record<string, keyof TableSteps>> = {
  'row.blank': 'removeBlank',
  'table.unsorted': 'sort',
  'table.sequence': 'renumber',
  'table.terminator': 'marker',
  'table.signature-row': 'marker',
};

/**
 * Plan the fixes of one analysed sheet. `accept` picks the issues to fix (default: all fixable ones): the
 * task pane's preview lets the user untick some.
 */
export function planFixes(
  sheet: SheetInput,
  profile: Profile,
  analysis: SheetAnalysis,
  accept: (issue: Issue) => boolean = () => true,
): FixPlan {
  const chosen = analysis.report.issues.filter((i) => i.fix && accept(i));
  const empty: FixPlan = { sheet: sheet.name, patches: [], renameSheet: null, fixed: [], table: NO_TABLE_CHANGES };
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
  const { patches, ...table } = planTable(sheet, profile, analysis.header, analysis.layout, analysis.rows, cellFixes, steps);
  return { sheet: sheet.name, patches, renameSheet, fixed: chosen, table };
}

/** Apply patches to a plain sheet (pure: returns a new sheet). Adapters do the same on their own models. */
export function applyPatchesToSheet(sheet: SheetInput, patches: readonly Patch[], renameSheet?: string | null): SheetInput {
  const rows = sheet.rows.map((r) => (r ? [...r] : undefined));
  for (const p of patches) {
    const { row, col } = parseAddress(p.cell);
    while (rows.length < row) rows.push(undefined);
    const line = rows[row - 1] ?? [];
    while (line.length <= col) line.push(undefined);
    const nf = p.numberFormat === 'General' ? undefined : p.numberFormat;
    if (p.value === null || p.value === '') line[col] = nf ? { kind: 'empty', value: null, numberFormat: nf } : undefined;
    else {
      const kind = typeof p.value === 'number' ? 'number' : typeof p.value === 'boolean' ? 'boolean' : 'string';
      line[col] = nf ? { kind, value: p.value, numberFormat: nf } : { kind, value: p.value };
    }
    rows[row - 1] = line;
  }
  return { name: renameSheet ?? sheet.name, rows, merges: sheet.merges };
}
