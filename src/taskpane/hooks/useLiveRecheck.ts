/**
 * Live re-check (ARCHITECTURE.md, Office.js rule 6): the port reports the rows the user changed; they are collected
 * and, once the user has paused for `delayMs`, handed to `onRecheck` in one go. The add-in's own writes (`writing`)
 * are ignored, and so are events that arrive shortly after them (Excel delivers them late). Events can be missed,
 * which is why 重新校验 stays on the pane.
 */
import { useEffect, useRef, useState } from 'react';
import type { WorkbookPort } from '../../core/port';
import { toPaneError, type PaneError } from '../errors';
import type { WriteGuard } from '../activity';

export interface UseLiveRecheckOptions {
  /** The sheet to watch (the last checked one); null: nothing to watch. */
  sheet: string | null;
  delayMs: number;
  writing: WriteGuard;
  /** Called with the changed rows (sorted, distinct) after the pause. */
  onRecheck: (rows: number[]) => void;
  /** Called at once on every change the user makes: the last check is stale from here on. */
  onDirty: () => void;
  onError: (e: PaneError) => void;
}

/** How long after the add-in's own write its change events are still ignored. */
export const OWN_WRITE_GRACE_MS = 1000;

export type LiveState = 'unsupported' | 'off' | 'on';

export function useLiveRecheck(port: WorkbookPort, opts: UseLiveRecheckOptions): LiveState {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const [state, setState] = useState<LiveState>(port.onRowsChanged ? 'off' : 'unsupported');
  const { sheet, delayMs } = opts;
  useEffect(() => {
    if (!port.onRowsChanged) {
      setState('unsupported');
      return;
    }
    if (!sheet) {
      setState('off');
      return;
    }
    let cancelled = false;
    let unsubscribe: (() => Promise<void>) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const pending = new Set<number>();

    const flush = () => {
      timer = null;
      if (cancelled || pending.size === 0) return;
      if (optsRef.current.writing.active) {
        // A write is under way: it re-checks by itself when it is done.
        pending.clear();
        return;
      }
      const rows = [...pending].sort((a, b) => a - b);
      pending.clear();
      optsRef.current.onRecheck(rows);
    };

    const handler = (rows: number[]) => {
      if (cancelled) return;
      const guard = optsRef.current.writing;
      if (guard.active || Date.now() - guard.endedAt < OWN_WRITE_GRACE_MS) return;
      for (const r of rows) pending.add(r);
      optsRef.current.onDirty();
      if (timer) clearTimeout(timer);
      // No pause wanted (the workbench's own grid: an edit is one event, committed): re-check in this very turn,
      // so that the marks and the list follow within the frame of the edit.
      if (delayMs <= 0) queueMicrotask(flush);
      else timer = setTimeout(flush, delayMs);
    };

    port.onRowsChanged(sheet, handler).then(
      (unsub) => {
        if (cancelled) {
          unsub().catch((e: unknown) => optsRef.current.onError(toPaneError(e, 'subscribe')));
        } else {
          unsubscribe = unsub;
          setState('on');
        }
      },
      (e: unknown) => {
        if (cancelled) return;
        setState('off');
        optsRef.current.onError(toPaneError(e, 'subscribe'));
      },
    );

    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      if (unsubscribe) unsubscribe().catch((e: unknown) => optsRef.current.onError(toPaneError(e, 'subscribe')));
    };
  }, [port, sheet, delayMs]);

  return state;
}
