/**
 * A recording fake of the Excel JavaScript API, written for this project (not a mock that accepts anything).
 *
 * `FakeExcel` is the Excel side (the model: fake-excel-model.ts). Every API object the adapter holds is one `Client`,
 * a Proxy whose members come from the table `API` (fake-excel-api.ts); a member not in the table — a misspelling —
 * throws a TypeError at once. As in Office.js: method calls, property sets and loads are *queued* and run only at
 * `context.sync()`, in order (a failure stops the batch there, earlier operations stay applied, and the objects the
 * batch created are dead: InvalidObjectPath); a property is readable only after `load` + `sync` (PropertyNotLoaded),
 * `isNullObject` likewise; `…OrNullObject` gives a null object where the plain form fails with ItemNotFound; an API
 * above the fake's `api` level fails with ApiNotFound at sync.
 *
 * Recording: `syncCount`, and per request its bytes (UTF-8 JSON of the queued actions and object paths, shaped like
 * Office.js's RichApi request) and its response bytes; above `payloadLimit` (5 MB, as Excel on the web) a request or
 * response fails with Request/ResponsePayloadSizeLimitExceeded. `calls` lists the calls that could touch the user's
 * formats or rules (fill set/clear, Range.clear, clearAll, conditional-format add/delete).
 */
/// <reference types="office-js" />
import { API, WORKBOOK_ROOTS, type Method } from './fake-excel-api';
import { enterValue, FakeOfficeError, parseRect, raise, rectA1, SheetModel, type CFModel, type FakeCell, type Rect } from './fake-excel-model';

export { FakeOfficeError, SheetModel } from './fake-excel-model';
export type { CFModel, FakeCell, Rect, Scalar } from './fake-excel-model';

export interface FakeExcelOptions {
  /** Highest ExcelApi 1.x minor version supported (default 14). */
  api?: number;
  payloadLimit?: number;
  /** getRanges refuses longer address strings (OfficeDev/office-js#5198 fails near 8,200). */
  maxAddressChars?: number;
  /** Syncs of a `mergeUndoGroup` run fail with UndoNotSupported (an operation in the group cannot be undone). */
  undoGroupUnsupported?: boolean;
}

