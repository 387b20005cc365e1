/**
 * The written reports as plain documents (what is said, in what order): the file layer only typesets them
 * (files/report-docx.ts: A4, 宋体 body, 黑体 title). The wording follows seed 003:
 * - 信息修改书面报告 (§五(二)1(1)): "报告中注明信息变更或信息录入错误的具体数量，由各教学点主管领导签字，并加盖公章" — the
 *   counts by 修改类型 and by 修改项目, the students, lines for 主管领导签字, 经手人, 公章 and the date;
 * - its 情况说明 for rows filed late (§五(二)1(1), §五(一)4): "说明原因，由主管校长审批并签字，加盖学校公章" — the students,
 *   a blank for the reason, the 主管校长's approval and signature, the school's seal;
 * - 学信网退学书面报告 (§三(二)2): "报告中注明本学期共提交学信网退学申请多少批，经手人签字，并加盖教学点公章".
 */
import type { Ymd } from '../cells/dates';
import { formatYmd } from '../cells/dates';
import { UNSTATED, type ChangeLine, type CorrectionCounts, type TypeCounts, type WithdrawalCounts } from './counts';
import type { CorrectionTemplate } from './inputs';

export type Block =
  /** A numbered heading of the body (一、…), 黑体. */
  | { kind: 'heading'; text: string }
  /** A paragraph; `indent`: first line indented two characters, as Chinese prose is. */
  | { kind: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'right' }
  /** A table; `widths` are relative; `total`: the last row is a 合计 row (bold). */
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[]; total?: boolean }
  /** Empty ruled lines to write on (the reason, the approval). */
  | { kind: 'lines'; count: number }
  /** Signature lines, right of centre (签字, 公章, date). */
  | { kind: 'signature'; lines: string[] };


/** A document: each part has a title (黑体) and its blocks; a part after the first starts on a new page. */
export interface ReportDocument {
  fileName: string;
  parts: { title: string; blocks: Block[] }[];
}

export interface DocumentContext {
  reportDate: Ymd;
  /** profile `writtenReport.unit`. */
  unit: string | null;
}

export const CORRECTION_REPORT_FILE = '信息修改书面报告.docx';
export const WITHDRAWAL_REPORT_FILE = '学信网退学书面报告.docx';

export const CORRECTION_REPORT_TITLE = '学生基本信息修改书面报告';
export const LATE_STATEMENT_TITLE = '关于逾期提交学生基本信息修改申请的情况说明';
export const WITHDRAWAL_REPORT_TITLE = '学信网退学书面报告';

/** A blank to write on (full-width low lines: they print as a line in any font). */
export const BLANK = '＿'.repeat(10);

const TABLE_NAME: Record<CorrectionTemplate, string> = {
  'correction-new': '新生基本信息修改情况统计表',
  'correction-enrolled': '在籍生基本信息修改情况统计表',
  'correction-graduate': '毕业生基本信息修改情况统计表',
};
const TABLE_SHORT: Record<CorrectionTemplate, string> = {
  'correction-new': '新生',
  'correction-enrolled': '在籍生',
  'correction-graduate': '毕业生',
};
const FULL_TITLE = (t: CorrectionTemplate) => `《国家开放大学(原中央广播电视大学)${TABLE_NAME[t]}》`;

/** 2026年3月5日. */
export function chineseDate(d: Ymd): string {
  return `${d.y}年${d.m}月${d.d}日`;
}

/** The date line left for the signer: "年 月 日" with room to write. */
const DATE_BLANK = '　　　　年　　月　　日';

function unitName(ctx: DocumentContext): string {
  return ctx.unit ?? '本教学点';
}

/** "信息变更 1 项，信息录入错误 3 项" (+ "修改类型未注明 N 项" when a forced report has such). */
function typesText(t: TypeCounts): string {
  const parts = [`信息变更 ${t.信息变更} 项`, `信息录入错误 ${t.录入错误} 项`];
  if (t[UNSTATED]) parts.push(`修改类型未注明 ${t[UNSTATED]} 项`);
  return parts.join('，');
}

