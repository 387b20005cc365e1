/**
 * Planning table fixes as cell patches (DOMAIN.md §5–§6): cell fixes applied, blank rows removed, records
 * sorted by the key (stable), 序号 renumbered, the terminator / signature row put right after the last
 * record, and footer rows moved down only where they would be overwritten. The plan is the difference
 * between the sheet and its fixed layout, so planning again on the fixed sheet yields nothing.
 */
import type { Cell, Patch, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import { address } from './a1';
import type { HeaderInfo } from './header';
import type { Layout } from './records';
import type { RecordKey } from './check';

export interface TableSteps {
  removeBlank: boolean;
  sort: boolean;
  renumber: boolean;
  marker: boolean;
}

type Value = string | number | boolean | null;
interface Slot {
  value: Value;
  numberFormat: string;
}
type GridRow = Slot[];

function slotOf(c: Cell | undefined): Slot {
  if (!c || c.kind === 'empty') return { value: null, numberFormat: c?.numberFormat ?? 'General' };
  return { value: c.value, numberFormat: c.numberFormat ?? 'General' };
}

function readRow(sheet: SheetInput, r: number, width: number): GridRow {
  const row = sheet.rows[r - 1];
  const out: GridRow = [];
  for (let c = 0; c < width; c++) out.push(slotOf(row?.[c]));
  return out;
}

function blankRow(width: number): GridRow {
  return Array.from({ length: width }, () => ({ value: null, numberFormat: 'General' }));
}

export function markerText(profile: Profile, header: HeaderInfo): string {
  if (header.template === 'exemption') return profile.exemption.terminator;
  if (header.template === 'withdrawal') return profile.withdrawal.signature;
  return profile.correction.signature;
}

/** A row of the table that a table fix moves (a record, the end marker or a footer line). */
export interface RowMove {
  from: number;
  to: number;
  /** The record's key (学号 / 注册证号), '' when unreadable. */
  key: string;
}

/**
 * What a table fix does, row by row, for people (issue 9: a sort is rows moving, not values rewritten): the records
 * that move and where to, the blank rows removed, the 序号 cells renumbered, where the end marker goes (from where,
 * or written new), and how far the footer block moves down.
 */
export interface TableChanges {
  moves: RowMove[];
  removedBlank: number[];
  renumbered: string[];
  marker: { to: number; from: number | null; text: string } | null;
  footerShift: { rows: number[]; by: number } | null;
}

export interface TablePlan extends TableChanges {
  patches: Patch[];
}

export function planTable(
  sheet: SheetInput,
  profile: Profile,
  header: HeaderInfo,
  layout: Layout,
  rows: readonly RecordKey[],
  cellFixes: ReadonlyMap<string, Patch>,
  steps: TableSteps,
): TablePlan {
  const width = Math.max(layout.width, layout.firstCol + 1);
  const start = header.headerRow + 1;
  const end = Math.max(layout.lastRow, start - 1);
  const original = new Map<number, GridRow>();
  for (let r = start; r <= end; r++) original.set(r, readRow(sheet, r, width));
  const get = (r: number): GridRow => original.get(r) ?? blankRow(width);

  // Records in their current order, with cell fixes applied.
  let records = rows.map((rec) => {
    const g = get(rec.row).map((s, c) => {
      const p = cellFixes.get(address(rec.row, c));
      return p ? { value: p.value, numberFormat: p.numberFormat } : s;
    });
    return { rec, grid: g };
  });
  const seqCol = header.fields.get('seq');

  // The record block: rows from the first record; blank rows kept in place unless removed.
  type Line = { grid: GridRow; record: boolean; from: number; key: string };
  let block: Line[] = [];
  // Records found after the end marker join the block: the marker then follows them.
  const compact = steps.removeBlank || steps.sort || (steps.marker && layout.recordsAfterEnd.length > 0);
  if (compact) {
    if (steps.sort) records = stableSortBy(records, (x) => x.rec.key);
    block = records.map((x) => ({ grid: x.grid, record: true, from: x.rec.row, key: x.rec.key }));
  } else {
    const byRow = new Map(records.map((x) => [x.rec.row, x.grid]));
    const keys = new Map(records.map((x) => [x.rec.row, x.rec.key]));
    const first = rows.length ? rows[0]!.row : start;
    const lastRec = rows.length ? rows[rows.length - 1]!.row : start - 1;
    for (let r = first; r <= lastRec; r++) {
      const g = byRow.get(r);
      block.push(g ? { grid: g, record: true, from: r, key: keys.get(r)! } : { grid: get(r), record: false, from: r, key: '' });
    }
  }
  const firstRecordRow = compact || !rows.length ? start : rows[0]!.row;
  const renumbered: string[] = [];
  if ((steps.renumber || compact) && seqCol !== undefined) {
    let n = 0;
    block.forEach((line, i) => {
      if (!line.record) return;
      n++;
      const cur = line.grid[seqCol]!;
      if (cur.value === n) return;
      line.grid = line.grid.map((s, c) => (c === seqCol ? { value: n, numberFormat: numberFormatForSeq(s) } : s));
      renumbered.push(address(firstRecordRow + i, seqCol));
    });
  }

  const desired = new Map<number, GridRow>();
  const moves: RowMove[] = [];
  let r = firstRecordRow;
  for (const line of block) {
    if (line.record && line.from !== r) moves.push({ from: line.from, to: r, key: line.key });
    desired.set(r++, line.grid);
  }
  const afterRecords = r;
  const removedBlank = compact ? [...layout.blankRows] : [];

  // Rows the old record area occupied and the block no longer does become blank (rows moved up).
  const oldRecordRows = new Set<number>([...rows.map((x) => x.row), ...layout.blankRows]);
  const footerRows = layout.footerRows.filter((x) => !oldRecordRows.has(x));
  let markerRow: number | null = layout.marker;
  // A marker right below the last record stays right below it when the records close up.
  const lastRecordRow = rows.length ? rows[rows.length - 1]!.row : start - 1;
  const adjacent = layout.marker !== null && layout.marker === lastRecordRow + 1 && layout.recordsAfterEnd.length === 0;
  let marker: TableChanges['marker'] = null;
  if (steps.marker || (compact && adjacent)) {
    const markerGrid = layout.marker !== null ? get(layout.marker) : markerLine(width, layout.firstCol, markerText(profile, header));
    desired.set(afterRecords, markerGrid);
    markerRow = afterRecords;
    if (layout.marker !== afterRecords) marker = { to: afterRecords, from: layout.marker, text: cellTextOf(markerGrid) };
  } else if (layout.marker !== null && !oldRecordRows.has(layout.marker)) {
    if (!desired.has(layout.marker)) desired.set(layout.marker, get(layout.marker));
  }
  // Footers keep their place unless the block or the marker now reaches them: then all move down together.
  const occupiedTo = Math.max(afterRecords - 1, markerRow ?? 0);
  const firstFooter = footerRows.length ? footerRows.reduce((a, b) => Math.min(a, b)) : null;
  const shift = firstFooter !== null && firstFooter <= occupiedTo ? occupiedTo + 1 - firstFooter : 0;
  for (const f of footerRows) desired.set(f + shift, get(f));
  const footerShift = shift > 0 ? { rows: [...footerRows].sort((a, b) => a - b), by: shift } : null;

  let lastRow = end;
  for (const k of desired.keys()) if (k > lastRow) lastRow = k;
  const patches: Patch[] = [];
  for (let row = start; row <= lastRow; row++) {
    const have = get(row);
    const want = desired.get(row) ?? blankRow(width);
    for (let c = 0; c < width; c++) {
      const a = have[c]!;
      const b = want[c]!;
      if (sameValue(a.value, b.value) && (b.value === null || a.numberFormat === b.numberFormat)) continue;
      patches.push({ cell: address(row, c), value: b.value, numberFormat: b.numberFormat });
    }
  }
  return { patches, moves, removedBlank, renumbered, marker, footerShift };
}

/** The marker row's text (its first non-empty cell). */
function cellTextOf(g: GridRow): string {
  const s = g.find((x) => x.value !== null && x.value !== '');
  return s ? String(s.value) : '';
}

function numberFormatForSeq(s: Slot): string {
  return s.numberFormat === '@' ? 'General' : s.numberFormat;
}

function markerLine(width: number, col: number, text: string): GridRow {
  const g = blankRow(width);
  g[col] = { value: text, numberFormat: '@' };
  return g;
}

function sameValue(a: Value, b: Value): boolean {
  return a === b || (a === null && b === '') || (a === '' && b === null);
}

function stableSortBy<T>(items: T[], key: (x: T) => string): T[] {
  return items
    .map((x, i) => ({ x, i, k: key(x) }))
    // Rows without a readable key keep their order after the others.
    .sort((a, b) => (a.k === b.k ? a.i - b.i : !a.k ? 1 : !b.k ? -1 : a.k < b.k ? -1 : 1))
    .map((e) => e.x);
}