export type RequestRecord = { requestBytes: number; responseBytes: number; actions: number; ok: boolean; error?: string };
type RunOptions = { delayForCellEdit?: boolean; mergeUndoGroup?: boolean };
export type RunOptionsSeen = RunOptions & { reusedContext: boolean };

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
  calls: string[] = [];
  cellEditMode = false;
  /** Errors thrown by event handlers (the fake's stand-in for Office logging them). */
  eventErrors: unknown[] = [];
  /** @internal Waiting for the end of cell edit mode; injected failures (`failNextSync`). */
  _editWaiters: Array<() => void> = [];
  _failures: FakeOfficeError[] = [];
  private nextCfId = 1;
  private nextSheetId = 1;
  private eventTasks: Array<Promise<unknown>> = [];

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? 14;
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.maxAddressChars = options.maxAddressChars ?? 8192;
    this.undoGroupUnsupported = options.undoGroupUnsupported ?? false;
  }

  /** A sheet from a grid of plain values or `FakeCell`s (null/undefined: no cell). */
  addSheet(name: string, grid: ReadonlyArray<ReadonlyArray<unknown>> = []): SheetModel {
    const s = new SheetModel(`{sheet-${this.nextSheetId++}}`, name);
    grid.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== undefined && v !== null) Object.assign(s.ensure(i + 1, j), typeof v === 'object' ? { ...v, v: (v as FakeCell).v ?? null } : { v });
      }),
    );
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
    const { address, ...rest } = rule;
    const cf: CFModel = { ...rest, rects: address ? address.split(',').map((a) => parseRect(a)!) : (rule.rects ?? []), id: this.newCfId() };
    this.sheet(sheetName).cfs.push(cf);
    return cf;
  }

  newCfId(): string {
    return String(this.nextCfId++);
  }

  isSetSupported = (name: string, version: string): boolean => {
    const [major, minor] = version.split('.').map(Number);
    return name === 'ExcelApi' && major === 1 && (minor ?? 0) <= this.api;
  };

  /** The next sync fails with this Office error code. */
  failNextSync(code: string, message = `fake failure ${code}`): void {
    this._failures.push(new FakeOfficeError(code, message));
  }

  endCellEdit(): void {
    this.cellEditMode = false;
    this._editWaiters.splice(0).forEach((f) => f());
  }

  resetCounters(): void {
    Object.assign(this, { syncCount: 0, requests: [], runs: [], calls: [] });
  }

  /** Close and reopen the workbook: conditional-format ids are handed out anew (old ids may now name other rules). */
  reopen(): void {
    this.nextCfId = 1;
    for (const s of this.sheets) {
      s.cfs.forEach((cf) => (cf.id = this.newCfId()));
      s.handlers = [];
    }
  }

  /** A user edit: write raw values into the model and fire onChanged like Excel does for the user. */
  userEdit(sheetName: string, address: string, values: unknown[][], changeType = 'RangeEdited'): Promise<void> {
    const s = this.sheet(sheetName);
    const r = parseRect(address)!;
    values.forEach((row, i) => row.forEach((v, j) => enterValue(s.ensure(r.top + i, r.left + j), v)));
    this.fireChanged(s, address, changeType, false);
    return this.settle();
  }

  /** Fire onChanged handlers of a sheet (asynchronously, as Excel does). */
  fireChanged(sheet: SheetModel, address: string, changeType: string, byThisAddin: boolean): void {
    const args: Record<string, unknown> = { address, changeType, source: 'Local', type: 'WorksheetChanged', worksheetId: sheet.id };
    if (this.api >= 14) args.triggerSource = byThisAddin ? 'ThisLocalAddin' : 'Unknown';
    for (const h of sheet.handlers) {
      const task = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => h.handler(args));
      this.eventTasks.push(task.catch((e: unknown) => void this.eventErrors.push(e)));
    }
  }

  /** Wait until every fired event handler has finished. */
  async settle(): Promise<void> {
    while (this.eventTasks.length > 0) await Promise.all(this.eventTasks.splice(0));
  }

  get largestRequest(): number {
    return Math.max(0, ...this.requests.map((r) => r.requestBytes));
  }

  get largestResponse(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes));
  }

  /** The injectable run function (same shape as src/excel/run.ts's ExcelRun). */
  run = async <T>(options: RunOptions & { context?: unknown }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const { delayForCellEdit, mergeUndoGroup } = options;
    this.runs.push({ delayForCellEdit, mergeUndoGroup, reusedContext: options.context !== undefined });
    if (mergeUndoGroup && this.api < 20) throw new Error('fake: mergeUndoGroup used on a host without ExcelApi 1.20');
    if (options.context !== undefined && !(options.context instanceof Context)) throw new Error('fake: context from elsewhere');
    const ctx = (options.context as Context | undefined) ?? new Context(this, options);
    const result = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx._pending.length > 0) throw new Error(`fake: Excel.run ended with ${ctx._pending.length} queued operation(s) that were never synced`);
    return result;
  };
}

// ------------------------------------------------------------------------------------------------ client side

/** Keys that libraries probe on any object (promises, jest, React): absent, but not a misspelling. */
const HARMLESS = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', 'inspect']);
/** The calls recorded in `calls`: everything that could touch the user's own formats or rules. */
const WATCHED = /^(Range\.clear|RangeFill\.(color=|clear)|ConditionalFormatCollection\.(add|clearAll)|ConditionalFormat\.delete)/;

