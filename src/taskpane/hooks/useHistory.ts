/**
 * The pane's view of the one edit history (history.ts): what can be undone or redone now, and the steps as they
 * happen — started from the pane's 撤销 / 重做 buttons or from the workbench grid's Ctrl+Z / Ctrl+Y — so that the
 * pane reports each one and re-checks the rows it wrote.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EditHistory, HistoryEntry, HistoryEvent } from '../history';

export interface HistoryState {
  busy: boolean;
  nextUndo: HistoryEntry | null;
  nextRedo: HistoryEntry | null;
}

export function useHistoryState(history: EditHistory): HistoryState {
  useSyncExternalStore(
    (cb) => history.subscribe(cb),
    () => history.changeCounter,
  );
  return { busy: history.busy, nextUndo: history.nextUndo, nextRedo: history.nextRedo };
}

/** Call `onEvent` for every undo / redo step of `history` (the latest `onEvent`, without re-subscribing). */
export function useHistorySteps(history: EditHistory, onEvent: (e: HistoryEvent) => void): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => history.listen((e) => ref.current(e)), [history]);
}

/** What a notice says a step did, in Chinese. */
export function stepNotice(e: Extract<HistoryEvent, { type: 'done' }>): string {
  const { entry } = e;
  const undo = e.action === 'undo';
  if (entry.kind === 'fix') {
    const cells = entry.snapshot.cells.length;
    if (undo) {
      return `已撤销上一次修复，恢复了 ${cells} 个单元格${entry.rename ? `和工作表名称“${entry.sheet}”` : ''}。可以点击“重做”再次应用。`;
    }
    return `已重做这次修复：写入 ${entry.patches.length} 个单元格${entry.rename ? `，工作表改名为“${entry.rename}”` : ''}。`;
  }
  const where = entry.patches.length === 1 ? entry.patches[0]!.cell : `${entry.patches.length} 个单元格`;
  return undo ? `已撤销对 ${where} 的修改。` : `已重做对 ${where} 的修改。`;
}
