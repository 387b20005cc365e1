/**
 * The Excel JavaScript API as the recording fake (fake-excel.ts) models it: the classes and members the adapter in
 * src/excel uses, and the format-touching calls its tests prove it never makes. Each member says only what it does to
 * the model (fake-excel-model.ts); `Client` does the rest (queueing, load/sync, null objects, strictness). Behaviour
 * follows Microsoft Learn's Excel JavaScript API reference; where it is silent, docs/excel-adapter.md says what was chosen.
 */
import type { Context, FakeExcel } from './fake-excel';
import { enterValue, intersects, MAX_COLS, MAX_ROWS, parseRect, raise, rectA1, rectCells, sheetAddress, type CFModel, type FakeCell, type Rect, type SheetModel } from './fake-excel-model';

/* eslint-disable @typescript-eslint/no-explicit-any -- every member knows its own class's target */
type Target = any;

/** A navigation property: its class, and its target below the parent's (null: a null object). */
export type Nav = { cls: string; find: (t: Target, ctx: Context) => Target | null; nullable?: boolean };

/**
 * A method returns an object of class `cls` (its target found lazily by `find`, or what `run` returns), or is an
 * action (`run`, at sync), or an action that hands back `via(first argument)` of the same class (`add` → `getItem`).
 * `api`: the ExcelApi 1.x level it needs; `arity`: its declared parameters (a missing one is sent as null, as Office.js does).
 */
export type Method = { cls?: string; nullable?: boolean; find?: (t: Target, args: any[], ctx: Context) => Target | null; run?: (t: Target, args: any[], ctx: Context) => unknown; via?: string; api?: number; arity?: number };

/**
 * A class: scalar `props` (read at sync after `load`), the writable ones in `set` (applied at sync), `navs`, `methods`,
 * a collection's `items`, event properties (`add(handler)` → `{ context, remove() }`), and for a class bound to one
 * model entity, `alive` (bound once found, so a rename does not lose it; ItemNotFound once it is gone).
 */
export type ClassSpec = {
  props?: Record<string, (t: Target, ctx: Context) => unknown>;
  set?: Record<string, (t: Target, value: any, ctx: Context) => void>;
  navs?: Record<string, Nav>;
  methods?: Record<string, Method>;
  items?: { cls: string; of: (t: Target) => Target[] };
  events?: string[];
  alive?: (t: Target, fake: FakeExcel) => boolean;
};

/** A Range or RangeAreas: a sheet and its rectangles (one for a Range). */
type Area = { sheet: SheetModel; rects: Rect[] };
type CFRef = { sheet: SheetModel; cf: CFModel };

/** The workbook's navigation objects that exist before any batch. */
export const WORKBOOK_ROOTS = ['worksheets', 'settings', 'application'];

const area = (sheet: SheetModel, rect: Rect): Area => ({ sheet, rects: [rect] });
const areas = (sheet: SheetModel, rects: Rect[]): Area | null => (rects.length ? { sheet, rects } : null);
const sheetBy = (fake: FakeExcel, key: string): SheetModel | null => fake.sheets.find((s) => s.name === key || s.id === key) ?? null;
const invalid = (what: string): never => raise('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${what}).`);
const writable = (sheet: SheetModel): void => void (sheet.protected && raise('AccessDenied', 'The cell or chart you are trying to change is protected.'));
const top = (a: Area): Rect => a.rects[0]!;
/** A limit of the fake itself, not an Excel error: the test fails loudly. */
const unmodelled = (what: string): never => {
  throw new TypeError(`Excel fake: ${what} is not modelled in fake-excel-api.ts`);
};

/** Every cell of a Range, row by row (Excel refuses more than five million). */
function matrix<T>(a: Area, f: (c: FakeCell | undefined) => T): T[][] {
  const r = top(a);
  if (rectCells(r) > 5_000_000) raise('RangeExceedsLimit', 'The range has more than five million cells.');
  return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => {
    const src = a.sheet.rows[r.top - 1 + i];
    return Array.from({ length: r.right - r.left + 1 }, (_, j) => f(src?.[r.left + j]));
  });
}

