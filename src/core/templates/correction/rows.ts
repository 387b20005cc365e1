/**
 * The correction sheets' row rules (seed 003 §五, DOMAIN.md §2 T3): the changes a row requests — one per row in the
 * long layout (修改项目 | 原信息 | 修改后信息), one per 原/新 pair in the wide layout — each item valid for the sheet,
 * each new value valid for its item and different from the old one, and the facts a change leaves the student's
 * record with (the corrected-record rules, engine/record-facts.ts). A variant's own rule (毕业生 信息变更, the 新生
 * window) comes in as `variantRule`.
 */
import type { TemplateId } from '../../types';
import type { CorrectionItem } from '../fields';
import { excelSerialToYmd, formatYmd, parseLooseDate, type Ymd } from '../../cells/dates';
import { fixIdCardCase, parseIdCard } from '../../cells/id-card';
import { normaliseGender } from '../../cells/gender';
import { normaliseEthnicity } from '../../cells/ethnicity';
import { err } from '../../engine/issue';
import { prepareCell, type Prepared } from '../../engine/prepare';
import type { StudentFacts } from '../../engine/record-facts';
import { ok, record, type Change, type RecordRow, type RowContext } from '../../engine/row';
import { checkChangeType, checkItem, checkNewValue, type ChangeType, type NewValueResult } from '../../rules/correction';

/** A variant's own rule on a row, once its changes and 修改类型 are read. */
export type VariantRule = (rec: RecordRow, ctx: RowContext, changeType: ChangeType | undefined) => void;

export function checkCorrectionRow(template: TemplateId, variantRule: VariantRule | null, rec: RecordRow, ctx: RowContext): void {
  const c = rec.cells;
  const facts = ctx.facts;
  facts.reset();
  const long = c.item !== undefined || c.oldValue !== undefined || c.newValue !== undefined;
  if (long) {
    const ic = c.item;
    let item: CorrectionItem | null = null;
    if (ic && !ic.empty && !ic.unusable) item = record(ic, checkItem(ic.text, template)) ?? null;
    if (c.oldValue && c.newValue) rec.changes.push({ item, itemCell: ic ?? null, oldCell: c.oldValue, newCell: c.newValue });
  }
  readWidePairs(template, rec, ctx, long);
  for (const ch of rec.changes) checkChange(ch, rec, ctx);
  // The row's own 性别 / 身份证号 columns are the record as it stands.
  if (facts.changed) {
    const gc = c.gender;
    if (gc && ok(gc)) {
      const g = normaliseGender(gc.text);
      if (g.status !== 'invalid') facts.setGender(g.value, null);
    }
    if (ctx.idCard) facts.setId(ctx.idCard, null);
    rec.facts = facts.snapshot();
  }
  const ct = c.changeType;
  let changeType: ChangeType | undefined;
  if (ct && !ct.empty) changeType = record(ct, checkChangeType(ct.text));
  variantRule?.(rec, ctx, changeType);
}

/**
 * Wide layouts (DOMAIN.md §2 T3): an item whose 新 is blank, or the same as its 原, is not changed — the 原 side may
 * carry the whole record for reference. The unchanged values still count for the record's consistency.
 */
function readWidePairs(template: TemplateId, rec: RecordRow, ctx: RowContext, long: boolean): void {
  const pairs = new Map<CorrectionItem, { old?: Prepared; new?: Prepared }>();
  for (const w of ctx.header.wide) {
    const label = `${w.side === 'old' ? '原' : '新'}${w.item}`;
    const spec = w.item === '身份证号' ? ({ mode: 'code', isCode: true } as const) : ({ mode: 'text', isCode: false } as const);
    const p = prepareCell(ctx.raw[w.col], rec.row, w.col, { ...spec, label });
    (rec.wideCells ??= []).push(p);
    const pair = pairs.get(w.item) ?? {};
    pair[w.side] = p;
    pairs.set(w.item, pair);
  }
  let unchangedNew: Prepared | null = null;
  let blankNew: Prepared | null = null;
  let firstNew: Prepared | null = null;
  for (const [item, pair] of pairs) {
    if (!pair.old || !pair.new) continue;
    firstNew ??= pair.new;
    if (pair.old.empty && pair.new.empty) continue;
    if (pair.new.empty || sameValue(item, pair.old, pair.new)) {
      if (pair.new.empty) blankNew ??= pair.new;
      else unchangedNew ??= pair.new;
      noteUnchanged(ctx.facts, item, pair.new.empty ? pair.old : pair.new, ctx.today);
      continue;
    }
    const templateItem = checkItem(item, template);
    const change: Change = { item: templateItem.parsed ?? null, itemCell: null, oldCell: pair.old, newCell: pair.new };
    if (!templateItem.parsed) pair.new.drafts.push(...templateItem.drafts);
    rec.changes.push(change);
  }
  if (!long && pairs.size > 0 && rec.changes.length === 0) {
    // A row that changes nothing: say so on the cell to fill in.
    if (unchangedNew) unchangedNew.drafts.push(err('correction.unchanged', '本行的原信息与修改后信息完全相同，没有需要修改的内容'));
    else if (blankNew ?? firstNew) (blankNew ?? firstNew)!.drafts.push(err('cell.required', '本行没有填写修改后的信息'));
  }
}

