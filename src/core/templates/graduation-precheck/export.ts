/**
 * The pre-check's export (DOMAIN.md §3 T5): one workbook, two sheets — 可申请毕业 (with the warnings as 提示) and
 * 暂不能申请 (with the reasons in words) — each a title row merged across the table, the header and one row per
 * student, printed like every other export (A4, one page wide, header repeated and frozen, page numbers: print.ts).
 * Plain data: src/files/export-xlsx.ts writes it, as it writes the submission files.
 */
import type { Ymd } from '../../cells/dates';
import { address } from '../../engine/a1';
import { printPlan } from '../../export/print';
import { sanitiseFileName } from '../../export/file-name';
import type { ExportCell, ExportRow, ExportSheet, ExportWorkbook } from '../../export/types';
import type { PrecheckColumn, PrecheckLayout } from './profile';
import { fillPlaceholders, inWords, type PrecheckResult, type PrecheckStudent } from './result';

const TEXT = '@';
const GENERAL = 'General';
/** The columns of sentences: wrapped, so that a printed page shows them whole. */
const WORDS: ReadonlySet<PrecheckColumn['value']> = new Set(['reasons', 'notes']);

function value(c: PrecheckColumn, s: PrecheckStudent, n: number): string | number | null {
  switch (c.value) {
    case 'seq':
      return n;
    case 'sourceRow':
      return s.row;
    case 'reasons':
      return inWords(s.reasons) || null;
    case 'notes':
      return inWords(s.notes) || null;
    default:
      return s.values[c.value] ?? null;
  }
}

function sheetOf(name: string, title: string, columns: readonly PrecheckColumn[], students: readonly PrecheckStudent[], layout: PrecheckLayout): ExportSheet {
  const width = columns.length;
  const titleCells: ExportCell[] = columns.map((_, i) => ({ value: i === 0 ? title : null, numberFormat: i === 0 ? TEXT : GENERAL }));
  const rows: ExportRow[] = [
    { role: 'title', cells: titleCells },
    { role: 'header', cells: columns.map((c) => ({ value: c.header, numberFormat: TEXT })) },
  ];
  students.forEach((s, i) => {
    rows.push({
      role: 'record',
      cells: columns.map((c) => ({ value: value(c, s, i + 1), numberFormat: c.text ? TEXT : GENERAL, ...(WORDS.has(c.value) ? { wrap: true } : {}) })),
    });
  });
  const merges = width > 1 ? [`${address(1, 0)}:${address(1, width - 1)}`] : [];
  const print = printPlan(layout.print, { headerFirst: 2, headerLast: 2, lastRecord: 2 + students.length }, { left: 0, right: width - 1 });
  return { name, rows, widths: columns.map((c) => c.width), merges, print };
}

/** The workbook of a pre-check: 可申请毕业 first, then 暂不能申请 (profile `precheck.layout`). */
export function precheckWorkbook(result: PrecheckResult, layout: PrecheckLayout, reportDate: Ymd): ExportWorkbook {
  const fill = (t: string) => fillPlaceholders(t, result.batch, reportDate);
  return {
    template: 'graduation-precheck',
    fileName: sanitiseFileName(fill(layout.fileName)),
    sheets: [
      sheetOf(layout.apply.sheetName, fill(layout.apply.title), layout.apply.columns, result.apply, layout),
      sheetOf(layout.refuse.sheetName, fill(layout.refuse.title), layout.refuse.columns, result.refuse, layout),
    ],
    firstRecordRow: 3,
  };
}
