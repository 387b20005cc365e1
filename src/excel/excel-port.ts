/**
 * `WorkbookPort` over Office.js: the task pane's only door into the open workbook.
 *
 * Every method: checks ExcelApi 1.9 (typed `unsupported-host` error otherwise), runs its batch through the
 * injectable `run` (default `Excel.run`) with `delayForCellEdit` (a request made while the user types in a cell
 * waits instead of failing), and turns anything thrown into an `ExcelAdapterError` with a Chinese message.
 *
 * `applyPatches` snapshots the cells first (a read-only run), then writes them in a second run; with ExcelApi 1.20
 * that run is `mergeUndoGroup: true`, so Excel's own Ctrl+Z undoes the whole fix in one step. If Excel refuses to
 * group (UndoNotSupported), the same writes are repeated without grouping — writing the same values twice is
 * harmless, and the snapshot was taken before either attempt, so 撤销 still restores the original cells.
 * (Between the snapshot run and the write run the user could type into a patched cell; the window is one round trip.)
 */
/// <reference types="office-js" />
import type { HighlightHint, Mark, ReadProgress, RowsRead, Snapshot, SheetSummary, WorkbookPort } from '../core/port';
import type { Patch, SheetInput } from '../core/types';
import {
  isInvalidArgumentError,
  isUndoNotSupportedError,
  toAdapterError,
  type AdapterOperation,
  type ExcelAdapterError,
} from './errors';
import { OwnWriteTracker, subscribeRowsChanged } from './events';
import {
  bandMemory,
  bandOf,
  clearHighlightRules,
  highlightCells,
  rehighlightBands,
  type BandMemory,
  type HighlightResult,
} from './highlight';
import { readRows, type ReadRowsStats } from './read-rows';
import { browserDownload, excelCreateWorkbook, openWorkbook, type CreateWorkbook, type DownloadFile } from './open-workbook';
import { parseCell, type RangeRef } from './a1';
import { cellsToRectangles, MAX_ADDRESS_CHARS } from './rectangles';
import { readSheet, type ReadStats } from './read-sheet';
import { assertSupported, detectCapabilities, type Capabilities, type IsSetSupported } from './requirements';
import { restoreSnapshot } from './restore';
import { excelRun, type BatchOptions, type ExcelRun } from './run';
import { listSheets, selectCell } from './sheets';
import {
  patchesToWrites,
  readCellStates,
  renameSheet,
  statesToWrites,
  writeCells,
  type CellWrite,
  type ExcelSnapshot,
  type WriteStats,
} from './write';

export interface ExcelPortOptions {
  /** Defaults to `Excel.run`. */
  run?: ExcelRun;
  /** Defaults to `Office.context.requirements.isSetSupported`. */
  isSetSupported?: IsSetSupported;
  /** Defaults to `Excel.createWorkbook` (null to force the download fallback). */
  createWorkbook?: CreateWorkbook | null;
  /** Defaults to a browser download through `<a download>`. */
  download?: DownloadFile;
  /** Failures inside change-event handlers (rethrown when absent). */
  onEventError?: (error: ExcelAdapterError) => void;
  /** createWorkbook failed and a download was offered instead. */
  onOpenFailed?: (error: ExcelAdapterError) => void;
  /** Clock for the own-write tracker (tests). */
  now?: () => number;
  /** First read block size (tests). */
  blockRows?: number;
  /** Pause between read blocks (tests pass a no-op). */
  pause?: () => Promise<void>;
}

/** What the last operations did, for the pane's diagnostics and for tests. */
export interface ExcelPortDiagnostics {
  lastRead?: ReadStats;
  lastReadRows?: ReadRowsStats;
  /** How the last highlight went: all rules replaced, only some bands, or nothing to change. */
  lastHighlightMode?: 'full' | 'bands' | 'unchanged';
  /** Why the last band update gave way to a full re-mark (kept for diagnosis; the full re-mark's own error is shown). */
  lastBandFailure?: unknown;
  lastHighlight?: HighlightResult;
  lastWrite?: WriteStats;
}

