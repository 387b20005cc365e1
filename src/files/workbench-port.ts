/**
 * The browser workbench's `WorkbookPort` (ARCHITECTURE.md "one port, two adapters"): the same task pane runs over an
 * in-memory ExcelJS workbook opened from a file, for registrars without Excel (WPS) and for our browser tests.
 * Highlights and the selection live here (the grid renders them); writes snapshot first, so 撤销 puts back exactly
 * what was there — formulas, rich text and dates included, not only what the core saw.
 *
 * The workbench is also the registrar's editor: `edit` writes what the user typed and tells `onRowsChanged`
 * subscribers which rows changed, as Excel tells the pane (the add-in's own writes — fixes, 撤销, 重做 — are not
 * reported, as in Excel). Each sheet is read into a `SheetInput` once and kept current row by row, so the grid, the
 * check and the live re-check share one copy and an edit costs a row, not the sheet. Sheets are followed by
 * identity, not by name: a fix that renames a sheet keeps its highlights, subscriptions and place.
 * Browser-safe: no Node APIs.
 */
import type * as ExcelJS from 'exceljs';
import type { CellState, HighlightHint, Mark, RowsRead, SheetSummary, Snapshot, WorkbookPort } from '../core/port';
import type { Cell, Patch, SheetInput } from '../core/types';
import { parseAddress } from '../core/engine/a1';
import { patchSheet } from '../core/engine/recheck';
import { applyPatches, rowFromWorksheet, sheetFromWorksheet, workbookBytes } from './workbook';
import { XuejiPatchError } from './errors';

/** Where the workbench saves files: a browser download in the page, a recorder in tests. */
export type SaveFile = (fileName: string, data: Uint8Array) => void;

/** The selected cell, for the grid to focus and scroll to. */
export interface Selection {
  sheet: string;
  cell: string;
}

interface RawCell {
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
}

/** What a downloaded copy holds, which names it: fixes applied, only the user's edits, or the file as opened. */
export type CopyKind = 'fixed' | 'edited' | 'unchanged';

