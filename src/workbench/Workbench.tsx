/**
 * The browser workbench (issues 5 and 10): the same task pane, outside Office, over a workbook file the registrar
 * opens (file picker or drag-and-drop) or one of the bundled examples — and the editor that registrars without Excel
 * lack. The chosen sheet is an editable grid with the flagged cells highlighted in place; the user's edits and the
 * pane's fixes share one history (Ctrl+Z / Ctrl+Y, 撤销 / 重做) and are re-checked as they happen; 下载 saves a copy
 * named for what it holds. Leaving with changes not downloaded asks first. Nothing leaves the browser.
 *
 * 汇总多个文件… (or dropping several files) opens the merge (MergeView.tsx, issue 12 item 3) in place of the sheet and
 * the pane, which stay as they were underneath: 返回 comes back to them.
 *
 * Layout: the page never scrolls. The toolbar stays at the top; below it the grid and the pane scroll each in its
 * own box — side by side when wide, the grid above the pane when narrow (a 320 px task pane).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  Button,
  FluentProvider,
  makeStyles,
  shorthands,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { Patch } from '../core/types';
import { App } from '../taskpane/App';
import { EditHistory } from '../taskpane/history';
import type { CopyKind, WorkbenchPort } from '../files/workbench-port';
import { Grid } from './Grid';
import { textColumns } from './entry';
import { downloadBytes } from '../taskpane/download';
import { yieldToBrowser } from '../taskpane/activity';
import { EXAMPLES, fetchExample } from './examples';

/** 汇总's view and the merge core: a chunk fetched when several files are first picked or dropped. */
const MergeView = lazy(() =>
  import(/* webpackChunkName: "merge-view" */ './MergeView').then(
    (m) => ({ default: m.MergeView }),
    (e: unknown) => ({
      default: () => <Text role="alert">汇总功能未能加载（{e instanceof Error ? e.message : String(e)}），请刷新页面后再试。</Text>,
    }),
  ),
);