const valueOf = (c: FakeCell | undefined) => (c === undefined || c.v === null ? '' : c.v);
const typeOf = (c: FakeCell | undefined) =>
  c === undefined || c.v === null ? 'Empty' : c.err ? 'Error' : ({ number: 'Double', boolean: 'Boolean' } as Record<string, string>)[typeof c.v] ?? 'String';

/** Writing a matrix (or one value for all) into a Range: `null` leaves a cell alone; other dimensions fail. */
const write =
  (apply: (cell: FakeCell, value: unknown, sheet: SheetModel) => void, raisesChange: boolean) =>
  (a: Area, v: unknown, ctx: Context): void => {
    const r = top(a);
    writable(a.sheet);
    const grid = Array.isArray(v) ? (v as unknown[][]) : null;
    if (grid && (grid.length !== r.bottom - r.top + 1 || grid.some((line) => !Array.isArray(line) || line.length !== r.right - r.left + 1))) {
      raise('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const x = grid ? grid[row - r.top]![col - r.left] : v;
        if (x !== null) apply(a.sheet.ensure(row, col), x, a.sheet);
      }
    }
    if (raisesChange) ctx._changes.push({ sheet: a.sheet, rect: r });
  };

/** Cells of a Range that pass `test`, as rectangles per column run (how the fake reports special cells). */
function columnRuns(a: Area, test: (c: FakeCell) => boolean): Area | null {
  const r = top(a);
  const rects: Rect[] = [];
  for (let col = r.left; col <= r.right; col++) {
    for (let row = r.top, from = 0; row <= r.bottom + 1; row++) {
      const c = row <= r.bottom ? a.sheet.cell(row, col) : undefined;
      if (c && test(c)) from ||= row;
      else if (from) {
        rects.push({ top: from, bottom: row - 1, left: col, right: col });
        from = 0;
      }
    }
  }
  return areas(a.sheet, rects);
}

/** Set or clear the fill of every cell of every area (cells made where missing). */
const fill = (a: Area, color: string | undefined): void => {
  writable(a.sheet);
  for (const r of a.rects) for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) a.sheet.ensure(row, col).fill = color;
};

/** The fill colour of all the cells, null when they differ. */
const fillColor = (a: Area): string | null => {
  const colors = new Set(a.rects.flatMap((r) => matrix(area(a.sheet, r), (c) => c?.fill ?? null).flat()));
  return colors.size === 1 ? [...colors][0]! : null;
};
/** What `Range.clear(applyTo)` empties. */
const CLEARED: Record<string, Array<keyof FakeCell>> = { All: ['fmt', 'fill', 'v', 'f', 'err'], Formats: ['fmt', 'fill'], Contents: ['v', 'f', 'err'] };
const overlapping = (a: Area): CFModel[] => a.sheet.cfs.filter((cf) => cf.rects.some((r) => a.rects.some((o) => intersects(r, o))));
const removeRules = (sheet: SheetModel, doomed: CFModel[]): void => {
  writable(sheet);
  sheet.cfs = sheet.cfs.filter((cf) => !doomed.includes(cf));
};
const usedIn = (sheet: SheetModel, valuesOnly: unknown, within?: Rect): Area | null => {
  const r = sheet.usedRect(valuesOnly === true, within);
  return r && area(sheet, r);
};
const custom = (x: CFRef): CFRef | null => (x.cf.type === 'Custom' ? x : null);
const same = (x: Target) => x;

/** Members shared by Range and RangeAreas. */
const AREA = {
  props: { address: (a: Area) => a.rects.map((r) => sheetAddress(a.sheet, r)).join(', '), cellCount: (a: Area) => a.rects.reduce((n, r) => n + rectCells(r), 0) },
  navs: { format: { cls: 'RangeFormat', find: same }, conditionalFormats: { cls: 'ConditionalFormatCollection', find: same } },
  select: { run: (a: Area, _: unknown, ctx: Context) => void (ctx._fake.selection = { sheet: a.sheet.name, address: a.rects.map(rectA1).join(',') }) },
};

