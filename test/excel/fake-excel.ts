/**
 * A small recording fake of the Excel JavaScript API, written for this project (not a mock that accepts anything).
 *
 * Model (the "Excel side"): worksheets of cells (value, formula, number format, fill), merged areas, conditional
 * formats, workbook settings, selection, change-event handlers.
 *
 * Client side (what the add-in code holds): Workbook, WorksheetCollection, Worksheet, Range, RangeAreas,
 * RangeFormat/RangeFill, ConditionalFormatCollection, ConditionalFormat (+ custom/rule/format/fill), SettingCollection,
 * Setting, Application, event handlers. Like Office.js:
 * - every method call, property set and load is *queued* and runs only at `context.sync()`, in order; a failure
 *   stops the batch there (earlier operations stay applied) and rejects the sync;
 * - a property can be read only after `load` + `sync` (else PropertyNotLoaded), `isNullObject` likewise;
 * - an object created in a batch that failed is invalid afterwards (InvalidObjectPath);
 * - `…OrNullObject` returns a null object, the plain variant fails with ItemNotFound;
 * - writing a string to `values` is parsed like typing it (numbers, TRUE/FALSE, #N/A, =formulas, ISO dates) unless
 *   the cell is formatted `@`; `null` in a written matrix leaves that cell unchanged; `""` empties it;
 * - APIs of a requirement set above the fake's `api` level fail with ApiNotFound at sync.
 * Strictness: every client object is a Proxy — reading or setting a property that the Excel API does not have (a
 * misspelled method or property) throws a TypeError at once.
 *
 * Recording: `syncCount`, and for every request its bytes (UTF-8 JSON of the queued actions and object paths, shaped
 * like Office.js's RichApi request) and its response bytes; a request or response above `payloadLimit` (5 MB, as in
 * Excel on the web) fails with RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded. `calls` lists
 * every call that touches formats (fill set/clear, Range.clear, clearAll, conditional-format add/delete).
 */
/// <reference types="office-js" />
import { columnIndex, columnLetter } from '../../src/core/engine/a1';

// ------------------------------------------------------------------------------------------------ errors

export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.debugInfo = { code, message };
  }
}

