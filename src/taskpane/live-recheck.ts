/**
 * The live re-check's plain logic (issue 10), kept out of the hooks so that it runs the same over the Excel port
 * (tested on the recording fake) and the workbench: read only the rows the user changed (`port.readRows`), re-check
 * them against what the last check kept (core `recheckRows`), and tell the port which cells' marks changed, so that
 * it re-marks only there. No React, no DOM.
 */
import type { HighlightHint, Mark, WorkbookPort } from '../core/port';
import type { SheetInput } from '../core/types';
import type { Profile } from '../core/profile/schema';
import type { CheckOptions, SheetAnalysis } from '../core/engine/check';
import { recheckRows } from '../core/engine/recheck';
import { marksOf } from './model';

/** A check the live re-check can build on: the sheet as read, its analysis (with kept outcomes) and its marks. */
export interface CheckedBase {
  sheet: string;
  input: SheetInput;
  analysis: SheetAnalysis;
  marks: readonly Mark[];
}

export interface LiveOutcome extends CheckedBase {
  /** Cells whose mark appeared, went or changed severity. */
  changedCells: string[];
  /** False when the whole sheet had to be checked again (its header or record layout changed). */
  incremental: boolean;
  /** Records checked again. */
  rowsChecked: number;
}

/** Cells whose mark differs between two sets of marks (each set has one mark per cell, as `marksOf` makes them). */
export function changedMarks(before: readonly Mark[], after: readonly Mark[]): string[] {
  const old = new Map(before.map((m) => [m.cell, m.severity]));
  const out: string[] = [];
  for (const m of after) {
    if (old.get(m.cell) !== m.severity) out.push(m.cell);
    old.delete(m.cell);
  }
  for (const cell of old.keys()) out.push(cell);
  return out;
}

/** Read the changed rows and re-check them (no highlighting yet: see `markChanges`). */
export async function recheckChanged(
  port: WorkbookPort,
  base: CheckedBase,
  rows: readonly number[],
  profile: Profile,
  options: CheckOptions,
): Promise<LiveOutcome> {
  const read = await port.readRows(base.sheet, rows);
  const next = recheckRows({ input: base.input, analysis: base.analysis }, read, profile, options);
  const marks = marksOf(next.analysis.report.issues);
  return {
    sheet: read.sheet,
    input: next.input,
    analysis: next.analysis,
    marks,
    changedCells: changedMarks(base.marks, marks),
    incremental: next.incremental,
    rowsChecked: next.rowsChecked,
  };
}

/** Re-mark after a live re-check: nothing when no mark changed, else only where they changed (the port decides). */
export async function markChanges(port: WorkbookPort, base: CheckedBase, outcome: LiveOutcome): Promise<void> {
  if (outcome.sheet === base.sheet && outcome.changedCells.length === 0) return;
  const hint: HighlightHint | undefined = outcome.sheet === base.sheet ? { changedCells: outcome.changedCells } : undefined;
  await port.highlight(outcome.sheet, outcome.marks, hint);
}