/** One change's new value: filled, valid for its item, different from the old one; noted for the record's facts. */
function checkChange(ch: Change, rec: RecordRow, ctx: RowContext): void {
  if (!ch.item) return;
  const c = rec.cells;
  const nv = ch.newCell;
  if (nv.empty) {
    if (!c.newValue || nv !== c.newValue) nv.drafts.push(err('cell.required', `修改后的${ch.item}不能为空`));
    return;
  }
  if (nv.unusable) return;
  // Values of IDs and names are codes: no spaces inside (cleaned the same way as their columns).
  const res = checkNewValue(ch.item, compactFor(ch.item, nv), nv.dateSerial, ctx.today);
  compactCell(ch.item, nv);
  record(nv, res);
  if (res.drafts.every((d) => d.fixable || d.severity === 'warning')) noteChanged(ctx.facts, ch.item, nv, res);
  const ov = ch.oldCell;
  const oldText = compactFor(ch.item, ov);
  const newText = res.canonical ?? compactFor(ch.item, nv);
  if (!ov.empty && !ov.unusable && oldText === newText) {
    nv.drafts.push(err('correction.unchanged', `原信息与修改后信息相同（“${newText}”），无需修改`));
  }
}

/** A new value the request states (valid for its item). */
function noteChanged(facts: StudentFacts, item: CorrectionItem, cell: Prepared, res: NewValueResult): void {
  if (item === '性别') {
    const g = normaliseGender(res.canonical ?? cell.text);
    if (g.status !== 'invalid') facts.setGender(g.value, cell);
  } else if (item === '身份证号' && res.idCard) facts.setId(res.idCard, cell);
  else if (item === '出生日期' && res.birth) facts.setBirth(res.birth, cell);
}

/** The value of an item in the form the record holds it: a date, a canonical 性别 / 民族, an upper-case X. */
function canonicalOf(item: CorrectionItem, cell: Prepared): string {
  const text = compactFor(item, cell);
  switch (item) {
    case '出生日期': {
      const d = cell.dateSerial !== null ? excelSerialToYmd(cell.dateSerial) : parseLooseDate(text);
      return d ? formatYmd(d) : text;
    }
    case '性别': {
      const g = normaliseGender(text);
      return g.status === 'invalid' ? text : g.value;
    }
    case '民族': {
      const e = normaliseEthnicity(text);
      return e.status === 'fixable' ? e.canonical : text;
    }
    case '身份证号':
      return fixIdCardCase(text);
    default:
      return text;
  }
}

/** A wide pair whose 新 says what its 原 says (1990/1/2 and a date cell of that day, 汉 and 汉族): no change. */
function sameValue(item: CorrectionItem, old: Prepared, now: Prepared): boolean {
  if (old.empty || old.unusable || now.unusable) return false;
  return canonicalOf(item, old) === canonicalOf(item, now);
}

/** A value the request leaves as it is (a wide layout's 原 side, or a 新 equal to it). */
function noteUnchanged(facts: StudentFacts, item: CorrectionItem, cell: Prepared, today: Ymd): void {
  if (cell.empty || cell.unusable) return;
  if (item === '性别') {
    const g = normaliseGender(compactFor(item, cell));
    if (g.status !== 'invalid') facts.setGender(g.value, null);
  } else if (item === '身份证号') {
    const p = parseIdCard(fixIdCardCase(compactFor(item, cell)), today);
    if (p.shape !== 'bad') facts.setId(p, null);
  } else if (item === '出生日期') {
    const d = cell.dateSerial !== null ? excelSerialToYmd(cell.dateSerial) : parseLooseDate(compactFor(item, cell));
    if (d) facts.setBirth(d, null);
  }
}

/** Items whose values are codes or names: no spaces at all inside. */
const COMPACT_ITEMS: ReadonlySet<CorrectionItem> = new Set(['姓名', '性别', '身份证号', '民族', '出生日期']);

function compactFor(item: CorrectionItem, p: Prepared): string {
  return COMPACT_ITEMS.has(item) ? p.text.replace(/[\s\u00a0\u3000]/g, '') : p.text;
}

/** A new 姓名/身份证号 … with spaces inside: report and fix like the column it stands for. */
function compactCell(item: CorrectionItem, p: Prepared): void {
  const compact = compactFor(item, p);
  if (compact === p.text) return;
  if (!p.drafts.some((d) => d.rule === 'cell.whitespace')) p.drafts.push(err('cell.whitespace', `修改后的${item}中含有空格`, true));
  p.text = compact;
  p.fixed = compact;
  p.needsFix = true;
}