function keyLabel(lines: readonly { template: CorrectionTemplate }[]): string {
  const graduates = lines.filter((l) => l.template === 'correction-graduate').length;
  if (graduates === 0) return '学号';
  return graduates === lines.length ? '注册证号' : '学号 / 注册证号';
}

/** Who signs for, and the seal: the unit's name (or a blank for it), then where the seal goes. */
function sealLines(ctx: DocumentContext, seal: string): string[] {
  return [ctx.unit ?? `单位：${BLANK}`, `（加盖${seal}）`];
}

/** The 信息修改书面报告, and its 情况说明 when rows were filed late. */
export function correctionDocument(c: CorrectionCounts, ctx: DocumentContext): ReportDocument {
  const several = c.tables.length > 1;
  const tablesText = c.tables.map((t) => FULL_TITLE(t.template)).filter((t, i, all) => all.indexOf(t) === i).join('、');
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      indent: true,
      text: `${unitName(ctx)}现报送${tablesText}，共涉及学生 ${c.students} 人，修改信息 ${c.changes} 项，其中${typesText(c.byType)}。具体情况如下：`,
    },
    { kind: 'heading', text: '一、修改数量' },
  ];
  if (several) {
    // Two tables of one variant (two files of 新生 corrections) are told apart by their file and sheet.
    const twice = (t: CorrectionTemplate) => c.tables.filter((x) => x.template === t).length > 1;
    for (const t of c.tables) {
      const which = twice(t.template) ? `（${t.file}「${t.sheet}」）` : '';
      blocks.push({
        kind: 'paragraph',
        indent: true,
        text: `${TABLE_NAME[t.template]}${which}：学生 ${t.students} 人，修改信息 ${t.changes} 项，其中${typesText(t.byType)}。`,
      });
    }
  }
  const unstated = c.byType[UNSTATED] > 0;
  const typeHeads = unstated ? ['信息变更', '信息录入错误', '修改类型未注明'] : ['信息变更', '信息录入错误'];
  const typeCells = (t: TypeCounts) => (unstated ? [t.信息变更, t.录入错误, t[UNSTATED]] : [t.信息变更, t.录入错误]).map(String);
  blocks.push({
    kind: 'table',
    header: ['修改项目', ...typeHeads, '合计'],
    rows: [...c.byItem.map((i) => [i.item, ...typeCells(i), String(i.total)]), ['合计', ...typeCells(c.byType), String(c.changes)]],
    widths: [3, ...typeHeads.map(() => 2), 2],
    total: true,
  });

  blocks.push({ kind: 'heading', text: '二、学生名单' });
  blocks.push({
    kind: 'table',
    header: ['序号', keyLabel(c.lines), '姓名', '修改项目', '修改类型', ...(several ? ['统计表'] : [])],
    rows: c.lines.map((l, i) => [String(i + 1), l.key, l.name, l.item, l.changeType ?? UNSTATED, ...(several ? [TABLE_SHORT[l.template]] : [])]),
    widths: [1.3, 4, 2, 2, 2, ...(several ? [1.5] : [])],
  });
  if (c.late.length) {
    blocks.push({ kind: 'heading', text: '三、逾期提交的修改' });
    blocks.push({
      kind: 'paragraph',
      indent: true,
      text: `其中 ${c.lateStudents} 名新生的 ${c.late.length} 项修改超过了入学第一学期的提交期限，已另附情况说明，由主管校长审批签字并加盖学校公章。`,
    });
  }
  blocks.push({
    kind: 'signature',
    lines: [`主管领导（签字）：${BLANK}`, `经手人（签字）：${BLANK}`, ...sealLines(ctx, '公章'), chineseDate(ctx.reportDate)],
  });

  const parts: ReportDocument['parts'] = [{ title: CORRECTION_REPORT_TITLE, blocks }];
  if (c.late.length) parts.push({ title: LATE_STATEMENT_TITLE, blocks: lateStatement(c.late, c.lateStudents, ctx) });
  return { fileName: CORRECTION_REPORT_FILE, parts };
}