const err = (code: string, message: string): FakeOfficeError => new FakeOfficeError(code, message);
const notLoaded = (cls: string, prop: string): FakeOfficeError =>
  err(
    'PropertyNotLoaded',
    `The property '${prop}' of ${cls} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

// ------------------------------------------------------------------------------------------------ model

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type Scalar = string | number | boolean;

export interface FakeCell {
  /** null = empty. For an error cell, the error text. */
  v: Scalar | null;
  err?: true;
  /** Formula text with '='. */
  f?: string;
  fmt?: string;
  fill?: string;
}

export interface CFModel {
  id: string;
  type: string;
  rects: Rect[];
  formula?: string;
  fill?: string | null;
  fontColor?: string | null;
  stopIfTrue?: boolean;
  /** For user rules created by tests. */
  operator?: string;
  formula1?: string;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
const WHOLE_SHEET: Rect = { top: 1, left: 0, bottom: MAX_ROWS, right: MAX_COLS - 1 };

export class SheetModel {
  rows: Array<Array<FakeCell | undefined> | undefined> = [];
  merges: Rect[] = [];
  cfs: CFModel[] = [];
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  handlers: Array<{ ctx: FakeContext; handler: (args: unknown) => Promise<unknown> }> = [];
  constructor(
    public id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.rows[row - 1]?.[col];
  }

  ensure(row: number, col: number): FakeCell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col];
    if (!c) {
      c = { v: null };
      r[col] = c;
    }
    return c;
  }

  /** Bounding box of cells with values (valuesOnly) or of any cell object, optionally only inside `within`. */
  usedRect(valuesOnly: boolean, within?: Rect): Rect | null {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    const first = within ? within.top - 1 : 0;
    const last = within ? Math.min(within.bottom, this.rows.length) : this.rows.length;
    for (let i = first; i < last; i++) {
      const r = this.rows[i];
      if (!r) continue;
      const from = within ? within.left : 0;
      const to = within ? Math.min(within.right + 1, r.length) : r.length;
      for (let j = from; j < to; j++) {
        const c = r[j];
        if (!c) continue;
        if (valuesOnly ? c.v === null && c.f === undefined : c.v === null && !c.fmt && !c.fill && c.f === undefined) continue;
        top = Math.min(top, i + 1);
        bottom = Math.max(bottom, i + 1);
        left = Math.min(left, j);
        right = Math.max(right, j);
      }
    }
    return top === Infinity ? null : { top, left, bottom, right };
  }
}

// ------------------------------------------------------------------------------------------------ addresses

function cellA1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function rectA1(r: Rect): string {
  const a = cellA1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellA1(r.bottom, r.right)}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Parse one area without sheet name: A1, A1:B2, A:C, 3:5. Independent of src/excel/a1 on purpose. */
export function parseRect(text: string): Rect | null {
  const t = text.trim().replace(/\$/g, '');
  const [a, b, more] = t.split(':');
  if (a === undefined || more !== undefined) return null;
  const cell = (s: string): { r: number; c: number } | null => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(s);
    if (!m) return null;
    const r = Number(m[2]);
    const c = columnIndex(m[1]!.toUpperCase());
    return r >= 1 && r <= MAX_ROWS && c >= 0 && c < MAX_COLS ? { r, c } : null;
  };
  const p = cell(a);
  const q = cell(b ?? a);
  if (p && q) {
    return { top: Math.min(p.r, q.r), bottom: Math.max(p.r, q.r), left: Math.min(p.c, q.c), right: Math.max(p.c, q.c) };
  }
  if (b === undefined) return null;
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const l = columnIndex(a.toUpperCase());
    const r = columnIndex(b.toUpperCase());
    return { top: 1, bottom: MAX_ROWS, left: Math.min(l, r), right: Math.max(l, r) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return { top: Math.min(+a, +b), bottom: Math.max(+a, +b), left: 0, right: MAX_COLS - 1 };
  }
  return null;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function rectCells(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/** Cells → rectangles per column run (how the fake reports special cells). */
function runsOf(cells: Array<{ row: number; col: number }>): Rect[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push(c.row);
    byCol.set(c.col, list);
  }
  const out: Rect[] = [];
  for (const [col, rows] of [...byCol].sort((x, y) => x[0] - y[0])) {
    rows.sort((x, y) => x - y);
    let top = rows[0]!;
    let prev = top;
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[i];
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      out.push({ top, bottom: prev, left: col, right: col });
      if (r !== undefined) {
        top = r;
        prev = r;
      }
    }
  }
  return out;
}

function utf8(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// ------------------------------------------------------------------------------------------------ value entry

const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!']);

/** Excel keeps 15 significant digits. */
function excelNumber(n: number): number {
  return Number(n.toPrecision(15));
}

function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

// ------------------------------------------------------------------------------------------------ the fake

export interface FakeExcelOptions {
  /** Highest ExcelApi 1.x minor version supported (default 14). */
  api?: number;
  payloadLimit?: number;
  /** getRanges refuses longer address strings (OfficeDev/office-js#5198 fails near 8,200). */
  maxAddressChars?: number;
  /** Syncs of a `mergeUndoGroup` run fail with UndoNotSupported (an operation in the group cannot be undone). */
  undoGroupUnsupported?: boolean;
}

export interface RequestRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  ok: boolean;
  error?: string;
}

export interface RunOptionsSeen {
  delayForCellEdit?: boolean;
  mergeUndoGroup?: boolean;
  reusedContext: boolean;
}

export class FakeExcel {
  readonly api: number;
  readonly payloadLimit: number;
  readonly maxAddressChars: number;
  readonly undoGroupUnsupported: boolean;
  sheets: SheetModel[] = [];
  active: SheetModel | undefined;
  settings = new Map<string, unknown>();
  selection: { sheet: string; address: string } | undefined;
  syncCount = 0;
  requests: RequestRecord[] = [];
  runs: RunOptionsSeen[] = [];
  /** Calls that touch formats or rules: 'RangeFill.color=', 'Range.clear(Formats)', 'ConditionalFormatCollection.clearAll' … */
  calls: string[] = [];
  cellEditMode = false;
  private editWaiters: Array<() => void> = [];
  private failures: FakeOfficeError[] = [];
  private nextCfId = 1;
  private nextSheetId = 1;
  private eventTasks: Array<Promise<unknown>> = [];
  /** Errors thrown by event handlers (the fake's stand-in for Office logging them). */
  eventErrors: unknown[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? 14;
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.maxAddressChars = options.maxAddressChars ?? 8192;
    this.undoGroupUnsupported = options.undoGroupUnsupported ?? false;
  }

  // ------------------------------------------------ setup helpers

  addSheet(name: string, grid: ReadonlyArray<ReadonlyArray<unknown>> = []): SheetModel {
    const s = new SheetModel(`{sheet-${this.nextSheetId++}}`, name);
    grid.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v === undefined || v === null) return;
        const cell: FakeCell =
          typeof v === 'object' ? { ...(v as FakeCell) } : { v: v as Scalar };
        if (cell.v === undefined) cell.v = null;
        s.ensure(i + 1, j);
        s.rows[i]![j] = cell;
      });
    });
    this.sheets.push(s);
    this.active ??= s;
    return s;
  }

  sheet(name: string): SheetModel {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  addUserRule(sheetName: string, rule: Omit<CFModel, 'id' | 'rects'> & { address?: string; rects?: Rect[] }): CFModel {
    const s = this.sheet(sheetName);
    const rects = rule.address ? rule.address.split(',').map((a) => parseRect(a)!) : (rule.rects ?? []);
    const cf: CFModel = { ...rule, rects, id: String(this.nextCfId++) };
    delete (cf as { address?: string }).address;
    s.cfs.push(cf);
    return cf;
  }

  newCfId(): string {
    return String(this.nextCfId++);
  }

  isSetSupported = (name: string, version: string): boolean => {
    if (name !== 'ExcelApi') return false;
    const [major, minor] = version.split('.').map(Number);
    return major === 1 && (minor ?? 0) <= this.api;
  };

  /** The next sync fails with this Office error code. */
  failNextSync(code: string, message = `fake failure ${code}`): void {
    this.failures.push(err(code, message));
  }

  endCellEdit(): void {
    this.cellEditMode = false;
    const w = this.editWaiters;
    this.editWaiters = [];
    w.forEach((f) => f());
  }

  waitForEditEnd(): Promise<void> {
    return new Promise((resolve) => this.editWaiters.push(resolve));
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requests = [];
    this.runs = [];
    this.calls = [];
  }

  /** Close and reopen the workbook: conditional-format ids are handed out anew (old ids may now name other rules). */
  reopen(): void {
    const all = this.sheets.flatMap((s) => s.cfs);
    let id = 1;
    for (const cf of all) cf.id = String(id++);
    this.nextCfId = id;
    for (const s of this.sheets) s.handlers = [];
  }

  /** A user edit: write raw values into the model and fire onChanged like Excel does for the user. */
  userEdit(sheetName: string, address: string, values: unknown[][], changeType = 'RangeEdited'): Promise<void> {
    const s = this.sheet(sheetName);
    const r = parseRect(address)!;
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const c = s.ensure(r.top + i, r.left + j);
        enterValue(c, v);
      }),
    );
    this.fireChanged(s, address, changeType, false);
    return this.settle();
  }

  /** Fire onChanged handlers of a sheet (asynchronously, as Excel does). */
  fireChanged(sheet: SheetModel, address: string, changeType: string, byThisAddin: boolean): void {
    const args: Record<string, unknown> = {
      address,
      changeType,
      source: 'Local',
      type: 'WorksheetChanged',
      worksheetId: sheet.id,
    };
    if (this.api >= 14) args.triggerSource = byThisAddin ? 'ThisLocalAddin' : 'Unknown';
    for (const h of sheet.handlers) {
      const task = new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => h.handler(args))
        .catch((e: unknown) => {
          this.eventErrors.push(e);
        });
      this.eventTasks.push(task);
    }
  }

  /** Wait until every fired event handler has finished. */
  async settle(): Promise<void> {
    while (this.eventTasks.length > 0) {
      const tasks = this.eventTasks;
      this.eventTasks = [];
      await Promise.all(tasks);
    }
  }

  get largestRequest(): number {
    return Math.max(0, ...this.requests.map((r) => r.requestBytes));
  }

  get largestResponse(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes));
  }

  /** The injectable run function (same shape as src/excel/run.ts's ExcelRun). */
  run = async <T>(
    options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean; context?: unknown },
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    this.runs.push({
      delayForCellEdit: options.delayForCellEdit,
      mergeUndoGroup: options.mergeUndoGroup,
      reusedContext: options.context !== undefined,
    });
    if (options.mergeUndoGroup && this.api < 20) throw new Error('fake: mergeUndoGroup used on a host without ExcelApi 1.20');
    let ctx: FakeContext;
    if (options.context !== undefined) {
      if (!(options.context instanceof FakeContextImpl)) throw new Error('fake: context from elsewhere');
      ctx = options.context as unknown as FakeContext;
    } else ctx = new FakeContextImpl(this, options) as unknown as FakeContext;
    const result = await batch(ctx as unknown as Excel.RequestContext);
    const impl = ctx as unknown as FakeContextImpl;
    if (impl._pending.length > 0) {
      throw new Error(`fake: Excel.run ended with ${impl._pending.length} queued operation(s) that were never synced`);
    }
    return result;
  };

  /** @internal */
  takeFailure(): FakeOfficeError | undefined {
    return this.failures.shift();
  }

  /** @internal */
  trackEvent(p: Promise<unknown>): void {
    this.eventTasks.push(p);
  }
}

/** Excel's parsing of a typed entry (strings), for a cell that is not formatted as text. */
export function enterValue(cell: FakeCell, value: unknown, sheet?: SheetModel): void {
  if (value === null || value === undefined) return; // null leaves the cell unchanged
  delete cell.err;
  delete cell.f;
  if (typeof value === 'number') {
    cell.v = Number.isFinite(value) ? excelNumber(value) : null;
    return;
  }
  if (typeof value === 'boolean') {
    cell.v = value;
    return;
  }
  const s = String(value);
  if (s === '') {
    cell.v = null;
    return;
  }
  if (cell.fmt === '@') {
    cell.v = s;
    return;
  }
  if (s.startsWith('=') && s.length > 1) {
    cell.f = s;
    evaluate(cell, sheet);
    return;
  }
  if (ERROR_VALUES.has(s.toUpperCase())) {
    cell.v = s.toUpperCase();
    cell.err = true;
    return;
  }
  if (/^(true|false)$/i.test(s)) {
    cell.v = s.toUpperCase() === 'TRUE';
    return;
  }
  const trimmed = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    cell.v = excelNumber(Number(trimmed));
    return;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) {
    cell.v = dateSerial(+iso[1]!, +iso[2]!, +iso[3]!);
    if (!cell.fmt || cell.fmt === 'General') cell.fmt = 'yyyy/m/d';
    return;
  }
  cell.v = s;
}

/** A tiny evaluator: =A1, =<number>, ="text"; anything else is #NAME?. */
function evaluate(cell: FakeCell, sheet?: SheetModel): void {
  const f = cell.f!;
  const ref = /^=\$?([A-Z]{1,3})\$?(\d+)$/.exec(f);
  const num = /^=(-?\d+(\.\d+)?)$/.exec(f);
  const str = /^="(.*)"$/.exec(f);
  if (ref && sheet) {
    const src = sheet.cell(Number(ref[2]), columnIndex(ref[1]!));
    cell.v = src?.v ?? 0;
    if (src?.err) cell.err = true;
  } else if (num) cell.v = Number(num[1]);
  else if (str) cell.v = str[1]!;
  else {
    cell.v = '#NAME?';
    cell.err = true;
  }
}

// ------------------------------------------------------------------------------------------------ client objects

const HARMLESS_MISSING = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  'inspect',
]);

function strict<T extends object>(obj: T, className: string): T {
  return new Proxy(obj, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver);
      if (HARMLESS_MISSING.has(key)) return undefined;
      throw new TypeError(`Excel fake: ${className}.${key} is not part of the Excel API (misspelled?)`);
    },
    set(target, key, value, receiver) {
      if (typeof key === 'symbol' || !(key in target)) {
        throw new TypeError(`Excel fake: cannot set ${className}.${String(key)}: not an Excel API property`);
      }
      if (!Reflect.set(target, key, value, receiver)) {
        throw new TypeError(`Excel fake: ${className}.${String(key)} is read-only`);
      }
      return true;
    },
  });
}

interface Op {
  json: unknown;
  obj: FakeObject;
  exec: () => { response?: unknown; publish?: () => void } | void;
}

type FakeContext = FakeContextImpl;

class FakeContextImpl {
  _fake: FakeExcel;
  _options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean };
  _pending: Op[] = [];
  _batch = 1;
  _nextPath = 1;
  _objects: FakeObject[] = [];
  _changes: Array<{ sheet: SheetModel; rect: Rect }> = [];
  workbook: FakeWorkbook;
  application: FakeApplication;

  constructor(fake: FakeExcel, options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }) {
    this._fake = fake;
    this._options = options;
    this.workbook = undefined as unknown as FakeWorkbook;
    this.application = undefined as unknown as FakeApplication;
    const self = strict(this, 'RequestContext');
    this.workbook = new FakeWorkbook(self);
    this.application = this.workbook.application;
    return self;
  }

  async sync(): Promise<void> {
    const fake = this._fake;
    fake.syncCount++;
    await Promise.resolve();
    const ops = this._pending;
    this._pending = [];
    const batch = this._batch++;
    const record: RequestRecord = { requestBytes: 0, responseBytes: 0, actions: ops.length, ok: false };
    fake.requests.push(record);
    const fail = (e: FakeOfficeError): never => {
      for (const o of this._objects) if (o._createdBatch === batch) o._invalid = true;
      record.error = e.code;
      throw e;
    };
    if (fake.cellEditMode) {
      if (!this._options.delayForCellEdit) fail(err('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.'));
      await fake.waitForEditEnd();
    }
    record.requestBytes = utf8(JSON.stringify({ Actions: ops.map((o) => o.json) }));
    const injected = fake.takeFailure();
    if (injected) fail(injected);
    if (this._options.mergeUndoGroup && fake.undoGroupUnsupported && ops.length > 0) {
      fail(err('UndoNotSupported', 'The operation cannot be grouped into one undo step.'));
    }
    if (record.requestBytes > fake.payloadLimit) {
      fail(err('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.'));
    }
    const responses: unknown[] = [];
    const publish: Array<() => void> = [];
    this._changes = [];
    for (const op of ops) {
      try {
        if (op.obj._invalid) throw err('InvalidObjectPath', 'The object path is not working for what you are trying to do.');
        if (op.obj._ctx !== (this as unknown)) throw err('InvalidRequestContext', 'Cannot use the object across different request contexts.');
        const r = op.exec();
        if (r?.response !== undefined) responses.push(r.response);
        if (r?.publish) publish.push(r.publish);
      } catch (e) {
        this.fireChanges();
        if (e instanceof FakeOfficeError) fail(e);
        throw e;
      }
    }
    record.responseBytes = utf8(JSON.stringify(responses));
    if (record.responseBytes > fake.payloadLimit) {
      this.fireChanges();
      fail(err('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.'));
    }
    for (const p of publish) p();
    record.ok = true;
    this.fireChanges();
  }

  private fireChanges(): void {
    for (const c of this._changes) this._fake.fireChanged(c.sheet, rectA1(c.rect), 'RangeEdited', true);
    this._changes = [];
  }
}

abstract class FakeObject {
  _ctx: FakeContext;
  _path: number;
  _createdBatch: number;
  _invalid = false;
  _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined = undefined;
  _navs = new Map<string, FakeObject>();
  abstract readonly _class: string;
  /** Names that `load` accepts as scalars. */
  abstract readonly _scalarNames: readonly string[];

  constructor(ctx: FakeContext, parent: FakeObject | null, name: string, args: unknown[] = [], nullable = false) {
    this._ctx = ctx;
    this._path = ctx._nextPath++;
    // Root objects (workbook, worksheets, settings, application) and items handed back by a load exist
    // independently of any batch; objects made by a method call belong to the batch that queued them.
    this._createdBatch = parent ? ctx._batch : 0;
    this._nullable = nullable;
    ctx._objects.push(this);
    // Object path + its instantiation, as Office.js sends them.
    if (parent) {
      ctx._pending.push({
        obj: parent,
        json: [
          { Id: this._path, ObjectPathType: 3, Name: name, ParentObjectPathId: parent._path, ArgumentInfo: { Arguments: args } },
          { Id: this._path, ActionType: 1, Name: '', ObjectPathId: this._path },
        ],
        exec: () => undefined,
      });
    }
  }

  _nullable: boolean;

  /** The model target at sync time; null only for null objects. */
  abstract _resolve(): unknown;
  abstract _scalar(name: string, target: unknown): unknown;
  /** A navigation property's client object, or undefined when `name` is not one. */
  _nav(_name: string): FakeObject | undefined {
    return undefined;
  }

  _target(): unknown {
    const t = this._resolve();
    if (t === null && !this._nullable) throw err('ItemNotFound', `The requested resource doesn't exist (${this._class}).`);
    return t;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded(this._class, 'isNullObject');
    return this._isNull;
  }

  _get<T>(name: string): T {
    if (this._isNull) throw err('InvalidOperation', `${this._class} is a null object; ${name} cannot be read.`);
    if (!this._loaded.has(name)) throw notLoaded(this._class, name);
    return this._loaded.get(name) as T;
  }

  _queue(json: Record<string, unknown>, exec: Op['exec']): void {
    this._ctx._pending.push({ obj: this, json: { Id: this._ctx._nextPath++, ObjectPathId: this._path, ...json }, exec });
  }

  _set(name: string, value: unknown, apply: (target: unknown) => void): void {
    this._queue({ ActionType: 4, Name: name, ArgumentInfo: { Arguments: [value] } }, () => {
      apply(this._target());
    });
  }

  _call(name: string, args: unknown[], apply: (target: unknown) => void): void {
    this._queue({ ActionType: 3, Name: name, ArgumentInfo: { Arguments: args } }, () => {
      apply(this._target());
    });
  }

  load(spec?: string | string[]): this {
    let paths: string[];
    if (spec === undefined) paths = [...this._scalarNames];
    else if (typeof spec === 'string') paths = spec.split(',');
    else if (Array.isArray(spec)) paths = spec.flatMap((s) => s.split(','));
    else throw new TypeError('Excel fake: load() takes a string or an array of strings here');
    this._load(paths.map((p) => p.trim()).filter((p) => p.length > 0));
    return this;
  }

  _load(paths: string[]): void {
    const scalars: string[] = [];
    const navs = new Map<string, string[]>();
    for (const p of paths) {
      const [head, ...rest] = p.split('/');
      if (rest.length === 0 && this._scalarNames.includes(head!)) scalars.push(head!);
      else {
        const nav = this._nav(head!);
        if (!nav) throw new TypeError(`Excel fake: ${this._class} has no property '${head}' to load`);
        if (rest.length === 0) navs.set(head!, navs.get(head!) ?? []);
        else navs.set(head!, [...(navs.get(head!) ?? []), rest.join('/')]);
      }
    }
    this._queue({ ActionType: 2, Name: '', QueryInfo: { Select: scalars, Expand: [...navs.keys()] } }, () => {
      const t = this._target();
      if (t === null) return { response: { IsNull: true }, publish: () => void (this._isNull = true) };
      const values = scalars.map((s) => [s, this._scalar(s, t)] as const);
      return {
        response: { Value: Object.fromEntries(values) },
        publish: () => {
          this._isNull = false;
          for (const [k, v] of values) this._loaded.set(k, v);
        },
      };
    });
    for (const [name, sub] of navs) this._nav(name)!._load(sub.length ? sub : []);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  _navCached<T extends FakeObject>(name: string, make: () => T): T {
    let n = this._navs.get(name);
    if (!n) {
      n = make();
      this._navs.set(name, n);
    }
    return n as T;
  }

  _api(minor: number, name: string): void {
    if (this._ctx._fake.api < minor) {
      this._queue({ ActionType: 3, Name: name }, () => {
        throw err('ApiNotFound', `${name} needs ExcelApi 1.${minor}.`);
      });
    }
  }

  _calls(what: string): void {
    this._ctx._fake.calls.push(what);
  }
}