export class WorkbenchPort implements WorkbookPort {
  readonly kind = 'workbench' as const;
  private readonly marks = new Map<ExcelJS.Worksheet, readonly Mark[]>();
  private readonly listeners = new Set<() => void>();
  private readonly rowHandlers = new Map<(rows: number[]) => void, ExcelJS.Worksheet>();
  private readonly inputs = new Map<ExcelJS.Worksheet, SheetInput>();
  /** What the core's `CellState` cannot hold (formulas, rich text, styles), per snapshot, for an exact undo. */
  private readonly raw = new WeakMap<Snapshot, Map<string, RawCell>>();
  private selected: { sheet: ExcelJS.Worksheet; cell: string } | null = null;
  private selections = 0;
  private version = 0;
  private cellsVersion = 0;
  private active: ExcelJS.Worksheet | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly fileName: string,
    private readonly save: SaveFile,
  ) {}

  /** Changes to marks, selection, cells or sheet names: the grid re-renders. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Increases with every change (marks, selection, cells). */
  get changeCount(): number {
    return this.version;
  }

  /** Increases only when cells or sheet names change. */
  get cellsChangeCount(): number {
    return this.cellsVersion;
  }

  /** The sheet the user looks at (the pane checks the active sheet); follows renames. */
  get activeSheet(): string | null {
    return (this.active ?? this.defaultSheet())?.name ?? null;
  }

  setActiveSheet(name: string): void {
    this.active = this.sheet(name);
    this.changed();
  }

  get selection(): Selection | null {
    return this.selected ? { sheet: this.selected.sheet.name, cell: this.selected.cell } : null;
  }

  /** Grows with every `select` (the grid goes to the cell again even when it is the same one). */
  get selectionSerial(): number {
    return this.selections;
  }

  marksOf(sheet: string): readonly Mark[] {
    const ws = this.workbook.getWorksheet(sheet);
    return (ws && this.marks.get(ws)) ?? [];
  }

  /** The sheet as plain rows, read once and then kept current (the same object until the sheet changes). */
  sheetInput(sheet: string): SheetInput {
    const ws = this.sheet(sheet);
    let input = this.inputs.get(ws);
    if (!input || input.name !== ws.name) {
      input = input ? { ...input, name: ws.name } : sheetFromWorksheet(ws);
      this.inputs.set(ws, input);
    }
    return input;
  }

  private defaultSheet(): ExcelJS.Worksheet | undefined {
    const sheets = this.workbook.worksheets;
    const tab = (this.workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
    return sheets[tab] ?? sheets[0];
  }

  private changed(cells = false): void {
    this.version++;
    if (cells) this.cellsVersion++;
    for (const l of this.listeners) l();
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new XuejiPatchError('bad-address', `找不到工作表“${name}”`);
    return ws;
  }

  async listSheets(): Promise<SheetSummary[]> {
    const active = this.activeSheet;
    return this.workbook.worksheets.map((ws) => ({ name: ws.name, active: ws.name === active }));
  }

  async readSheet(sheet: string): Promise<SheetInput> {
    return this.sheetInput(sheet);
  }

  async readRows(sheet: string, rows: readonly number[]): Promise<RowsRead> {
    const input = this.sheetInput(sheet);
    const wanted = [...new Set(rows)].filter((r) => r >= 1).sort((a, b) => a - b);
    return { sheet: input.name, rows: wanted.map((row) => ({ row, cells: input.rows[row - 1] })), lastRow: input.rows.length };
  }

  async highlight(sheet: string, marks: readonly Mark[], _hint?: HighlightHint): Promise<void> {
    // Marks are kept in memory and drawn by the grid, which re-draws only the rows whose marks changed: the hint
    // has nothing to save here.
    this.marks.set(this.sheet(sheet), [...marks]);
    this.changed();
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.marks.delete(this.sheet(sheet));
    this.changed();
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selected = { sheet: this.sheet(sheet), cell };
    this.selections++;
    this.changed();
  }

  async applyPatches(sheet: string, patches: readonly Patch[], renameSheet?: string | null): Promise<Snapshot> {
    return this.write(sheet, patches, renameSheet ?? null);
  }

  /**
   * The user's own edit (typed, pasted or deleted in the grid): written like a fix (snapshot first, so it can be
   * undone exactly) and reported to `onRowsChanged`, which a fix is not.
   */
  edit(sheet: string, patches: readonly Patch[]): Snapshot {
    const ws = this.sheet(sheet);
    const snapshot = this.write(sheet, patches, null);
    const rows = [...new Set(patches.map((p) => parseAddress(p.cell).row))].sort((a, b) => a - b);
    for (const [handler, on] of this.rowHandlers) if (on === ws) handler(rows);
    return snapshot;
  }

  private write(sheet: string, patches: readonly Patch[], renameSheet: string | null): Snapshot {
    const ws = this.sheet(sheet);
    if (renameSheet && renameSheet !== sheet && this.workbook.getWorksheet(renameSheet)) {
      throw new XuejiPatchError('bad-address', `无法把工作表改名为“${renameSheet}”：已有同名的工作表`);
    }
    const cells: CellState[] = [];
    const raw = new Map<string, RawCell>();
    for (const p of patches) {
      if (raw.has(p.cell)) continue;
      const c = ws.getCell(p.cell);
      raw.set(p.cell, { value: c.value, style: { ...c.style } });
      cells.push({ cell: p.cell, value: primitive(c.value), numberFormat: c.numFmt ?? 'General' });
    }
    applyPatches(ws, patches);
    const snapshot: Snapshot = { sheet: renameSheet ?? sheet, cells };
    if (renameSheet && renameSheet !== sheet) {
      ws.name = renameSheet;
      snapshot.renamedFrom = sheet;
    }
    this.raw.set(snapshot, raw);
    this.refreshRows(ws, patches.map((p) => p.cell));
    this.changed(true);
    return snapshot;
  }

  async restore(snapshot: Snapshot): Promise<void> {
    const ws = this.sheet(snapshot.sheet);
    const raw = this.raw.get(snapshot);
    for (const s of snapshot.cells) {
      const c = ws.getCell(s.cell);
      const exact = raw?.get(s.cell);
      if (exact) {
        c.style = { ...exact.style };
        c.value = exact.value;
      } else {
        c.style = { ...c.style, numFmt: s.numberFormat };
        c.value = s.value;
      }
    }
    if (snapshot.renamedFrom) ws.name = snapshot.renamedFrom;
    this.refreshRows(ws, snapshot.cells.map((c) => c.cell));
    this.changed(true);
  }

  /** Read the written rows again from the workbook into the kept sheet (a new object: old checks keep theirs). */
  private refreshRows(ws: ExcelJS.Worksheet, cells: readonly string[]): void {
    const input = this.inputs.get(ws);
    if (!input) return;
    const touched = [...new Set(cells.map((c) => parseAddress(c).row))].sort((a, b) => a - b);
    const rows = touched.map((row) => ({ row, cells: rowFromWorksheet(ws, row) }));
    let last = input.rows.length;
    for (const r of rows) if (r.cells && r.row > last) last = r.row;
    const patched = patchSheet(input, { sheet: ws.name, rows, lastRow: last });
    const kept = patched.rows as Array<ReadonlyArray<Cell | undefined> | undefined>;
    while (kept.length > 0 && kept[kept.length - 1] === undefined) kept.pop();
    this.inputs.set(ws, patched);
  }

  async openWorkbook(fileName: string, data: Uint8Array): Promise<'opened' | 'downloaded'> {
    this.save(fileName, data);
    return 'downloaded';
  }

  async onRowsChanged(sheet: string, handler: (rows: number[]) => void): Promise<() => Promise<void>> {
    this.rowHandlers.set(handler, this.sheet(sheet));
    return async () => {
      this.rowHandlers.delete(handler);
    };
  }

  /**
   * The workbook as it is now (fixes and edits applied), as .xlsx bytes: the user's other sheets and styles intact,
   * data validations written as the ranges they are (ExcelJS alone writes B2:B100 as overlapping B10:B100 + B2:B100).
   */
  async toBytes(): Promise<Uint8Array> {
    return workbookBytes(this.workbook);
  }

  /** 下载: save a copy under a name that says what it holds and never equals the file the user opened. */
  async downloadCopy(kind: CopyKind): Promise<string> {
    const name = copyName(this.fileName, kind);
    this.save(name, await this.toBytes());
    return name;
  }
}

const COPY_SUFFIX: Record<CopyKind, string> = { fixed: '-已修复', edited: '-已修改', unchanged: '-副本' };

/** 名单.xlsx → 名单-已修复.xlsx (fixes applied), 名单-已修改.xlsx (edited by hand), 名单-副本.xlsx (as opened). */
export function copyName(fileName: string, kind: CopyKind = 'fixed'): string {
  const stem = fileName.replace(/\.xlsx$/i, '');
  return `${stem}${COPY_SUFFIX[kind]}.xlsx`;
}

/** A cell value as the port's plain value (formulas as their result, rich text as its text, dates as ISO text). */
function primitive(v: ExcelJS.CellValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return primitive((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return null;
}
