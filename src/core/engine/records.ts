/**
 * Where the records are (DOMAIN.md §4): below the header, up to the terminator row (/记录行结束/) or a footer
 * row whose first cell starts with 经办人, 经手人, 填表人, 主管领导, 备注 or 说明, or the end of the used range.
 * Blank rows at the very end are not records; blank rows between records are (row.blank).
 *
 * Below the end, a row that looks like a record — a key-like value (学号 full-width, mistyped, stored as a number…)
 * or a name where the names are — is a record after the end (issue 14): checked, fixed and exported with the others
 * and reported by the end-marker rule, never silently taken for footer text.
 */
import type { Cell, SheetInput, TemplateId } from '../types';
import type { Field } from '../templates/fields';
import type { Profile } from '../profile/schema';
import { cellText } from './cell-text';
import type { HeaderInfo } from './header-types';
import { templateOf } from '../templates/registry';

/** 'none': a list that is read, not handed in (the pre-check's), has no end row of its own. */
export type MarkerKind = 'terminator' | 'signature' | 'none';

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

/** First words of a footer line: signatures, remarks, totals, dates, "以下空白". */
const FOOTER_RE =
  /^(经办人|经手人|填表人|填报人|制表人|审核人|审批人|负责人|主管领导|主管校长|领导签字|备注|说明|注[:：]|注意|合计|小计|总计|共计|签字|签名|盖章|（盖章）|\(盖章\)|公章|日期|填报日期|填表日期|制表日期|填报单位|以下空白|以下无|此页)/;
/** First words of a signature row (a 备注 / 说明 line that mentions 签字 is not one). */
const SIGNATURE_RE = /^(经办人|经手人|填表人|填报人|制表人|审核人|审批人|负责人|主管领导|主管校长|领导签字|签字|签名|盖章|（盖章）|\(盖章\)|公章)/;

/** What normaliseMarker changes: whitespace and the full-width slash (most cells have neither: one test, no copy). */
const MARKER_CHANGE_RE = /[\s\u00a0\u3000／]/;

export function normaliseMarker(s: string): string {
  if (!MARKER_CHANGE_RE.test(s)) return s;
  return s.replace(/[\s\u00a0\u3000]/g, '').replace(/／/g, '/');
}

export function markerKindOf(template: TemplateId): MarkerKind {
  return templateOf(template).table.marker?.kind ?? 'none';
}

function firstText(row: SheetInput['rows'][number]): string {
  if (!row) return '';
  for (const c of row) {
    const t = cellText(c).trim();
    if (t) return normaliseMarker(t);
  }
  return '';
}

/** A footer line by its first text (marker-normalised: no spaces, half-width slashes). */
export function isFooterText(t: string): boolean {
  return FOOTER_RE.test(t);
}

/** The cleaned first text of a row, for messages: what stands there. */
export function rowLead(row: SheetInput['rows'][number]): string {
  if (!row) return '';
  for (const c of row) {
    const t = cellText(c).trim();
    if (t) return t;
  }
  return '';
}

/** Half-width, no whitespace or invisible characters: how a mistyped key is read. */
function squeeze(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/g, '');
}

/** A value that could be a 学号 / 注册证号 / 身份证号, typos included: mostly digits, at least six of them. */
function isKeyLike(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.kind === 'number') return Math.abs(cell.value as number) >= 100_000;
  if (cell.kind !== 'string') return false;
  const t = squeeze(cell.value as string);
  return /^[0-9A-Za-z]{6,20}$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 6;
}

/** A Chinese name (minority names with a middle dot), as the name column holds it. */
function isNameLike(cell: Cell | undefined): boolean {
  if (!cell || cell.kind !== 'string') return false;
  return /^[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff·•．・]{1,14}$/.test(squeeze(cell.value as string));
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

/** Columns whose value identifies a student. */
const KEY_FIELDS: readonly Field[] = ['studentId', 'registrationNo', 'idCard'];

export function locateRecords(sheet: SheetInput, header: HeaderInfo, profile: Profile): Layout {
  const kind = markerKindOf(header.template);
  const terminator = normaliseMarker(profile.exemption.terminator);
  const keyCols = KEY_FIELDS.map((f) => header.fields.get(f)).filter((c): c is number => c !== undefined);
  const nameCol = header.fields.get('name');
  // A record by its content: a key-like value in a key column, or a name in the name column on a row that starts
  // with it or with a number (序号, 学习中心代码) — a legend line ("1、已具有…") or a signer's label is not one.
  const looksLikeRecord = (row: SheetInput['rows'][number]): boolean => {
    if (!row) return false;
    if (keyCols.some((c) => isKeyLike(row[c]))) return true;
    if (nameCol === undefined || !isNameLike(row[nameCol])) return false;
    const lead = squeeze(rowLead(row));
    return lead === squeeze(cellText(row[nameCol])) || /^\d+$/.test(lead);
  };
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
      if (t === terminator || isFooterText(t)) end = i;
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
    const isMarker = kind === 'terminator' ? t === terminator : kind === 'signature' && SIGNATURE_RE.test(t);
    if (isMarker && marker === null) {
      marker = i + 1;
      continue;
    }
    if (t !== terminator && !isFooterText(t) && looksLikeRecord(row)) recordsAfterEnd.push(i + 1);
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