export class ExcelPort implements WorkbookPort {
  readonly kind = 'excel' as const;
  readonly diagnostics: ExcelPortDiagnostics = {};
  private readonly run: ExcelRun;
  private readonly isSetSupported: IsSetSupported | undefined;
  private readonly tracker: OwnWriteTracker;
  private caps: Capabilities | undefined;
  /** Our highlight rules per sheet name, by band, as this port made them (for re-marking only changed bands). */
  private readonly bands = new Map<string, BandMemory>();

  constructor(private readonly options: ExcelPortOptions = {}) {
    this.run = options.run ?? excelRun;
    this.isSetSupported = options.isSetSupported;
    this.tracker = new OwnWriteTracker(options.now);
  }

  /** Detected once, on first use. */
  capabilities(): Capabilities {
    this.caps ??= detectCapabilities(this.isSetSupported);
    return this.caps;
  }

  private async batch<T>(
    operation: AdapterOperation,
    sheet: string | undefined,
    body: (context: Excel.RequestContext) => Promise<T>,
    extra: Omit<BatchOptions, 'delayForCellEdit'> = {},
  ): Promise<T> {
    try {
      assertSupported(this.capabilities());
      return await this.run({ delayForCellEdit: true, ...extra }, body);
    } catch (e) {
      throw toAdapterError(e, operation, sheet);
    }
  }

  listSheets(): Promise<SheetSummary[]> {
    return this.batch('list-sheets', undefined, (ctx) => listSheets(ctx));
  }

  readSheet(sheet: string, onProgress?: (p: ReadProgress) => void): Promise<SheetInput> {
    const stats: ReadStats = { blocks: 0, retries: 0, blockRows: 0 };
    return this.batch('read', sheet, async (ctx) => {
      const result = await readSheet(
        ctx,
        sheet,
        { caps: this.capabilities(), blockRows: this.options.blockRows, onProgress, pause: this.options.pause },
        stats,
      );
      this.diagnostics.lastRead = stats;
      return result;
    });
  }

  readRows(sheet: string, rows: readonly number[]): Promise<RowsRead> {
    const stats: ReadRowsStats = { blocks: 0, syncs: 0, retries: 0 };
    return this.batch('read', sheet, async (ctx) => {
      const result = await readRows(ctx, sheet, rows, stats);
      this.diagnostics.lastReadRows = stats;
      return result;
    });
  }

  async highlight(sheet: string, marks: readonly Mark[], hint?: HighlightHint): Promise<void> {
    const memory = this.bands.get(sheet);
    if (hint && memory) {
      const bands = new Set<number>();
      for (const c of hint.changedCells) {
        const pos = parseCell(c);
        if (pos) bands.add(bandOf(pos.row));
      }
      if (bands.size === 0) {
        this.diagnostics.lastHighlightMode = 'unchanged';
        return;
      }
      try {
        this.diagnostics.lastHighlight = await this.batch('highlight', sheet, (ctx) => rehighlightBands(ctx, sheet, marks, bands, memory));
        this.diagnostics.lastHighlightMode = 'bands';
        return;
      } catch (e) {
        this.diagnostics.lastBandFailure = e;
        // The band update is only a shortcut. Whatever stopped it — rules this pane did not make for those bands (an
        // earlier session's, the user's copies: BandsUnknown), a refused address string, a host that reads rules
        // differently — the full re-mark with a marker scan finds every rule of ours; if that fails too, its error
        // is the one shown.
        await this.highlightAll(sheet, marks, true);
        return;
      }
    }
    await this.highlightAll(sheet, marks, false);
  }

  private async highlightAll(sheet: string, marks: readonly Mark[], fullScan: boolean): Promise<void> {
    // getRanges has refused long multi-area strings below its usual limit (OfficeDev/office-js#5198): on
    // InvalidArgument, start over with strings half as long (the restart's marker scan removes partial work).
    this.bands.delete(sheet);
    let maxChars = MAX_ADDRESS_CHARS;
    for (;;) {
      try {
        const result = await this.batch('highlight', sheet, (ctx) => highlightCells(ctx, sheet, marks, maxChars, fullScan));
        this.diagnostics.lastHighlight = result;
        this.diagnostics.lastHighlightMode = 'full';
        this.bands.set(sheet, bandMemory(result));
        return;
      } catch (e) {
        const cause = (e as ExcelAdapterError).cause;
        if (isInvalidArgumentError(cause) && maxChars > 1000) {
          maxChars = Math.floor(maxChars / 2);
          continue;
        }
        throw e;
      }
    }
  }

