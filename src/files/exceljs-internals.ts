/**
 * Typed access to the parts of ExcelJS 4.4 that its public API does not export but the streaming reader reuses, so
 * that it parses every part exactly as `workbook.xlsx.load` does: the SAX helper, the workbook / relationships /
 * styles / shared-strings parsers, the per-cell parser and the shared-formula translator. Node only.
 *
 * These are internal modules: the checks below fail loudly (at first use) if an ExcelJS upgrade moves them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}

export type SaxEvent =
  | { eventType: 'opentag'; value: SaxNode }
  | { eventType: 'text'; value: string }
  | { eventType: 'closetag'; value: SaxNode };

export type ParseSax = (input: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;

export interface WorkbookPartModel {
  sheets?: Array<{ name: string; id: number; rId: string; state?: string }>;
  properties?: { date1904?: boolean };
}

export interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

interface Parser<T> {
  parseStream(input: AsyncIterable<string>): Promise<T>;
}

export interface StylesPart {
  getStyleModel(id: number): { numFmt?: string } | null | undefined;
}

export interface SharedStringsPart {
  getString(index: number): unknown;
}

/** The model CellXform builds for one `<c>` element, after `reconcile`. */
export interface CellPartModel {
  address?: string;
  type?: number;
  value?: unknown;
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
  ref?: string;
  si?: string;
  result?: unknown;
  style?: { numFmt?: string };
}

export interface CellParser {
  model: CellPartModel;
  parseOpen(node: SaxNode): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
  reconcile(model: CellPartModel, options: CellReconcileOptions): void;
}

export interface CellReconcileOptions {
  styles: StylesPart | undefined;
  sharedStrings: SharedStringsPart | undefined;
  date1904: boolean | undefined;
  hyperlinkMap: Record<string, string>;
  formulae: Record<string, string>;
}

type Ctor<T> = new () => T;

function load<T>(path: string, check: (m: unknown) => boolean): T {
  const m: unknown = require(path);
  if (!check(m)) {
    throw new Error(`ExcelJS internal module ${path} has an unexpected shape (ExcelJS upgrade?)`);
  }
  return m as T;
}

const isFunction = (m: unknown): boolean => typeof m === 'function';

let cache:
  | {
      parseSax: ParseSax;
      WorkbookXform: Ctor<Parser<WorkbookPartModel>>;
      RelationshipsXform: Ctor<Parser<Relationship[]>>;
      StylesXform: Ctor<Parser<unknown> & StylesPart>;
      SharedStringsXform: Ctor<Parser<unknown> & SharedStringsPart & { values: unknown[]; parseClose(name: string): boolean }>;
      CellXform: Ctor<CellParser>;
      slideFormula: (formula: string, fromCell: string, toCell: string) => string;
      /** Built-in number formats by id (with the zh-CN codes filled in by installChineseBuiltinNumberFormats). */
      defaultNumFormats: Record<string, { f?: string }>;
    }
  | undefined;

export function excelJSInternals(): NonNullable<typeof cache> {
  if (cache === undefined) {
    const sharedFormula = load<{ slideFormula: (f: string, a: string, b: string) => string }>(
      'exceljs/lib/utils/shared-formula',
      (m) => typeof (m as { slideFormula?: unknown }).slideFormula === 'function',
    );
    cache = {
      parseSax: load('exceljs/lib/utils/parse-sax', isFunction),
      WorkbookXform: load('exceljs/lib/xlsx/xform/book/workbook-xform', isFunction),
      RelationshipsXform: load('exceljs/lib/xlsx/xform/core/relationships-xform', isFunction),
      StylesXform: load('exceljs/lib/xlsx/xform/style/styles-xform', isFunction),
      SharedStringsXform: load('exceljs/lib/xlsx/xform/strings/shared-strings-xform', isFunction),
      CellXform: load('exceljs/lib/xlsx/xform/sheet/cell-xform', isFunction),
      slideFormula: sharedFormula.slideFormula,
      defaultNumFormats: load('exceljs/lib/xlsx/defaultnumformats', (m) => typeof m === 'object' && m !== null),
    };
  }
  return cache;
}

let builtinFormatsInstalled = false;

/**
 * ExcelJS knows no format code for the East-Asian built-in number formats 27–36 and 50–58, which Chinese Excel uses
 * for dates such as 2024年3月1日 (id 31) without writing the code into the file. Such cells would then read as plain
 * numbers, and a workbook written back would show them as General numbers. This fills in the zh-CN codes that ExcelJS
 * itself ships for these ids (idempotent, affects both readers equally). A workbook written back then carries them as
 * custom formats with the same code, which Excel displays the same way.
 */
export function installChineseBuiltinNumberFormats(): void {
  if (builtinFormatsInstalled) return;
  const formats = load<Record<string, { f?: string; 'zh-cn'?: string }>>(
    'exceljs/lib/xlsx/defaultnumformats',
    (m) => typeof m === 'object' && m !== null,
  );
  for (const entry of Object.values(formats)) {
    if (entry.f === undefined && typeof entry['zh-cn'] === 'string') entry.f = entry['zh-cn'];
  }
  builtinFormatsInstalled = true;
}