function lateStatement(late: readonly ChangeLine[], students: number, ctx: DocumentContext): Block[] {
  return [
    {
      kind: 'paragraph',
      indent: true,
      text:
        `新生信息修改应在新生入学第一学期内提交申请。${unitName(ctx)}以下 ${students} 名新生的 ${late.length} 项基本信息修改` +
        `未能在规定时间内提交，现说明原因，请主管校长审批。`,
    },
    {
      kind: 'table',
      header: ['序号', '学号', '姓名', '入学学期', '修改项目', '修改类型', '提交期限'],
      rows: late.map((l, i) => [String(i + 1), l.key, l.name, l.late!.term, l.item, l.changeType ?? UNSTATED, formatYmd(l.late!.deadline)]),
      widths: [1.3, 3.5, 2, 2, 2, 2, 2.5],
    },
    { kind: 'paragraph', text: '逾期原因：' },
    { kind: 'lines', count: 4 },
    { kind: 'paragraph', text: '主管校长审批意见：' },
    { kind: 'lines', count: 2 },
    { kind: 'signature', lines: [`主管校长（签字）：${BLANK}`, ...sealLines(ctx, '学校公章'), DATE_BLANK] },
  ];
}

function rosterName(b: { file: string; sheet: string }, sheetsOfFile: number): string {
  return sheetsOfFile > 1 ? `${b.file}「${b.sheet}」` : b.file;
}

/** The 学信网退学书面报告 of a semester: one roster per batch, numbered in the order given. */
export function withdrawalDocument(w: WithdrawalCounts, ctx: DocumentContext): ReportDocument {
  const perFile = new Map<string, number>();
  for (const b of w.batches) perFile.set(b.file, (perFile.get(b.file) ?? 0) + 1);
  const label = (n: number) => `第${n}批`;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      indent: true,
      text:
        `本学期${unitName(ctx)}共提交学信网退学申请 ${w.batches.length} 批，共 ${w.total} 名学生` +
        `（${w.batches.map((b) => `${label(b.batch)} ${b.students.length} 名`).join('，')}）。各批汇总名单附后，具体情况如下：`,
    },
    { kind: 'heading', text: '一、各批情况' },
    {
      kind: 'table',
      header: ['批次', '汇总名单', '分部名称', '人数'],
      rows: [
        ...w.batches.map((b) => [label(b.batch), rosterName(b, perFile.get(b.file)!), b.branchNames.join('、'), String(b.students.length)]),
        ['合计', `${w.batches.length} 批`, '', String(w.total)],
      ],
      widths: [1.5, 5, 2.5, 1.5],
      total: true,
    },
    { kind: 'heading', text: '二、退学学生名单' },
    {
      kind: 'table',
      header: ['序号', '批次', '学号全码', '学生姓名'],
      rows: w.batches.flatMap((b) => b.students.map((s) => [b.batch, s.studentId, s.name] as const)).map(([batch, sid, name], i) => [String(i + 1), label(batch), sid, name]),
      widths: [1.3, 1.5, 3.5, 2.5],
    },
    { kind: 'signature', lines: [`经手人（签字）：${BLANK}`, ...sealLines(ctx, '教学点公章'), chineseDate(ctx.reportDate)] },
  ];
  return { fileName: WITHDRAWAL_REPORT_FILE, parts: [{ title: WITHDRAWAL_REPORT_TITLE, blocks }] };
}

/** One line for the command line and the pane: "5 名学生 6 项修改（信息变更 2 项，信息录入错误 4 项）". */
export function correctionSummary(c: CorrectionCounts): string {
  return `${c.students} 名学生 ${c.changes} 项修改（${typesText(c.byType)}）`;
}

export function withdrawalSummary(w: WithdrawalCounts): string {
  return `${w.batches.length} 批，共 ${w.total} 名学生（${w.batches.map((b) => `第${b.batch}批 ${b.students.length} 名`).join('，')}）`;
}
