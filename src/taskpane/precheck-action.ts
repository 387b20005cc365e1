/**
 * 毕业资格预审 in the pane and the workbench, without React: the sheet the registrar is on, checked as the
 * graduation-precheck template against the batch picked (src/core/precheck — the same function `xueji precheck`
 * runs), the cells that decide marked through the port, and the two-sheet workbook (可申请毕业, 暂不能申请) made with
 * the exporter's writer (src/files/export-xlsx, its own chunk, loaded only when 导出 is clicked) and handed to the port
 * (Excel opens it as a new workbook, the workbench downloads it).
 */
import type { WorkbookPort } from '../core/port';
import type { Profile } from '../core/profile/schema';
import type { Ymd } from '../core/cells/dates';
import { precheckExport, runPrecheck, type Batch, type PrecheckResult } from '../core/precheck';
import { marksOf } from './model';

export interface PanePrecheck {
  sheet: string;
  result: PrecheckResult;
}

/** Thrown with a Chinese message the section shows as it is. */
export class PrecheckPaneError extends Error {}

async function activeSheet(port: WorkbookPort): Promise<string> {
  const sheets = await port.listSheets();
  const name = (sheets.find((x) => x.active) ?? sheets[0])?.name;
  if (!name) throw new PrecheckPaneError('工作簿中没有工作表');
  return name;
}

/**
 * Pre-check the active sheet against a batch and mark the cells of every reason (errors red, the last-chance
 * warning yellow), replacing the add-in's earlier marks on that sheet as a new 校验 does.
 */
export async function precheckActiveSheet(
  port: WorkbookPort,
  profile: Profile,
  reportDate: Ymd,
  batch: Batch,
  onStep: (label: string) => void = () => undefined,
): Promise<PanePrecheck> {
  const sheet = await activeSheet(port);
  onStep(`正在读取工作表“${sheet}”…`);
  const input = await port.readSheet(sheet);
  onStep('正在预审…');
  const run = runPrecheck(sheet, [input], profile, { reportDate, batch });
  if (!run.analyses.length) {
    throw new PrecheckPaneError(
      `工作表“${sheet}”的前20行中找不到学生名单的表头（至少要有学号、姓名两列；入学年度学期、学籍状态、毕业照片状态、学信网照片、身份存疑等列有则检查）。请切换到平台导出的学生名单后再预审。`,
    );
  }
  const { result } = run;
  const deciding = [...result.refuse, ...result.apply].flatMap((s) => [...s.reasons, ...s.notes]);
  await port.highlight(sheet, marksOf(deciding));
  return { sheet, result };
}

function toBytes(buffer: ArrayBuffer | Uint8Array): Uint8Array {
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/** The export of a pre-check, handed to the port: 'opened' in Excel, 'downloaded' elsewhere. */
export async function exportPrecheck(port: WorkbookPort, result: PrecheckResult, profile: Profile): Promise<{ fileName: string; outcome: 'opened' | 'downloaded' }> {
  let writer: typeof import('../files/export-xlsx');
  try {
    writer = await import(/* webpackChunkName: "export-xlsx" */ '../files/export-xlsx');
  } catch (e) {
    throw new PrecheckPaneError(`导出功能未能加载（${e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试`);
  }
  const book = precheckExport(result, profile);
  const data = toBytes((await writer.workbookFromExport(book).xlsx.writeBuffer()) as ArrayBuffer);
  return { fileName: book.fileName, outcome: await port.openWorkbook(book.fileName, data) };
}
