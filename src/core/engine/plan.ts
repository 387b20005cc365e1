/**
 * Planning table fixes as cell patches (DOMAIN.md §5–§6): cell fixes applied, blank rows removed, records
 * sorted by the key (stable), 序号 renumbered, the terminator / signature row put right after the last
 * record, and footer rows moved down only where they would be overwritten. The plan is the difference
 * between the sheet and its fixed layout, so planning again on the fixed sheet yields nothing.
 *
 * Nothing is lost by a move (issue 14 item 3): a row moves whole — values, number formats, error values (#N/A stays
 * an error, never the text "#N/A") and formulas, whose relative rows follow it as Excel moves them. What a move would
 * change the meaning of is refused, with the reason: a formula that reads another row, a formula elsewhere that reads
 * a single cell that moves, a merged range the move would cut (item 4), a row pushed past Excel's last row (item 2).
 * Memory follows the cells: rows are the sheet's own arrays, never a grid of width × rows.
 */
import type { Cell, Patch, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import { address, parseAddress, parseRange, type RangeRef } from './a1';
import type { HeaderInfo } from './header-types';
import type { Layout } from './records';
import type { RecordKey } from './row';
import { templateOf } from '../templates/registry';
import { MAX_ROW, formulaRefs, isOwnSheet, shiftFormula } from './formula-refs';
import { indexInSorted } from './sorted';

export interface TableSteps {
  removeBlank: boolean;
  sort: boolean;
  renumber: boolean;
  marker: boolean;
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

export const NO_TABLE_CHANGES: TableChanges = { moves: [], removedBlank: [], renumbered: [], marker: null, footerShift: null };

export interface TablePlan extends TableChanges {
  /** Every cell the fix rewrites; empty when refused, or when there are more than `maxPatches` (see `count`). */
  patches: Patch[];
  /** How many patches the fix needs. */
  count: number;
  /** Why this fix cannot be carried out without losing or changing something (Chinese); null when it can. */
  refused: string | null;
}

export interface PlanOptions {
  /** Keep at most this many patches: a larger plan keeps none and only counts them (a report stays bounded). */
  maxPatches?: number;
}

type Line = ReadonlyArray<Cell | undefined>;
const EMPTY: Line = [];

/** A patch as the cell it leaves behind (what `applyPatchesToSheet` writes). */
export function cellFromPatch(p: Patch): Cell | undefined {
  const numberFormat = p.numberFormat === 'General' ? undefined : p.numberFormat;
  const value = p.value === '' ? null : p.value;
  let kind: Cell['kind'];
  if (value === null) kind = 'empty';
  else if (p.error === true) kind = 'error';
  else kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  if (kind === 'empty' && p.formula === undefined) return numberFormat === undefined ? undefined : { kind, value: null, numberFormat };
  const cell: Cell = { kind, value };
  if (numberFormat !== undefined) cell.numberFormat = numberFormat;
  if (p.formula !== undefined) cell.formula = p.formula;
  return cell;
}

/** The patch that makes a cell hold `c` (a formula keeps its text; an error value stays an error). */
function patchFor(addr: string, c: Cell | undefined, formula: string | undefined): Patch {
  if (c === undefined || (c.kind === 'empty' && formula === undefined)) {
    return { cell: addr, value: null, numberFormat: c?.numberFormat ?? 'General' };
  }
  const p: Patch = { cell: addr, value: c.kind === 'empty' ? null : c.value, numberFormat: c.numberFormat ?? 'General' };
  if (formula !== undefined) p.formula = formula;
  if (c.kind === 'error') p.error = true;
  return p;
}

function isBlank(c: Cell | undefined): boolean {
  return c === undefined || (c.kind === 'empty' && c.formula === undefined);
}

function sameValue(a: Cell['value'], b: Cell['value']): boolean {
  return a === b || (a === null && b === '') || (a === '' && b === null);
}

/** Whether `have` already is `want` (with `formula` as the formula it would get there). */
function same(have: Cell | undefined, want: Cell | undefined, formula: string | undefined): boolean {
  if (isBlank(want)) return isBlank(have);
  if (isBlank(have)) return false;
  return (
    sameValue(have!.value, want!.value) &&
    (have!.numberFormat ?? 'General') === (want!.numberFormat ?? 'General') &&
    have!.formula === formula &&
    (have!.kind === 'error') === (want!.kind === 'error')
  );
}

export function markerText(profile: Profile, header: HeaderInfo): string {
  return templateOf(header.template).table.marker?.text(profile) ?? '';
}

/** Merged ranges by row, for "is this cell inside a merge" without a scan per cell (a merge may span 1M rows). */
class MergeIndex {
  private readonly byRow = new Map<number, RangeRef[]>();
  private readonly tall: RangeRef[] = [];

  constructor(merges: readonly string[]) {
    for (const m of merges) {
      const r = parseRange(m);
      if (r.bottom - r.top > 64) this.tall.push(r);
      else for (let row = r.top; row <= r.bottom; row++) this.byRow.set(row, [...(this.byRow.get(row) ?? []), r]);
    }
  }

  /** The merge holding the cell (row is 1-based, col 0-based), if any. */
  at(row: number, col: number): RangeRef | undefined {
    const hit = (r: RangeRef) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
    return this.byRow.get(row)?.find(hit) ?? this.tall.find(hit);
  }
}

function rangeText(r: RangeRef): string {
  return `${address(r.top, r.left)}:${address(r.bottom, r.right)}`;
}

interface Placed {
  line: Line;
  /** The row the line comes from (its formulas move by row − from); -1 for a line made up (a new marker row). */
  from: number;
}

/** A block line: a record (or a blank row kept) and the row it goes to. */
type BlockLine = Placed & { record: boolean; at: number; key: string };

/** What the planner reads of the sheet: its rows, with a record's cell fixes in a copy of its line. */
interface Source {
  sheet: SheetInput;
  /** The sheet row as it is. */
  line(r: number): Line;
  /** A record's row with its cell fixes applied. */
  recordLine(r: number): Line;
}

function sourceOf(sheet: SheetInput, cellFixes: ReadonlyMap<string, Patch>): Source {
  const line = (r: number): Line => sheet.rows[r - 1] ?? EMPTY;
  // The cell fixes, by row: a record's line is the sheet's own row, or a copy with its fixes in it.
  const fixesByRow = new Map<number, Patch[]>();
  for (const p of cellFixes.values()) {
    const r = parseAddress(p.cell).row;
    const list = fixesByRow.get(r);
    if (list) list.push(p);
    else fixesByRow.set(r, [p]);
  }
  const recordLine = (r: number): Line => {
    const fixes = fixesByRow.get(r);
    if (!fixes) return line(r);
    const copy = line(r).slice();
    for (const p of fixes) {
      const col = parseAddress(p.cell).col;
      while (copy.length <= col) copy.push(undefined);
      copy[col] = cellFromPatch(p);
    }
    return copy;
  };
  return { sheet, line, recordLine };
}

export function planTable(
  sheet: SheetInput,
  profile: Profile,
  header: HeaderInfo,
  layout: Layout,
  rows: readonly RecordKey[],
  cellFixes: ReadonlyMap<string, Patch>,
  steps: TableSteps,
  opts: PlanOptions = {},
): TablePlan {
  const start = header.headerRow + 1;
  const end = Math.max(layout.lastRow, start - 1);
  const src = sourceOf(sheet, cellFixes);
  const { block, afterRecords, compact } = recordBlock(src, layout, rows, steps, start);
  const seqCol = header.fields.get('seq');
  const renumbered = (steps.renumber || compact) && seqCol !== undefined ? renumber(block, seqCol) : [];
  const placed: [number, Placed][] = [];
  const moved: RowMove[] = [];
  for (const b of block) {
    placed.push([b.at, b]);
    if (b.record && b.from !== b.at) moved.push({ from: b.from, to: b.at, key: b.key });
  }
  const removedBlank = compact ? [...layout.blankRows] : [];
  const { marker, footerShift } = placeMarkerAndFooters(src, profile, header, layout, rows, steps, { start, afterRecords, compact, placed });
  let lastRow = end;
  for (const [row] of placed) if (row > lastRow) lastRow = row;
  const diff = diffRows(src, placed, start, lastRow, opts);
  if (typeof diff === 'string') return { ...NO_TABLE_CHANGES, patches: [], count: 0, refused: diff };
  return { patches: diff.patches, count: diff.count, refused: null, moves: moved, removedBlank, renumbered, marker, footerShift };
}

/**
 * The record block: rows from the first record; blank rows kept in place unless removed. Each line knows the row it
 * goes to; a row with no cell at all is not a line (a million empty rows cost nothing).
 */
function recordBlock(src: Source, layout: Layout, rows: readonly RecordKey[], steps: TableSteps, start: number) {
  let records = rows.map((rec) => ({ rec, line: src.recordLine(rec.row) }));
  const block: BlockLine[] = [];
  // Records found after the end marker join the block: the marker then follows them.
  const compact = steps.removeBlank || steps.sort || (steps.marker && layout.recordsAfterEnd.length > 0);
  let afterRecords: number;
  if (compact) {
    if (steps.sort) records = stableSortBy(records, (x) => x.rec.key);
    records.forEach((x, i) => block.push({ line: x.line, from: x.rec.row, record: true, at: start + i, key: x.rec.key }));
    afterRecords = start + records.length;
  } else {
    const byRow = new Map(records.map((x) => [x.rec.row, x.line]));
    const lastRec = rows.length ? rows[rows.length - 1]!.row : start - 1;
    for (const b of layout.blankRows) {
      // A "blank" row may still hold spaces or invisible characters: it stays as it is.
      if (src.line(b).length > 0) block.push({ line: src.line(b), from: b, record: false, at: b, key: '' });
    }
    for (const x of records) block.push({ line: byRow.get(x.rec.row)!, from: x.rec.row, record: true, at: x.rec.row, key: x.rec.key });
    block.sort((a, b) => a.at - b.at);
    afterRecords = lastRec + 1;
  }
  return { block, afterRecords, compact };
}

/** 序号 1..n down the block's records; returns the cells renumbered. */
function renumber(block: BlockLine[], seqCol: number): string[] {
  const renumbered: string[] = [];
  let n = 0;
  for (const b of block) {
    if (!b.record) continue;
    n++;
    const cur = b.line[seqCol];
    if (cur?.kind === 'number' && cur.value === n) continue;
    const copy = b.line.slice();
    while (copy.length <= seqCol) copy.push(undefined);
    // A 序号 formula (=ROW()-2) stays a formula; its result is the new number.
    const numberFormat = cur?.numberFormat === '@' ? undefined : cur?.numberFormat;
    const cell: Cell = { kind: 'number', value: n };
    if (numberFormat !== undefined) cell.numberFormat = numberFormat;
    // (A formula whose text is unknown — formula '' — cannot be written back: the number replaces it, as before.)
    if (cur?.formula) cell.formula = cur.formula;
    copy[seqCol] = cell;
    b.line = copy;
    renumbered.push(address(b.at, seqCol));
  }
  return renumbered;
}

/** Where the block ends, whether it closed up, and the rows placed so far (the block's). */
interface Placing {
  start: number;
  afterRecords: number;
  compact: boolean;
  placed: [number, Placed][];
}

/** The end marker right below the records (when asked, or when it was and they close up); footers pushed down as needed. */
function placeMarkerAndFooters(
  src: Source,
  profile: Profile,
  header: HeaderInfo,
  layout: Layout,
  rows: readonly RecordKey[],
  steps: TableSteps,
  at: Placing,
): Pick<TableChanges, 'marker' | 'footerShift'> {
  const { start, afterRecords, placed } = at;
  const line = src.line;
  // Rows the old record area occupied and the block no longer does become blank (rows moved up).
  // (The blank rows are looked up in their sorted list, not copied into a set: a stray value in row 1,048,576
  // leaves a million of them.)
  const recordRows = new Set<number>(rows.map((x) => x.row));
  const oldRecordRow = (r: number): boolean => recordRows.has(r) || inSorted(layout.blankRows, r);
  const footerRows = layout.footerRows.filter((x) => !oldRecordRow(x));
  let markerRow: number | null = layout.marker;
  const taken = new Set<number>();
  for (const [row] of placed) taken.add(row);
  // A marker right below the last record stays right below it when the records close up.
  const lastRecordRow = rows.length ? rows[rows.length - 1]!.row : start - 1;
  const adjacent = layout.marker !== null && layout.marker === lastRecordRow + 1 && layout.recordsAfterEnd.length === 0;
  let marker: TableChanges['marker'] = null;
  if (steps.marker || (at.compact && adjacent)) {
    const m: Placed =
      layout.marker !== null
        ? { line: line(layout.marker), from: layout.marker }
        : { line: markerLine(layout.firstCol, markerText(profile, header)), from: -1 };
    placed.push([afterRecords, m]);
    taken.add(afterRecords);
    markerRow = afterRecords;
    if (layout.marker !== afterRecords) marker = { to: afterRecords, from: layout.marker, text: leadText(m.line) };
  } else if (layout.marker !== null && !oldRecordRow(layout.marker)) {
    if (!taken.has(layout.marker)) {
      placed.push([layout.marker, { line: line(layout.marker), from: layout.marker }]);
      taken.add(layout.marker);
    }
  }
  // Footers keep their place unless the block or the marker now reaches them: then all move down together.
  const occupiedTo = Math.max(afterRecords - 1, markerRow ?? 0);
  const firstFooter = footerRows.length ? footerRows.reduce((a, b) => Math.min(a, b)) : null;
  const shift = firstFooter !== null && firstFooter <= occupiedTo ? occupiedTo + 1 - firstFooter : 0;
  for (const f of footerRows) placed.push([f + shift, { line: line(f), from: f }]);
  const footerShift = shift > 0 ? { rows: [...footerRows].sort((a, b) => a - b), by: shift } : null;
  return { marker, footerShift };
}

/**
 * The patches that turn rows start..lastRow into what is placed there, or why they cannot be made (a moved formula
 * that would change meaning, a merge cut, a row past Excel's last, an anchored object or pinned formula moved).
 */
function diffRows(src: Source, placed: readonly [number, Placed][], start: number, lastRow: number, opts: PlanOptions): { patches: Patch[]; count: number } | string {
  const { sheet, line } = src;
  const want: (Placed | undefined)[] = new Array(lastRow - start + 1);
  for (const [row, p] of placed) want[row - start] = p;
  /** Whether what row `row` holds changes place (a row that is blank and stays blank does not move). */
  const moves = (row: number): boolean => {
    if (row < start || row > lastRow) return false;
    const p = want[row - start];
    return p === undefined ? !line(row).every(isBlank) : p.from !== row;
  };
  const merges = sheet.merges.length ? new MergeIndex(sheet.merges) : null;
  const patches: Patch[] = [];
  let count = 0;
  let kept = true;
  for (let row = start; row <= lastRow; row++) {
    const have = line(row);
    const p = want[row - start];
    const to = p?.line ?? EMPTY;
    const from = p?.from ?? -1;
    const width = Math.max(have.length, to.length);
    for (let col = 0; col < width; col++) {
      const w = to[col];
      const moved = w?.formula !== undefined && from !== row && from > 0;
      const formula = moved ? (shiftFormula(w!.formula!, row - from, sheet.name) ?? undefined) : w?.formula;
      if (same(have[col], w, formula)) continue;
      const why = cellProblem(src, { row, col, from, formula: moved ? w!.formula! : null }, merges, moves);
      if (why) return why;
      count++;
      if (kept && opts.maxPatches !== undefined && count > opts.maxPatches) {
        kept = false;
        patches.length = 0;
      }
      if (kept) patches.push(patchFor(address(row, col), w, formula));
    }
  }
  if (count > 0) {
    const why = anchorProblem(sheet, moves) ?? pinnedFormulaProblem(sheet, start, lastRow, moves);
    if (why) return why;
  }
  return { patches, count };
}

/** Why one cell's rewrite cannot be made (`formula`: the formula moved into it from row `from`), or null. */
function cellProblem(
  src: Source,
  c: { row: number; col: number; from: number; formula: string | null },
  merges: MergeIndex | null,
  moves: (row: number) => boolean,
): string | null {
  const { row, col, from } = c;
  if (c.formula !== null) {
    // An adapter that knows only where formulas are (Excel's task pane reads no formula text) cannot move one.
    if (c.formula === '') return `第${from}行 ${address(from, col)} 是公式，这里读不到它的内容，无法随行移动；请在 Excel 中排序，或先把公式“选择性粘贴为数值”`;
    const why = movedFormulaProblem(c.formula, from, row, col, src.sheet.name, moves);
    if (why) return why;
  }
  if (row > MAX_ROW) return `工作表已用到 Excel 的最后一行（第${MAX_ROW.toLocaleString('en-US')}行），移动后的行放不下`;
  const m = merges?.at(row, col);
  if (m && (m.top !== row || m.left !== col || from !== row)) {
    return `合并单元格 ${rangeText(m)} 会被移动或拆开，请先取消合并（或按学号手动排好）再修复`;
  }
  return null;
}

/**
 * Whether a table plan of this sheet could be refused (planTable's reasons): a formula anywhere on the sheet (moved,
 * or reading a row that moves), a merged range or an anchored comment / hyperlink / picture below the header, or rows
 * that could be pushed past Excel's last row. When none holds, a plan is sure to go through and may be made later.
 */
export function mayRefuse(sheet: SheetInput, header: HeaderInfo, layout: Layout): boolean {
  const start = header.headerRow + 1;
  // The furthest a footer can be pushed: below every record and the marker, keeping its distance to the first footer.
  if (2 * Math.max(layout.lastRow, start) + 2 - start > MAX_ROW) return true;
  for (const m of sheet.merges) if (parseRange(m).bottom >= start) return true;
  for (const a of sheet.anchors ?? []) if (parseRange(a).bottom >= start) return true;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (row[c]?.formula !== undefined) return true;
  }
  return false;
}

/** A line's text (its first non-empty cell), for the marker's description. */
function leadText(l: Line): string {
  const c = l.find((x) => x !== undefined && x.value !== null && x.value !== '');
  return c ? String(c.value) : '';
}

/**
 * Why a formula moving from row `from` to `to` would change its meaning: it reads another row through a relative
 * reference (it would read the row at the same distance from its new place), or a single cell through an absolute one
 * that itself moves. Reading its own row, other sheets, whole columns or absolute ranges is fine.
 */
function movedFormulaProblem(
  formula: string,
  from: number,
  to: number,
  col: number,
  sheetName: string,
  moves: (row: number) => boolean,
): string | null {
  const at = address(to, col);
  for (const ref of formulaRefs(formula)) {
    if (!isOwnSheet(ref, sheetName) || ref.top === null || ref.bottom === null) continue;
    const text = formula.slice(ref.start, ref.end);
    if ((!ref.topAbs && ref.top !== from) || (!ref.bottomAbs && ref.bottom !== from)) {
      return `第${from}行 ${address(from, col)} 的公式引用了其他行（${text}），移到第${to}行（${at}）后会指向别的记录；请先把公式“选择性粘贴为数值”再修复`;
    }
    if (ref.topAbs && ref.bottomAbs && ref.top === ref.bottom && moves(ref.top)) {
      return `第${from}行 ${address(from, col)} 的公式引用了 ${text}，该行也会移动，移动后会指向别的记录；请先把公式“选择性粘贴为数值”再修复`;
    }
  }
  if (shiftFormula(formula, to - from, sheetName) === null) {
    return `第${from}行 ${address(from, col)} 的公式移到第${to}行后会引用工作表以外的单元格`;
  }
  return null;
}

/** A comment, hyperlink or picture attached to a cell of a row that moves: it would stay behind, on another record. */
function anchorProblem(sheet: SheetInput, moves: (row: number) => boolean): string | null {
  for (const a of sheet.anchors ?? []) {
    const r = parseRange(a);
    for (let row = r.top; row <= r.bottom && row - r.top < 1000; row++) {
      if (moves(row)) return `${a} 有批注、超链接或图片，它们不会随行移动，修复后会挂在别的记录上；请先把它们移走（或手动调整行的顺序）再修复`;
    }
  }
  return null;
}

/** A formula that stays where it is but reads one cell (or one row) that moves: it would read another record. */
function pinnedFormulaProblem(sheet: SheetInput, start: number, lastRow: number, moves: (row: number) => boolean): string | null {
  for (let i = 0; i < sheet.rows.length; i++) {
    const row = i + 1;
    const cells = sheet.rows[i];
    if (!cells) continue;
    if (row >= start && row <= lastRow && moves(row)) continue;
    for (let col = 0; col < cells.length; col++) {
      const f = cells[col]?.formula;
      if (f === undefined) continue;
      for (const ref of formulaRefs(f)) {
        if (!isOwnSheet(ref, sheet.name) || ref.top === null || ref.top !== ref.bottom || !moves(ref.top)) continue;
        const text = f.slice(ref.start, ref.end);
        return `${address(row, col)} 的公式引用了 ${text}，修复会把别的记录移到那里；请先把公式改为引用整列（或“选择性粘贴为数值”）再修复`;
      }
    }
  }
  return null;
}

/** Whether the ascending list holds `n`. */
function inSorted(list: readonly number[], n: number): boolean {
  return indexInSorted(list, n) >= 0;
}

function markerLine(col: number, text: string): Line {
  const g: (Cell | undefined)[] = new Array(col + 1).fill(undefined);
  g[col] = { kind: 'string', value: text, numberFormat: '@' };
  return g;
}

function stableSortBy<T>(items: T[], key: (x: T) => string): T[] {
  return items
    .map((x, i) => ({ x, i, k: key(x) }))
    // Rows without a readable key keep their order after the others.
    .sort((a, b) => (a.k === b.k ? a.i - b.i : !a.k ? 1 : !b.k ? -1 : a.k < b.k ? -1 : 1))
    .map((e) => e.x);
}
