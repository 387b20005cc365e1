/**
 * One history for the user's edits (typed in the workbench grid) and the fixes the pane applied (issue 10): 撤销 /
 * Ctrl+Z puts back the snapshot of the newest change (values, number formats, fills and the sheet's name exactly:
 * the port's `restore`), 重做 / Ctrl+Y writes it again. Inside Excel only fixes enter it (Excel keeps the user's own
 * edits in its own undo stack). Plain TypeScript: the pane and the workbench grid share one instance and listen to it.
 */
import type { Snapshot, WorkbookPort } from '../core/port';
import type { Patch } from '../core/types';
import { parseAddress } from '../core/engine/a1';

export type HistoryKind = 'fix' | 'edit';

export interface HistoryEntry {
  kind: HistoryKind;
  /** The sheet written to, by the name it had before the change. */
  sheet: string;
  patches: readonly Patch[];
  /** The sheet's new name (a sheet.name fix), else null. */
  rename: string | null;
  /** What the cells (and the sheet's name) were before: 撤销 restores it. */
  snapshot: Snapshot;
}

export type HistoryAction = 'undo' | 'redo';

export type HistoryEvent =
  | { type: 'start'; action: HistoryAction; entry: HistoryEntry }
  /** `sheet`: the sheet's name after the step; `rows`: the rows it wrote. */
  | { type: 'done'; action: HistoryAction; entry: HistoryEntry; sheet: string; rows: number[] }
  | { type: 'failed'; action: HistoryAction; entry: HistoryEntry; error: unknown };

/** Steps kept (each holds the cells it wrote, not the sheet). */
export const HISTORY_LIMIT = 500;

/** Rows a change wrote, ascending. */
export function rowsOf(patches: readonly { cell: string }[]): number[] {
  return [...new Set(patches.map((p) => parseAddress(p.cell).row))].sort((a, b) => a - b);
}

/** How many changes an entry makes, as the preview counted them: its cells, and the sheet's new name. */
export function changeCount(entry: Pick<HistoryEntry, 'patches' | 'rename'>): number {
  return entry.patches.length + (entry.rename ? 1 : 0);
}

export class EditHistory {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];
  private saved: HistoryEntry | null = null;
  private running = false;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly events = new Set<(e: HistoryEvent) => void>();

  constructor(private readonly port: WorkbookPort) {}

  /** State changes (for useSyncExternalStore). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Undo / redo steps as they start, end or fail (the pane re-checks and reports). */
  listen(listener: (e: HistoryEvent) => void): () => void {
    this.events.add(listener);
    return () => this.events.delete(listener);
  }

  get changeCounter(): number {
    return this.version;
  }

  get busy(): boolean {
    return this.running;
  }

  get nextUndo(): HistoryEntry | null {
    return this.done[this.done.length - 1] ?? null;
  }

  get nextRedo(): HistoryEntry | null {
    return this.undone[this.undone.length - 1] ?? null;
  }

  /** A fix is applied and not undone: the workbook is a fixed one. */
  get fixesApplied(): boolean {
    return this.done.some((e) => e.kind === 'fix');
  }

  /** Anything applied and not undone. */
  get changed(): boolean {
    return this.done.length > 0;
  }

  /** Changes since the workbook was last saved (downloaded), or since it was opened. */
  get unsaved(): boolean {
    return this.nextUndo !== this.saved;
  }

  /** The workbook as it is now was saved. */
  markSaved(): void {
    this.saved = this.nextUndo;
    this.bump();
  }

  /** A change just written (a fix applied, an edit typed): it can be undone; what was undone cannot be redone. */
  push(entry: HistoryEntry): void {
    this.done.push(entry);
    if (this.done.length > HISTORY_LIMIT) this.done.shift();
    this.undone = [];
    this.bump();
  }

  /** Undo the newest change; false when there is none or a step is under way. */
  undo(): Promise<boolean> {
    return this.step('undo');
  }

  redo(): Promise<boolean> {
    return this.step('redo');
  }

  private async step(action: HistoryAction): Promise<boolean> {
    const from = action === 'undo' ? this.done : this.undone;
    const entry = from[from.length - 1];
    if (!entry || this.running) return false;
    this.running = true;
    this.bump();
    this.emit({ type: 'start', action, entry });
    let after = entry;
    try {
      if (action === 'undo') await this.port.restore(entry.snapshot);
      else after = { ...entry, snapshot: await this.port.applyPatches(entry.sheet, entry.patches, entry.rename) };
    } catch (error) {
      // Nothing moves: the step can be tried again.
      this.running = false;
      this.bump();
      this.emit({ type: 'failed', action, entry, error });
      return false;
    }
    from.pop();
    (action === 'undo' ? this.undone : this.done).push(after);
    if (this.saved === entry) this.saved = after;
    this.running = false;
    this.bump();
    const sheet = action === 'undo' ? entry.sheet : (entry.rename ?? entry.sheet);
    this.emit({ type: 'done', action, entry: after, sheet, rows: rowsOf(entry.patches) });
    return true;
  }

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private emit(e: HistoryEvent): void {
    for (const l of this.events) l(e);
  }
}
