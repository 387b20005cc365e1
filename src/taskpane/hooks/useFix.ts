/**
 * 一键修复 → preview → 应用. The plan comes from the pure core (planFixes) over the sheet as last read; the port
 * snapshots every cell it writes, and each apply goes into the pane's one history (history.ts), where 撤销 hands the
 * snapshot back to `port.restore`, which puts values, number formats and fills back exactly (ARCHITECTURE.md,
 * Office.js rule 5). Writes are flagged so the live re-check ignores the add-in's own edits.
 */
import { useCallback, useRef, useState } from 'react';
import type { Snapshot, WorkbookPort } from '../../core/port';
import { changeCount, type EditHistory } from '../history';
import type { Profile } from '../../core/profile/schema';
import { planFixes } from '../../core/engine/fix';
import { acceptedPatches, allPreviewIds, buildPreview, type FixPreviewModel } from '../model';
import { toPaneError, type PaneError } from '../errors';
import { beginWrite, endWrite, type SetActivity, type WriteGuard } from '../activity';
import type { CheckReason, CheckResult } from './useCheck';

export interface OpenPreview {
  model: FixPreviewModel;
  /** The check the plan was made from (its sheet and template). */
  from: CheckResult;
}

export interface UseFixOptions {
  profile: Profile;
  onError: (e: PaneError) => void;
  onNotice: (text: string) => void;
  setActivity: SetActivity;
  /** Re-check (after a write, or before planning when the sheet may have changed). */
  recheck: (reason: CheckReason, sheet: string) => Promise<CheckResult | null>;
  /** Set while the add-in writes, so its own edits do not trigger a live re-check. */
  writing: WriteGuard;
  /** Where an applied fix goes, to be undone (and redone) with the user's edits. */
  history: EditHistory;
}

export interface UseFix {
  preview: OpenPreview | null;
  busy: boolean;
  /** Plan the fixes of `check` (re-reading first when `stale`) and open the preview. */
  open: (check: CheckResult, stale: boolean) => Promise<void>;
  cancel: () => void;
  /** Apply the ticked rows (ids of the preview) and the rename if ticked. */
  apply: (accepted: ReadonlySet<number>, renameAccepted: boolean) => Promise<void>;
}

export function useFix(port: WorkbookPort, opts: UseFixOptions): UseFix {
  const [preview, setPreview] = useState<OpenPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const previewRef = useRef<OpenPreview | null>(null);

  const show = (p: OpenPreview | null) => {
    previewRef.current = p;
    setPreview(p);
  };

  const open = useCallback(async (check: CheckResult, stale: boolean) => {
    const { profile, onError, onNotice, recheck } = optsRef.current;
    let from: CheckResult | null = check;
    if (stale) from = await recheck('recheck', check.sheet);
    if (!from) return;
    try {
      const plan = planFixes(from.input, profile, from.analysis);
      const model = buildPreview(from.input, plan, from.analysis.report.template);
      if (model.total === 0 && !model.rename) {
        onNotice('没有可以自动修复的问题。');
        return;
      }
      show({ model, from });
    } catch (e) {
      onError(toPaneError(e, 'analyse'));
    }
  }, []);

  const cancel = useCallback(() => show(null), []);

  const apply = useCallback(
    async (accepted: ReadonlySet<number>, renameAccepted: boolean) => {
      const current = previewRef.current;
      if (!current) return;
      const { onError, onNotice, setActivity, recheck, writing, history } = optsRef.current;
      const { model } = current;
      const patches = acceptedPatches(model, accepted);
      const rename = renameAccepted && model.rename ? model.rename : null;
      if (patches.length === 0 && !rename) {
        show(null);
        onNotice('没有选中任何修改，工作表未改动。');
        return;
      }
      setBusy(true);
      beginWrite(writing);
      setActivity({ label: `正在写入 ${patches.length.toLocaleString('zh-CN')} 处修改…` });
      let snapshot: Snapshot;
      try {
        snapshot = await port.applyPatches(model.sheet, patches, rename ? rename.to : null);
      } catch (e) {
        endWrite(writing);
        setActivity(null);
        setBusy(false);
        // The preview stays open: nothing is lost, the user may try again.
        onError(toPaneError(e, 'apply'));
        return;
      }
      history.push({ kind: 'fix', sheet: model.sheet, patches, rename: rename ? rename.to : null, snapshot });
      show(null);
      const skipped = allPreviewIds(model).length - patches.length + (model.rename && !rename ? 1 : 0);
      // Counted as the preview counts them: every cell, and the sheet's new name.
      const total = changeCount({ patches, rename: rename ? rename.to : null });
      onNotice(
        `已写入 ${total} 处修改` +
          (rename ? `（${patches.length} 个单元格，工作表改名为“${rename.to}”）` : '') +
          `${skipped > 0 ? `，未选的 ${skipped} 处没有改动` : ''}。如需恢复，请点击“撤销”。`,
      );
      try {
        await recheck('after-apply', rename ? rename.to : model.sheet);
      } finally {
        endWrite(writing);
        setBusy(false);
      }
    },
    [port],
  );

  return { preview, busy, open, cancel, apply };
}
