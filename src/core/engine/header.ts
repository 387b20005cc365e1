/**
 * Finding the header row, its template and the fields of its columns (DOMAIN.md §4): scan the first 20 rows; the
 * title rows above the header name the template when they do (templates/clues.ts); two-row headers of every shape
 * of DOMAIN.md §2 T3 are read as one header.
 */
import type { SheetInput, TemplateId } from '../types';
import type { HeaderInfo, HeaderMapping, WideMapping } from './header-types';
import { parseRange } from './a1';
import { cellText } from './cell-text';
import { itemOfHeader, matchGrouped, matchHeader, sideFromText, type Field, type HeaderMatch } from '../templates/fields';
import type { HeaderFamily } from '../templates/definition';
import { FAMILIES, templateOf } from '../templates/registry';
import { templateOfTitle } from '../templates/clues';

export const HEADER_SCAN_ROWS = 20;

export type { HeaderInfo, HeaderMapping, WideMapping } from './header-types';

function rowTexts(sheet: SheetInput, r: number): string[] {
  const row = sheet.rows[r];
  if (!row) return [];
  const out: string[] = [];
  for (let c = 0; c < row.length; c++) out.push(cellText(row[c]).trim());
  return out;
}

export function mapLabels(labels: string[], matches?: readonly (HeaderMatch | null)[]): HeaderMapping {
  const fields = new Map<Field, number>();
  const fieldColumns = new Map<Field, number[]>();
  const wide: WideMapping[] = [];
  labels.forEach((label, col) => {
    if (!label) return;
    const m = matches ? matches[col] : matchHeader(label);
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

/**
 * Which template family a header mapping shows, or null (the families are the registry's, templates/<id>/). Each
 * family has a gate (the key and one column only it has); among the families that pass, the one with the most of its
 * own columns wins (a roster with an extra 原因 column stays a roster), then the one with the most of its required
 * columns, then the one first in the registry.
 */
function recogniseFamily(m: HeaderMapping, clues: string): HeaderFamily | null {
  let best: { family: HeaderFamily; evidence: number; required: number } | null = null;
  for (const family of FAMILIES) {
    if (!family.gate(m, clues)) continue;
    const evidence = family.evidence(m, clues);
    const required = family.required.filter((x) => m.fields.has(x)).length;
    if (!best || evidence > best.evidence || (evidence === best.evidence && required > best.required)) best = { family, evidence, required };
  }
  return best?.family ?? null;
}

interface Group {
  left: number;
  right: number;
}

/**
 * A two-row header starting at row index r (DOMAIN.md §2 T3): group cells in row r — merged across columns, or a
 * side (原信息, 修改后 …) or an item (姓名 …) written once over blank neighbours (跨列居中) — over sub-headers in row
 * r + 1. Null unless a grouped column reads as a header: a title over the header row, or a header over data, is no
 * two-row header.
 */
function twoRowHeader(sheet: SheetInput, r: number, top: string[]): { labels: string[]; matches: (HeaderMatch | null)[] } | null {
  const sub = rowTexts(sheet, r + 1);
  const groups: Group[] = sheet.merges
    .map(parseRange)
    .filter((g) => g.top === r + 1 && g.bottom >= r + 1 && g.bottom <= r + 1 && g.right > g.left)
    .map((g) => ({ left: g.left, right: g.right }));
  const inGroup = (c: number) => groups.some((g) => c >= g.left && c <= g.right);
  for (let c = 0; c < top.length; c++) {
    if (!top[c] || inGroup(c) || !sub[c] || !(sideFromText(top[c]!) || itemOfHeader(top[c]!))) continue;
    let right = c;
    while (right + 1 < Math.max(top.length, sub.length) && !top[right + 1] && sub[right + 1] && !inGroup(right + 1)) right++;
    if (right > c) groups.push({ left: c, right });
  }
  if (groups.length === 0) return null;
  const width = Math.max(top.length, sub.length);
  const labels: string[] = [];
  const matches: (HeaderMatch | null)[] = [];
  let grouped = false;
  for (let c = 0; c < width; c++) {
    const g = groups.find((x) => c >= x.left && c <= x.right);
    if (g) {
      const parent = top[g.left] ?? '';
      const m = matchGrouped(parent, sub[c] ?? '');
      if (m) grouped = true;
      labels.push(parent + (sub[c] ?? ''));
      matches.push(m);
    } else {
      const text = top[c] || sub[c] || '';
      labels.push(text);
      matches.push(text ? matchHeader(text) : null);
    }
  }
  return grouped ? { labels, matches } : null;
}

/** A row that maps at least this many fields looks like a header: the title rows are the rows above it. */
const HEADER_LIKE_FIELDS = 2;

/**
 * Find the header row and the template. With `forced`, the user has named the template: the first row that shows
 * that template's family wins, else the first row that maps at least two of its fields. Otherwise the title rows
 * (and the sheet's name) weigh in (issue 9): a sheet whose title names a template is that template — its header is
 * the first row that shows that template's family, else the first row that looks like a header (its missing
 * columns are then reported as that template's), never another template's. Without a title, the first row that
 * shows a family is the header.
 */
export function detectHeader(sheet: SheetInput, forced?: TemplateId): HeaderInfo | null {
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  const titles: string[] = [];
  let titled: TemplateId | null = null;
  let titleFrozen = false;
  let fallback: HeaderInfo | null = null;
  for (let r = 0; r < limit; r++) {
    const top = rowTexts(sheet, r);
    if (top.every((t) => !t)) continue;
    const clues = `${sheet.name} ${titles.join(' ')}`;
    const variants: { labels: string[]; matches?: (HeaderMatch | null)[]; last: number }[] = [];
    const two = twoRowHeader(sheet, r, top);
    if (two) variants.push({ ...two, last: r + 1 });
    variants.push({ labels: top, last: r });
    for (const v of variants) {
      const m = mapLabels(v.labels, v.matches);
      const fam = recogniseFamily(m, clues);
      const build = (template: TemplateId): HeaderInfo => ({
        ...m,
        template,
        firstRow: r + 1,
        headerRow: v.last + 1,
        clues,
      });
      const want = forced ?? titled;
      if (want) {
        if (fam === templateOf(want).family) return build(want);
        if (!fallback && m.fields.size >= HEADER_LIKE_FIELDS) fallback = build(want);
        continue;
      }
      if (fam) return build(fam.variant(m, clues));
      if (m.fields.size >= HEADER_LIKE_FIELDS) titleFrozen = true;
    }
    if (!titleFrozen) {
      titles.push(top.filter(Boolean).join(' '));
      titled = templateOfTitle(titles.join(' '));
    }
  }
  return fallback;
}

/** The template a sheet's title rows name (for messages about a sheet whose header was not found), or null. */
export function titledTemplate(sheet: SheetInput): TemplateId | null {
  const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
  const titles: string[] = [];
  for (let r = 0; r < limit; r++) {
    const top = rowTexts(sheet, r);
    if (top.every((t) => !t)) continue;
    if (mapLabels(top).fields.size >= HEADER_LIKE_FIELDS) break;
    titles.push(top.join(' '));
  }
  return templateOfTitle(titles.join(' '));
}