const NARROW = '@media (max-width: 719px)';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', height: '100vh', boxSizing: 'border-box', overflow: 'hidden' },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    flexShrink: 0,
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    marginRight: tokens.spacingHorizontalL,
    [NARROW]: { fontSize: tokens.fontSizeBase400, marginRight: 0 },
  },
  fileName: { overflowWrap: 'anywhere' },
  messages: { flexShrink: 0, maxHeight: '30vh', overflowY: 'auto' },
  body: { display: 'flex', flex: 1, minHeight: 0, [NARROW]: { flexDirection: 'column' } },
  sheetArea: {
    flex: '1 1 0',
    minWidth: 0,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingHorizontalS,
    [NARROW]: { flex: '0 0 42%', padding: tokens.spacingHorizontalXS },
  },
  tabs: { flexShrink: 0, overflowX: 'auto' },
  grid: { flex: 1, minHeight: 0 },
  pane: {
    flex: '0 0 380px',
    minWidth: 0,
    minHeight: 0,
    overflowY: 'auto',
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    [NARROW]: { flex: '1 1 0', borderLeft: 'none', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  drop: {
    margin: tokens.spacingHorizontalXXL,
    padding: tokens.spacingHorizontalXXL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
    overflowY: 'auto',
    [NARROW]: { margin: tokens.spacingHorizontalS, padding: tokens.spacingHorizontalM },
  },
  dropping: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  examples: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // The standard <input type="file"> stays (tools and keyboards use it); it is only visually hidden behind a Chinese
  // label, since the browser's own "Choose File" text follows the browser's language, not ours.
  pick: {
    display: 'inline-flex',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    ...shorthands.border('1px', 'solid', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  fileInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
  hidden: { display: 'none' },
});

interface Opened {
  port: WorkbenchPort;
  /** What a downloaded copy would lose (found after the grid shows). */
  problems: string[];
}

interface Shown {
  intent: 'error' | 'success' | 'info';
  title?: string;
  text: string;
}

/** Re-render on every change of the workbook (marks, selection, cells, names) and of the history. */
function useChanges(port: WorkbenchPort | null, history: EditHistory | null): void {
  const onPort = useCallback((cb: () => void) => (port ? port.subscribe(cb) : () => undefined), [port]);
  useSyncExternalStore(onPort, () => port?.changeCount ?? 0);
  const onHistory = useCallback((cb: () => void) => (history ? history.subscribe(cb) : () => undefined), [history]);
  useSyncExternalStore(onHistory, () => history?.changeCounter ?? 0);
}

/** The file name and notice of a downloaded copy, by what it holds. */
function copyKind(history: EditHistory): CopyKind {
  return history.fixesApplied ? 'fixed' : history.changed ? 'edited' : 'unchanged';
}

const SAVED_TEXT: Record<CopyKind, (name: string) => Shown> = {
  fixed: (name) => ({ intent: 'success', text: `已下载“${name}”：修复后的工作簿（原文件未改动）。` }),
  edited: (name) => ({ intent: 'success', text: `已下载“${name}”：含你的修改，尚未应用任何自动修复（原文件未改动）。` }),
  unchanged: (name) => ({ intent: 'info', text: `已下载“${name}”：与打开的文件内容相同，既未修复也未修改。` }),
};

export function Workbench() {
  const styles = useStyles();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** The files being merged (汇总); null: the workbook view. */
  const [merging, setMerging] = useState<File[] | null>(null);
  /** Each opened file gets a fresh pane (its own check, fixes and history). */
  const [generation, setGeneration] = useState(0);
  const port = opened?.port ?? null;
  const history = useMemo(() => (port ? new EditHistory(port) : null), [port]);
  useChanges(port, history);

  const fail = (title: string, e: unknown) => setShown({ intent: 'error', title, text: e instanceof Error ? e.message : String(e) });

  // Closing or reloading the tab with changes not downloaded asks first.
  useEffect(() => {
    if (!history) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!history.unsaved) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [history]);

  // Ctrl+Z / Ctrl+Y anywhere on the page (after clicking 重做, say) walk the history too; text boxes keep their own.
  useEffect(() => {
    if (!history) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) void history.undo();
      else if (k === 'y' || (k === 'z' && e.shiftKey)) void history.redo();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [history]);

  const open = useCallback(
    async (bytes: Uint8Array, fileName: string) => {
      if (history?.unsaved && !window.confirm('当前工作簿的修改还没有下载，打开另一个文件会丢失这些修改。仍要打开吗？')) return;
      setMerging(null);
      setBusy(true);
      setShown(null);
      // User Timing marks (local only) let the benchmark tell ExcelJS's loading from the rest.
      performance.mark('xueji:open');
      try {
        // ExcelJS loads only here, on the first file: the pane inside Excel never needs it.
        const { openWorkbench } = await import(/* webpackChunkName: "workbench" */ '../files/workbench-open');
        const result = await openWorkbench(bytes, fileName, downloadBytes);
        performance.mark('xueji:workbook-loaded');
        // Read the sheet shown first now, while the page says 正在打开…, not during the first render.
        await yieldToBrowser();
        const first = result.port.activeSheet;
        if (first) result.port.sheetInput(first);
        performance.mark('xueji:sheet-read');
        setOpened({ port: result.port, problems: [] });
        setGeneration((g) => g + 1);
        result.problems().then(
          (problems) => setOpened((o) => (o && o.port === result.port ? { ...o, problems } : o)),
          (e: unknown) => fail('无法检查这个文件能否原样保存', e),
        );
      } catch (e) {
        // A typed Chinese message (XuejiInputError); anything else is still shown, never swallowed.
        fail('无法打开或处理这个文件', e);
      } finally {
        setBusy(false);
      }
    },
    [history],
  );

  const openFile = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      await open(new Uint8Array(await file.arrayBuffer()), file.name);
    },
    [open],
  );

  const activeSheet = port?.activeSheet ?? null;
  const sheetNames = port ? port.workbook.worksheets.map((ws) => ws.name) : [];
  const sheet = port && activeSheet ? port.sheetInput(activeSheet) : null;
  const textCols = useMemo(() => (sheet ? textColumns(sheet) : new Set<number>()), [sheet]);

  const onEdit = useCallback(
    (patches: Patch[]) => {
      if (!port || !history || !activeSheet) return;
      try {
        const snapshot = port.edit(activeSheet, patches);
        history.push({ kind: 'edit', sheet: activeSheet, patches, rename: null, snapshot });
      } catch (e) {
        fail('无法修改单元格', e);
      }
    },
    [port, history, activeSheet],
  );

  const download = async () => {
    if (!port || !history) return;
    try {
      const kind = copyKind(history);
      const name = await port.downloadCopy(kind);
      history.markSaved();
      setShown(SAVED_TEXT[kind](name));
    } catch (e) {
      fail('下载失败', e);
    }
  };

  /** One file opens; several are merged (汇总). */
  const openFiles = useCallback(
    (list: FileList | null | undefined) => {
      const picked = list ? Array.from(list) : [];
      if (picked.length > 1) setMerging(picked);
      else if (picked.length === 1) void openFile(picked[0]);
    },
    [openFile],
  );

  const mergePicker = (
    <label className={styles.pick}>
      <input
        className={styles.fileInput}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="汇总多个 .xlsx 文件"
        disabled={busy}
        onChange={(e) => {
          const picked = e.currentTarget.files ? Array.from(e.currentTarget.files) : [];
          if (picked.length) setMerging(picked);
          e.currentTarget.value = '';
        }}
      />
      汇总多个文件…
    </label>
  );

  const picker = (
    <label className={styles.pick}>
      <input
        className={styles.fileInput}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="打开 .xlsx 文件"
        disabled={busy}
        onChange={(e) => {
          void openFile(e.currentTarget.files?.[0]);
          e.currentTarget.value = '';
        }}
      />
      {busy ? '正在打开…' : '打开 .xlsx 文件…'}
    </label>
  );

  return (
    <FluentProvider theme={webLightTheme}>
      <div
        className={styles.page}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          openFiles(e.dataTransfer.files);
        }}
      >
        <header className={styles.bar}>
          <h1 className={styles.title}>学籍表格助手 · 浏览器工作台</h1>
          {picker}
          {mergePicker}
          {opened && history && (
            <>
              <Text weight="semibold" className={styles.fileName}>
                {opened.port.fileName}
                {history.unsaved ? '（有未下载的修改）' : ''}
              </Text>
              <Button appearance="primary" onClick={() => void download()}>
                {history.fixesApplied ? '下载修复后的工作簿' : '下载工作簿'}
              </Button>
            </>
          )}
        </header>
        <div className={styles.messages}>
          {shown && (
            <MessageBar intent={shown.intent} role={shown.intent === 'error' ? 'alert' : 'status'}>
              <MessageBarBody>
                {shown.title ? <MessageBarTitle>{shown.title}</MessageBarTitle> : null}
                {shown.text}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" appearance="transparent" onClick={() => setShown(null)}>
                  关闭
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {opened && opened.problems.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>
                可以检查和修复；但这个文件{opened.problems.join('；')}，下载的副本不会保留这些内容。
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
        {merging ? (
          <Suspense fallback={<Text role="status">正在加载…</Text>}>
            <MergeView files={merging} onClose={() => setMerging(null)} />
          </Suspense>
        ) : null}
        {!opened || !port || !history ? (
          merging ? null : (
            <main className={`${styles.drop} ${dragging ? styles.dropping : ''}`}>
              <Text size={500} weight="semibold">
                打开一个 .xlsx 表格，或把它拖到这里
              </Text>
              <Text>
                不需要 Excel：表格只在这个浏览器里处理，不会上传到任何地方。用 WPS 的学校请先“另存为 .xlsx”。
              </Text>
              {picker}
              <Text>
                汇总：各学习中心报来的同一种表格（如各中心的退学名单），一次选择多个文件（或把它们一起拖到这里），合成一份报送文件。
              </Text>
              {mergePicker}
              <Text weight="semibold">或者先看看示例（虚构学生，含常见错误）：</Text>
              <div className={styles.examples}>
                {EXAMPLES.map((x) => (
                  <Button
                    key={x.file}
                    disabled={busy}
                    onClick={() => {
                      fetchExample(x.file).then(
                        (bytes) => open(bytes, x.file),
                        (e: unknown) => fail('无法打开或处理这个文件', e),
                      );
                    }}
                  >
                    示例：{x.title}
                  </Button>
                ))}
              </div>
            </main>
          )
        ) : (
          // Kept mounted while 汇总 is shown: its check, fixes and history are there on 返回.
          <div className={`${styles.body} ${merging ? styles.hidden : ''}`}>
            <section className={styles.sheetArea} aria-label="工作表">
              <TabList className={styles.tabs} selectedValue={activeSheet ?? undefined} onTabSelect={(_, d) => port.setActiveSheet(String(d.value))} size="small">
                {sheetNames.map((n) => (
                  <Tab key={n} value={n}>
                    {n}
                  </Tab>
                ))}
              </TabList>
              <div className={styles.grid}>
                {sheet && (
                  <Grid
                    // A grid per file and sheet (its place and selection); a sheet renamed by a fix keeps its grid.
                    key={`${generation}:${sheetNames.indexOf(sheet.name)}`}
                    sheet={sheet}
                    marks={port.marksOf(sheet.name)}
                    selected={port.selection?.sheet === sheet.name ? port.selection.cell : null}
                    selectSerial={port.selectionSerial}
                    textColumns={textCols}
                    onEdit={onEdit}
                    onUndo={() => void history.undo()}
                    onRedo={() => void history.redo()}
                  />
                )}
              </div>
            </section>
            <aside className={styles.pane} aria-label="任务窗格">
              <App key={generation} port={port} history={history} liveDelayMs={0} />
            </aside>
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
