/**
 * The live re-check (ARCHITECTURE.md, Office.js rule 6; issue 10): after the user changed a few rows, check only
 * those rows again and re-derive the rules across rows — duplicates, 双改, each student's corrected record agreeing
 * with itself, mixed 分部, 序号, order, blank rows and the end row — from what the last check kept of every other
 * record (its key and a few facts, `RowOutcome`).
 *
 * The result is the analysis a full check of the changed sheet gives, issue for issue (a property test holds it to
 * that): rows are reused only while the header and the record layout provably stay the same, otherwise the check
 * starts over. Pure.
 */
import type { SheetInput } from '../types';
import type { RowsRead } from '../port';
import type { Profile } from '../profile/schema';
import { analyseSheet, analyseWithHeader, studentOf, type AnalyseHooks, type CheckOptions, type RowOutcome, type SheetAnalysis } from './check';
import { detectHeader, HEADER_SCAN_ROWS, type HeaderInfo } from './header';
import { locateRecords, type Layout } from './records';
import { indexInSorted } from './sorted';

export interface CheckedSheet {
  input: SheetInput;
  analysis: SheetAnalysis;
}

export interface Rechecked extends CheckedSheet {
  /** False when the check had to start over (the header or the record layout changed, or nothing was kept). */
  incremental: boolean;
  /** Records checked again (all of them when not incremental). */
  rowsChecked: number;
}

/**
 * The sheet with the rows just read put in place (rows below the sheet's new last row are gone). Its merges and its
 * anchored comments / hyperlinks / pictures stay where they were: an edit moves no row, and a table fix that would move
 * an anchored row is refused either way (plan.ts).
 */
export function patchSheet(sheet: SheetInput, read: RowsRead): SheetInput {
  const last = Math.max(0, read.lastRow);
  const rows = sheet.rows.slice(0, last);
  while (rows.length < last) rows.push(undefined);
  for (const { row, cells } of read.rows) {
    if (row < 1 || row > last) continue;
    rows[row - 1] = cells && cells.some((c) => c !== undefined) ? cells : undefined;
  }
  const out: SheetInput = { name: read.sheet, rows, merges: sheet.merges };
  if (sheet.anchors !== undefined) out.anchors = sheet.anchors;
  return out;
}

/** A first check that keeps what the next re-check needs. */
export function checkForRecheck(input: SheetInput, profile: Profile, options: CheckOptions): CheckedSheet {
  return { input, analysis: analyseSheet(input, profile, options, { keep: true }) };
}

/**
 * Re-check `prev` after the rows in `read` changed. Every other record's outcome is reused; the header is looked
 * for again only when a changed row lies where it could be (the first rows) or the sheet was renamed.
 */
export function recheckRows(prev: CheckedSheet, read: RowsRead, profile: Profile, options: CheckOptions): Rechecked {
  const input = patchSheet(prev.input, read);
  const changed = new Set(read.rows.map((r) => r.row));
  const before = prev.analysis;
  const full = (): Rechecked => {
    const analysis = analyseSheet(input, profile, options, { keep: true });
    return { input, analysis, incremental: false, rowsChecked: analysis.report.records };
  };
  if (!before.header || !before.layout || !before.outcomes) return full();
  // Most of the sheet changed (rows inserted near the top, a large paste): a full check is as cheap.
  if (changed.size > Math.max(1000, before.outcomes.length / 2)) return full();
  let header = before.header;
  if (input.name !== prev.input.name || [...changed].some((r) => r <= HEADER_SCAN_ROWS + 1)) {
    const again = detectHeader(input, options.template);
    if (!again || !sameHeader(again, header)) return full();
    header = again;
  }
  const outcomes = before.outcomes;
  const layout = sameLayout(prev.input, input, before.layout, header, profile, changed);
  let rowsChecked = 0;
  let reuse: (row: number, index: number) => RowOutcome | undefined;
  let cross: AnalyseHooks['cross'];
  if (layout && before.crossIssues && before.factIssues) {
    // Same records at the same positions: the outcome at the same index is the row's own, and only the students the
    // changed rows had (and have now) need their duplicates and their corrected record looked at again.
    reuse = (row, index) => (changed.has(row) ? undefined : outcomes[index]);
    const staleStudents = [...changed].map((r) => studentOf(outcomes[recordIndex(before.layout!, r)]!));
    cross = { issues: before.crossIssues, facts: before.factIssues, staleStudents };
  } else {
    const byRow = new Map(outcomes.map((o) => [o.row, o]));
    reuse = (row) => (changed.has(row) ? undefined : byRow.get(row));
  }
  const counted = (row: number, index: number): RowOutcome | undefined => {
    const o = reuse(row, index);
    if (!o) rowsChecked++;
    return o;
  };
  const analysis = analyseWithHeader(input, profile, options, header, { reuse: counted, layout: layout ?? undefined, cross, keep: true });
  return { input, analysis, incremental: true, rowsChecked };
}

/** The header is the same when it maps the same columns to the same fields in the same rows (titles aside). */
function sameHeader(a: HeaderInfo, b: HeaderInfo): boolean {
  const shape = (h: HeaderInfo) =>
    JSON.stringify([h.template, h.firstRow, h.headerRow, h.labels, [...h.fields], [...h.fieldColumns], h.wide]);
  return shape(a) === shape(b);
}

/**
 * The old layout, widened to the new rows, when every changed row was a record before the end row and still is
 * one (not blank, not an end or footer row): then no record came or went and the end row did not move. Null when
 * that cannot be shown cheaply (the caller then locates the records again).
 */
function sameLayout(
  prev: SheetInput,
  next: SheetInput,
  layout: Layout,
  header: HeaderInfo,
  profile: Profile,
  changed: ReadonlySet<number>,
): Layout | null {
  if (prev.rows.length !== next.rows.length) return null;
  let width = layout.width;
  for (const r of changed) {
    if (recordIndex(layout, r) < 0) return null;
    if (!standsAsRecord(next.rows[r - 1], header, profile)) return null;
    const oldLength = prev.rows[r - 1]?.length ?? 0;
    const newLength = next.rows[r - 1]?.length ?? 0;
    // The widest row got narrower: the width may shrink, which only a new scan can tell.
    if (oldLength >= layout.width && newLength < oldLength) return null;
    width = Math.max(width, newLength);
  }
  return width === layout.width ? layout : { ...layout, width };
}

/** The index of `row` among the records above the end row, or -1 (records are in ascending row order). */
function recordIndex(layout: Layout, row: number): number {
  if (layout.recordsAfterEnd.includes(row)) return -1;
  return indexInSorted(layout.records, row);
}

/**
 * Whether a row, standing right below the header, would be a record: asked of `locateRecords` itself on a sheet of
 * that one row, so that what counts as blank, an end row or a footer is decided in one place.
 */
function standsAsRecord(row: SheetInput['rows'][number], header: HeaderInfo, profile: Profile): boolean {
  const rows: SheetInput['rows'][number][] = new Array(header.headerRow).fill(undefined);
  rows.push(row);
  const probe = locateRecords({ name: '', rows, merges: [] }, header, profile);
  return probe.records.length === 1 && probe.recordsAfterEnd.length === 0;
}
