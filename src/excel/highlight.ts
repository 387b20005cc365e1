/**
 * Marking flagged cells (ARCHITECTURE.md, Office.js rule 3).
 *
 * Highlights are conditional formats that the add-in owns. Flagged cells are merged into rectangles and sent as
 * `worksheet.getRanges(address)` strings of at most ~7,000 characters; each string gets one "Custom" conditional
 * format (`rangeAreas.conditionalFormats.add`) with a constant-true formula that carries a marker,
 * `=ISTEXT("xueji-highlight:error")`, and a fill colour per severity (errors red, warnings yellow). Because the
 * rule sits above the user's own rules and formats, the user's fills and rules are never changed: clearing deletes
 * only our rules and everything the user had shows again. Nothing here calls `clear("Formats")`,
 * `conditionalFormats.clearAll()` or sets `format.fill` on the user's ranges.
 *
 * How our rules are found again (decided and documented in docs/excel-adapter.md):
 * - The marker in the formula is the proof of ownership: a rule is deleted only if its formula carries it.
 * - Their ids are remembered in the workbook's settings (`workbook.settings`, key `xueji.highlightIds`, saved with
 *   the file and alive across pane reloads). When re-marking, if every remembered id is still there, only those
 *   rules are looked at — the user's rules are not even read.
 * - If an id is missing (ids can change when the workbook is reopened, the sheet was renamed, the settings were
 *   lost) or when the user asks to clear all marks, the sheet's Custom rules are read (type and formula only,
 *   never changed) and every rule with the marker is deleted: this also removes copies the user pasted elsewhere.
 *
 * Syncs: clear = 2–3, highlight = 4 (5 when a remembered id turned out to name another rule; +1 per further ~4 MB
 * of addresses, which takes hundreds of thousands of scattered cells): the count does not grow with the number of
 * flagged cells.
 */
/// <reference types="office-js" />
import type { Mark } from '../core/port';
import type { Severity } from '../core/types';
import { type CellPos } from './a1';
import { adapterError } from './errors';
import { CALL_OVERHEAD_BYTES, groupByBudget, SYNC_BUDGET_BYTES, utf8Length } from './payload';
import { cellsToAddressChunks, MAX_ADDRESS_CHARS, parseCells, type AddressChunk } from './rectangles';

export const HIGHLIGHT_MARKER = 'xueji-highlight';
export const HIGHLIGHT_SETTING_KEY = 'xueji.highlightIds';
/** Excel's own "Light Red Fill" and "Yellow Fill" presets, so the colours read as error and warning. */
export const HIGHLIGHT_COLORS: Readonly<Record<Severity, string>> = { error: '#FFC7CE', warning: '#FFEB9C' };

/** The rule formula: always TRUE (no cell reference, so Excel has nothing to shift), and it names its owner. */
export function highlightFormula(severity: Severity): string {
  return `=ISTEXT("${HIGHLIGHT_MARKER}:${severity}")`;
}

export function isOwnHighlightFormula(formula: unknown): boolean {
  return typeof formula === 'string' && formula.includes(`"${HIGHLIGHT_MARKER}:`);
}

/** Sheet name → ids of our rules, as stored in the settings (tolerant of anything else found there). */
export type StoredHighlightIds = Record<string, string[]>;

