/**
 * The one port the task pane talks to (ARCHITECTURE.md "One port, two adapters"): `src/excel` implements it
 * with Office.js inside Excel; `src/files` implements it over an in-memory ExcelJS workbook for the browser
 * workbench. Pure types only.
 */
import type { Patch, Severity, SheetInput } from './types';

export interface SheetSummary {
  name: string;
  active: boolean;
}

/** A flagged cell to highlight: errors and warnings get two colours. */
export interface Mark {
  cell: string;
  severity: Severity;
}

/** What a cell held before the add-in wrote it: restored exactly by 撤销. */
export interface CellState {
  cell: string;
  value: string | number | boolean | null;
  numberFormat: string;
}

export interface Snapshot {
  sheet: string;
  cells: CellState[];
  /** The sheet's name before a sheet.name fix renamed it. */
  renamedFrom?: string;
}

export interface ReadProgress {
  rowsRead: number;
  totalRows: number;
}

export interface WorkbookPort {
  /** 'excel' inside Excel, 'workbench' over a file in the browser. */
  readonly kind: 'excel' | 'workbench';
  listSheets(): Promise<SheetSummary[]>;
  /** The used range as plain data: values, number formats, value types, merges. */
  readSheet(sheet: string, onProgress?: (p: ReadProgress) => void): Promise<SheetInput>;
  /** Replace the add-in's own highlights on this sheet with these (never touching the user's formats). */
  highlight(sheet: string, marks: readonly Mark[]): Promise<void>;
  /** Remove only the add-in's own highlights. */
  clearHighlights(sheet: string): Promise<void>;
  /** Select (and scroll to) a cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Snapshot the cells the patches touch, then write them (codes as text: '@' first). */
  applyPatches(sheet: string, patches: readonly Patch[], renameSheet?: string | null): Promise<Snapshot>;
  /** Put back exactly what a snapshot holds. */
  restore(snapshot: Snapshot): Promise<void>;
  /** Open an exported workbook (Excel.createWorkbook) or fall back to a download. */
  openWorkbook(fileName: string, data: Uint8Array): Promise<'opened' | 'downloaded'>;
  /** Rows changed by the user (debounced by the caller); returns an unsubscribe function. */
  onRowsChanged?(sheet: string, handler: (rows: number[]) => void): Promise<() => Promise<void>>;
}
