/**
 * Filling a school's own blank template (`xueji export --template-file`, DOMAIN.md §7), the pure part: which sheet of
 * the template holds the table, where its header and its 备注 / signature block are, which of our fields go in which
 * of its columns, and where the records, the terminator and the block end up. The file layer (files/fill-template.ts)
 * carries the plan out on the template's workbook, keeping everything else of it.
 *
 * Placement (DOMAIN.md §2, §4):
 * - 免考信息表: the records from the row under the header, `/记录行结束/` right after the last one; the template's 备注
 *   block stays where it is, and moves down only as far as the records need.
 * - the others: the template's signature row (经办人 / 主管领导…) follows the last record directly (no blank row between,
 *   陕西 notice), the block moving up or down; a template without one gets the profile's signature row there.
 * - Rows of example data in the blank template are replaced; its own terminator row is rewritten in its place.
 */
import type { SheetInput, SubmissionTemplateId, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { detectHeader, type HeaderInfo } from '../engine/header';
import { correctionVariantOf } from '../templates/clues';
import { locateRecords } from '../engine/records';
import { parseRange } from '../engine/a1';
import { FIELD_SPECS, TEMPLATE_SPECS, isCorrection } from '../templates/specs';
import { FIELD_LABEL, type Field } from '../templates/fields';
import { cellText } from '../engine/cell-text';
import { recordValue } from './build';
import { resolveLayout } from './layouts';
import type { ExportRecord, ExportValue, SheetExport } from './types';
import { printPlan, type PrintPlan } from './print';

type Variant = 'correction-new' | 'correction-enrolled' | 'correction-graduate';

/** The variant a correction template's title or sheet name names, if any. */
export function variantClue(clues: string): Variant | null {
  return correctionVariantOf(clues) as Variant | null;
}

function family(t: TemplateId): string {
  return isCorrection(t) ? 'correction' : t;
}

export interface TemplateMatch {
  sheet: string;
  /** The template's header, read as our template. */
  header: HeaderInfo;
}

/**
 * The sheet of the school's workbook that holds `template`'s table: its header shows that template's columns, and for
 * a correction sheet its title does not name another variant (a 在籍生 template is never used for 新生 records) and its
 * key column is the variant's (学号, or 注册证号 for 毕业生). A sheet that names the variant wins over one that names none.
 */
export function matchTemplateSheet(sheets: readonly SheetInput[], template: TemplateId): TemplateMatch | null {
  let generic: TemplateMatch | null = null;
  for (const s of sheets) {
    const h = detectHeader(s);
    if (!h || family(h.template) !== family(template)) continue;
    const forced = detectHeader(s, template);
    if (!forced || forced.headerRow !== h.headerRow) continue;
    // A template keyed by 学号 cannot hold graduates (注册证号), and the other way round.
    if (!forced.fields.has(TEMPLATE_SPECS[template].key)) continue;
    if (!isCorrection(template)) return { sheet: s.name, header: forced };
    const clue = variantClue(h.clues);
    if (clue === template) return { sheet: s.name, header: forced };
    if (clue === null && !generic) generic = { sheet: s.name, header: forced };
  }
  return generic;
}

/** One row to write under the template's header: column (0-based) → value. */
export interface TemplateRow {
  cells: Map<number, ExportValue>;
  /** The user's rows it comes from. */
  sourceRows: number[];
}

export interface FillPlan {
  sheet: string;
  headerRow: number;
  /** The row of the first record. */
  firstRow: number;
  rows: TemplateRow[];
  /** Columns written as text (codes and IDs: number format `@`). */
  textColumns: number[];
  /** The first row of the template's 备注 / signature block below the table, or null when there is none. */
  blockStart: number | null;
  /** Where that block goes (null when there is none). */
  newBlockStart: number | null;
  /** The row we write (terminator, or the profile's signature when the template has none); null when none. */
  marker: { row: number; col: number; text: string } | null;
  /** Rows holding example data or an old terminator in the template (their values are replaced or cleared). */
  exampleRows: number[];
  /** Remarks for the registrar (columns left empty, data without a column …). */
  notes: string[];
  /** Why the template cannot take these records (then nothing is written). */
  problems: string[];
  /**
   * Page setup of the filled sheet (the profile's print layout, as for the built-in one): the template's header
   * row(s) repeated and frozen, its table bordered; an 'auto' orientation is decided from the template's widths.
   */
  print: PrintPlan;
}

/** Long records → rows of a wide template (原姓名 | 新姓名 …): one row per student and 修改类型, one change per item. */
function wideRows(records: readonly ExportRecord[], header: HeaderInfo, problems: string[]): { values: ExportRecord['values']; changes: ExportRecord[] }[] {
  const groups: { values: ExportRecord['values']; changes: ExportRecord[] }[] = [];
  for (const rec of records) {
    const last = groups[groups.length - 1];
    const item = rec.values.item;
    const same =
      last &&
      last.values.studentId === rec.values.studentId &&
      last.values.registrationNo === rec.values.registrationNo &&
      last.values.changeType === rec.values.changeType &&
      !last.changes.some((c) => c.values.item === item);
    if (same) last.changes.push(rec);
    else groups.push({ values: rec.values, changes: [rec] });
    if (typeof item !== 'string' || !header.wide.some((w) => w.item === item)) {
      const what = typeof item === 'string' && item ? `“${item}”` : '（空）';
      if (!problems.some((p) => p.includes(what))) problems.push(`学校模板没有修改项目${what}的“原/新”列，无法填入第${rec.sourceRow}行的修改`);
    }
  }
  return groups;
}

export function planFill(
  sheet: SheetInput,
  match: TemplateMatch,
  sx: SheetExport,
  profile: Profile,
): FillPlan {
  const { header } = match;
  const template = sx.template;
  const notes: string[] = [];
  const problems: string[] = [];
  const wide = isCorrection(template) && header.wide.length > 0;
  const spec = TEMPLATE_SPECS[template];
  const required = spec.rows.requiredColumns?.(header) ?? spec.required;
  for (const f of required) {
    if (!header.fields.has(f)) problems.push(`学校模板的表头中没有必需的“${FIELD_LABEL[f]}”列`);
  }

  // Our fields → the template's columns.
  const fieldCols = [...header.fields.entries()];
  const textColumns = new Set<number>();
  for (const [f, col] of fieldCols) if (FIELD_SPECS[f].isCode) textColumns.add(col);
  if (wide) for (const w of header.wide) textColumns.add(w.col);
  const missing = fieldCols.filter(([f]) => f !== 'seq' && !sx.fields.has(f)).map(([, col]) => `“${header.labels[col]}”`);
  if (missing.length) notes.push(`学校模板的${missing.join('、')}列在原表中没有对应的数据，已留空`);
  const unused = [...sx.fields].filter((f) => !header.fields.has(f) && !(wide && (f === 'item' || f === 'oldValue' || f === 'newValue')));
  if (unused.length) notes.push(`原表的${unused.map((f) => `“${FIELD_LABEL[f]}”`).join('、')}列在学校模板中没有对应的列，未导出`);

  const rows = fillRows(sx, header, fieldCols, wide, problems);
  const firstRow = header.headerRow + 1;
  const n = rows.length;
  const { layout, blockStart, newBlockStart, ours, exampleRows } = placeRows(sheet, header, profile, template, fieldCols, n);
  const examples = exampleRows.filter((r) => r !== layout.marker).length;
  if (examples) notes.push(`学校模板中原有的 ${examples} 行示例数据已被替换`);

  const merged = mergedInRecords(sheet, firstRow, blockStart);
  if (merged) problems.push(`学校模板的记录区域中有合并单元格（${merged}），请在模板中取消合并后再试`);
  const headed = header.labels.map((l, c) => (l ? c : -1)).filter((c) => c >= 0);
  const print = printPlan(
    resolveLayout(profile, template).print,
    { headerFirst: header.firstRow, headerLast: header.headerRow, lastRecord: firstRow + n - 1 },
    { left: Math.min(...headed), right: Math.max(...headed) },
  );
  return {
    sheet: match.sheet,
    headerRow: header.headerRow,
    firstRow,
    rows,
    textColumns: [...textColumns].sort((a, b) => a - b),
    blockStart,
    newBlockStart,
    marker: ours,
    exampleRows: [...new Set(exampleRows)].sort((a, b) => a - b),
    notes,
    problems,
    print,
  };
}

type FieldCols = readonly (readonly [Field, number])[];

/** The rows to write: one per record, or (a wide template) one per student and 修改类型 with its changes side by side. */
function fillRows(sx: SheetExport, header: HeaderInfo, fieldCols: FieldCols, wide: boolean, problems: string[]): TemplateRow[] {
  const rows: TemplateRow[] = [];
  if (wide) {
    for (const g of wideRows(sx.records, header, problems)) {
      const cells = new Map<number, ExportValue>();
      for (const [f, col] of fieldCols) cells.set(col, f === 'seq' ? rows.length + 1 : (g.values[f as Field] ?? null));
      for (const ch of g.changes) {
        for (const w of header.wide) {
          if (w.item === ch.values.item) cells.set(w.col, (w.side === 'old' ? ch.values.oldValue : ch.values.newValue) ?? null);
        }
      }
      rows.push({ cells, sourceRows: [...new Set(g.changes.map((c) => c.sourceRow))] });
    }
  } else {
    sx.records.forEach((rec, i) => {
      const cells = new Map<number, ExportValue>();
      for (const [f, col] of fieldCols) cells.set(col, recordValue(f, rec, i + 1));
      rows.push({ cells, sourceRows: [rec.sourceRow] });
    });
  }
  return rows;
}

/**
 * Where the records go in the school's template: its example rows (replaced), the block below the table (notes,
 * signatures) and where it moves to, and our end marker when the template has none of its own.
 */
function placeRows(sheet: SheetInput, header: HeaderInfo, profile: Profile, template: SubmissionTemplateId, fieldCols: FieldCols, n: number) {
  const layout = locateRecords(sheet, header, profile);
  const firstRow = header.headerRow + 1;
  const marker = resolveLayout(profile, template).marker;
  // Rows between the header and the end that look like records (two of our columns filled) are example data; any
  // other text there (a note such as "注：…") already belongs to the block below the table.
  const mapped = fieldCols.filter(([f]) => f !== 'seq').map(([, col]) => col);
  const looksLikeRecord = (r: number) => mapped.filter((c) => cellText(sheet.rows[r - 1]?.[c]).trim() !== '').length >= 2;
  const firstNote = layout.records.find((r) => !layout.recordsAfterEnd.includes(r) && !looksLikeRecord(r));
  const ends = [...layout.footerRows, ...(firstNote !== undefined ? [firstNote] : [])];
  if (marker.kind === 'signature' && layout.marker !== null) ends.push(layout.marker);
  const blockStart = ends.length ? Math.min(...ends) : null;
  const exampleRows = layout.records.filter((r) => !layout.recordsAfterEnd.includes(r) && (blockStart === null || r < blockStart));
  let ours: FillPlan['marker'] = null;
  let newBlockStart: number | null;
  if (marker.kind === 'terminator') {
    // The template's own /记录行结束/ row is rewritten right after the records.
    if (layout.marker !== null && (blockStart === null || layout.marker < blockStart)) exampleRows.push(layout.marker);
    ours = { row: firstRow + n, col: layout.firstCol, text: marker.text };
    newBlockStart = blockStart === null ? null : Math.max(blockStart, firstRow + n + 1);
  } else {
    if (layout.marker === null) ours = { row: firstRow + n, col: layout.firstCol, text: marker.text };
    newBlockStart = blockStart === null ? null : firstRow + n + (ours ? 1 : 0);
  }
  return { layout, blockStart, newBlockStart, ours, exampleRows };
}

/** A merged range where the records go (it would swallow values), or null. The block's own merges move with it. */
function mergedInRecords(sheet: SheetInput, firstRow: number, blockStart: number | null): string | null {
  for (const text of sheet.merges) {
    const m = parseRange(text);
    const inData = m.bottom >= firstRow && (blockStart === null || m.top < blockStart);
    const straddles = blockStart !== null && m.top < blockStart && m.bottom >= blockStart;
    if (inData || straddles) return text;
  }
  return null;
}
