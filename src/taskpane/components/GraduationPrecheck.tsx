/**
 * 毕业资格预审 in the task pane and the workbench (the body of PrecheckSection.tsx): what `xueji precheck` does
 * (DOMAIN.md §3 T5) on the sheet the registrar is on — a batch picker (default: the next batch after the report
 * date), the students per reason, who may not apply and why (each reason selects its cell, and the cells are marked
 * in the sheet), and 导出预审结果 (可申请毕业, 暂不能申请). The logic is src/taskpane/precheck-action.ts and the core.
 */
import { useMemo, useState } from 'react';
import { Button, Caption1, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import type { WorkbookPort } from '../../core/port';
import type { Profile } from '../../core/profile/schema';
import { formatYmd, type Ymd } from '../../core/cells/dates';
import { batchChoices, batchCode, batchLabel, batchOfCode, type PrecheckStudent } from '../../core/precheck';
import type { Issue } from '../../core/types';
import { ruleTitle } from '../../core/rules/catalog';
import { checkOptions } from '../model';
import { exportPrecheck, precheckActiveSheet, PrecheckPaneError, type PanePrecheck } from '../precheck-action';

export interface GraduationPrecheckProps {
  port: WorkbookPort;
  profile: Profile;
  today: () => Ymd;
  disabled?: boolean;
}

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  alert: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cellL: { textAlign: 'left', padding: `2px ${tokens.spacingHorizontalS} 2px 0`, fontWeight: tokens.fontWeightRegular },
  cellR: { textAlign: 'right', padding: `2px ${tokens.spacingHorizontalS}`, fontVariantNumeric: 'tabular-nums' },
  rule: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { listStyleType: 'none', overflowWrap: 'anywhere' },
  link: {
    border: 'none',
    background: 'none',
    padding: 0,
    marginRight: tokens.spacingHorizontalXS,
    color: tokens.colorBrandForegroundLink,
    fontFamily: tokens.fontFamilyMonospace,
    cursor: 'pointer',
    textDecorationLine: 'underline',
  },
});

/** Students listed per group (the export has all of them). */
const SHOWN = 200;

