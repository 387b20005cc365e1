/**
 * The task pane. It talks only to a `WorkbookPort` (Excel through src/excel, or a file in the browser workbench)
 * and to the pure core, so the same pane runs anywhere a port exists. Actions: 校验, 重新校验, 一键修复 (preview,
 * then 应用), 撤销 / 重做 (one history with the workbench's edits), 导出; the issues grouped by rule, each selecting
 * its cell; flagged cells highlighted through the port; live re-check of the user's edits (only the changed rows);
 * every error shown in Chinese. Sections: 附件检查, 书面报告, 毕业资格预审.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Caption1, FluentProvider, makeStyles, Text, tokens, webLightTheme } from '@fluentui/react-components';
import type { WorkbookPort } from '../core/port';
import type { Issue, TemplateId } from '../core/types';
import type { Profile } from '../core/profile/schema';
import type { Ymd } from '../core/cells/dates';
import { DEFAULT_PROFILE } from '../core/profile/default-profile';
import { summarise } from '../core/engine/report';
import { checkOptions, groupIssues, todayYmd } from './model';
import { toPaneError, type PaneAction, type PaneError } from './errors';
import { beginWrite, createWriteGuard, endWrite, type Activity } from './activity';
import type { PortErrorChannel } from './port-errors';
import { useCheck, type CheckReason } from './hooks/useCheck';
import { EditHistory } from './history';
import { stepNotice, useHistoryState, useHistorySteps } from './hooks/useHistory';
import { useFix } from './hooks/useFix';
import { useLiveRecheck, type LiveState } from './hooks/useLiveRecheck';
import { exportSheet, type ExportOutcome } from './export-action';
import { SummaryBar } from './components/SummaryBar';
import { HeldByErrors } from './components/HeldByErrors';
import { IssueList } from './components/IssueList';
import { FixPreview } from './components/FixPreview';
import { ProgressBar } from './components/ProgressBar';
import { TemplatePicker } from './components/TemplatePicker';
import { ErrorBanner, type ShownError } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { AttachmentCheck } from './components/AttachmentCheck';
import { WrittenReportSection } from './components/WrittenReportSection';
import { PrecheckSection } from './components/PrecheckSection';

export interface AppProps {
  port: WorkbookPort;
  profile?: Profile;
  /** Today's date (the report date unless the profile sets one). */
  today?: () => Ymd;
  /** The pause after the user's last edit before the live re-check. */
  liveDelayMs?: number;
  /** Errors the port reports outside the pane's own calls. */
  portErrors?: PortErrorChannel;
  /** The edit history, when the page shares it (the workbench grid's edits and Ctrl+Z); else the pane's own. */
  history?: EditHistory;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: '280px',
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  notice: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    color: tokens.colorNeutralForeground3,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
});

const LIVE_TEXT: Record<LiveState, string> = {
  on: '自动重新校验：已开启（修改单元格后自动重新校验改动的行）',
  off: '自动重新校验：校验后开启',
  unsupported: '自动重新校验：此环境不支持，修改后请点击“重新校验”',
};