  async clearHighlights(sheet: string): Promise<void> {
    this.bands.delete(sheet);
    await this.batch('clear-highlights', sheet, (ctx) => clearHighlightRules(ctx, sheet));
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.batch('select', sheet, (ctx) => selectCell(ctx, sheet, cell));
  }

  async applyPatches(sheet: string, patches: readonly Patch[], newName?: string | null): Promise<Snapshot> {
    let writes: CellWrite[];
    try {
      writes = patchesToWrites(patches);
    } catch (e) {
      throw toAdapterError(e, 'apply', sheet);
    }
    const rename = newName !== undefined && newName !== null && newName !== sheet ? newName : undefined;
    if (rename !== undefined) this.bands.delete(sheet);
    const cells = await this.batch('snapshot', sheet, (ctx) => readCellStates(ctx, sheet, writes));
    const snapshot: ExcelSnapshot = { sheet: rename ?? sheet, cells };
    if (rename !== undefined) snapshot.renamedFrom = sheet;
    await this.writeWithUndoGroup('apply', sheet, cellsToRectangles(writes), async (ctx) => {
      const stats = await writeCells(ctx, sheet, writes);
      if (rename !== undefined) await renameSheet(ctx, sheet, rename);
      return stats;
    });
    return snapshot;
  }

  async restore(snapshot: Snapshot): Promise<void> {
    const snap = snapshot as ExcelSnapshot;
    if (snap.renamedFrom) this.bands.delete(snap.sheet);
    let rects: RangeRef[];
    try {
      rects = cellsToRectangles(statesToWrites(snap.cells));
    } catch (e) {
      throw toAdapterError(e, 'restore', snap.sheet);
    }
    await this.writeWithUndoGroup('restore', snap.sheet, rects, (ctx) => restoreSnapshot(ctx, snap));
  }

  private async writeWithUndoGroup(
    operation: 'apply' | 'restore',
    sheet: string,
    rects: readonly RangeRef[],
    body: (context: Excel.RequestContext) => Promise<WriteStats>,
  ): Promise<void> {
    const token = this.tracker.begin(sheet, rects);
    try {
      const group = this.capabilities().mergeUndoGroup;
      try {
        this.diagnostics.lastWrite = await this.batch(operation, sheet, body, group ? { mergeUndoGroup: true } : {});
      } catch (e) {
        if (!group || !isUndoNotSupportedError((e as ExcelAdapterError).cause)) throw e;
        this.diagnostics.lastWrite = await this.batch(operation, sheet, body);
      }
    } finally {
      this.tracker.end(token);
    }
  }

  openWorkbook(fileName: string, data: Uint8Array): Promise<'opened' | 'downloaded'> {
    const create =
      this.options.createWorkbook !== undefined
        ? this.options.createWorkbook
        : this.capabilities().createWorkbook
          ? excelCreateWorkbook()
          : null;
    return openWorkbook(fileName, data, {
      createWorkbook: create,
      download: this.options.download ?? browserDownload,
      onOpenFailed: this.options.onOpenFailed,
    });
  }

  async onRowsChanged(sheet: string, handler: (rows: number[]) => void): Promise<() => Promise<void>> {
    try {
      assertSupported(this.capabilities());
      const unsubscribe = await subscribeRowsChanged(sheet, handler, {
        run: this.run,
        triggerSource: this.capabilities().triggerSource,
        tracker: this.tracker,
        onError: this.options.onEventError,
      });
      return async () => {
        try {
          await unsubscribe();
        } catch (e) {
          throw toAdapterError(e, 'events', sheet);
        }
      };
    } catch (e) {
      throw toAdapterError(e, 'events', sheet);
    }
  }
}

/** The port the task pane uses inside Excel. */
export function createExcelPort(options: ExcelPortOptions = {}): ExcelPort {
  return new ExcelPort(options);
}