const missing = (cls: string, key: string): never => {
  throw new TypeError(`Excel fake: ${cls}.${key} is not part of the Excel API (misspelled?), or not modelled in fake-excel-api.ts`);
};
const cannotSet = (cls: string, key: string, why = 'not an Excel API property'): never => {
  throw new TypeError(`Excel fake: cannot set ${cls}.${key}: ${why}`);
};
const notLoaded = (cls: string, prop: string): never =>
  raise('PropertyNotLoaded', `The property '${prop}' of ${cls} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

/** A plain object (context, event handlers) that throws on any member it does not have. */
function strict<T extends object>(obj: T, cls: string): T {
  return new Proxy(obj, {
    get: (t, key, receiver) => (typeof key === 'symbol' || key in t || HARMLESS.has(key) ? Reflect.get(t, key, receiver) : missing(cls, key)),
    set: (t, key, value) => (typeof key !== 'symbol' && key in t ? Reflect.set(t, key, value) : cannotSet(cls, String(key))),
  });
}

type Op = { json: unknown; obj: Client; exec: () => { response?: unknown; publish?: () => void } | void };

/** What a run's batch gets as `context` (Excel.RequestContext). */
export class Context {
  _pending: Op[] = [];
  _batch = 1;
  _nextPath = 1;
  /** While set, objects made exist outside any batch: the workbook's roots and the items handed back by a load. */
  _detached = true;
  _objects: Client[] = [];
  _changes: Array<{ sheet: SheetModel; rect: Rect }> = [];
  workbook: Client;
  application: Client;

  constructor(
    readonly _fake: FakeExcel,
    readonly _options: RunOptions,
  ) {
    const self = strict(this, 'RequestContext');
    this.workbook = new Client(self, 'Workbook', () => _fake, false);
    for (const name of WORKBOOK_ROOTS) this.workbook._nav(name);
    this.application = this.workbook._nav('application');
    this._detached = false;
    return self;
  }

  async sync(): Promise<void> {
    const fake = this._fake;
    fake.syncCount++;
    await Promise.resolve();
    const [ops, batch] = [this._pending, this._batch++];
    this._pending = [];
    const record: RequestRecord = { requestBytes: 0, responseBytes: 0, actions: ops.length, ok: false };
    fake.requests.push(record);
    const fail = (code: string, message: string): never => {
      for (const o of this._objects) if (o._createdBatch === batch) o._invalid = true;
      record.error = code;
      return raise(code, message);
    };
    if (fake.cellEditMode && !this._options.delayForCellEdit) fail('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    if (fake.cellEditMode) await new Promise<void>((resolve) => fake._editWaiters.push(resolve));
    record.requestBytes = utf8(JSON.stringify({ Actions: ops.map((o) => o.json) }));
    const injected = fake._failures.shift();
    if (injected) fail(injected.code, injected.message);
    if (this._options.mergeUndoGroup && fake.undoGroupUnsupported && ops.length > 0) fail('UndoNotSupported', 'The operation cannot be grouped into one undo step.');
    if (record.requestBytes > fake.payloadLimit) fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    const [responses, publish]: [unknown[], Array<() => void>] = [[], []];
    this._changes = [];
    try {
      for (const op of ops) {
        if (op.obj._invalid) raise('InvalidObjectPath', 'The object path is not working for what you are trying to do.');
        if (op.obj._ctx !== (this as unknown)) raise('InvalidRequestContext', 'Cannot use the object across different request contexts.');
        const r = op.exec();
        if (r?.response !== undefined) responses.push(r.response);
        if (r?.publish) publish.push(r.publish);
      }
      record.responseBytes = utf8(JSON.stringify(responses));
      if (record.responseBytes > fake.payloadLimit) raise('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    } catch (e) {
      this.fireChanges();
      if (e instanceof FakeOfficeError) fail(e.code, e.message);
      throw e;
    }
    this._detached = true;
    publish.forEach((p) => p());
    this._detached = false;
    record.ok = true;
    this.fireChanges();
  }

  private fireChanges(): void {
    for (const c of this._changes.splice(0)) this._fake.fireChanged(c.sheet, rectA1(c.rect), 'RangeEdited', true);
  }
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * One Excel API object of class `_cls` (members: `API[_cls]`). It stands for the model target that `_find` gives at
 * sync time (null: a null object). The constructor returns the strict Proxy the caller holds.
 */
export class Client {
  readonly _path: number;
  readonly _createdBatch: number;
  _invalid = false;
  _isNull: boolean | undefined = undefined;
  _items: Client[] | undefined = undefined;
  /** The model entity an `alive` class is bound to once found. */
  _bound: unknown = undefined;
  readonly _loaded = new Map<string, unknown>();
  readonly _navs = new Map<string, Client>();
  readonly _events = new Map<string, unknown>();

  constructor(
    readonly _ctx: Context,
    readonly _cls: string,
    readonly _find: () => unknown,
    readonly _nullable: boolean,
    parent?: { obj: Client; name: string; args: unknown[] },
  ) {
    this._path = _ctx._nextPath++;
    this._createdBatch = _ctx._detached ? 0 : _ctx._batch;
    _ctx._objects.push(this);
    if (parent && !_ctx._detached) {
      // The object path and its instantiation, as Office.js sends them.
      const path = { Id: this._path, ObjectPathType: 3, Name: parent.name, ParentObjectPathId: parent.obj._path, ArgumentInfo: { Arguments: parent.args } };
      _ctx._pending.push({ obj: parent.obj, json: [path, { Id: this._path, ActionType: 1, Name: '', ObjectPathId: this._path }], exec: () => undefined });
    }
    return new Proxy(this, CLIENT_TRAPS);
  }

  get isNullObject(): boolean {
    return this._isNull ?? notLoaded(this._cls, 'isNullObject');
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  /** `load('a,b/c')` or `load(['a'])` on an object; `load('items/a')` on a collection; no argument: every scalar. */
  load(spec?: string | string[]): this {
    if (spec !== undefined && typeof spec !== 'string' && !Array.isArray(spec)) throw new TypeError('Excel fake: load() takes a string or an array of strings here');
    const items = API[this._cls]!.items;
    const cls = items?.cls ?? this._cls; // a collection loads its items' properties
    const asked = [spec ?? []].flat().flatMap((s) => s.split(',').map((p) => p.trim().replace(items ? /^items\// : /^$/, ''))).filter((p) => p !== '');
    const paths = asked.length > 0 ? asked : Object.keys(API[cls]!.props ?? {});
    for (const p of paths) checkPath(cls, p);
    const navs = [...new Set(paths.filter((p) => p.includes('/')).map((p) => p.split('/')[0]))];
    const query = items ? { Select: paths.map((p) => `items/${p}`) } : { Select: paths.filter((p) => !p.includes('/')), Expand: navs };
    this._queue({ ActionType: 2, Name: '', QueryInfo: query }, () => {
      const t = this._target();
      if (t === null) return { response: { IsNull: true }, publish: () => void (this._isNull = true) };
      if (!items) {
        const value = readPaths(cls, t, paths, this._ctx);
        return { response: { Value: value }, publish: () => void this._publish(value) };
      }
      const targets = items.of(t);
      const values = targets.map((x) => readPaths(cls, x, paths, this._ctx));
      const publish = () => void (this._items = targets.map((x, i) => new Client(this._ctx, cls, () => x, false)._publish(values[i]!)));
      return { response: { Value: { items: values } }, publish };
    });
    return this;
  }

  /** The target at sync time: ItemNotFound unless this is a null object. */
  _target(): unknown {
    const alive = API[this._cls]!.alive;
    if (this._bound !== undefined && alive?.(this._bound, this._ctx._fake)) return this._bound;
    let t = this._find();
    if (t !== null && alive) t = alive(t, this._ctx._fake) ? (this._bound = t) : null;
    return t === null && !this._nullable ? raise('ItemNotFound', `The requested resource doesn't exist (${this._cls}).`) : t;
  }

  /** The target of an object acted on: nothing can be done to a null object. */
  _live(): unknown {
    return this._target() ?? raise('InvalidOperation', `${this._cls} is a null object.`);
  }

  _queue(json: Record<string, unknown>, exec: Op['exec']): void {
    this._ctx._pending.push({ obj: this, json: { Id: this._ctx._nextPath++, ObjectPathId: this._path, ...json }, exec });
  }

  _get(name: string): unknown {
    if (this._isNull) raise('InvalidOperation', `${this._cls} is a null object; ${name} cannot be read.`);
    return this._loaded.has(name) ? this._loaded.get(name) : notLoaded(this._cls, name);
  }

  _set(name: string, value: unknown): void {
    const setter = API[this._cls]!.set?.[name] ?? cannotSet(this._cls, name, API[this._cls]!.props?.[name] ? 'read-only' : undefined);
    if (WATCHED.test(`${this._cls}.${name}=`)) this._ctx._fake.calls.push(`${this._cls}.${name}=`);
    this._queue({ ActionType: 4, Name: name, ArgumentInfo: { Arguments: [value] } }, () => setter(this._live(), value, this._ctx));
  }

  _nav(name: string): Client {
    const nav = API[this._cls]!.navs![name]!;
    if (!this._navs.has(name)) this._navs.set(name, new Client(this._ctx, nav.cls, () => nav.find(this._live(), this._ctx), nav.nullable ?? false, { obj: this, name, args: [] }));
    return this._navs.get(name)!;
  }

  _call(name: string, given: unknown[]): Client | undefined {
    const m: Method = API[this._cls]!.methods![name]!;
    const label = `${this._cls}.${name}`;
    const args = Array.from({ length: Math.max(m.arity ?? 0, given.length) }, (_, i) => given[i]);
    if (m.api !== undefined && this._ctx._fake.api < m.api) this._queue({ ActionType: 3, Name: label }, () => raise('ApiNotFound', `${label} needs ExcelApi 1.${m.api}.`));
    if (WATCHED.test(label)) this._ctx._fake.calls.push(args.some((x) => x !== undefined) ? `${label}(${args.join(',')})` : label);
    let made: unknown = null;
    const { find, run } = m;
    const obj = m.cls && new Client(this._ctx, m.cls, find ? () => find(this._live(), args, this._ctx) : () => made, m.nullable ?? false, { obj: this, name, args });
    if (run) this._queue({ ActionType: 3, Name: name, ArgumentInfo: { Arguments: args } }, () => void (made = run(this._live(), args, this._ctx)));
    return m.via ? this._call(m.via, args.slice(0, 1)) : obj || undefined;
  }

  /** An event property: `add(handler)` registers at sync and returns `{ context, remove() }`. */
  _event(name: string): unknown {
    const queue = (what: string, apply: (s: SheetModel) => void) =>
      this._queue({ ActionType: 3, Name: `${name}.${what}`, ArgumentInfo: { Arguments: [] } }, () => apply(this._live() as SheetModel));
    const add = (handler: (args: unknown) => Promise<unknown>) => {
      const entry = { ctx: this._ctx, handler };
      queue('add', (s) => void s.handlers.push(entry));
      return strict({ context: this._ctx, remove: () => queue('remove', (s) => void (s.handlers = s.handlers.filter((h) => h !== entry))) }, 'EventHandlerResult');
    };
    if (!this._events.has(name)) this._events.set(name, strict({ add }, 'EventHandlers'));
    return this._events.get(name);
  }

  /** Take loaded values; nested ones go to navigation objects (null: a null object). */
  _publish(values: Record<string, unknown>): this {
    this._isNull = false;
    for (const [k, v] of Object.entries(values)) {
      if (!API[this._cls]!.navs?.[k]) this._loaded.set(k, v);
      else if (v === null) this._nav(k)._isNull = true;
      else this._nav(k)._publish(v as Record<string, unknown>);
    }
    return this;
  }
}

