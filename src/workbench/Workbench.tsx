/**
 * The browser workbench (issue 5): the same task pane, outside Office, over a workbook file the registrar opens
 * (file picker or drag-and-drop) or one of the bundled examples. The chosen sheet is shown as a grid with the
 * flagged cells highlighted in place; 下载 saves the fixed workbook as a copy. Nothing leaves the browser.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import {
  Button,
  FluentProvider,
  makeStyles,
  shorthands,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { SheetInput } from '../core/types';
import { App } from '../taskpane/App';
import type { WorkbenchPort } from '../files/workbench-port';
import { Grid } from './Grid';
import { downloadBytes } from '../taskpane/download';
import { EXAMPLES, fetchExample } from './examples';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', height: '100vh', boxSizing: 'border-box' },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalL },
  body: { display: 'flex', flex: 1, minHeight: 0, flexWrap: 'wrap' },
  sheetArea: { flex: '1 1 480px', minWidth: 0, display: 'flex', flexDirection: 'column', padding: tokens.spacingHorizontalS, minHeight: '320px' },
  grid: { flex: 1, minHeight: 0 },
  pane: { flex: '0 1 380px', minWidth: '300px', maxWidth: '100%', overflowY: 'auto', borderLeft: `1px solid ${tokens.colorNeutralStroke2}` },
  drop: {
    margin: tokens.spacingHorizontalXXL,
    padding: tokens.spacingHorizontalXXL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
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
});

interface Opened {
  port: WorkbenchPort;
  problems: string[];
}

function useWorkbenchVersion(port: WorkbenchPort | null): { all: number; cells: number } {
  const subscribe = useCallback((cb: () => void) => (port ? port.subscribe(cb) : () => undefined), [port]);
  const all = useSyncExternalStore(subscribe, () => port?.changeCount ?? 0);
  const cells = useSyncExternalStore(subscribe, () => port?.cellsChangeCount ?? 0);
  return { all, cells };
}

export function Workbench() {
  const styles = useStyles();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [activeSheet, setActiveSheet] = useState<string | null>(null);
  const [sheet, setSheet] = useState<SheetInput | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Each opened file gets a fresh pane (its own check, fixes and undo stack). */
  const [generation, setGeneration] = useState(0);
  const port = opened?.port ?? null;
  const version = useWorkbenchVersion(port);

  const open = useCallback(async (bytes: Uint8Array, fileName: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      // ExcelJS loads only here, on the first file: the pane inside Excel never needs it.
      const { openWorkbench } = await import(/* webpackChunkName: "workbench" */ '../files/workbench-open');
      const result = await openWorkbench(bytes, fileName, downloadBytes);
      const sheets = await result.port.listSheets();
      setOpened(result);
      setGeneration((g) => g + 1);
      setSheetNames(sheets.map((s) => s.name));
      setActiveSheet(sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? null);
    } catch (e) {
      // A typed Chinese message (XuejiInputError); anything else is still shown, never swallowed.
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const openFile = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      await open(new Uint8Array(await file.arrayBuffer()), file.name);
    },
    [open],
  );

  // Sheet names change when a fix renames a sheet (sheet.name): follow the active sheet.
  useEffect(() => {
    if (!port) return;
    let live = true;
    void port.listSheets().then((sheets) => {
      if (!live) return;
      setSheetNames(sheets.map((s) => s.name));
      setActiveSheet(sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? null);
    });
    return () => {
      live = false;
    };
  }, [port, version.cells]);

  useEffect(() => {
    if (!port || !activeSheet) return;
    let live = true;
    port.readSheet(activeSheet).then(
      (s) => live && setSheet(s),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [port, activeSheet, version.cells]);

  const chooseSheet = (name: string) => {
    if (!port) return;
    port.setActiveSheet(name);
    setActiveSheet(name);
  };

  const download = async () => {
    if (!port) return;
    try {
      const name = await port.downloadCopy('fixed');
      setNotice(`已下载“${name}”（原文件未改动）`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

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
          void openFile(e.dataTransfer.files?.[0]);
        }}
      >
        <header className={styles.bar}>
          <h1 className={styles.title}>学籍表格助手 · 浏览器工作台</h1>
          {picker}
          {opened && (
            <>
              <Text weight="semibold">{opened.port.fileName}</Text>
              <Button appearance="primary" onClick={() => void download()}>
                下载修复后的工作簿
              </Button>
            </>
          )}
        </header>
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>无法打开或处理这个文件</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {opened && opened.problems.length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>
              可以检查和修复；但这个文件{opened.problems.join('；')}，下载的副本不会保留这些内容。
            </MessageBarBody>
          </MessageBar>
        )}
        {!opened ? (
          <main className={`${styles.drop} ${dragging ? styles.dropping : ''}`}>
            <Text size={500} weight="semibold">
              打开一个 .xlsx 表格，或把它拖到这里
            </Text>
            <Text>
              不需要 Excel：表格只在这个浏览器里处理，不会上传到任何地方。用 WPS 的学校请先“另存为 .xlsx”。
            </Text>
            {picker}
            <Text weight="semibold">或者先看看示例（虚构学生，含常见错误）：</Text>
            <div className={styles.examples}>
              {EXAMPLES.map((x) => (
                <Button
                  key={x.file}
                  disabled={busy}
                  onClick={() => {
                    fetchExample(x.file).then(
                      (bytes) => open(bytes, x.file),
                      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                    );
                  }}
                >
                  示例：{x.title}
                </Button>
              ))}
            </div>
          </main>
        ) : (
          <div className={styles.body}>
            <section className={styles.sheetArea} aria-label="工作表">
              <TabList selectedValue={activeSheet ?? undefined} onTabSelect={(_, d) => chooseSheet(String(d.value))} size="small">
                {sheetNames.map((n) => (
                  <Tab key={n} value={n}>
                    {n}
                  </Tab>
                ))}
              </TabList>
              <div className={styles.grid}>
                {sheet && (
                  <Grid
                    sheet={sheet}
                    marks={port!.marksOf(sheet.name)}
                    selected={port!.selection?.sheet === sheet.name ? port!.selection.cell : null}
                    version={version.all}
                  />
                )}
              </div>
            </section>
            <aside className={styles.pane} aria-label="任务窗格">
              <App key={generation} port={opened.port} />
            </aside>
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
