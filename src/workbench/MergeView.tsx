/**
 * 汇总 in the browser workbench (DOMAIN.md §3, `xueji merge`): the registrar picks (or drops) several centres' files of
 * one template; the workbench reads them, shows what the submission will be — each file and sheet with its records,
 * the records found in two files with their files and rows, every issue left with the file and row to change, the
 * first rows of the merged table with where each comes from — and downloads the one merged file. Errors no fix
 * resolves hold the download back until the registrar goes on anyway, as 导出 does. The files never leave the browser.
 *
 * The reading and merging (merge-run.ts, with ExcelJS) is a chunk of its own, fetched when 汇总 is first used.
 */
import { useEffect, useState } from 'react';
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Subtitle1, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { TemplateId } from '../core/types';
import type { Profile } from '../core/profile/schema';
import type { Ymd } from '../core/cells/dates';
import { DEFAULT_PROFILE } from '../core/profile/default-profile';
import { mergeStory, sourceLabel, type MergedSubmission, type MergeIssue } from '../core/merge';
import { checkOptions, templateTitle, todayYmd } from '../taskpane/model';
import { TemplatePicker } from '../taskpane/components/TemplatePicker';
import { downloadBytes } from '../taskpane/download';

export interface MergeViewProps {
  files: readonly File[];
  onClose: () => void;
  profile?: Profile;
  today?: () => Ymd;
}

type State =
  | { kind: 'reading'; n: number }
  | { kind: 'failed'; title: string; message: string }
  | { kind: 'ready'; m: MergedSubmission };

/** Issues and preview rows shown before the rest is counted. */
const SHOWN_ISSUES = 50;
const PREVIEW_ROWS = 20;