export function GraduationPrecheck({ port, profile, today, disabled }: GraduationPrecheckProps) {
  const s = useStyles();
  const reportDate = checkOptions(profile, null, today()).reportDate;
  const { choices, next } = useMemo(() => batchChoices(reportDate, profile), [reportDate.y, reportDate.m, reportDate.d, profile]);
  const [code, setCode] = useState(batchCode(next));
  const [running, setRunning] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<PanePrecheck | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const fail = (what: string, e: unknown) =>
    setFailure(e instanceof PrecheckPaneError ? e.message : `${what}失败：${e instanceof Error ? e.message : String(e)}`);

  const run = async () => {
    const batch = batchOfCode(code, choices) ?? next;
    setFailure(null);
    setExported(null);
    setDone(null);
    setRunning('正在预审…');
    try {
      setDone(await precheckActiveSheet(port, profile, reportDate, batch, setRunning));
    } catch (e) {
      fail('毕业资格预审', e);
    } finally {
      setRunning(null);
    }
  };

  const onExport = async () => {
    if (!done) return;
    setFailure(null);
    setExported(null);
    setRunning('正在生成预审结果…');
    try {
      const { fileName, outcome } = await exportPrecheck(port, done.result, profile);
      const r = done.result;
      setExported(
        `已导出“${fileName}”${outcome === 'opened' ? '（已在 Excel 中打开为新工作簿，请保存）' : '（已下载）'}：工作表“可申请毕业” ${r.apply.length} 名，“暂不能申请” ${r.refuse.length} 名。`,
      );
    } catch (e) {
      fail('导出预审结果', e);
    } finally {
      setRunning(null);
    }
  };

  const select = (cell: string | null) => {
    if (!done || !cell) return;
    port.select(done.sheet, cell).catch((e: unknown) => fail('选中单元格', e));
  };

  const busy = disabled || running !== null;
  const r = done?.result ?? null;
  const lastChance = r ? r.apply.filter((x) => x.notes.length) : [];

  const studentItem = (x: PrecheckStudent, issues: readonly Issue[]) => (
    <li key={`${x.sheet}!${x.row}`} className={s.item}>
      <Text weight="semibold">
        {x.values.studentId ?? '（无学号）'} {x.values.name ?? ''}
      </Text>
      {issues.map((i, k) => (
        <div key={k}>
          <button type="button" className={s.link} title={i.message} onClick={() => select(i.cell ?? x.cell)}>
            {i.cell ?? x.cell}
          </button>
          <Text>
            {ruleTitle(i.rule)}：{i.message}
          </Text>
        </div>
      ))}
    </li>
  );

  return (
    <section className={s.panel} aria-label="毕业资格预审">
      <Caption1 className={s.meta}>
        按平台导出的学生名单（学号、姓名、入学年度学期、学籍状态、毕业照片状态、学信网照片等列）判断谁可以申请本批次毕业、谁暂不能申请及原因，
        并在表格中标出原因所在的单元格。使用当前工作表。
      </Caption1>
      <div className={s.row}>
        <Field label="毕业批次" hint={`默认为报送日期 ${formatYmd(reportDate)} 之后的下一批次`}>
          <Select value={code} disabled={busy} onChange={(_, d) => setCode(d.value)}>
            {choices.map((b) => (
              <option key={batchCode(b)} value={batchCode(b)}>
                {batchLabel(b)}（{batchCode(b)}）
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" disabled={busy} onClick={() => void run()}>
          开始预审
        </Button>
        <Button disabled={busy || !r} onClick={() => void onExport()}>
          导出预审结果
        </Button>
      </div>
      {running ? <Caption1 role="progressbar">{running}</Caption1> : null}
      {failure ? (
        <Text className={s.alert} role="alert">
          {failure}
        </Text>
      ) : null}
      {exported ? <Text role="status">{exported}</Text> : null}
      {r ? (
        <div role="region" aria-label="预审结果">
          <Text block weight="semibold">
            {batchLabel(r.batch)}批次（{r.code}，毕业证书日期 {formatYmd(r.certificateDate)}）：可申请毕业 {r.apply.length} 名
            {lastChance.length ? `（其中 ${lastChance.length} 名本批次是最后一次机会）` : ''}；暂不能申请 {r.refuse.length} 名（共{' '}
            {r.apply.length + r.refuse.length} 名）
          </Text>
          {r.counts.length ? (
            <table className={s.table} aria-label="各原因人数">
              <tbody>
                {r.counts.map((c) => (
                  <tr key={c.rule}>
                    <th scope="row" className={s.cellL}>
                      {c.title}
                      {c.severity === 'warning' ? '（提醒，仍可申请）' : ''}
                    </th>
                    <td className={s.cellR}>{c.students} 名</td>
                    <td className={s.rule}>[{c.rule}]</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {r.refuse.length ? (
            <>
              <Text block weight="semibold">
                暂不能申请的学生（点击单元格地址可定位；表格中已标出）：
              </Text>
              <ul className={s.list} aria-label="暂不能申请的学生">
                {r.refuse.slice(0, SHOWN).map((x) => studentItem(x, x.reasons))}
                {r.refuse.length > SHOWN ? <li className={s.item}>……共 {r.refuse.length} 名，全部名单请导出预审结果</li> : null}
              </ul>
            </>
          ) : null}
          {lastChance.length ? (
            <>
              <Text block weight="semibold">
                可申请、但本批次是最后一次机会的学生：
              </Text>
              <ul className={s.list} aria-label="最后一次机会的学生">
                {lastChance.slice(0, SHOWN).map((x) => studentItem(x, x.notes))}
                {lastChance.length > SHOWN ? <li className={s.item}>……共 {lastChance.length} 名</li> : null}
              </ul>
            </>
          ) : null}
          {r.reminders.map((t, k) => (
            <Caption1 key={k} block className={s.meta}>
              提醒：{t}
            </Caption1>
          ))}
        </div>
      ) : null}
    </section>
  );
}