export const API: Record<string, ClassSpec> = {
  Workbook: {
    navs: {
      worksheets: { cls: 'WorksheetCollection', find: same },
      settings: { cls: 'SettingCollection', find: (fake: FakeExcel) => fake.settings },
      application: { cls: 'Application', find: same },
    },
  },
  Application: { methods: { suspendScreenUpdatingUntilNextSync: { api: 9, run: () => undefined } } },
  WorksheetCollection: {
    items: { cls: 'Worksheet', of: (fake: FakeExcel) => [...fake.sheets] },
    methods: {
      getItem: { cls: 'Worksheet', find: (fake, [key]) => sheetBy(fake, key) },
      getItemOrNullObject: { cls: 'Worksheet', nullable: true, find: (fake, [key]) => sheetBy(fake, key) },
      getActiveWorksheet: { cls: 'Worksheet', find: (fake: FakeExcel) => fake.active ?? null },
    },
  },
  Worksheet: {
    alive: (s, fake) => fake.sheets.includes(s),
    props: { name: (s) => s.name, id: (s) => s.id, visibility: (s) => s.visibility },
    set: {
      name: (s: SheetModel, name: string, ctx) => {
        if (ctx._fake.sheets.some((o) => o !== s && o.name.toLowerCase() === name.toLowerCase())) invalid('that sheet name is already taken');
        s.name = name;
      },
    },
    events: ['onChanged'],
    methods: {
      activate: { run: (s, _, ctx) => void (ctx._fake.active = s) },
      getRange: { cls: 'Range', arity: 1, find: (s, [address]) => area(s, address === undefined ? { top: 1, left: 0, bottom: MAX_ROWS, right: MAX_COLS - 1 } : (parseRect(address) ?? invalid(address))) },
      getRangeByIndexes: { cls: 'Range', find: (s, [row, col, rows, cols]) => (rows < 1 || cols < 1 ? invalid('empty range') : area(s, { top: row + 1, left: col, bottom: row + rows, right: col + cols - 1 })) },
      getRanges: {
        cls: 'RangeAreas',
        find: (s, [address], ctx) => {
          if (address.length > ctx._fake.maxAddressChars) invalid('address too long');
          return { sheet: s, rects: (address as string).split(',').map((x) => parseRect(x) ?? invalid(x)) };
        },
      },
      // A blank sheet's used range is its top-left cell; the null-object form (ExcelApi 1.4) gives a null object.
      getUsedRange: { cls: 'Range', arity: 1, find: (s, [valuesOnly]) => usedIn(s, valuesOnly) ?? area(s, { top: 1, left: 0, bottom: 1, right: 0 }) },
      getUsedRangeOrNullObject: { cls: 'Range', arity: 1, nullable: true, find: (s, [valuesOnly]) => usedIn(s, valuesOnly) },
    },
  },
  Range: {
    props: {
      ...AREA.props,
      rowIndex: (a) => top(a).top - 1,
      columnIndex: (a) => top(a).left,
      rowCount: (a) => top(a).bottom - top(a).top + 1,
      columnCount: (a) => top(a).right - top(a).left + 1,
      values: (a) => matrix(a, valueOf),
      numberFormat: (a) => matrix(a, (c) => c?.fmt ?? 'General'),
      valueTypes: (a) => matrix(a, typeOf),
      formulas: (a) => matrix(a, (c) => c?.f ?? valueOf(c)),
    },
    set: { values: write(enterValue, true), numberFormat: write((cell, x) => void (x !== undefined && (cell.fmt = String(x))), false) },
    navs: AREA.navs,
    methods: {
      select: AREA.select,
      clear: {
        arity: 1,
        run: (a: Area, [applyTo = 'All']) => {
          const parts = CLEARED[applyTo] ?? unmodelled(`Range.clear(${applyTo})`);
          writable(a.sheet);
          matrix(a, (c) => c && parts.forEach((k) => (k === 'v' ? (c.v = null) : delete c[k])));
        },
      },
      // Inside a range: ItemNotFound when nothing there is used; the null-object form (ExcelApi 1.4) a null object.
      getUsedRange: { cls: 'Range', arity: 1, find: (a: Area, [valuesOnly]) => usedIn(a.sheet, valuesOnly, top(a)) ?? raise('ItemNotFound', 'The range has no used cells.') },
      getUsedRangeOrNullObject: { cls: 'Range', arity: 1, nullable: true, find: (a: Area, [valuesOnly]) => usedIn(a.sheet, valuesOnly, top(a)) },
      getMergedAreasOrNullObject: { cls: 'RangeAreas', nullable: true, api: 13, find: (a: Area) => areas(a.sheet, a.sheet.merges.filter((m) => intersects(m, top(a)))) },
      getSpecialCellsOrNullObject: {
        cls: 'RangeAreas',
        nullable: true,
        find: (a: Area, [type]) =>
          type === 'Formulas' ? columnRuns(a, (c) => c.f !== undefined) : type === 'Constants' ? columnRuns(a, (c) => c.f === undefined && c.v !== null) : unmodelled(`special cells ${type}`),
      },
    },
  },
  RangeAreas: { props: { ...AREA.props, areaCount: (a) => a.rects.length }, navs: AREA.navs, methods: { select: AREA.select } },
  RangeFormat: { navs: { fill: { cls: 'RangeFill', find: same } } },
  RangeFill: {
    props: { color: fillColor },
    set: { color: (a: Area, color: string | null) => fill(a, color ?? undefined) },
    methods: { clear: { run: (a: Area) => fill(a, undefined) } },
  },
  ConditionalFormatCollection: {
    items: { cls: 'ConditionalFormat', of: (a: Area) => overlapping(a).map((cf) => ({ sheet: a.sheet, cf })) },
    methods: {
      add: {
        cls: 'ConditionalFormat',
        run: (a: Area, [type], ctx): CFRef => {
          writable(a.sheet);
          const cf: CFModel = { id: ctx._fake.newCfId(), type, rects: a.rects.map((r) => ({ ...r })) };
          a.sheet.cfs.unshift(cf); // on top: the first rule has the highest priority
          return { sheet: a.sheet, cf };
        },
      },
      clearAll: { run: (a: Area) => removeRules(a.sheet, overlapping(a)) },
    },
  },
  ConditionalFormat: {
    alive: (x: CFRef) => x.sheet.cfs.includes(x.cf),
    props: { id: (x: CFRef) => x.cf.id, type: (x: CFRef) => x.cf.type },
    navs: {
      // `custom` of a rule of another type is an error; `customOrNullObject` (ExcelApi 1.6) is a null object.
      custom: { cls: 'CustomConditionalFormat', find: (x) => custom(x) ?? raise('GeneralException', 'The conditional format is not of type Custom.') },
      customOrNullObject: { cls: 'CustomConditionalFormat', nullable: true, find: custom },
    },
    methods: { delete: { run: (x: CFRef) => removeRules(x.sheet, [x.cf]) } },
  },
  CustomConditionalFormat: { navs: { rule: { cls: 'ConditionalFormatRule', find: same }, format: { cls: 'ConditionalRangeFormat', find: same } } },
  ConditionalFormatRule: { props: { formula: (x: CFRef) => x.cf.formula ?? '' }, set: { formula: (x: CFRef, formula: string) => void (x.cf.formula = formula) } },
  ConditionalRangeFormat: { navs: { fill: { cls: 'ConditionalRangeFill', find: same } } },
  ConditionalRangeFill: { props: { color: (x: CFRef) => x.cf.fill ?? null }, set: { color: (x: CFRef, color: string | null) => void (x.cf.fill = color) } },
  SettingCollection: {
    methods: {
      // Excel keeps settings as JSON: what comes back is a copy.
      add: { run: (m: Map<string, unknown>, [key, value]) => m.set(key, JSON.parse(JSON.stringify(value))), via: 'getItem' },
      getItem: { cls: 'Setting', find: (m: Map<string, unknown>, [key]) => (m.has(key) ? key : null) },
      getItemOrNullObject: { cls: 'Setting', nullable: true, find: (m: Map<string, unknown>, [key]) => (m.has(key) ? key : null) },
    },
  },
  Setting: { props: { key: same, value: (key, ctx) => ctx._fake.settings.get(key) }, methods: { delete: { run: (key, _, ctx) => ctx._fake.settings.delete(key) } } },
};
