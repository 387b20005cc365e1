/**
 * An in-memory WorkbookPort for the task pane's tests: sheets are plain `SheetInput`s; every call is recorded
 * (method and arguments); any method can be made to fail once; change events are fired by hand. It is a class
 * that `implements WorkbookPort`, so a misspelled method is a type error and a runtime TypeError, never silently
 * absorbed.
 */
import type { HighlightHint, Mark, ReadProgress, RowsRead, SheetSummary, Snapshot, WorkbookPort } from '../../src/core/port';
import type { Cell, Patch, SheetInput } from '../../src/core/types';
import { applyPatchesToSheet } from '../../src/core/engine/fix';
import { parseAddress } from '../../src/core/engine/a1';

export type PortMethod = Exclude<keyof WorkbookPort, 'kind'>;

export interface PortCall {
  method: PortMethod;
  args: unknown[];
}

function clone(sheet: SheetInput): SheetInput {
  return { name: sheet.name, rows: sheet.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : undefined)) : undefined)), merges: [...sheet.merges] };
}

function cellState(sheet: SheetInput, a1: string): { value: Cell['value']; numberFormat: string } {
  const { row, col } = parseAddress(a1);
  const c = sheet.rows[row - 1]?.[col];
  return { value: c && c.kind !== 'empty' ? c.value : null, numberFormat: c?.numberFormat ?? 'General' };
}

export class FakePort implements WorkbookPort {
  readonly kind = 'workbench' as const;
  readonly calls: PortCall[] = [];
  /** The add-in's highlights per sheet (what `highlight` last set). */
  readonly marks = new Map<string, Mark[]>();
  readonly opened: { fileName: string; data: Uint8Array }[] = [];
  /** The handler `onRowsChanged` registered, per sheet. */
  readonly listeners = new Map<string, (rows: number[]) => void>();
  private readonly sheets: SheetInput[];
  private active: string;
  private failures = new Map<PortMethod, unknown>();
  /** Rows reported per progress step of readSheet (0: no progress). */
  progressStep = 0;
  /** When set, readSheet waits for this promise before answering (to observe the busy state). */
  gate: Promise<void> | null = null;
  openResult: 'opened' | 'downloaded' = 'opened';
  /**
   * Like Excel, report the add-in's own writes as changes too: once at once and once late (Excel delivers
   * onChanged after the batch), so that tests see the pane ignore them.
   */
  echoOwnWrites = true;

  constructor(sheets: SheetInput[], active?: string) {
    this.sheets = sheets.map(clone);
    this.active = active ?? sheets[0]?.name ?? '';
  }

  /** The next call of `method` rejects with `error`. */
  failNext(method: PortMethod, error: unknown): void {
    this.failures.set(method, error);
  }

  callsOf(method: PortMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  sheet(name: string): SheetInput {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw Object.assign(new Error(`sheet ${name} not found`), { code: 'ItemNotFound' });
    return s;
  }

  setActive(name: string): void {
    this.active = name;
  }

  /** The user edits cells: the sheet changes and the change handler (if any) is told which rows. */
  userEdit(sheetName: string, patches: Patch[]): void {
    const i = this.sheets.findIndex((x) => x.name === sheetName);
    this.sheets[i] = applyPatchesToSheet(this.sheets[i]!, patches);
    const rows = [...new Set(patches.map((p) => parseAddress(p.cell).row))];
    this.listeners.get(sheetName)?.(rows);
  }

  private echo(sheet: string, cells: readonly string[]): void {
    if (!this.echoOwnWrites || cells.length === 0) return;
    const rows = [...new Set(cells.map((c) => parseAddress(c).row))];
    this.listeners.get(sheet)?.(rows);
    setTimeout(() => this.listeners.get(sheet)?.(rows), 5);
  }

  private record(method: PortMethod, args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failures.has(method)) {
      const e = this.failures.get(method);
      this.failures.delete(method);
      throw e;
    }
  }

  async listSheets(): Promise<SheetSummary[]> {
    this.record('listSheets', []);
    return this.sheets.map((s) => ({ name: s.name, active: s.name === this.active }));
  }