function Pane({ port, profile = DEFAULT_PROFILE, today = todayYmd, liveDelayMs = 800, portErrors, history: shared }: AppProps) {
  const s = useStyles();
  const [template, setTemplate] = useState<TemplateId | null>(null);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [activity, setActivity] = useState<Activity | null>(null);
  const [current, setCurrent] = useState<Issue | null>(null);
  const [dirty, setDirty] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [blocked, setBlocked] = useState<Extract<ExportOutcome, { kind: 'blocked' }> & { sheet: string } | null>(null);
  const errorId = useRef(0);
  const guard = useRef(createWriteGuard()).current;
  const templateRef = useRef(template);
  templateRef.current = template;

  const pushError = useCallback((e: PaneError) => {
    setErrors((prev) => [{ id: ++errorId.current, error: e }, ...prev].slice(0, 20));
  }, []);
  const fail = useCallback((e: unknown, action: PaneAction) => pushError(toPaneError(e, action)), [pushError]);

  // Nothing is swallowed: a promise nobody awaited still reaches the banner.
  useEffect(() => {
    const onRejection = (ev: PromiseRejectionEvent) => {
      ev.preventDefault();
      pushError(toPaneError(ev.reason, 'other'));
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [pushError]);

  useEffect(() => portErrors?.listen((e, action) => pushError(toPaneError(e, action))), [portErrors, pushError]);

  const check = useCheck(port, { profile, today, onError: pushError, setActivity });
  const result = check.result;

  const runCheck = useCallback(
    (reason: CheckReason, sheet?: string, changedRows?: number[], rows?: number[]) => {
      setDirty(false);
      const req = { reason, template: templateRef.current, ...(sheet ? { sheet } : {}), ...(changedRows ? { changedRows } : {}), ...(rows ? { rows } : {}) };
      return check.run(req);
    },
    [check.run],
  );

  const history = useMemo(() => shared ?? new EditHistory(port), [shared, port]);
  const steps = useHistoryState(history);
  const resultRef = useRef(result);
  resultRef.current = result;
  useHistorySteps(history, (e) => {
    const action = e.action === 'undo' ? 'restore' : 'apply';
    if (e.type === 'start') {
      setNotice(null);
      beginWrite(guard);
      setActivity({ label: e.action === 'undo' ? '正在撤销…' : '正在重做…' });
    } else if (e.type === 'failed') {
      endWrite(guard);
      setActivity(null);
      fail(e.error, action);
    } else {
      setNotice(stepNotice(e));
      const last = resultRef.current;
      // Re-check what the step wrote (only those rows when the sheet kept its name), once a check exists.
      const rows = !e.entry.rename && last?.sheet === e.sheet ? e.rows : undefined;
      const again = last ? runCheck(e.action === 'undo' ? 'after-undo' : 'after-redo', e.sheet, undefined, rows) : Promise.resolve(null);
      void again.finally(() => {
        endWrite(guard);
        setActivity(null);
      });
    }
  });

  const fix = useFix(port, {
    profile,
    onError: pushError,
    onNotice: setNotice,
    setActivity,
    recheck: (reason, sheet) => runCheck(reason, sheet),
    writing: guard,
    history,
  });

  const live = useLiveRecheck(port, {
    sheet: result?.sheet ?? null,
    delayMs: liveDelayMs,
    writing: guard,
    onDirty: () => setDirty(true),
    onRecheck: (rows) => void runCheck('live', result?.sheet, rows, rows),
    onError: pushError,
  });

  const busy = check.running || fix.busy || exporting || steps.busy;
  const writingNow = fix.busy || exporting || steps.busy;
  const report = result?.analysis.report ?? null;
  const summary = useMemo(() => (report ? summarise([report]) : null), [report]);
  const groups = useMemo(() => (report ? groupIssues(report.issues) : []), [report]);

  useEffect(() => setCurrent(null), [result?.serial]);

  const onCheck = () => {
    setNotice(null);
    setBlocked(null);
    void runCheck('manual');
  };
  const onRecheck = () => {
    setNotice(null);
    setBlocked(null);
    void runCheck('recheck');
  };
  const onTemplate = (t: TemplateId | null) => {
    setTemplate(t);
    templateRef.current = t;
    if (result) void runCheck('template', result.sheet);
  };
  const onSelect = useCallback(
    (issue: Issue) => {
      const last = resultRef.current;
      if (!last || !issue.cell) return;
      setCurrent(issue);
      port.select(last.sheet, issue.cell).catch((e: unknown) => fail(e, 'select'));
    },
    [port, fail],
  );
  const onFix = () => {
    if (!result) return;
    setNotice(null);
    setBlocked(null);
    // Plan from what the sheet holds now: re-read first if the user edited it, or if edits cannot be seen.
    void fix.open(result, dirty || live !== 'on');
  };
  const onUndo = () => void history.undo();
  const onRedo = () => void history.redo();
  const onClearMarks = () => {
    if (!result) return;
    port.clearHighlights(result.sheet).then(
      () => setNotice('已清除本加载项添加的标记（你自己的格式没有改动）。'),
      (e: unknown) => fail(e, 'clear-highlight'),
    );
  };

  const onExport = async (force: boolean) => {
    setNotice(null);
    setBlocked(null);
    setExporting(true);
    try {
      let sheet = result?.sheet;
      if (!sheet) {
        setActivity({ label: '正在获取当前工作表…' });
        const sheets = await port.listSheets().catch((e: unknown) => Promise.reject(toPaneError(e, 'list')));
        sheet = (sheets.find((x) => x.active) ?? sheets[0])?.name;
        if (!sheet) throw toPaneError(new Error('工作簿中没有工作表'), 'list');
      }
      const target = sheet;
      setActivity({ label: `正在读取工作表“${target}”…` });
      const input = await port
        .readSheet(target, (p) =>
          setActivity({ label: `正在读取工作表“${target}”：${p.rowsRead} / ${p.totalRows} 行`, value: p.totalRows ? p.rowsRead / p.totalRows : undefined }),
        )
        .catch((e: unknown) => Promise.reject(toPaneError(e, 'read')));
      const outcome = await exportSheet(port, input, profile, checkOptions(profile, templateRef.current, today()), force, (step, file) =>
        setActivity({ label: step === 'prepare' ? '正在整理导出的记录…' : step === 'write' ? `正在生成“${file}”…` : `正在打开“${file}”…` }),
      );
      if (outcome.kind === 'done') {
        const list = outcome.files
          .map((f) => `“${f.fileName}”${f.result === 'opened' ? '（已在 Excel 中打开为新工作簿，请保存）' : '（已下载）'}`)
          .join('、');
        setNotice(
          `已导出 ${outcome.files.length} 个上报文件：${list}。` +
            (outcome.forcedErrors ? `注意：其中仍有 ${outcome.forcedErrors} 个错误。` : '') +
            (outcome.warnings ? `另有 ${outcome.warnings} 个警告，请核对。` : ''),
        );
      } else if (outcome.kind === 'blocked') {
        setBlocked({ ...outcome, sheet: target });
      } else {
        setNotice(outcome.reason);
      }
    } catch (e) {
      fail(e, 'export');
    } finally {
      setActivity(null);
      setExporting(false);
    }
  };

  return (
    <main className={s.root}>
      <h1 className={s.title}>学籍表格助手</h1>
      <TemplatePicker value={template} onChange={onTemplate} disabled={busy} />
      <div className={s.actions} role="toolbar" aria-label="操作">
        <Button appearance="primary" disabled={busy} onClick={onCheck}>
          校验
        </Button>
        <Button disabled={writingNow} onClick={onRecheck}>
          重新校验
        </Button>
        <Button disabled={busy || !summary || summary.fixable === 0 || !!fix.preview} onClick={onFix}>
          一键修复
        </Button>
        <Button disabled={busy || !steps.nextUndo} onClick={onUndo}>
          撤销
        </Button>
        <Button disabled={busy || !steps.nextRedo} onClick={onRedo}>
          重做
        </Button>
        <Button disabled={busy} onClick={() => void onExport(false)}>
          导出
        </Button>
      </div>
      <ProgressBar activity={activity} />
      <ErrorBanner errors={errors} onDismiss={(id) => setErrors((prev) => prev.filter((x) => x.id !== id))} />
      {notice ? (
        <div className={s.notice} role="status">
          {notice}
        </div>
      ) : null}
      {blocked ? (
        <HeldByErrors
          label="导出前需要处理的错误"
          role="region"
          intro={`工作表“${blocked.sheet}”还有 ${blocked.total} 个无法自动修复的错误，上报文件暂未生成。请先修正后再导出（能自动修的，导出时会自动修好），或确认后继续：`}
          lines={blocked.problems.map((p) => `${p.where}：${p.message}`)}
          total={blocked.total}
          onContinue={() => void onExport(true)}
          onCancel={() => setBlocked(null)}
          continueDisabled={busy}
          cancelDisabled={busy}
        />
      ) : null}
      {fix.preview ? (
        <FixPreview
          key={fix.preview.from.serial}
          model={fix.preview.model}
          busy={busy}
          onApply={(accepted, renameOk) => void fix.apply(accepted, renameOk)}
          onCancel={fix.cancel}
        />
      ) : report && summary ? (
        <>
          <SummaryBar report={report} summary={summary} requested={result?.requested !== null} />
          {result && result.reason === 'live' && result.changedRows.length ? (
            <Caption1>
              已根据第 {result.changedRows.slice(0, 10).join('、')}
              {result.changedRows.length > 10 ? ' 等' : ''} 行的修改重新校验。
            </Caption1>
          ) : null}
          {dirty ? <Caption1>表格有新的修改，稍后自动重新校验…</Caption1> : null}
          <IssueList groups={groups} current={current} onSelect={onSelect} />
        </>
      ) : (
        <Text>点击“校验”检查当前工作表：自动识别模板，列出每个有问题的单元格，并在表格中标出（错误、警告两种颜色）。</Text>
      )}
      <AttachmentCheck port={port} profile={profile} checked={result} disabled={busy} />
      <WrittenReportSection port={port} profile={profile} today={today} disabled={busy} />
      <PrecheckSection port={port} profile={profile} today={today} disabled={busy} />
      <footer className={s.footer}>
        <Caption1>{LIVE_TEXT[live]}</Caption1>
        {result ? (
          <Button size="small" appearance="subtle" disabled={busy} onClick={onClearMarks}>
            清除标记
          </Button>
        ) : null}
      </footer>
    </main>
  );
}

export function App(props: AppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <ErrorBoundary>
        <Pane {...props} />
      </ErrorBoundary>
    </FluentProvider>
  );
}