function finish<T extends FakeObject>(o: T): T {
  return strict(o, o._class);
}

// ---------------------------------------------------------------- workbook, application, sheets

class FakeWorkbook extends FakeObject {
  readonly _class = 'Workbook';
  readonly _scalarNames = ['name'] as const;
  worksheets: FakeWorksheetCollection;
  settings: FakeSettingCollection;
  application: FakeApplication;
  constructor(ctx: FakeContext) {
    super(ctx, null, 'workbook');
    this.worksheets = finish(new FakeWorksheetCollection(ctx));
    this.settings = finish(new FakeSettingCollection(ctx));
    this.application = finish(new FakeApplication(ctx));
    return finish(this);
  }
  _resolve(): unknown {
    return this._ctx._fake;
  }
  _scalar(name: string): unknown {
    if (name === 'name') return 'Book1.xlsx';
    throw new Error(name);
  }
}

class FakeApplication extends FakeObject {
  readonly _class = 'Application';
  readonly _scalarNames = ['calculationMode'] as const;
  constructor(ctx: FakeContext) {
    super(ctx, null, 'application');
  }
  _resolve(): unknown {
    return this._ctx._fake;
  }
  _scalar(): unknown {
    return 'Automatic';
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._api(9, 'suspendScreenUpdatingUntilNextSync');
    this._call('suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }
  suspendApiCalculationUntilNextSync(): void {
    this._call('suspendApiCalculationUntilNextSync', [], () => undefined);
  }
}

class FakeWorksheetCollection extends FakeObject {
  readonly _class = 'WorksheetCollection';
  readonly _scalarNames = [] as const;
  _items: FakeWorksheet[] | undefined;
  constructor(ctx: FakeContext) {
    super(ctx, null, 'worksheets');
  }
  _resolve(): unknown {
    return this._ctx._fake.sheets;
  }
  _scalar(): unknown {
    throw new Error('no scalars');
  }
  get items(): FakeWorksheet[] {
    if (!this._items) throw notLoaded(this._class, 'items');
    return this._items;
  }
  override _load(paths: string[]): void {
    const names = paths.map((p) => p.replace(/^items\//, ''));
    for (const n of names) if (!FakeWorksheet.SCALARS.includes(n)) throw new TypeError(`Excel fake: Worksheet has no '${n}'`);
    this._queue({ ActionType: 2, Name: '', QueryInfo: { Select: names.map((n) => `items/${n}`) } }, () => {
      const sheets = [...this._ctx._fake.sheets];
      const values = sheets.map((s) => Object.fromEntries(names.map((n) => [n, worksheetScalar(s, n)])));
      return {
        response: { Value: { items: values } },
        publish: () => {
          this._items = sheets.map((s, i) => {
            const w = finish(new FakeWorksheet(this._ctx, null, () => s));
            w._isNull = false;
            for (const n of names) w._loaded.set(n, values[i]![n]);
            return w;
          });
        },
      };
    });
  }
  getItem(key: string): FakeWorksheet {
    return finish(new FakeWorksheet(this._ctx, this, () => this._ctx._fake.sheets.find((s) => s.name === key || s.id === key) ?? null, ['getItem', key]));
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return finish(
      new FakeWorksheet(this._ctx, this, () => this._ctx._fake.sheets.find((s) => s.name === key || s.id === key) ?? null, ['getItemOrNullObject', key], true),
    );
  }
  getActiveWorksheet(): FakeWorksheet {
    return finish(new FakeWorksheet(this._ctx, this, () => this._ctx._fake.active ?? null, ['getActiveWorksheet']));
  }
}

function worksheetScalar(s: SheetModel, name: string): unknown {
  switch (name) {
    case 'name':
      return s.name;
    case 'id':
      return s.id;
    case 'visibility':
      return s.visibility;
    case 'position':
      return 0;
    default:
      throw new Error(name);
  }
}

function assertWritable(sheet: SheetModel): void {
  if (sheet.protected) throw err('AccessDenied', 'The cell or chart you are trying to change is protected.');
}

class FakeWorksheet extends FakeObject {
  static readonly SCALARS: readonly string[] = ['name', 'id', 'visibility', 'position'];
  readonly _class = 'Worksheet';
  readonly _scalarNames = FakeWorksheet.SCALARS;
  _resolver: () => SheetModel | null;
  _model: SheetModel | undefined;
  onChanged: FakeEventHandlers;
  constructor(ctx: FakeContext, parent: FakeObject | null, resolver: () => SheetModel | null, args: unknown[] = [], nullable = false) {
    super(ctx, parent, String(args[0] ?? 'item'), args.slice(1), nullable);
    this._resolver = resolver;
    this.onChanged = strict(new FakeEventHandlers(ctx, this), 'EventHandlers');
  }
  _resolve(): SheetModel | null {
    // Resolved once, then bound to that sheet (a rename later in the batch does not lose it).
    if (this._model && this._ctx._fake.sheets.includes(this._model)) return this._model;
    const m = this._resolver();
    if (m) this._model = m;
    return m;
  }
  _sheet(): SheetModel {
    return this._target() as SheetModel;
  }
  _scalar(name: string, t: unknown): unknown {
    return worksheetScalar(t as SheetModel, name);
  }
  get name(): string {
    return this._get('name');
  }
  set name(value: string) {
    this._set('name', value, (t) => {
      const s = t as SheetModel;
      if (this._ctx._fake.sheets.some((o) => o !== s && o.name.toLowerCase() === value.toLowerCase())) {
        throw err('InvalidArgument', 'That sheet name is already taken.');
      }
      s.name = value;
    });
  }
  get id(): string {
    return this._get('id');
  }
  get visibility(): string {
    return this._get('visibility');
  }
  get position(): number {
    return this._get('position');
  }
  activate(): void {
    this._call('activate', [], (t) => void (this._ctx._fake.active = t as SheetModel));
  }
  getRange(address?: string): FakeRange {
    return finish(
      new FakeRange(this._ctx, this, ['getRange', address], () => {
        const s = this._sheet();
        if (address === undefined) return { sheet: s, rect: WHOLE_SHEET };
        const r = parseRect(address);
        if (!r) throw err('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${address}).`);
        return { sheet: s, rect: r };
      }),
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return finish(
      new FakeRange(this._ctx, this, ['getRangeByIndexes', startRow, startColumn, rowCount, columnCount], () => {
        if (rowCount < 1 || columnCount < 1) throw err('InvalidArgument', 'empty range');
        return {
          sheet: this._sheet(),
          rect: { top: startRow + 1, left: startColumn, bottom: startRow + rowCount, right: startColumn + columnCount - 1 },
        };
      }),
    );
  }
  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getRanges(address: string): FakeRangeAreas {
    return finish(
      new FakeRangeAreas(this._ctx, this, ['getRanges', address], () => {
        if (address.length > this._ctx._fake.maxAddressChars) {
          throw err('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        }
        const rects = address.split(',').map((a) => parseRect(a));
        if (rects.some((r) => r === null)) throw err('InvalidArgument', `bad address list`);
        return { sheet: this._sheet(), rects: rects as Rect[] };
      }),
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._used(valuesOnly ?? false, false);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this._used(valuesOnly ?? false, true);
  }
  _used(valuesOnly: boolean, nullable: boolean): FakeRange {
    // A blank sheet's used range is its top-left cell (the null-object form: a null object).
    return usedRangeOf(this._ctx, this, () => ({ sheet: this._sheet() }), valuesOnly, nullable, 'A1');
  }

}

class FakeEventHandlers {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _sheet: FakeWorksheet,
  ) {}
  add(handler: (args: unknown) => Promise<unknown>): { context: FakeContext; remove(): void } {
    const entry = { ctx: this._ctx, handler };
    const ws = this._sheet;
    ws._call('onChanged.add', [], (t) => void (t as SheetModel).handlers.push(entry));
    const result = {
      context: this._ctx,
      remove: (): void => {
        ws._call('onChanged.remove', [], (t) => {
          const s = t as SheetModel;
          s.handlers = s.handlers.filter((h) => h !== entry);
        });
      },
    };
    return strict(result, 'EventHandlerResult');
  }
  remove(): void {
    throw new TypeError('Excel fake: remove handlers through the EventHandlerResult returned by add()');
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function matrix<T>(t: RangeTarget, f: (c: FakeCell | undefined, row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const line: T[] = [];
    const src = t.sheet.rows[r - 1];
    for (let c = t.rect.left; c <= t.rect.right; c++) line.push(f(src?.[c], r, c));
    out.push(line);
  }
  return out;
}

const valueOf = (c: FakeCell | undefined): Scalar => (c === undefined || c.v === null ? '' : c.v);
const typeOf = (c: FakeCell | undefined): string => {
  if (c === undefined || c.v === null) return 'Empty';
  if (c.err) return 'Error';
  if (typeof c.v === 'number') return 'Double';
  if (typeof c.v === 'boolean') return 'Boolean';
  return 'String';
};

function sheetAddress(sheet: SheetModel, r: Rect): string {
  return `${quoteSheet(sheet.name)}!${rectA1(r)}`;
}

class FakeRange extends FakeObject {
  static readonly SCALARS: readonly string[] = [
    'address',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'cellCount',
    'values',
    'numberFormat',
    'valueTypes',
    'formulas',
    'text',
  ];
  readonly _class = 'Range';
  readonly _scalarNames = FakeRange.SCALARS;
  _resolver: () => RangeTarget | null;
  constructor(ctx: FakeContext, parent: FakeObject, args: unknown[], resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, parent, String(args[0]), args.slice(1), nullable);
    this._resolver = resolver;
  }
  _resolve(): RangeTarget | null {
    return this._resolver();
  }
  _rt(): RangeTarget {
    return this._target() as RangeTarget;
  }
  _scalar(name: string, target: unknown): unknown {
    const t = target as RangeTarget;
    if ((name === 'values' || name === 'numberFormat' || name === 'valueTypes' || name === 'formulas' || name === 'text') && rectCells(t.rect) > 5_000_000) {
      throw err('RangeExceedsLimit', 'The range has more than five million cells.');
    }
    switch (name) {
      case 'address':
        return sheetAddress(t.sheet, t.rect);
      case 'rowIndex':
        return t.rect.top - 1;
      case 'columnIndex':
        return t.rect.left;
      case 'rowCount':
        return t.rect.bottom - t.rect.top + 1;
      case 'columnCount':
        return t.rect.right - t.rect.left + 1;
      case 'cellCount':
        return rectCells(t.rect);
      case 'values':
        return matrix(t, valueOf);
      case 'text':
        return matrix(t, (c) => String(valueOf(c)));
      case 'numberFormat':
        return matrix(t, (c) => c?.fmt ?? 'General');
      case 'valueTypes':
        return matrix(t, typeOf);
      case 'formulas':
        return matrix(t, (c) => c?.f ?? valueOf(c));
      default:
        throw new Error(name);
    }
  }
  override _nav(name: string): FakeObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'conditionalFormats') return this.conditionalFormats;
    return undefined;
  }
  get address(): string {
    return this._get('address');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get values(): Scalar[][] {
    return this._get('values');
  }
  set values(v: unknown) {
    this._write('values', v, (cell, x, sheet) => enterValue(cell, x, sheet));
  }
  get formulas(): Scalar[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown) {
    this._write('formulas', v, (cell, x, sheet) => enterValue(cell, x, sheet));
  }
  get numberFormat(): string[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown) {
    this._write('numberFormat', v, (cell, x) => {
      if (x === null || x === undefined) return;
      cell.fmt = String(x);
    });
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }
  get text(): string[][] {
    return this._get('text');
  }
  _write(name: string, v: unknown, apply: (cell: FakeCell, value: unknown, sheet: SheetModel) => void): void {
    this._set(name, v, (target) => {
      const t = target as RangeTarget;
      assertWritable(t.sheet);
      const rows = t.rect.bottom - t.rect.top + 1;
      const cols = t.rect.right - t.rect.left + 1;
      const grid = Array.isArray(v) ? (v as unknown[][]) : null;
      if (grid && (grid.length !== rows || grid.some((line) => !Array.isArray(line) || line.length !== cols))) {
        throw err('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const x = grid ? grid[r]![c] : v;
          if (x === null) continue;
          apply(t.sheet.ensure(t.rect.top + r, t.rect.left + c), x, t.sheet);
        }
      }
      if (name !== 'numberFormat') this._ctx._changes.push({ sheet: t.sheet, rect: t.rect });
    });
  }
  get format(): FakeRangeFormat {
    return this._navCached('format', () => finish(new FakeRangeFormat(this._ctx, this, () => {
      const t = this._rt();
      return { sheet: t.sheet, rects: [t.rect] };
    })));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._navCached('conditionalFormats', () =>
      finish(new FakeConditionalFormatCollection(this._ctx, this, () => {
        const t = this._rt();
        return { sheet: t.sheet, rects: [t.rect] };
      })),
    );
  }
  select(): void {
    this._call('select', [], (t) => {
      const rt = t as RangeTarget;
      this._ctx._fake.selection = { sheet: rt.sheet.name, address: rectA1(rt.rect) };
    });
  }
  clear(applyTo?: string): void {
    this._calls(`Range.clear(${applyTo ?? 'All'})`);
    this._call('clear', [applyTo], (t) => {
      const rt = t as RangeTarget;
      assertWritable(rt.sheet);
      matrix(rt, (c) => {
        if (!c) return 0;
        if (applyTo === undefined || applyTo === 'All' || applyTo === 'Formats') {
          delete c.fmt;
          delete c.fill;
        }
        if (applyTo === undefined || applyTo === 'All' || applyTo === 'Contents') {
          c.v = null;
          delete c.f;
          delete c.err;
        }
        return 0;
      });
    });
  }
  /** The used range inside this range (ExcelApi 1.1; the null-object form 1.4): a null object when nothing is used. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._usedWithin(valuesOnly ?? false, false);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this._usedWithin(valuesOnly ?? false, true);
  }
  _usedWithin(valuesOnly: boolean, nullable: boolean): FakeRange {
    // A range without a used cell: ItemNotFound (the null-object form: a null object).
    return usedRangeOf(this._ctx, this, () => this._rt(), valuesOnly, nullable, 'ItemNotFound');
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this._api(13, 'Range.getMergedAreasOrNullObject');
    return finish(
      new FakeRangeAreas(
        this._ctx,
        this,
        ['getMergedAreasOrNullObject'],
        () => {
          const t = this._rt();
          const rects = t.sheet.merges.filter((m) => intersects(m, t.rect));
          return rects.length ? { sheet: t.sheet, rects } : null;
        },
        true,
      ),
    );
  }
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    return finish(
      new FakeRangeAreas(
        this._ctx,
        this,
        ['getSpecialCellsOrNullObject', cellType],
        () => {
          if (cellType !== 'Formulas' && cellType !== 'Constants') throw new Error(`fake: special cells ${cellType} not modelled`);
          const t = this._rt();
          const cells: Array<{ row: number; col: number }> = [];
          matrix(t, (c, row, col) => {
            if (c && (cellType === 'Formulas' ? c.f !== undefined : c.f === undefined && c.v !== null)) cells.push({ row, col });
            return 0;
          });
          return cells.length ? { sheet: t.sheet, rects: runsOf(cells) } : null;
        },
        true,
      ),
    );
  }
}

interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

/** `getUsedRange(OrNullObject)` of a sheet or a range (`within.rect`); `empty`: what a used range of nothing is. */
function usedRangeOf(
  ctx: FakeContext,
  parent: FakeObject,
  within: () => { sheet: SheetModel; rect?: Rect },
  valuesOnly: boolean,
  nullable: boolean,
  empty: 'A1' | 'ItemNotFound',
): FakeRange {
  return finish(
    new FakeRange(
      ctx,
      parent,
      [nullable ? 'getUsedRangeOrNullObject' : 'getUsedRange', valuesOnly],
      () => {
        const w = within();
        const r = w.sheet.usedRect(valuesOnly, w.rect);
        if (r) return { sheet: w.sheet, rect: r };
        if (nullable) return null;
        if (empty === 'ItemNotFound') throw err('ItemNotFound', 'The range has no used cells.');
        return { sheet: w.sheet, rect: { top: 1, left: 0, bottom: 1, right: 0 } };
      },
      nullable,
    ),
  );
}

class FakeRangeAreas extends FakeObject {
  readonly _class = 'RangeAreas';
  readonly _scalarNames = ['address', 'areaCount', 'cellCount'] as const;
  _resolver: () => AreasTarget | null;
  constructor(ctx: FakeContext, parent: FakeObject, args: unknown[], resolver: () => AreasTarget | null, nullable = false) {
    super(ctx, parent, String(args[0]), args.slice(1), nullable);
    this._resolver = resolver;
  }
  _resolve(): AreasTarget | null {
    return this._resolver();
  }
  _scalar(name: string, target: unknown): unknown {
    const t = target as AreasTarget;
    if (name === 'address') return t.rects.map((r) => sheetAddress(t.sheet, r)).join(', ');
    if (name === 'areaCount') return t.rects.length;
    if (name === 'cellCount') return t.rects.reduce((n, r) => n + rectCells(r), 0);
    throw new Error(name);
  }
  override _nav(name: string): FakeObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'conditionalFormats') return this.conditionalFormats;
    return undefined;
  }
  get address(): string {
    return this._get('address');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get format(): FakeRangeFormat {
    return this._navCached('format', () => finish(new FakeRangeFormat(this._ctx, this, () => this._target() as AreasTarget)));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._navCached('conditionalFormats', () =>
      finish(new FakeConditionalFormatCollection(this._ctx, this, () => this._target() as AreasTarget)),
    );
  }
  select(): void {
    this._call('select', [], (t) => {
      const a = t as AreasTarget;
      this._ctx._fake.selection = { sheet: a.sheet.name, address: a.rects.map(rectA1).join(',') };
    });
  }
  clear(applyTo?: string): void {
    this._calls(`RangeAreas.clear(${applyTo ?? 'All'})`);
    throw new Error('fake: RangeAreas.clear is never expected from the adapter');
  }
}

class FakeRangeFormat extends FakeObject {
  readonly _class = 'RangeFormat';
  readonly _scalarNames = [] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _areas: () => AreasTarget,
  ) {
    super(ctx, parent, 'format');
  }
  _resolve(): unknown {
    return this._areas();
  }
  _scalar(name: string): unknown {
    throw new Error(name);
  }
  override _nav(name: string): FakeObject | undefined {
    return name === 'fill' ? this.fill : undefined;
  }
  get fill(): FakeRangeFill {
    return this._navCached('fill', () => finish(new FakeRangeFill(this._ctx, this, this._areas)));
  }
}

class FakeRangeFill extends FakeObject {
  readonly _class = 'RangeFill';
  readonly _scalarNames = ['color'] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _areas: () => AreasTarget,
  ) {
    super(ctx, parent, 'fill');
  }
  _resolve(): unknown {
    return this._areas();
  }
  _scalar(_name: string, target: unknown): unknown {
    const t = target as AreasTarget;
    const colors = new Set<string | null>();
    for (const r of t.rects) matrix({ sheet: t.sheet, rect: r }, (c) => colors.add(c?.fill ?? null));
    return colors.size === 1 ? [...colors][0] : null;
  }
  get color(): string | null {
    return this._get('color');
  }
  set color(value: string | null) {
    this._calls('RangeFill.color=');
    this._set('color', value, (t) => {
      const a = t as AreasTarget;
      assertWritable(a.sheet);
      for (const r of a.rects) {
        for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) a.sheet.ensure(row, col).fill = value ?? undefined;
      }
    });
  }
  clear(): void {
    this._calls('RangeFill.clear');
    this._call('clear', [], (t) => {
      const a = t as AreasTarget;
      for (const r of a.rects) matrix({ sheet: a.sheet, rect: r }, (c) => c && delete c.fill);
    });
  }
}

// ---------------------------------------------------------------- conditional formats

class FakeClientResult<T> {
  _value: T | undefined;
  _done = false;
  get value(): T {
    if (!this._done) throw notLoaded('ClientResult', 'value');
    return this._value as T;
  }
}

class FakeConditionalFormatCollection extends FakeObject {
  readonly _class = 'ConditionalFormatCollection';
  readonly _scalarNames = [] as const;
  _items: FakeConditionalFormat[] | undefined;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _owner: () => AreasTarget,
  ) {
    super(ctx, parent, 'conditionalFormats');
  }
  _resolve(): AreasTarget {
    return this._owner();
  }
  _scalar(name: string): unknown {
    throw new Error(name);
  }
  _overlapping(t: AreasTarget): CFModel[] {
    return t.sheet.cfs.filter((cf) => cf.rects.some((r) => t.rects.some((o) => intersects(r, o))));
  }
  get items(): FakeConditionalFormat[] {
    if (!this._items) throw notLoaded(this._class, 'items');
    return this._items;
  }
  override _load(paths: string[]): void {
    const names = paths.map((p) => p.replace(/^items\//, ''));
    const scalars = names.filter((n) => !n.includes('/'));
    const navs = names.filter((n) => n.includes('/'));
    for (const n of scalars) if (!FakeConditionalFormat.SCALARS.includes(n)) throw new TypeError(`Excel fake: ConditionalFormat has no scalar '${n}'`);
    // Navigation paths the adapter may load through the collection: the custom rule's formula.
    for (const n of navs) if (!CF_NAV_PATHS.includes(n)) throw new TypeError(`Excel fake: ConditionalFormat path '${n}' is not modelled`);
    this._queue({ ActionType: 2, Name: '', QueryInfo: { Select: names.map((n) => `items/${n}`) } }, () => {
      const t = this._target() as AreasTarget;
      const cfs = this._overlapping(t);
      const values = cfs.map((cf) => Object.fromEntries(scalars.map((n) => [n, cfScalar(t.sheet, cf, n)])));
      const nested = cfs.map((cf) =>
        navs.map((n) => {
          const [nav, , prop] = n.split('/') as [string, string, string];
          if (cf.type !== 'Custom') {
            // `custom` of a rule of another type is an error; `customOrNullObject` is a null object.
            if (nav === 'custom') throw err('GeneralException', 'The conditional format is not of type Custom.');
            return { nav, prop, value: null };
          }
          return { nav, prop, value: cf.formula ?? '' };
        }),
      );
      const response = values.map((v, i) => ({
        ...v,
        ...Object.fromEntries(nested[i]!.map((x) => [x.nav, x.value === null ? null : { rule: { [x.prop]: x.value } }])),
      }));
      return {
        response: { Value: { items: response } },
        publish: () => {
          this._items = cfs.map((cf, i) => {
            const o = finish(new FakeConditionalFormat(this._ctx, null, () => (t.sheet.cfs.includes(cf) ? { sheet: t.sheet, cf } : null)));
            o._isNull = false;
            for (const n of scalars) o._loaded.set(n, values[i]![n]);
            // Objects handed back by a load: nothing to queue, and they outlive any later failed batch.
            const queued = this._ctx._pending.length;
            for (const x of nested[i]!) {
              const custom = x.nav === 'custom' ? o.custom : o.customOrNullObject;
              custom._isNull = x.value === null;
              custom._createdBatch = 0;
              if (x.value !== null) {
                custom.rule._isNull = false;
                custom.rule._createdBatch = 0;
                custom.rule._loaded.set(x.prop, x.value);
              }
            }
            this._ctx._pending.splice(queued);
            return o;
          });
        },
      };
    });
  }
  add(type: string): FakeConditionalFormat {
    this._calls(`ConditionalFormatCollection.add(${type})`);
    const handle: { cf?: CFModel; sheet?: SheetModel } = {};
    const created = finish(
      new FakeConditionalFormat(this._ctx, this, () => (handle.cf && handle.sheet!.cfs.includes(handle.cf) ? { sheet: handle.sheet!, cf: handle.cf } : null), ['add', type]),
    );
    // The add itself runs before anything queued on `created`.
    this._call('add', [type], (t) => {
      const a = t as AreasTarget;
      assertWritable(a.sheet);
      const cf: CFModel = { id: this._ctx._fake.newCfId(), type, rects: a.rects.map((r) => ({ ...r })) };
      a.sheet.cfs.unshift(cf); // first/top priority
      handle.cf = cf;
      handle.sheet = a.sheet;
    });
    return created;
  }
  getItem(id: string): FakeConditionalFormat {
    return finish(new FakeConditionalFormat(this._ctx, this, () => this._byId(id), ['getItem', id]));
  }
  getItemOrNullObject(id: string): FakeConditionalFormat {
    this._api(14, 'ConditionalFormatCollection.getItemOrNullObject');
    return finish(new FakeConditionalFormat(this._ctx, this, () => this._byId(id), ['getItemOrNullObject', id], true));
  }
  _byId(id: string): { sheet: SheetModel; cf: CFModel } | null {
    const t = this._target() as AreasTarget;
    const cf = this._overlapping(t).find((c) => c.id === id);
    return cf ? { sheet: t.sheet, cf } : null;
  }
  getItemAt(index: number): FakeConditionalFormat {
    return finish(
      new FakeConditionalFormat(this._ctx, this, () => {
        const t = this._target() as AreasTarget;
        const cf = this._overlapping(t)[index];
        return cf ? { sheet: t.sheet, cf } : null;
      }, ['getItemAt', index]),
    );
  }
  getCount(): FakeClientResult<number> {
    const result = strict(new FakeClientResult<number>(), 'ClientResult');
    this._queue({ ActionType: 3, Name: 'getCount' }, () => {
      const n = this._overlapping(this._target() as AreasTarget).length;
      return { response: n, publish: () => { result._value = n; result._done = true; } };
    });
    return result;
  }
  clearAll(): void {
    this._calls('ConditionalFormatCollection.clearAll');
    this._call('clearAll', [], (t) => {
      const a = t as AreasTarget;
      const doomed = new Set(this._overlapping(a));
      a.sheet.cfs = a.sheet.cfs.filter((c) => !doomed.has(c));
    });
  }
}

/** Paths below a conditional format that a collection load may ask for. */
const CF_NAV_PATHS: readonly string[] = [
  'custom/rule/formula',
  'customOrNullObject/rule/formula',
  'custom/rule/formulaLocal',
  'customOrNullObject/rule/formulaLocal',
];

function cfScalar(_sheet: SheetModel, cf: CFModel, name: string): unknown {
  switch (name) {
    case 'id':
      return cf.id;
    case 'type':
      return cf.type;
    case 'priority':
      return _sheet.cfs.indexOf(cf);
    case 'stopIfTrue':
      return cf.stopIfTrue ?? false;
    default:
      throw new Error(name);
  }
}

interface CFTarget {
  sheet: SheetModel;
  cf: CFModel;
}

class FakeConditionalFormat extends FakeObject {
  static readonly SCALARS: readonly string[] = ['id', 'type', 'priority', 'stopIfTrue'];
  readonly _class = 'ConditionalFormat';
  readonly _scalarNames = FakeConditionalFormat.SCALARS;
  constructor(
    ctx: FakeContext,
    parent: FakeObject | null,
    readonly _resolver: () => CFTarget | null,
    args: unknown[] = ['item'],
    nullable = false,
  ) {
    super(ctx, parent, String(args[0]), args.slice(1), nullable);
  }
  _resolve(): CFTarget | null {
    return this._resolver();
  }
  _scalar(name: string, t: unknown): unknown {
    const x = t as CFTarget;
    return cfScalar(x.sheet, x.cf, name);
  }
  override _nav(name: string): FakeObject | undefined {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return undefined;
  }
  get id(): string {
    return this._get('id');
  }
  get type(): string {
    return this._get('type');
  }
  get priority(): number {
    return this._get('priority');
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  get custom(): FakeCustomConditionalFormat {
    return this._navCached('custom', () =>
      finish(
        new FakeCustomConditionalFormat(this._ctx, this, () => {
          const t = this._target() as CFTarget;
          if (t.cf.type !== 'Custom') throw err('GeneralException', 'The conditional format is not of type Custom.');
          return t;
        }),
      ),
    );
  }
  /** ExcelApi 1.6: the custom format, or a null object when the rule is of another type. */
  get customOrNullObject(): FakeCustomConditionalFormat {
    return this._navCached('customOrNullObject', () =>
      finish(
        new FakeCustomConditionalFormat(
          this._ctx,
          this,
          () => {
            const t = this._target() as CFTarget | null;
            return t && t.cf.type === 'Custom' ? t : null;
          },
          true,
        ),
      ),
    );
  }
  delete(): void {
    this._calls('ConditionalFormat.delete');
    this._call('delete', [], (t) => {
      const x = t as CFTarget;
      assertWritable(x.sheet);
      x.sheet.cfs = x.sheet.cfs.filter((c) => c !== x.cf);
    });
  }
}

class FakeCustomConditionalFormat extends FakeObject {
  readonly _class = 'CustomConditionalFormat';
  readonly _scalarNames = [] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _cf: () => CFTarget | null,
    nullable = false,
  ) {
    super(ctx, parent, nullable ? 'customOrNullObject' : 'custom', [], nullable);
  }
  _resolve(): CFTarget | null {
    return this._cf();
  }
  _scalar(name: string): unknown {
    throw new Error(name);
  }
  override _nav(name: string): FakeObject | undefined {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return undefined;
  }
  /** Below a null object there is nothing to reach. */
  _present = (): CFTarget => {
    const t = this._cf();
    if (!t) throw err('InvalidOperation', 'The custom conditional format is a null object.');
    return t;
  };
  get rule(): FakeConditionalFormatRule {
    return this._navCached('rule', () => finish(new FakeConditionalFormatRule(this._ctx, this, this._present)));
  }
  get format(): FakeConditionalRangeFormat {
    return this._navCached('format', () => finish(new FakeConditionalRangeFormat(this._ctx, this, this._present)));
  }
}

class FakeConditionalFormatRule extends FakeObject {
  readonly _class = 'ConditionalFormatRule';
  readonly _scalarNames = ['formula', 'formulaLocal'] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _cf: () => CFTarget,
  ) {
    super(ctx, parent, 'rule');
  }
  _resolve(): CFTarget {
    return this._cf();
  }
  _scalar(_name: string, t: unknown): unknown {
    return (t as CFTarget).cf.formula ?? '';
  }
  get formula(): string {
    return this._get('formula');
  }
  set formula(value: string) {
    this._set('formula', value, (t) => void ((t as CFTarget).cf.formula = value));
  }
  get formulaLocal(): string {
    return this._get('formulaLocal');
  }
}

class FakeConditionalRangeFormat extends FakeObject {
  readonly _class = 'ConditionalRangeFormat';
  readonly _scalarNames = [] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _cf: () => CFTarget,
  ) {
    super(ctx, parent, 'format');
  }
  _resolve(): CFTarget {
    return this._cf();
  }
  _scalar(name: string): unknown {
    throw new Error(name);
  }
  override _nav(name: string): FakeObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
  get fill(): FakeConditionalColor {
    return this._navCached('fill', () => finish(new FakeConditionalColor(this._ctx, this, this._cf, 'fill')));
  }
  get font(): FakeConditionalColor {
    return this._navCached('font', () => finish(new FakeConditionalColor(this._ctx, this, this._cf, 'font')));
  }
}

class FakeConditionalColor extends FakeObject {
  readonly _class: string;
  readonly _scalarNames = ['color'] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _cf: () => CFTarget,
    readonly _which: 'fill' | 'font',
  ) {
    super(ctx, parent, _which);
    this._class = _which === 'fill' ? 'ConditionalRangeFill' : 'ConditionalRangeFont';
  }
  _resolve(): CFTarget {
    return this._cf();
  }
  _scalar(_name: string, t: unknown): unknown {
    const cf = (t as CFTarget).cf;
    return (this._which === 'fill' ? cf.fill : cf.fontColor) ?? null;
  }
  get color(): string | null {
    return this._get('color');
  }
  set color(value: string | null) {
    this._set('color', value, (t) => {
      const cf = (t as CFTarget).cf;
      if (this._which === 'fill') cf.fill = value;
      else cf.fontColor = value;
    });
  }
  clear(): void {
    this._call('clear', [], (t) => {
      const cf = (t as CFTarget).cf;
      if (this._which === 'fill') cf.fill = null;
      else cf.fontColor = null;
    });
  }
}

// ---------------------------------------------------------------- settings

class FakeSettingCollection extends FakeObject {
  readonly _class = 'SettingCollection';
  readonly _scalarNames = [] as const;
  constructor(ctx: FakeContext) {
    super(ctx, null, 'settings');
  }
  _resolve(): unknown {
    return this._ctx._fake.settings;
  }
  _scalar(name: string): unknown {
    throw new Error(name);
  }
  add(key: string, value: unknown): FakeSetting {
    this._call('add', [key, value], () => {
      // Excel stores settings as JSON: what comes back is a copy.
      this._ctx._fake.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
    return finish(new FakeSetting(this._ctx, this, key, false));
  }
  getItem(key: string): FakeSetting {
    return finish(new FakeSetting(this._ctx, this, key, false));
  }
  getItemOrNullObject(key: string): FakeSetting {
    return finish(new FakeSetting(this._ctx, this, key, true));
  }
}

class FakeSetting extends FakeObject {
  readonly _class = 'Setting';
  readonly _scalarNames = ['key', 'value'] as const;
  constructor(
    ctx: FakeContext,
    parent: FakeObject,
    readonly _key: string,
    nullable: boolean,
  ) {
    super(ctx, parent, nullable ? 'getItemOrNullObject' : 'getItem', [_key], nullable);
  }
  _resolve(): unknown {
    return this._ctx._fake.settings.has(this._key) ? this._key : null;
  }
  _scalar(name: string): unknown {
    return name === 'key' ? this._key : this._ctx._fake.settings.get(this._key);
  }
  get key(): string {
    return this._get('key');
  }
  get value(): unknown {
    return this._get('value');
  }
  delete(): void {
    this._call('delete', [], () => void this._ctx._fake.settings.delete(this._key));
  }
}

export type { FakeContext };
