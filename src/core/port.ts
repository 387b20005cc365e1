/**
 * The one port the task pane talks to (ARCHITECTURE.md "One port, two adapters"): `src/excel` implements it
 * with Office.js inside Excel; `src/files` implements it over an in-memory ExcelJS workbook for the browser
 * workbench. Pure types only.
 */
import type { Cell, Patch, Severity, SheetInput } from './types';

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

/** Rows read again after they changed (`readRows`): the live re-check reads only these. */
export interface RowsRead {
  /** The sheet's name now. */
  sheet: string;
  /** Each row asked for, in ascending order: its cells (index = column; undefined when the row is empty). */
  rows: ReadonlyArray<{ row: number; cells: ReadonlyArray<Cell | undefined> | undefined }>;
  /** The sheet's last used row now (1-based; 0 when the sheet is empty): rows below it are gone. */
  lastRow: number;
}

/** What changed in the marks, so that an adapter can re-mark only there (`highlight`'s hint). */
export interface HighlightHint {
  /** Cells whose mark appeared, went or changed severity since the marks the adapter was last given. */
  changedCells: readonly string[];
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
  /**
   * Only these rows, as `readSheet` would read them, plus the sheet's last used row: the live re-check after an
   * edit reads what changed, not the whole sheet.
   */
  readRows(sheet: string, rows: readonly number[]): Promise<RowsRead>;
  /**
   * Replace the add-in's own highlights on this sheet with these (never touching the user's formats). With a hint
   * (the previous marks were this port's, on this sheet), an adapter may re-mark only where the marks changed.
   */
  highlight(sheet: string, marks: readonly Mark[], hint?: HighlightHint): Promise<void>;
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
