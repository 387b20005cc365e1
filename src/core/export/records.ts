/**
 * From the user's sheets to the records of each submission (issue "export", DOMAIN.md §2): every sheet is checked;
 * for each recognised one the check's cell fixes are applied (the same patches `xueji fix` writes), the fixed sheet
 * is checked again, and its records are read with canonical values — the reason's full text (or number, profile
 * `writeReason`), the canonical 修改项目 and 修改类型, dates as YYYY-MM-DD — and put in the template's order.
 *
 * Table fixes (blank rows, order, 序号, terminator / signature row, sheet name) are not applied to the sheet: the
 * export's own layout makes them true. What is left are the errors no fix resolves: they block the export unless
 * it is forced.
 */
import { isSubmission, type Cell, type Issue, type SheetInput, type TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { analyseSheet, type CheckOptions } from '../engine/check';
import { analyseWorkbook } from '../engine/report';
import { applyPatchesToSheet, planFixes } from '../engine/fix';
import type { HeaderInfo } from '../engine/header';
import type { Layout } from '../engine/records';
import { prepareCell } from '../engine/prepare';
import { excelSerialToYmd, formatYmd } from '../cells/dates';
import { FIELD_SPECS, TEMPLATE_SPECS, isCorrection } from '../templates/specs';
import { itemFromText, type CorrectionItem, type Field } from '../templates/fields';
import { resolveReason } from '../rules/exemption';
import { checkChangeType } from '../rules/correction';
import type { ExportPreparation, ExportRecord, ExportValue, SheetExport } from './types';

/** Issues whose fix the export's layout carries out by itself (DOMAIN.md §5 table rules, and the sheet's name). */
export const RESOLVED_BY_LAYOUT: ReadonlySet<string> = new Set([
  'row.blank',
  'table.unsorted',
  'table.sequence',
  'table.terminator',
  'table.signature-row',
  'sheet.name',
]);

/**
 * The export writes a new table in its own layout, so these rules hold there whether or not the user's sheet could be
 * fixed in place: a sort a merge or a formula in the user's sheet refuses (issue 14: fix null, saying why) is still
 * made by the export, which carries neither.
 */
function resolvedByLayout(i: Issue): boolean {
  return RESOLVED_BY_LAYOUT.has(i.rule);
}

export function prepareExports(sheets: readonly SheetInput[], profile: Profile, checkOptions: CheckOptions): ExportPreparation {
  // Every error is listed (an export is at most limits.fixMaxRows rows): one left out of a report must still block it.
  const options: CheckOptions = { ...checkOptions, issueLimit: Number.POSITIVE_INFINITY };
  const analyses = analyseWorkbook(sheets, profile, options);
  const prepared: SheetExport[] = [];
  const skipped: ExportPreparation['skipped'] = [];
  for (const a of analyses) {
    const sheet = sheets.find((s) => s.name === a.report.sheet)!;
    const template = a.report.template;
    if (!a.header || !template) {
      skipped.push({ sheet: sheet.name, reason: '未识别为任何模板' });
      continue;
    }
    if (!isSubmission(template)) {
      skipped.push({ sheet: sheet.name, reason: TEMPLATE_SPECS[template].notSubmitted ?? '', template });
      continue;
    }
    // The cell fixes only: rows keep their place, so every issue still points at the user's own cell.
    const plan = planFixes(sheet, profile, a, (i) => !RESOLVED_BY_LAYOUT.has(i.rule));
    const fixed = applyPatchesToSheet(sheet, plan.patches);
    const again = analyseSheet(fixed, profile, { ...options, template });
    const left = again.report.issues.filter((i) => !resolvedByLayout(i));
    const records = extractRecords(fixed, again.header!, again.layout!, template, profile);
    const spec = TEMPLATE_SPECS[template];
    const ordered = spec.sorted(profile) ? stableSortByKey(records) : records;
    const fields = new Set<Field>(again.header!.fields.keys());
    if (again.header!.wide.length) for (const f of ['item', 'oldValue', 'newValue'] as const) fields.add(f);
    prepared.push({
      sheet: sheet.name,
      template,
      records: ordered,
      fields,
      errors: left.filter((i) => i.severity === 'error'),
      warnings: left.filter((i) => i.severity === 'warning'),
      fixed: a.report.issues.filter((i) => i.fix !== null).length,
      branchNames: distinct(ordered.map((r) => r.values.branchName)),
    });
  }
  return { exports: prepared, skipped };
}

function distinct(values: (ExportValue | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) if (typeof v === 'string' && v && !out.includes(v)) out.push(v);
  return out;
}

/**
 * A cell's value as the export writes it: the cleaned text (codes without any space, half-width), a date as
 * YYYY-MM-DD, canonical where the field has a canonical form. An unusable cell (an error value, an ID whose digits
 * Excel already lost) is carried over unchanged, so that a forced export still shows it for what it is.
 */
export function exportValue(field: Field, cell: Cell | undefined, row: number, col: number, profile: Profile): ExportValue {
  const spec = FIELD_SPECS[field];
  const p = prepareCell(cell, row, col, { mode: spec.mode, isCode: spec.isCode, label: field });
  if (p.empty) return null;
  if (p.unusable) return cell!.kind === 'error' ? { error: String(cell!.value) } : (cell!.value as number);
  if (p.dateSerial !== null && !spec.isCode) {
    const d = excelSerialToYmd(p.dateSerial);
    if (d) return formatYmd(d);
  }
  return canonical(field, p.fixed || p.text, profile);
}

function canonical(field: Field, text: string, profile: Profile): string {
  switch (field) {
    case 'reason': {
      const r = resolveReason(text, profile);
      if (r === 'none' || r === 'ambiguous') return text;
      return profile.exemption.writeReason === 'text' ? r.text : String(r.id);
    }
    case 'item':
      return itemFromText(text) ?? text;
    case 'changeType':
      return checkChangeType(text).parsed ?? text;
    default:
      return text;
  }
}

interface WidePair {
  item: CorrectionItem;
  old?: number;
  new?: number;
}

function widePairs(header: HeaderInfo): WidePair[] {
  const pairs: WidePair[] = [];
  for (const w of header.wide) {
    let p = pairs.find((x) => x.item === w.item);
    if (!p) pairs.push((p = { item: w.item }));
    p[w.side] = w.col;
  }
  return pairs;
}

function keyOf(v: ExportValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** The records of a (fixed) sheet in sheet order; a wide correction row gives one record per 原/新 pair it fills. */
export function extractRecords(sheet: SheetInput, header: HeaderInfo, layout: Layout, template: TemplateId, profile: Profile): ExportRecord[] {
  const spec = TEMPLATE_SPECS[template];
  const keyField = spec.key;
  const pairs = isCorrection(template) ? widePairs(header) : [];
  const hasLong = header.fields.has('item') || header.fields.has('oldValue') || header.fields.has('newValue');
  const out: ExportRecord[] = [];
  for (const r of layout.records) {
    const raw = sheet.rows[r - 1] ?? [];
    const values: ExportRecord['values'] = {};
    for (const [f, col] of header.fields) values[f] = exportValue(f, raw[col], r, col, profile);
    spec.completeExport?.(values, profile);
    const key = keyOf(values[keyField]);
    if (!pairs.length) {
      out.push({ sourceRow: r, key, values });
      continue;
    }
    const changes: ExportRecord['values'][] = [];
    if (hasLong && [values.item, values.oldValue, values.newValue].some((v) => v !== null && v !== undefined)) changes.push(values);
    const stated: ExportRecord['values'][] = [];
    for (const p of pairs) {
      // An ID is written as the ID it is (text, digits lost carried over as they are), on both sides.
      const [oldF, newF] = p.item === '身份证号' ? (['idCard', 'idCard'] as const) : (['oldValue', 'newValue'] as const);
      const oldV = p.old === undefined ? null : exportValue(oldF, raw[p.old], r, p.old, profile);
      const newV = p.new === undefined ? null : exportValue(newF, raw[p.new], r, p.new, profile);
      if (oldV === null && newV === null) continue;
      stated.push({ ...values, item: p.item, oldValue: oldV, newValue: newV });
    }
    // Items whose 新 is blank or equal to the 原 are unchanged (the 原 side may hold the whole record): they go out
    // only when the row changes nothing at all, so that the check's error on it is not lost.
    const changed = stated.filter((v) => v.newValue !== null && JSON.stringify(v.newValue) !== JSON.stringify(v.oldValue));
    changes.push(...(changed.length ? changed : stated));
    // A row that states no change still goes out (never dropped without a word): the check of the file flags it.
    if (!changes.length) changes.push(values);
    for (const v of changes) out.push({ sourceRow: r, key, values: v });
  }
  return out;
}

/** Ascending by key (学号 / 注册证号 compare as digit strings of one length); unreadable keys keep their order last. */
export function stableSortByKey(records: readonly ExportRecord[]): ExportRecord[] {
  return records
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.key === b.x.key ? a.i - b.i : !a.x.key ? 1 : !b.x.key ? -1 : a.x.key < b.x.key ? -1 : 1))
    .map((e) => e.x);
}
