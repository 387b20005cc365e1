/**
 * The built-in layout of each submission file (DOMAIN.md §2, profile `*.layout`), as an abstract workbook: title
 * rows merged across the table, the header, one row per record (序号 renumbered 1..n, text columns with number format
 * `@`), then the row that closes the table — `/记录行结束/` in the first column for 免考信息表 (seed 003), the
 * signature row for the others — and nothing after it. 免考信息表 gets the reasons legend on a second sheet.
 */
import type { Cell, SheetInput, SubmissionTemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Ymd } from '../cells/dates';
import { address, columnLetter } from '../engine/a1';
import { subjectLabel } from '../rules/exemption';
import { resolveLayout, type ResolvedLayout } from './layouts';
import { expandPattern, fileNameFor, type NameContext } from './file-name';
import { printPlan, type PrintLayout } from './print';
import type { ExportCell, ExportRecord, ExportRow, ExportSheet, ExportValue, ExportWorkbook, SheetExport } from './types';

const TEXT = '@';
const GENERAL = 'General';

export interface BuildContext {
  reportDate: Ymd;
}

export function nameContext(sx: SheetExport, ctx: BuildContext): NameContext {
  return { branchNames: sx.branchNames, reportDate: ctx.reportDate, sheet: sx.sheet };
}

/** The value of one layout column for the n-th record (1-based): 序号 is the record's place. */
export function recordValue(field: string, rec: ExportRecord, n: number): ExportValue {
  if (field === 'seq') return n;
  return rec.values[field as keyof ExportRecord['values']] ?? null;
}

function textRow(role: ExportRow['role'], text: string, width: number): ExportRow {
  const cells: ExportCell[] = [{ value: text, numberFormat: TEXT }];
  for (let c = 1; c < width; c++) cells.push({ value: null, numberFormat: GENERAL });
  return { role, cells };
}

function mainSheet(layout: ResolvedLayout, sx: SheetExport, names: NameContext): ExportSheet {
  const width = layout.columns.length;
  const rows: ExportRow[] = [];
  const merges: string[] = [];
  for (const t of layout.titleRows) {
    rows.push(textRow('title', expandPattern(t, names), width));
    if (width > 1) merges.push(`${address(rows.length, 0)}:${address(rows.length, width - 1)}`);
  }
  rows.push({ role: 'header', cells: layout.columns.map((c) => ({ value: c.header, numberFormat: TEXT })) });
  sx.records.forEach((rec, i) => {
    rows.push({
      role: 'record',
      cells: layout.columns.map((c) => ({ value: recordValue(c.field, rec, i + 1), numberFormat: c.text ? TEXT : GENERAL })),
    });
  });
  const header = layout.titleRows.length + 1;
  rows.push(textRow(layout.marker.kind, layout.marker.text, width));
  const print = printPlan(layout.print, { headerFirst: header, headerLast: header, lastRecord: header + sx.records.length }, { left: 0, right: width - 1 });
  return { name: layout.sheetName, rows, widths: layout.columns.map((c) => c.width), merges, print };
}

/**
 * 免考原因 "参照表后备注填写" (seed 003): the reasons, numbered as the profile numbers them, with the subjects each
 * one exempts. Its header is not a template's, so reading the file back gives this sheet a warning at most.
 */
function legendSheet(name: string, profile: Profile, print: PrintLayout): ExportSheet {
  const how = profile.exemption.writeReason === 'text' ? '填写原因全文' : '填写原因序号';
  const rows: ExportRow[] = [
    textRow('legend-title', `备注：“免考原因”一栏参照下表${how}`, 3),
    { role: 'legend-header', cells: ['序号', '免考原因', '可免考科目（代码）'].map((v) => ({ value: v, numberFormat: TEXT })) },
  ];
  for (const r of profile.exemption.reasons) {
    const subjects = r.subjects.map((code) => `${subjectLabel(code, profile)}（${code}）`).join('、');
    rows.push({
      role: 'legend',
      cells: [
        { value: r.id, numberFormat: GENERAL },
        { value: r.text, numberFormat: TEXT },
        { value: subjects, numberFormat: TEXT },
      ],
    });
  }
  // Row 1 is the note, row 2 the legend's header.
  const plan = printPlan(print, { headerFirst: 2, headerLast: 2, lastRecord: rows.length }, { left: 0, right: 2 });
  return { name, rows, widths: [6, 58, 36], merges: [`A1:${columnLetter(2)}1`], print: plan };
}

/** The submission workbook of one checked sheet, in the profile's layout for its template. */
export function buildExportWorkbook(sx: SheetExport, profile: Profile, ctx: BuildContext): ExportWorkbook {
  const layout = resolveLayout(profile, sx.template);
  const names = nameContext(sx, ctx);
  const sheets = [mainSheet(layout, sx, names)];
  if (layout.legendSheet && layout.legendSheet !== layout.sheetName) sheets.push(legendSheet(layout.legendSheet, profile, layout.print));
  return {
    template: sx.template,
    fileName: fileNameFor(layout.fileName, names),
    sheets,
    firstRecordRow: layout.titleRows.length + 2,
  };
}

/** The file name a sheet's export gets (before two sheets' names are made distinct). */
export function exportFileName(template: SubmissionTemplateId, sx: SheetExport, profile: Profile, ctx: BuildContext): string {
  return fileNameFor(resolveLayout(profile, template).fileName, nameContext(sx, ctx));
}

/** An abstract export sheet as the plain sheet a reader would return for the written file (for the self-check). */
export function exportSheetToInput(sheet: ExportSheet): SheetInput {
  const rows = sheet.rows.map((row) => {
    const cells: (Cell | undefined)[] = row.cells.map((c) => {
      const nf = c.numberFormat === GENERAL ? undefined : c.numberFormat;
      const v = c.value;
      if (v === null) return undefined;
      if (typeof v === 'object') return nf ? { kind: 'error', value: v.error, numberFormat: nf } : { kind: 'error', value: v.error };
      const kind = typeof v === 'number' ? 'number' : 'string';
      return nf ? { kind, value: v, numberFormat: nf } : { kind, value: v };
    });
    while (cells.length && cells[cells.length - 1] === undefined) cells.pop();
    return cells.length ? cells : undefined;
  });
  return { name: sheet.name, rows, merges: sheet.merges };
}
