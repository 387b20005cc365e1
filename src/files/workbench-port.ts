/**
 * The browser workbench's `WorkbookPort` (ARCHITECTURE.md "one port, two adapters"): the same task pane runs over an
 * in-memory ExcelJS workbook opened from a file, for registrars without Excel (WPS) and for our browser tests.
 * Highlights and the selection live here (the grid renders them); writes snapshot first, so 撤销 puts back exactly
 * what was there — formulas, rich text and dates included, not only what the core saw. Browser-safe: no Node APIs.
 */
import type * as ExcelJS from 'exceljs';
import type { CellState, Mark, SheetSummary, Snapshot, WorkbookPort } from '../core/port';
import type { Patch, SheetInput } from '../core/types';
import { applyPatches, sheetFromWorksheet } from './workbook';
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

export class WorkbenchPort implements WorkbookPort {
  readonly kind = 'workbench' as const;
  private readonly marks = new Map<string, readonly Mark[]>();
  private readonly listeners = new Set<() => void>();
  /** What the core's `CellState` cannot hold (formulas, rich text, styles), per snapshot, for an exact undo. */
  private readonly raw = new WeakMap<Snapshot, Map<string, RawCell>>();
  private selected: Selection | null = null;
  private version = 0;
  private cellsVersion = 0;
  private active: string | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly fileName: string,
    private readonly save: SaveFile,
  ) {}

  /** Changes to marks, selection or cells: the grid re-renders. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Increases with every change (marks, selection, cells). */
  get changeCount(): number {
    return this.version;
  }

  /** Increases only when cells or sheet names change: the grid re-reads the sheet then, not on every click. */
  get cellsChangeCount(): number {
    return this.cellsVersion;
  }

  /** The sheet the user looks at (the pane checks the active sheet). */
  setActiveSheet(name: string): void {
    this.sheet(name);
    this.active = name;
    this.changed();
  }

  get selection(): Selection | null {
    return this.selected;
  }

  marksOf(sheet: string): readonly Mark[] {
    return this.marks.get(sheet) ?? [];
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
    const sheets = this.workbook.worksheets;
    const tab = (this.workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
    const active = this.active ?? sheets[tab]?.name ?? sheets[0]?.name;
    return sheets.map((ws) => ({ name: ws.name, active: ws.name === active }));
  }

  async readSheet(sheet: string): Promise<SheetInput> {
    return sheetFromWorksheet(this.sheet(sheet));
  }

  async highlight(sheet: string, marks: readonly Mark[]): Promise<void> {
    this.marks.set(sheet, [...marks]);
    this.changed();
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.marks.delete(sheet);
    this.changed();
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selected = { sheet, cell };
    this.changed();
  }

  async applyPatches(sheet: string, patches: readonly Patch[], renameSheet?: string | null): Promise<Snapshot> {
    const ws = this.sheet(sheet);
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
      if (this.active === sheet) this.active = renameSheet;
      const m = this.marks.get(sheet);
      if (m) {
        this.marks.delete(sheet);
        this.marks.set(renameSheet, m);
      }
    }
    this.raw.set(snapshot, raw);
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
    if (snapshot.renamedFrom) {
      ws.name = snapshot.renamedFrom;
      if (this.active === snapshot.sheet) this.active = snapshot.renamedFrom;
    }
    this.changed(true);
  }

  async openWorkbook(fileName: string, data: Uint8Array): Promise<'opened' | 'downloaded'> {
    this.save(fileName, data);
    return 'downloaded';
  }

  /** The workbook as it is now (fixes applied), as .xlsx bytes: the user's other sheets and styles intact. */
  async toBytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  /** 下载: save a copy of the fixed workbook under a name that never equals the file the user opened. */
  async downloadCopy(): Promise<string> {
    const name = copyName(this.fileName);
    this.save(name, await this.toBytes());
    return name;
  }
}

/** 名单.xlsx → 名单-已修复.xlsx */
export function copyName(fileName: string): string {
  const stem = fileName.replace(/\.xlsx$/i, '');
  return `${stem}-已修复.xlsx`;
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