const CLIENT_TRAPS: ProxyHandler<Client> = {
  get(t, key, receiver) {
    if (typeof key === 'symbol' || key in t) return Reflect.get(t, key, receiver);
    const spec = API[t._cls]!;
    if (spec.props?.[key]) return t._get(key);
    if (spec.navs?.[key]) return t._nav(key);
    if (spec.methods?.[key]) return (...args: unknown[]) => t._call(key, args);
    if (spec.items && key === 'items') return t._items ?? notLoaded(t._cls, 'items');
    if (spec.events?.includes(key)) return t._event(key);
    return HARMLESS.has(key) ? undefined : missing(t._cls, key);
  },
  set(t, key, value) {
    if (typeof key === 'symbol' || key in t) return Reflect.set(t, key, value);
    t._set(key, value);
    return true;
  },
};

/** A load path (`type`, `customOrNullObject/rule/formula`) must name scalars and navigation properties in the table. */
function checkPath(cls: string, path: string): void {
  const [head, ...rest] = path.split('/') as [string, ...string[]];
  const spec = API[cls]!;
  if (rest.length === 0 && spec.props?.[head]) return;
  if (rest.length > 0 && spec.navs?.[head]) return checkPath(spec.navs[head]!.cls, rest.join('/'));
  throw new TypeError(`Excel fake: ${cls} has no property '${head}' to load`);
}

/** The values of `paths` below one target, nested as in Office.js's response (a null object gives null). */
function readPaths(cls: string, target: unknown, paths: string[], ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const [head, ...rest] = path.split('/') as [string, ...string[]];
    const nav = rest.length > 0 ? API[cls]!.navs![head]! : undefined;
    const below = nav?.find(target, ctx);
    if (!nav) out[head] = API[cls]!.props![head]!(target, ctx);
    else out[head] = below === null ? null : { ...(out[head] as object), ...readPaths(nav.cls, below, [rest.join('/')], ctx) };
  }
  return out;
}