  async readSheet(sheet: string, onProgress?: (p: ReadProgress) => void): Promise<SheetInput> {
    this.record('readSheet', [sheet]);
    if (this.gate) await this.gate;
    const s = this.sheet(sheet);
    const total = s.rows.length;
    if (onProgress && this.progressStep > 0) {
      for (let r = this.progressStep; r < total; r += this.progressStep) onProgress({ rowsRead: r, totalRows: total });
    }
    onProgress?.({ rowsRead: total, totalRows: total });
    return clone(s);
  }

  async readRows(sheet: string, rows: readonly number[]): Promise<RowsRead> {
    this.record('readRows', [sheet, [...rows]]);
    const s = this.sheet(sheet);
    const wanted = [...new Set(rows)].sort((a, b) => a - b);
    return {
      sheet: s.name,
      rows: wanted.map((row) => ({ row, cells: s.rows[row - 1] ? s.rows[row - 1]!.map((c) => (c ? { ...c } : undefined)) : undefined })),
      lastRow: s.rows.length,
    };
  }

  async highlight(sheet: string, marks: readonly Mark[], hint?: HighlightHint): Promise<void> {
    this.record('highlight', hint ? [sheet, marks, hint] : [sheet, marks]);
    this.marks.set(sheet, [...marks]);
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.record('clearHighlights', [sheet]);
    this.marks.delete(sheet);
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.record('select', [sheet, cell]);
    this.sheet(sheet);
    parseAddress(cell);
  }

  async applyPatches(sheet: string, patches: readonly Patch[], renameSheet?: string | null): Promise<Snapshot> {
    this.record('applyPatches', [sheet, patches, renameSheet ?? null]);
    const i = this.sheets.findIndex((x) => x.name === sheet);
    if (i < 0) throw Object.assign(new Error(`sheet ${sheet} not found`), { code: 'ItemNotFound' });
    const before = this.sheets[i]!;
    const snapshot: Snapshot = {
      sheet: renameSheet ?? sheet,
      cells: patches.map((p) => ({ cell: p.cell, ...cellState(before, p.cell) })),
      ...(renameSheet ? { renamedFrom: sheet } : {}),
    };
    this.sheets[i] = applyPatchesToSheet(before, patches, renameSheet ?? null);
    if (renameSheet && this.active === sheet) this.active = renameSheet;
    this.echo(renameSheet ?? sheet, patches.map((p) => p.cell));
    return snapshot;
  }

  async restore(snapshot: Snapshot): Promise<void> {
    this.record('restore', [snapshot]);
    const i = this.sheets.findIndex((x) => x.name === snapshot.sheet);
    if (i < 0) throw Object.assign(new Error(`sheet ${snapshot.sheet} not found`), { code: 'ItemNotFound' });
    const patches: Patch[] = snapshot.cells.map((c) => ({ cell: c.cell, value: c.value, numberFormat: c.numberFormat }));
    // Restore in reverse, so that a cell written twice ends with its first (original) state.
    this.sheets[i] = applyPatchesToSheet(this.sheets[i]!, [...patches].reverse(), snapshot.renamedFrom ?? null);
    if (snapshot.renamedFrom && this.active === snapshot.sheet) this.active = snapshot.renamedFrom;
    this.echo(snapshot.renamedFrom ?? snapshot.sheet, snapshot.cells.map((c) => c.cell));
  }

  async openWorkbook(fileName: string, data: Uint8Array): Promise<'opened' | 'downloaded'> {
    this.record('openWorkbook', [fileName, data]);
    this.opened.push({ fileName, data });
    return this.openResult;
  }

  async onRowsChanged(sheet: string, handler: (rows: number[]) => void): Promise<() => Promise<void>> {
    this.record('onRowsChanged', [sheet]);
    this.listeners.set(sheet, handler);
    return async () => {
      this.calls.push({ method: 'onRowsChanged', args: [sheet, 'unsubscribe'] });
      if (this.listeners.get(sheet) === handler) this.listeners.delete(sheet);
    };
  }
}

/** A port without live events (the browser workbench, or an Excel that cannot report them). */
export function withoutEvents(port: FakePort): FakePort {
  (port as { onRowsChanged?: unknown }).onRowsChanged = undefined;
  return port;
}
