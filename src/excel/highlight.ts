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
 *
 * Rules are made per band of `HIGHLIGHT_BAND_ROWS` rows, so that after a live re-check only the bands whose marks
 * changed are re-marked (`rehighlightBands`, 2 syncs): the rules overlapping those bands are read (type and formula,
 * through `customOrNullObject`), ours among them are deleted only if each is one this pane made for those very bands
 * (anything else — rules of an earlier session, copies the user pasted — sends the caller back to the full
 * re-mark), and the bands' marks are added again. The settings then lag one step behind (new ids are known only after
 * the sync that adds them); the next band update writes them, and a full re-mark that finds them stale falls back
 * to the marker scan, as after a reopen.
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

/** Rows per highlight band: a live re-check re-marks whole bands, never the whole sheet. */
export const HIGHLIGHT_BAND_ROWS = 5000;

/** The band (0-based) of a sheet row. */
export function bandOf(row: number, bandRows = HIGHLIGHT_BAND_ROWS): number {
  return Math.floor((row - 1) / bandRows);
}

/** One rule to add: a severity, a band of rows and the address string of its cells there. */
export interface PlannedRule {
  severity: Severity;
  band: number;
  chunk: AddressChunk;
}

/**
 * Group marks by band and severity (a cell marked both ways counts as an error) and chunk each group into addresses.
 * With `onlyBands`, only marks in those bands are planned.
 */
export function planHighlight(
  marks: readonly Mark[],
  maxChars = MAX_ADDRESS_CHARS,
  bandRows = HIGHLIGHT_BAND_ROWS,
  onlyBands?: ReadonlySet<number>,
): PlannedRule[] {
  const severityOf = new Map<string, Severity>();
  for (const m of marks) {
    const key = m.cell.trim().toUpperCase().replace(/\$/g, '');
    if (m.severity === 'error' || !severityOf.has(key)) severityOf.set(key, m.severity);
  }
  const groups = new Map<string, { severity: Severity; band: number; cells: CellPos[] }>();
  for (const [cell, severity] of severityOf) {
    let pos: CellPos[];
    try {
      pos = parseCells([cell]);
    } catch (e) {
      throw adapterError('invalid-input', 'highlight', { cause: e });
    }
    const band = bandOf(pos[0]!.row, bandRows);
    if (onlyBands && !onlyBands.has(band)) continue;
    const key = `${severity}:${band}`;
    let g = groups.get(key);
    if (!g) {
      g = { severity, band, cells: [] };
      groups.set(key, g);
    }
    g.cells.push(pos[0]!);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.severity === b.severity ? a.band - b.band : a.severity === 'error' ? -1 : 1));
  const out: PlannedRule[] = [];
  for (const g of ordered) for (const chunk of cellsToAddressChunks(g.cells, maxChars)) out.push({ severity: g.severity, band: g.band, chunk });
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
function queueSaveIds(context: Excel.RequestContext, found: Found, sheetName: string, ids: string[]): StoredHighlightIds {
  const next: StoredHighlightIds = {};
  for (const [sheet, list] of Object.entries(found.stored)) {
    if (sheet !== sheetName && found.sheetNames.includes(sheet) && list.length > 0) next[sheet] = list;
  }
  if (ids.length > 0) next[sheetName] = ids;
  if (Object.keys(next).length > 0) context.workbook.settings.add(HIGHLIGHT_SETTING_KEY, JSON.stringify(next));
  else if (!found.setting.isNullObject) found.setting.delete();
  return next;
}

export interface HighlightResult {
  /** Ids of the rules added. */
  ids: string[];
  /** The same ids by the band their rule covers. */
  bands: Map<number, string[]>;
  /** What the settings hold now (every sheet's ids). */
  stored: StoredHighlightIds;
  /** Rules added (one per address chunk and severity). */
  rules: number;
  /** Our old rules deleted first. */
  removed: number;
}

/**
 * Replace our highlights on `sheetName` with `marks`. Errors are Office.js errors (mapped by the caller).
 * `maxChars` bounds each `getRanges` address string; `fullScan` finds our rules by the marker even when every
 * remembered id is there (a band update met a rule of ours it did not know).
 */
export async function highlightCells(
  context: Excel.RequestContext,
  sheetName: string,
  marks: readonly Mark[],
  maxChars = MAX_ADDRESS_CHARS,
  fullScan = false,
): Promise<HighlightResult> {
  const plan = planHighlight(marks, maxChars);
  const found = await findOwnRules(context, sheetName, fullScan);
  for (const r of found.ours) r.delete();
  if (plan.length === 0) {
    const stored = queueSaveIds(context, found, sheetName, []);
    await context.sync();
    return { ids: [], bands: new Map(), stored, rules: 0, removed: found.ours.length };
  }
  const added = await addRules(context, sheetName, plan);
  const ids = added.map((a) => a.rule.id);
  const stored = queueSaveIds(context, found, sheetName, ids);
  await context.sync();
  return { ids, bands: idsByBand(added), stored, rules: added.length, removed: found.ours.length };
}