const useStyles = makeStyles({
  page: {
    flex: 1,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  note: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, maxWidth: '100%' },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '2px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'nowrap' },
  td: { padding: '2px 8px', verticalAlign: 'top', overflowWrap: 'anywhere', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  picker: { maxWidth: '360px' },
});

function where(i: MergeIssue): string {
  if (i.file === null) return `汇总文件 ${i.cell ?? '表头'}`;
  const at = i.sourceCell ?? (i.sourceRow === null ? '表头' : `第${i.sourceRow}行`);
  return `${i.file} 工作表「${i.sheet}」${at}${i.row === null ? '' : ` → 汇总文件第${i.row}行`}`;
}

function Sources({ m }: { m: MergedSubmission }) {
  const s = useStyles();
  const r = m.report;
  return (
    <section aria-label="要汇总的文件">
      <Subtitle2 as="h3">要汇总的文件</Subtitle2>
      <table className={s.table}>
        <thead>
          <tr>
            <th className={s.th}>文件</th>
            <th className={s.th}>工作表</th>
            <th className={s.th}>模板</th>
            <th className={s.th}>记录</th>
            <th className={s.th}>已自动修正</th>
          </tr>
        </thead>
        <tbody>
          {r.sources.map((x, k) => (
            <tr key={k}>
              <td className={s.td}>{x.file}</td>
              <td className={s.td}>{x.sheet}</td>
              <td className={s.td}>{templateTitle(x.template)}</td>
              <td className={mergeClasses(s.td, s.num)}>{x.records}</td>
              <td className={mergeClasses(s.td, s.num)}>{x.fixed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.skipped.length ? (
        <Caption1 className={s.note} block>
          未汇总：{r.skipped.map((x) => `${x.file} 工作表「${x.sheet}」（${x.reason}）`).join('；')}
        </Caption1>
      ) : null}
    </section>
  );
}

function Duplicates({ issues }: { issues: readonly MergeIssue[] }) {
  const s = useStyles();
  if (!issues.length) return null;
  return (
    <section aria-label="两个文件中都有的记录">
      <Subtitle2 as="h3" className={s.error}>
        两个文件中都有的记录（{issues.length} 条）
      </Subtitle2>
      <ul className={s.list}>
        {issues.slice(0, SHOWN_ISSUES).map((i, k) => (
          <li key={k}>
            {i.message}
            {i.related?.length ? `（汇总文件第${i.related[0]!.row}、${i.row}行）` : ''}
          </li>
        ))}
        {issues.length > SHOWN_ISSUES ? <li>……共 {issues.length} 条</li> : null}
      </ul>
    </section>
  );
}

function Issues({ issues }: { issues: readonly MergeIssue[] }) {
  const s = useStyles();
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <section aria-label="其他问题">
      <Subtitle2 as="h3">
        其他问题（错误 {errors} 个，警告 {issues.length - errors} 个）
      </Subtitle2>
      <ul className={s.list}>
        {issues.slice(0, SHOWN_ISSUES).map((i, k) => (
          <li key={k}>
            <span className={i.severity === 'error' ? s.error : s.warning}>{i.severity === 'error' ? '错误' : '警告'}</span> {where(i)}：{i.message}
            {i.related?.length ? `（另见 ${i.related.slice(0, 3).map(sourceLabel).join('、')}）` : ''}
          </li>
        ))}
        {issues.length > SHOWN_ISSUES ? <li>……共 {issues.length} 个，改正后重新汇总可再查看</li> : null}
      </ul>
    </section>
  );
}

/** The merged table's first rows as they will be written, each with the file and row it comes from. */
function Preview({ m }: { m: MergedSubmission }) {
  const s = useStyles();
  const rows = m.book.sheets[0]!.rows;
  const first = m.book.firstRecordRow;
  const header = rows[first - 2]!;
  const n = m.merged.records.length;
  const shown = Math.min(n, PREVIEW_ROWS);
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? String((v as { error: string }).error) : String(v));
  return (
    <section aria-label="汇总后的表格（预览）">
      <Subtitle2 as="h3">汇总后的表格（前 {shown} 行）</Subtitle2>
      <table className={s.table}>
        <thead>
          <tr>
            <th className={s.th}>行</th>
            {header.cells.map((c, k) => (
              <th key={k} className={s.th}>
                {text(c.value)}
              </th>
            ))}
            <th className={s.th}>来自</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(first - 1, first - 1 + shown).map((r, k) => (
            <tr key={k}>
              <td className={mergeClasses(s.td, s.num)}>{first + k}</td>
              {r.cells.map((c, j) => (
                <td key={j} className={s.td}>
                  {text(c.value)}
                </td>
              ))}
              <td className={s.td}>{sourceLabel(m.origins[k]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {n > shown ? (
        <Caption1 className={s.note} block>
          ……共 {n} 行，最后一行“{text(rows[first - 1 + n]!.cells[0]!.value)}”
        </Caption1>
      ) : null}
    </section>
  );
}

export function MergeView({ files, onClose, profile = DEFAULT_PROFILE, today = todayYmd }: MergeViewProps) {
  const s = useStyles();
  const [template, setTemplate] = useState<TemplateId | null>(null);
  const [state, setState] = useState<State>({ kind: 'reading', n: 0 });
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState({ kind: 'reading', n: 0 });
    setSaved(null);
    const options = checkOptions(profile, template, today());
    (async () => {
      let run: typeof import('./merge-run');
      try {
        run = await import(/* webpackChunkName: "merge" */ './merge-run');
      } catch (e) {
        throw new Error(`汇总功能未能加载（${e instanceof Error ? e.message : String(e)}），请刷新页面后再试`);
      }
      const outcome = await run.mergeFiles(files, profile, options, (n) => live && setState({ kind: 'reading', n }));
      if (!live) return;
      if (outcome.kind === 'refused') {
        const hint = outcome.refusal.kind === 'mixed-templates' ? '（某个文件识别有误时，可在上方指定模板）' : '';
        setState({ kind: 'failed', title: '无法汇总', message: `${outcome.refusal.message}${hint}` });
      } else {
        setState({ kind: 'ready', m: outcome });
      }
    })().catch((e: unknown) => {
      // A typed Chinese message naming the file (XuejiInputError); anything else is still shown, never swallowed.
      if (live) setState({ kind: 'failed', title: '无法读取文件', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      live = false;
    };
  }, [files, template, profile, today]);

  const download = async (m: MergedSubmission) => {
    try {
      const run = await import(/* webpackChunkName: "merge" */ './merge-run');
      downloadBytes(m.report.file, await run.mergedFileBytes(m));
      const errors = m.report.summary.errors;
      setSaved(`已下载“${m.report.file}”：${mergeStory(m, profile)}${errors ? `；其中仍有错误 ${errors} 个，报送后会被退回，请尽快改正` : ''}。原文件未改动。`);
    } catch (e) {
      setState({ kind: 'failed', title: '下载失败', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const m = state.kind === 'ready' ? state.m : null;
  const issues = m?.report.sheets[0]!.issues ?? [];
  const duplicates = issues.filter((i) => i.rule === 'row.duplicate' && i.related?.length);
  const others = issues.filter((i) => !duplicates.includes(i));
  const errors = m?.report.summary.errors ?? 0;
  return (
    <main className={s.page} aria-label="汇总">
      <div className={s.row}>
        <Subtitle1 as="h2">
          汇总 {files.length} 个文件{m ? `：${templateTitle(m.template)}（${m.template}）` : ''}
        </Subtitle1>
        <Button onClick={onClose}>返回</Button>
      </div>
      <Caption1 className={s.note} block>
        把各学习中心报来的同一种表格合成一份报送文件：每条记录一次，按学号（毕业生按注册证号）排序，序号重编，只有一个结束行或签字行，
        格式与“导出”相同（可直接打印）。文件只在这个浏览器里处理，不会上传。
      </Caption1>
      <div className={s.picker}>
        <TemplatePicker value={template} onChange={setTemplate} disabled={state.kind === 'reading'} />
      </div>
      {state.kind === 'reading' ? (
        <Text role="status">正在读取第 {Math.max(state.n, 1)}/{files.length} 个文件…</Text>
      ) : null}
      {state.kind === 'failed' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{state.title}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {m ? (
        <>
          <Sources m={m} />
          <Text weight="semibold">
            汇总后：{mergeStory(m, profile)} → {m.report.file}
          </Text>
          <Duplicates issues={duplicates} />
          <Issues issues={others} />
          {errors ? (
            <Text className={s.error}>
              还有 {errors} 个错误无法自动修复，汇总文件报送后会被退回。请在各中心的原表中改正后重新汇总，或确认后仍然下载。
            </Text>
          ) : null}
          <div className={s.row}>
            <Button appearance={errors ? 'secondary' : 'primary'} onClick={() => void download(m)}>
              {errors ? '忽略错误，仍然下载汇总文件' : '下载汇总文件'}
            </Button>
          </div>
          {saved ? <Text role="status">{saved}</Text> : null}
          <Preview m={m} />
        </>
      ) : null}
    </main>
  );
}
