/**
 * Where the records are (DOMAIN.md §4): below the header, up to the terminator row (/记录行结束/) or a footer
 * row whose first cell starts with 经办人, 经手人, 填表人, 主管领导, 备注 or 说明, or the end of the used range.
 * Blank rows at the very end are not records; blank rows between records are (row.blank).
 */
import type { SheetInput, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { cellText } from './cell-text';
import type { HeaderInfo } from './header';

export type MarkerKind = 'terminator' | 'signature';

export interface Layout {
  /** Sheet row numbers (1-based) of the records, in sheet order. */
  records: number[];
  /** Blank rows between the first and the last record. */
  blankRows: number[];
  /** The template's own end marker row (terminator for 免考信息表, signature row otherwise), if any. */
  marker: number | null;
  markerKind: MarkerKind;
  /** Rows below the records that are not records and not the marker (备注 blocks, other footers). */
  footerRows: number[];
  /** Records found after the end marker (DOMAIN.md: no record may follow it). */
  recordsAfterEnd: number[];
  /** Number of columns the table spans (the widest row). */
  width: number;
  /** Last non-blank sheet row. */
  lastRow: number;
  /** Left-most column of the header (the "first column" of the terminator and signature rows). */
  firstCol: number;
}

const FOOTER_RE = /^(经办人|经手人|填表人|主管领导|备注|说明|制表人|审核人|负责人)/;
const SIGNATURE_RE = /(经办人|经手人|主管领导|签字|公章)/;

export function normaliseMarker(s: string): string {
  return s.replace(/[\s\u00a0\u3000]/g, '').replace(/／/g, '/');
}

export function markerKindOf(template: TemplateId): MarkerKind {
  return template === 'exemption' ? 'terminator' : 'signature';
}

function firstText(row: SheetInput['rows'][number]): string {
  if (!row) return '';
  for (const c of row) {
    const t = cellText(c).trim();
    if (t) return normaliseMarker(t);
  }
  return '';
}

function rowAllText(row: SheetInput['rows'][number]): string {
  if (!row) return '';
  let s = '';
  for (const c of row) s += cellText(c);
  return normaliseMarker(s);
}

export function isBlankRow(row: SheetInput['rows'][number]): boolean {
  if (!row) return true;
  for (const c of row) {
    if (!c || c.kind === 'empty') continue;
    if (c.kind !== 'string') return false;
    if (normaliseMarker(c.value as string).replace(/[\u200b-\u200d\u2060\ufeff]/g, '') !== '') return false;
  }
  return true;
}

export function locateRecords(sheet: SheetInput, header: HeaderInfo, profile: Profile): Layout {
  const kind = markerKindOf(header.template);
  const terminator = normaliseMarker(profile.exemption.terminator);
  const keyCol = header.fields.get('studentId') ?? header.fields.get('registrationNo') ?? null;
  const firstCol = Math.min(...[...header.fields.values(), ...header.wide.map((w) => w.col)]);
  const rows = sheet.rows;
  let width = header.labels.length;
  let lastRow = header.headerRow;
  let end = rows.length; // 0-based index of the end row (terminator or footer)
  for (let i = header.headerRow; i < rows.length; i++) {
    const row = rows[i];
    if (row && row.length > width) width = row.length;
    if (isBlankRow(row)) continue;
    lastRow = i + 1;
    if (end === rows.length) {
      const t = firstText(row);
      if (t === terminator || FOOTER_RE.test(t)) end = i;
    }
  }
  const records: number[] = [];
  const between: number[] = [];
  for (let i = header.headerRow; i < end; i++) {
    if (isBlankRow(rows[i])) between.push(i + 1);
    else records.push(i + 1);
  }
  const lastRecord = records.length ? records[records.length - 1]! : header.headerRow;
  const blankRows = between.filter((r) => r < lastRecord);

  let marker: number | null = null;
  const footerRows: number[] = [];
  const recordsAfterEnd: number[] = [];
  for (let i = end; i < rows.length; i++) {
    const row = rows[i];
    if (isBlankRow(row)) continue;
    const t = firstText(row);
    const isMarker =
      kind === 'terminator' ? t === terminator : FOOTER_RE.test(t) && SIGNATURE_RE.test(rowAllText(row));
    if (isMarker && marker === null) {
      marker = i + 1;
      continue;
    }
    const key = keyCol === null ? '' : cellText(row?.[keyCol]).replace(/\s/g, '');
    if (t !== terminator && !FOOTER_RE.test(t) && /^\d{8,}$/.test(key)) recordsAfterEnd.push(i + 1);
    else footerRows.push(i + 1);
  }
  return {
    records: [...records, ...recordsAfterEnd],
    blankRows,
    marker,
    markerKind: kind,
    footerRows,
    recordsAfterEnd,
    width,
    lastRow,
    firstCol: Number.isFinite(firstCol) ? firstCol : 0,
  };
}
