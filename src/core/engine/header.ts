/**
 * Finding the header row and mapping columns to fields (DOMAIN.md §4): scan the first 20 rows; title rows
 * above the header are ignored; a merged group row over 原/新 sub-headers is read as one header.
 */
import type { SheetInput, TemplateId } from '../types';
import { parseRange } from './a1';
import { cellText } from './cell-text';
import { matchHeader, type CorrectionItem, type Field } from '../templates/fields';

export const HEADER_SCAN_ROWS = 20;

export interface WideMapping {
  col: number;
  side: 'old' | 'new';
  item: CorrectionItem;
}

export interface HeaderMapping {
  /** First column index for each field. */
  fields: Map<Field, number>;
  /** Every column each field was found in (more than one = header.duplicate-column). */
  fieldColumns: Map<Field, number[]>;
  wide: WideMapping[];
  /** The user's header text per column (joined for two-row headers). */
  labels: string[];
}

export interface HeaderInfo extends HeaderMapping {
  template: TemplateId;
  /** First header row (1-based). */
  firstRow: number;
  /** Last header row (1-based): records start below it. */
  headerRow: number;
  /** Text of the rows above the header (titles), and the sheet name: clues for the variant. */
  clues: string;
}

function rowTexts(sheet: SheetInput, r: number): string[] {
  const row = sheet.rows[r];
  if (!row) return [];
  const out: string[] = [];
  for (let c = 0; c < row.length; c++) out.push(cellText(row[c]).trim());
  return out;
}

export function mapLabels(labels: string[]): HeaderMapping {
  const fields = new Map<Field, number>();
  const fieldColumns = new Map<Field, number[]>();
  const wide: WideMapping[] = [];
  labels.forEach((label, col) => {
    if (!label) return;
    const m = matchHeader(label);
    if (!m) return;
    if (m.kind === 'field') {
      if (!fields.has(m.field)) fields.set(m.field, col);
      const cols = fieldColumns.get(m.field) ?? [];
      cols.push(col);
      fieldColumns.set(m.field, cols);
    } else {
      wide.push({ col, ...m.wide });
    }
  });
  return { fields, fieldColumns, wide, labels };
}

type Family = 'exemption' | 'withdrawal' | 'correction';

function familyOf(t: TemplateId): Family {
  return t.startsWith('correction') ? 'correction' : (t as Family);
}

/** Which template family a header mapping shows (most specific first), or null. */
function recogniseFamily(m: HeaderMapping, clues: string): Family | null {
  const f = m.fields;
  const hasKey = f.has('studentId') || f.has('registrationNo');
  const widePairs = new Set(m.wide.map((w) => w.item)).size;
  if (hasKey && ((f.has('item') && (f.has('oldValue') || f.has('newValue'))) || widePairs > 0)) return 'correction';
  if (f.has('studentId') && (f.has('reason') || f.has('subjectCode'))) return 'exemption';
  if (f.has('studentId') && f.has('name') && (f.has('branchName') || f.has('seq') || /退学/.test(clues))) return 'withdrawal';
  return null;
}

function correctionVariant(m: HeaderMapping, clues: string): TemplateId {
  if (/新生/.test(clues)) return 'correction-new';
  if (/毕业生/.test(clues)) return 'correction-graduate';
  if (/在籍/.test(clues)) return 'correction-enrolled';
  if (m.fields.has('registrationNo') && !m.fields.has('studentId')) return 'correction-graduate';
  return 'correction-enrolled';
}

/** Labels of a two-row header starting at row index r, when row r holds a horizontal merge over sub-headers. */
function twoRowLabels(sheet: SheetInput, r: number, top: string[]): string[] | null {
  const groups = sheet.merges
    .map(parseRange)
    .filter((g) => g.top === r + 1 && g.bottom === r + 1 && g.right > g.left);
  if (groups.length === 0) return null;
  const sub = rowTexts(sheet, r + 1);
  if (!groups.some((g) => sub.slice(g.left, g.right + 1).some((t) => t))) return null;
  const width = Math.max(top.length, sub.length);
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    const g = groups.find((x) => c >= x.left && c <= x.right);
    if (g) {
      const parent = top[g.left] ?? '';
      labels.push(parent + (sub[c] ?? ''));
    } else {
      labels.push(top[c] || sub[c] || '');
    }
  }
  return labels;
}

/**
 * Find the header row. With `forced`, the user has named the template: the first row that shows that
 * template's family wins, else the first row that maps at least two of its fields.
 */
export function detectHeader(sheet: SheetInput, forced?: TemplateId): HeaderInfo | null {
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  const titles: string[] = [];
  let fallback: HeaderInfo | null = null;
  for (let r = 0; r < limit; r++) {
    const top = rowTexts(sheet, r);
    if (top.every((t) => !t)) continue;
    const clues = `${sheet.name} ${titles.join(' ')}`;
    const variants: { labels: string[]; last: number }[] = [];
    const two = twoRowLabels(sheet, r, top);
    if (two) variants.push({ labels: two, last: r + 1 });
    variants.push({ labels: top, last: r });
    for (const v of variants) {
      const m = mapLabels(v.labels);
      const fam = recogniseFamily(m, clues);
      const build = (template: TemplateId): HeaderInfo => ({
        ...m,
        template,
        firstRow: r + 1,
        headerRow: v.last + 1,
        clues,
      });
      if (forced) {
        if (fam === familyOf(forced)) return build(forced);
        if (!fallback && m.fields.size >= 2) fallback = build(forced);
        continue;
      }
      if (fam === 'correction') return build(correctionVariant(m, clues));
      if (fam) return build(fam);
    }
    titles.push(top.filter(Boolean).join(' '));
  }
  return fallback;
}