export function parseStoredIds(value: unknown): StoredHighlightIds {
  let data: unknown = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return {}; // not ours or damaged: the marker scan still finds our rules
    }
  }
  const out: StoredHighlightIds = {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return out;
  for (const [sheet, ids] of Object.entries(data as Record<string, unknown>)) {
    if (Array.isArray(ids)) out[sheet] = ids.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** Group marks by severity (a cell marked both ways counts as an error) and chunk each group into addresses. */
export function planHighlight(
  marks: readonly Mark[],
  maxChars = MAX_ADDRESS_CHARS,
): Array<{ severity: Severity; chunk: AddressChunk }> {
  const severityOf = new Map<string, Severity>();
  for (const m of marks) {
    const key = m.cell.trim().toUpperCase().replace(/\$/g, '');
    if (m.severity === 'error' || !severityOf.has(key)) severityOf.set(key, m.severity);
  }
  const bySeverity: Record<Severity, string[]> = { error: [], warning: [] };
  for (const [cell, sev] of severityOf) bySeverity[sev].push(cell);
  const out: Array<{ severity: Severity; chunk: AddressChunk }> = [];
  for (const severity of ['error', 'warning'] as const) {
    let cells: CellPos[];
    try {
      cells = parseCells(bySeverity[severity]);
    } catch (e) {
      throw adapterError('invalid-input', 'highlight', { cause: e });
    }
    for (const chunk of cellsToAddressChunks(cells, maxChars)) out.push({ severity, chunk });
  }
  return out;
}

interface Found {
  /** Our rules on this sheet (loaded client objects, ready to delete). */
  ours: Excel.ConditionalFormat[];
  stored: StoredHighlightIds;
  setting: Excel.Setting;
  sheetNames: string[];
}

/** Find our rules on the sheet (2 syncs, or 1 when the sheet has no Custom rule at all). */
async function findOwnRules(context: Excel.RequestContext, sheetName: string, fullScan: boolean): Promise<Found> {
  const ws = context.workbook.worksheets.getItem(sheetName);
  const rules = ws.getRange().conditionalFormats;
  rules.load('items/id,items/type');
  const setting = context.workbook.settings.getItemOrNullObject(HIGHLIGHT_SETTING_KEY);
  setting.load('value');
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();

  const stored = setting.isNullObject ? {} : parseStoredIds(setting.value);
  const remembered = new Set(stored[sheetName] ?? []);
  const custom = rules.items.filter((r) => r.type === 'Custom');
  const rememberedPresent = custom.filter((r) => remembered.has(r.id));
  const fast = !fullScan && remembered.size > 0 && rememberedPresent.length === remembered.size;
  let candidates = fast ? rememberedPresent : custom;
  if (candidates.length > 0) {
    for (const r of candidates) r.custom.rule.load('formula');
    await context.sync();
  }
  if (fast && !candidates.every((r) => isOwnHighlightFormula(r.custom.rule.formula))) {
    // A remembered id now names someone else's rule (ids are handed out anew when a workbook is reopened):
    // fall back to the marker scan over every Custom rule.
    const rest = custom.filter((r) => !remembered.has(r.id));
    if (rest.length > 0) {
      for (const r of rest) r.custom.rule.load('formula');
      await context.sync();
    }
    candidates = custom;
  }
  return {
    ours: candidates.filter((r) => isOwnHighlightFormula(r.custom.rule.formula)),
    stored,
    setting,
    sheetNames: sheets.items.map((s) => s.name),
  };
}

/** Queue the settings update: this sheet's ids replaced, entries of sheets that no longer exist dropped. */
function queueSaveIds(context: Excel.RequestContext, found: Found, sheetName: string, ids: string[]): void {
  const next: StoredHighlightIds = {};
  for (const [sheet, list] of Object.entries(found.stored)) {
    if (sheet !== sheetName && found.sheetNames.includes(sheet) && list.length > 0) next[sheet] = list;
  }
  if (ids.length > 0) next[sheetName] = ids;
  if (Object.keys(next).length > 0) context.workbook.settings.add(HIGHLIGHT_SETTING_KEY, JSON.stringify(next));
  else if (!found.setting.isNullObject) found.setting.delete();
}

export interface HighlightResult {
  /** Ids of the rules added. */
  ids: string[];
  /** Rules added (one per address chunk and severity). */
  rules: number;
  /** Our old rules deleted first. */
  removed: number;
}

/**
 * Replace our highlights on `sheetName` with `marks`. Errors are Office.js errors (mapped by the caller).
 * `maxChars` bounds each `getRanges` address string.
 */
export async function highlightCells(
  context: Excel.RequestContext,
  sheetName: string,
  marks: readonly Mark[],
  maxChars = MAX_ADDRESS_CHARS,
): Promise<HighlightResult> {
  const plan = planHighlight(marks, maxChars);
  const found = await findOwnRules(context, sheetName, false);
  for (const r of found.ours) r.delete();

  const groups = groupByBudget(plan, (p) => utf8Length(p.chunk.address) + 5 * CALL_OVERHEAD_BYTES, SYNC_BUDGET_BYTES);
  const added: Excel.ConditionalFormat[] = [];
  if (groups.length === 0) {
    queueSaveIds(context, found, sheetName, []);
    await context.sync();
    return { ids: [], rules: 0, removed: found.ours.length };
  }
  for (const group of groups) {
    const ws = context.workbook.worksheets.getItem(sheetName);
    context.workbook.application.suspendScreenUpdatingUntilNextSync();
    for (const { severity, chunk } of group) {
      const rule = ws.getRanges(chunk.address).conditionalFormats.add('Custom');
      rule.custom.rule.formula = highlightFormula(severity);
      rule.custom.format.fill.color = HIGHLIGHT_COLORS[severity];
      rule.load('id');
      added.push(rule);
    }
    await context.sync();
  }
  const ids = added.map((r) => r.id);
  queueSaveIds(context, found, sheetName, ids);
  await context.sync();
  return { ids, rules: added.length, removed: found.ours.length };
}

/** Delete every rule of ours on `sheetName` (full marker scan); returns how many. */
export async function clearHighlightRules(context: Excel.RequestContext, sheetName: string): Promise<number> {
  const found = await findOwnRules(context, sheetName, true);
  for (const r of found.ours) r.delete();
  queueSaveIds(context, found, sheetName, []);
  await context.sync();
  return found.ours.length;
}
