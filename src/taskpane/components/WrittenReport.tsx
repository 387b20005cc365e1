/**
 * 生成书面报告 in the task pane and the workbench (the body of the 书面报告 section, WrittenReportSection.tsx): what `xueji report` does (DOMAIN.md §3 "The paper side"), from every
 * sheet of the open workbook plus any other .xlsx the registrar adds (the semester's other rosters, one per batch).
 * The counting and the wording are the pure core's (src/core/written-report); the .docx is typeset by
 * src/files/report-docx.ts, loaded — with the `docx` library — only when the button is clicked; an added file is read
 * with ExcelJS, loaded only then too. Errors no fix resolves hold the reports back until the registrar goes on anyway,
 * as 导出 does. The reports are saved through the port when it can save bytes, else downloaded.
 */
import { useId, useState } from 'react';
import { Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { WorkbookPort } from '../../core/port';
import type { Profile } from '../../core/profile/schema';
import type { Ymd } from '../../core/cells/dates';
import {
  buildWrittenReports,
  correctionSummary,
  withdrawalSummary,
  type ReportSource,
  type WrittenReports,
} from '../../core/written-report';
import { checkOptions } from '../model';
import { DOCX_MIME, saveBytes } from '../download';
import { readBlob } from './AttachmentCheck';
import { HeldByErrors } from './HeldByErrors';

export interface WrittenReportProps {
  port: WorkbookPort;
  profile: Profile;
  today: () => Ymd;
  disabled?: boolean;
}

/** What the open workbook is called in the report (the workbench knows its file name; Excel's port does not). */
function workbookLabel(port: WorkbookPort): string {
  const name = (port as { fileName?: unknown }).fileName;
  return typeof name === 'string' && name ? name : '当前工作簿';
}

/** Every sheet of a port, as the core reads sheets. */
async function sheetsOf(port: WorkbookPort, file: string): Promise<ReportSource> {
  const list = await port.listSheets();
  const sheets = [];
  for (const s of list) sheets.push(await port.readSheet(s.name));
  return { file, sheets };
}

async function sourceOfFile(file: File): Promise<ReportSource> {
  const { openWorkbench } = await import(/* webpackChunkName: "workbench" */ '../../files/workbench-open');
  const opened = await openWorkbench(await readBlob(file), file.name, () => undefined);
  return sheetsOf(opened.port, file.name);
}

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  pick: { display: 'flex', flexDirection: 'column', gap: '2px' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  alert: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

/** Errors shown before the registrar decides to go on. */
const SHOWN_ERRORS = 5;

export function WrittenReport({ port, profile, today, disabled }: WrittenReportProps) {
  const s = useStyles();
  const inputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<WrittenReports | null>(null);
  const [done, setDone] = useState<string[] | null>(null);

  const write = async (reports: WrittenReports) => {
    let writer: typeof import('../../files/report-docx');
    try {
      writer = await import(/* webpackChunkName: "report-docx" */ '../../files/report-docx');
    } catch (e) {
      throw new Error(`书面报告功能未能加载（${e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试`);
    }
    const lines: string[] = [];
    if (reports.correction) {
      const { counts, document } = reports.correction;
      await saveBytes(port, document.fileName, await writer.reportDocxBytes(document), DOCX_MIME);
      const late = counts.late.length ? `；逾期提交 ${counts.late.length} 项，已附情况说明（请填写原因，由主管校长审批签字、加盖学校公章）` : '';
      lines.push(`已生成“${document.fileName}”：${counts.tables.length} 张统计表，${correctionSummary(counts)}${late}。`);
    }
    if (reports.withdrawal) {
      const { counts, document } = reports.withdrawal;
      await saveBytes(port, document.fileName, await writer.reportDocxBytes(document), DOCX_MIME);
      lines.push(`已生成“${document.fileName}”：${withdrawalSummary(counts)}。`);
    }
    const errors = reports.inputs.errors.length;
    if (errors) lines.push(`注意：报告中计入了仍有错误的 ${errors} 处，请改正表格后重新生成。`);
    setDone(lines);
  };

  const run = async (goOn: WrittenReports | null) => {
    setRunning(true);
    setFailure(null);
    setDone(null);
    setBlocked(null);
    try {
      let reports = goOn;
      if (!reports) {
        const sources = [await sheetsOf(port, workbookLabel(port))];
        for (const f of files) sources.push(await sourceOfFile(f));
        reports = buildWrittenReports(sources, profile, checkOptions(profile, null, today()).reportDate);
      }
      if (!reports.correction && !reports.withdrawal) {
        setFailure('没有找到学生基本信息修改情况统计表或学信网退学汇总名单，无法生成书面报告。退学名单在其他文件中时，请先“添加其他工作簿”。');
      } else if (reports.inputs.errors.length && !goOn) {
        setBlocked(reports);
      } else {
        await write(reports);
      }
    } catch (e) {
      setFailure(`生成书面报告失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRunning(false);
    }
  };

  const errors = blocked?.inputs.errors ?? [];
  return (
    <section className={s.panel} aria-label="书面报告">
      <Caption1 className={s.meta}>
        由信息修改统计表生成《信息修改书面报告》（逾期提交的新生附情况说明），由本学期各批退学名单生成《学信网退学书面报告》：
        Word 文档，A4，可修改后打印、签字盖章。使用当前工作簿的全部工作表；其他批次的退学名单在别的文件中时，一并添加（按添加顺序编为第2批、第3批……）。
      </Caption1>
      <div className={s.pick}>
        <label htmlFor={inputId}>添加其他工作簿（.xlsx）</label>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={disabled || running}
          onChange={(e) => {
            setFiles(e.target.files ? Array.from(e.target.files) : []);
            setBlocked(null);
            setDone(null);
          }}
        />
        <Caption1 className={s.meta}>{files.length ? `已添加：${files.map((f) => f.name).join('、')}` : '未添加其他工作簿。'}</Caption1>
      </div>
      <div className={s.row}>
        <Button appearance="primary" disabled={disabled || running} onClick={() => void run(null)}>
          生成书面报告
        </Button>
      </div>
      {blocked ? (
        <HeldByErrors
          label="生成书面报告前需要处理的错误"
          role="group"
          intro={`表格中还有 ${errors.length} 个无法自动修复的错误，书面报告中的数字可能与省校接受的表格不一致，报告暂未生成。请先改正，或确认后继续：`}
          lines={errors.slice(0, SHOWN_ERRORS).map((e) => `${e.file}「${e.sheet}」${e.issue.cell ?? '表头'}：${e.issue.message}`)}
          total={errors.length}
          onContinue={() => void run(blocked)}
          onCancel={() => setBlocked(null)}
          continueDisabled={disabled || running}
          cancelDisabled={running}
        />
      ) : null}
      {failure ? (
        <Text className={s.alert} role="alert">
          {failure}
        </Text>
      ) : null}
      {done ? (
        <div role="status">
          {done.map((l, k) => (
            <Text key={k} block>
              {l}
            </Text>
          ))}
        </div>
      ) : null}
    </section>
  );
}
