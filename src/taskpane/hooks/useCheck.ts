/**
 * 校验 / 重新校验: read the sheet through the port (with progress), run the pure check, and mark the flagged cells.
 * A re-check of known rows (the user's edits, an undone or redone step) reads only those rows and re-checks them
 * against what the last check kept (live-recheck.ts), then re-marks only where the marks changed.
 * A newer check supersedes an older one still running (a live re-check during a manual one): only the newest result
 * is shown. Errors go to `onError` typed and in Chinese; a failed highlight still shows the report.
 */
import { useCallback, useRef, useState } from 'react';
import type { Mark, WorkbookPort } from '../../core/port';
import type { SheetInput, TemplateId } from '../../core/types';
import type { Profile } from '../../core/profile/schema';
import type { SheetAnalysis } from '../../core/engine/check';
import { checkForRecheck } from '../../core/engine/recheck';
import type { Ymd } from '../../core/cells/dates';
import { checkOptions, marksOf } from '../model';
import { toPaneError, type PaneAction, type PaneError } from '../errors';
import { yieldToBrowser, type SetActivity } from '../activity';
import { markChanges, recheckChanged } from '../live-recheck';

export type CheckReason = 'manual' | 'recheck' | 'live' | 'after-apply' | 'after-undo' | 'after-redo' | 'template';

export interface CheckResult {
  sheet: string;
  input: SheetInput;
  analysis: SheetAnalysis;
  /** The template the user asked for, or null for recognition. */
  requested: TemplateId | null;
  reason: CheckReason;
  /** Rows the user changed that triggered a live re-check. */
  changedRows: number[];
  /** The marks the port was given. */
  marks: readonly Mark[];
  /** Only the changed rows were read and checked again. */
  incremental: boolean;
  /** Incremented with every result, so that the view can tell a new check from the old one. */
  serial: number;
}

export interface CheckRequest {
  reason: CheckReason;
  /** The sheet to check; default: the last checked one for re-checks, else the active sheet. */
  sheet?: string;
  template: TemplateId | null;
  changedRows?: number[];
  /**
   * Only these rows changed since the last check of the same sheet (a live edit, an undone or redone step): read and
   * re-check only them when the last check allows it.
   */
  rows?: number[];
}

export interface UseCheckOptions {
  profile: Profile;
  today: () => Ymd;
  onError: (e: PaneError) => void;
  setActivity: SetActivity;
}

export interface UseCheck {
  result: CheckResult | null;
  running: boolean;
  run: (req: CheckRequest) => Promise<CheckResult | null>;
}

class Superseded extends Error {}

export function useCheck(port: WorkbookPort, opts: UseCheckOptions): UseCheck {
  const [result, setResult] = useState<CheckResult | null>(null);
  const [running, setRunning] = useState(false);
  const token = useRef(0);
  const serial = useRef(0);
  const last = useRef<CheckResult | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const run = useCallback(
    async (req: CheckRequest): Promise<CheckResult | null> => {
      const my = ++token.current;
      const { profile, today, onError, setActivity } = optsRef.current;
      const live = () => {
        if (my !== token.current) throw new Superseded();
      };
      async function step<T>(action: PaneAction, work: () => Promise<T> | T): Promise<T> {
        let value: T;
        try {
          value = await work();
        } catch (e) {
          live();
          throw toPaneError(e, action);
        }
        live();
        return value;
      }
      setRunning(true);
      try {
        let sheet = req.sheet ?? (req.reason === 'manual' ? undefined : last.current?.sheet);
        if (!sheet) {
          setActivity({ label: '正在获取当前工作表…' });
          const sheets = await step('list', () => port.listSheets());
          sheet = (sheets.find((s) => s.active) ?? sheets[0])?.name;
          if (!sheet) throw toPaneError(new Error('工作簿中没有工作表'), 'list');
        }
        const target = sheet;
        const options = checkOptions(profile, req.template, today());
        const base = last.current;
        if (req.rows && req.rows.length && base && base.sheet === target && base.analysis.outcomes && base.requested === req.template) {
          // Only the changed rows: read them, re-check them against the rest, re-mark where the marks changed.
          const outcome = await step('read', () => recheckChanged(port, base, req.rows!, profile, options));
          const next: CheckResult = {
            sheet: outcome.sheet,
            input: outcome.input,
            analysis: outcome.analysis,
            requested: req.template,
            reason: req.reason,
            changedRows: req.changedRows ?? [],
            marks: outcome.marks,
            incremental: outcome.incremental,
            serial: ++serial.current,
          };
          last.current = next;
          setResult(next);
          try {
            await step('highlight', () => markChanges(port, base, outcome));
          } catch (e) {
            if (e instanceof Superseded) throw e;
            onError(toPaneError(e, 'highlight'));
          }
          return next;
        }
        setActivity({ label: `正在读取工作表“${target}”…` });
        const input = await step('read', () =>
          port.readSheet(target, (p) => {
            if (my !== token.current) return;
            const value = p.totalRows > 0 ? Math.min(1, p.rowsRead / p.totalRows) : undefined;
            setActivity({ label: `正在读取工作表“${target}”：${p.rowsRead.toLocaleString('zh-CN')} / ${p.totalRows.toLocaleString('zh-CN')} 行`, value });
          }),
        );
        setActivity({ label: `正在校验 ${input.rows.length.toLocaleString('zh-CN')} 行…` });
        await yieldToBrowser();
        live();
        const { analysis } = await step('analyse', () => checkForRecheck(input, profile, options));
        const marks = marksOf(analysis.report.issues);
        const next: CheckResult = {
          sheet: target,
          input,
          analysis,
          requested: req.template,
          reason: req.reason,
          changedRows: req.changedRows ?? [],
          marks,
          incremental: false,
          serial: ++serial.current,
        };
        last.current = next;
        setResult(next);
        setActivity({ label: '正在标记有问题的单元格…' });
        try {
          await step('highlight', () => port.highlight(target, marks));
        } catch (e) {
          if (e instanceof Superseded) throw e;
          onError(toPaneError(e, 'highlight'));
        }
        return next;
      } catch (e) {
        if (e instanceof Superseded) return null;
        onError(toPaneError(e, 'read'));
        return null;
      } finally {
        if (my === token.current) {
          setRunning(false);
          setActivity(null);
        }
      }
    },
    [port],
  );

  return { result, running, run };
}