/** Add the planned rules, one sync per ~4 MB of addresses; their ids are loaded. */
async function addRules(context: Excel.RequestContext, sheetName: string, plan: readonly PlannedRule[]): Promise<Array<{ band: number; rule: Excel.ConditionalFormat }>> {
  const groups = groupByBudget(plan, (p) => utf8Length(p.chunk.address) + 5 * CALL_OVERHEAD_BYTES, SYNC_BUDGET_BYTES);
  const added: Array<{ band: number; rule: Excel.ConditionalFormat }> = [];
  for (const group of groups) {
    queueAdd(context, sheetName, group, added);
    await context.sync();
  }
  return added;
}

function queueAdd(
  context: Excel.RequestContext,
  sheetName: string,
  plan: readonly PlannedRule[],
  into: Array<{ band: number; rule: Excel.ConditionalFormat }>,
): void {
  const ws = context.workbook.worksheets.getItem(sheetName);
  context.workbook.application.suspendScreenUpdatingUntilNextSync();
  for (const { severity, band, chunk } of plan) {
    const rule = ws.getRanges(chunk.address).conditionalFormats.add('Custom');
    rule.custom.rule.formula = highlightFormula(severity);
    rule.custom.format.fill.color = HIGHLIGHT_COLORS[severity];
    rule.load('id');
    into.push({ band, rule });
  }
}

function idsByBand(added: ReadonlyArray<{ band: number; rule: Excel.ConditionalFormat }>): Map<number, string[]> {
  const bands = new Map<number, string[]>();
  for (const { band, rule } of added) bands.set(band, [...(bands.get(band) ?? []), rule.id]);
  return bands;
}

/** What the pane knows of its own rules on a sheet after marking it (kept by the port, per sheet). */
export interface BandMemory {
  /** Our rule ids by band. */
  bands: Map<number, string[]>;
  /** The settings' content as last known (other sheets' ids included). */
  stored: StoredHighlightIds;
  /** The ids of this sheet the settings hold (they lag behind after a band update). */
  saved: string[];
}

export function bandMemory(result: HighlightResult): BandMemory {
  return { bands: new Map(result.bands), stored: { ...result.stored }, saved: result.ids };
}

/** A band update could not prove which rules are ours: the caller re-marks the sheet in full. */
export class BandsUnknown extends Error {}

/**
 * Re-mark only `bands` of `sheetName` with the marks that fall in them (2 syncs: read the rules overlapping the
 * bands, then delete ours there and add the new ones). Throws `BandsUnknown` when a rule of ours there is not one
 * `memory` knows for those bands. Updates `memory`.
 */
export async function rehighlightBands(
  context: Excel.RequestContext,
  sheetName: string,
  marks: readonly Mark[],
  bands: ReadonlySet<number>,
  memory: BandMemory,
  maxChars = MAX_ADDRESS_CHARS,
  bandRows = HIGHLIGHT_BAND_ROWS,
): Promise<HighlightResult> {
  const plan = planHighlight(marks, maxChars, bandRows, bands);
  const ws = context.workbook.worksheets.getItem(sheetName);
  const address = [...bands].sort((a, b) => a - b).map((b) => `${b * bandRows + 1}:${(b + 1) * bandRows}`).join(',');
  const rules = ws.getRanges(address).conditionalFormats;
  rules.load('items/id,items/type,items/customOrNullObject/rule/formula');
  // The ids the last band update added, which the settings do not hold yet.
  const ids = [...memory.bands.values()].flat();
  if (!sameIds(ids, memory.saved)) {
    saveIds(context, memory, sheetName, ids);
  }
  await context.sync();

  const known = new Set([...bands].flatMap((b) => memory.bands.get(b) ?? []));
  const ours = rules.items.filter((r) => r.type === 'Custom' && !r.customOrNullObject.isNullObject && isOwnHighlightFormula(r.customOrNullObject.rule.formula));
  if (ours.some((r) => !known.has(r.id))) throw new BandsUnknown(`rules of ours on ${sheetName} that this pane did not make for these bands`);
  for (const r of ours) r.delete();
  const added: Array<{ band: number; rule: Excel.ConditionalFormat }> = [];
  if (plan.length > 0) queueAdd(context, sheetName, plan, added);
  await context.sync();

  for (const b of bands) memory.bands.delete(b);
  for (const [b, list] of idsByBand(added)) memory.bands.set(b, list);
  return { ids: added.map((a) => a.rule.id), bands: idsByBand(added), stored: memory.stored, rules: added.length, removed: ours.length };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function saveIds(context: Excel.RequestContext, memory: BandMemory, sheetName: string, ids: string[]): void {
  const next: StoredHighlightIds = {};
  for (const [sheet, list] of Object.entries(memory.stored)) if (sheet !== sheetName && list.length > 0) next[sheet] = list;
  if (ids.length > 0) next[sheetName] = ids;
  context.workbook.settings.add(HIGHLIGHT_SETTING_KEY, JSON.stringify(next));
  memory.stored = next;
  memory.saved = ids;
}

/** Delete every rule of ours on `sheetName` (full marker scan); returns how many. */
export async function clearHighlightRules(context: Excel.RequestContext, sheetName: string): Promise<number> {
  const found = await findOwnRules(context, sheetName, true);
  for (const r of found.ours) r.delete();
  queueSaveIds(context, found, sheetName, []);
  await context.sync();
  return found.ours.length;
}
