/**
 * Reading an .xlsx zip without building ExcelJS's workbook model. Node only.
 *
 * Why not `ExcelJS.stream.xlsx.WorkbookReader`: in ExcelJS 4.4.0 it
 * - garbles characters: its SAX helper decodes each zip chunk on its own (`TextDecoder.decode(chunk)` without
 *   `stream: true`), so a Chinese character split across two chunks becomes U+FFFD — 30 of 40,000 Chinese cells in a
 *   20,000-row test file, in shared strings and sheet text alike;
 * - ignores `<mergeCell>` (merges are not exposed at all);
 * - loses cached formula results that are errors (#N/A becomes NaN) or booleans (become 1/0), and the text of every
 *   shared formula after the first cell of a filled-down range (it becomes '');
 * - spools every worksheet to a temp file when sharedStrings.xml comes after the sheets, which is the order
 *   Excel itself writes.
 *
 * Instead: jszip lists the entries and inflates one entry at a time as a stream (the zip itself, ~40 MB for a
 * million rows, is held in memory; the XML never is), Node's StringDecoder turns bytes into text correctly, and the
 * parts are parsed by the very ExcelJS classes `workbook.xlsx.load` uses (WorkbookXform, RelationshipsXform,
 * StylesXform, SharedStringsXform and, per `<c>` element, CellXform with its `reconcile`). Both readers therefore
 * agree cell for cell; the worksheet loop only adds what ExcelJS's worksheet model would do afterwards (shared
 * formula text, hyperlinked cells, merged followers) and reads `<mergeCell>` from the same SAX pass.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Cell, SheetInput } from '../core/types';
import { cellFromExcelJS } from './cells';
import { inputError } from './errors';
import {
  excelJSInternals,
  type CellPartModel,
  type CellReconcileOptions,
  type SaxNode,
  type SharedStringsPart,
  type StylesPart,
} from './exceljs-internals';
import { SheetBuilder, columnLetters, decodeAddress, decodeRange, encodeRange, withAnchors } from './sheet-builder';

/** What one file may cost while it is read (profile `limits`, issue 14): bytes inflated and cells kept, all parts. */
export interface ReadLimits {
  cells: number;
  inflatedBytes: number;
}

/**
 * Counts what a file costs as it is read and refuses it (exit 2, naming the profile limit) the moment it exceeds a
 * limit: a zip bomb is stopped after `inflatedBytes` bytes of XML, a cell bomb or a shared-string bomb after `cells`
 * entries — memory follows these counts, never the coordinates or the compressed size.
 */
export class ReadBudget {
  private inflated = 0;
  private cells = 0;

  constructor(
    private readonly path: string,
    private readonly limits: ReadLimits | undefined,
  ) {}

  inflate(bytes: number): void {
    if (this.limits === undefined) return;
    this.inflated += bytes;
    if (this.inflated > this.limits.inflatedBytes) throw inputError('too-large', this.path, { limit: this.limits.inflatedBytes });
  }

  /**
   * Text without any markup this long is no spreadsheet (a cell holds at most 32,767 characters): a bomb of
   * whitespace or text inside one element, which the XML parser would gather into one string until it cannot.
   */
  textRun(chars: number): void {
    if (this.limits !== undefined && chars > MAX_TEXT_RUN) throw inputError('corrupt', this.path, { variant: 'oversized-text' });
  }

  /** One more cell kept (across all sheets). */
  cell(): void {
    if (this.limits === undefined) return;
    if (++this.cells > this.limits.cells) throw inputError('too-many-cells', this.path, { limit: this.limits.cells });
  }

  /** The shared-string table has this many entries (counted on its own: each may be used by many cells). */
  sharedStrings(count: number): void {
    if (this.limits !== undefined && count > this.limits.cells) {
      throw inputError('too-many-cells', this.path, { limit: this.limits.cells });
    }
  }
}

const NO_BUDGET = new ReadBudget('', undefined);

/** Excel's sheet size: a cell beyond it is no cell of a workbook Excel wrote. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** Characters of XML without a single '<' that a reader accepts (ten thousand times Excel's longest cell text). */
export const MAX_TEXT_RUN = 16 * 1024 * 1024;

/**
 * A string of its own. Text from the SAX parser is a slice of the XML chunk it came from (V8 slices strings of 13
 * characters or more), and one kept slice keeps its whole chunk alive: a 学号 from every row would keep the whole
 * decoded sheet in memory. A JSON round trip makes a flat copy (one byte per character where it can, lossless even
 * for a lone surrogate), about 40 bytes for an 18-digit ID instead of a 32-byte slice plus its chunk.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

export interface XlsxZip {
  zip: JSZip;
  /** Entry names (files only), as stored. */
  names: string[];
}

/** Opens the zip and checks that it is an .xlsx workbook; throws 'corrupt', 'unsupported-content' or 'not-xlsx'. */
export async function openXlsxZip(data: Buffer, path: string): Promise<XlsxZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (e) {
    throw inputError('corrupt', path, { cause: e });
  }
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  const lower = new Set(names.map((n) => n.replace(/^\/+/, '').toLowerCase()));
  if (!lower.has('xl/workbook.xml')) {
    if (lower.has('xl/workbook.bin')) throw inputError('unsupported-content', path, { variant: 'xlsb' });
    if (lower.has('content.xml') && lower.has('meta-inf/manifest.xml')) {
      throw inputError('unsupported-content', path, { variant: 'ods' });
    }
    if (lower.has('word/document.xml')) throw inputError('not-xlsx', path, { variant: 'word' });
    if (lower.has('ppt/presentation.xml')) throw inputError('not-xlsx', path, { variant: 'powerpoint' });
    throw inputError('corrupt', path);
  }
  return { zip, names };
}

/** The entry `name` ('xl/workbook.xml'), also when stored with a leading '/' (ExcelJS accepts both). */
export function zipEntry(zip: JSZip, name: string): JSZip.JSZipObject | null {
  return zip.file(name) ?? zip.file(`/${name}`);
}

/** An entry's text, inflated and decoded chunk by chunk (a character split across chunks stays whole). */
export async function* entryText(file: JSZip.JSZipObject, budget: ReadBudget = NO_BUDGET): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  // jszip's stream is a readable-stream v2 object without async iteration: pipe it into a native one, errors too.
  const source = file.nodeStream('nodebuffer');
  const stream = new PassThrough();
  source.on('error', (e: Error) => stream.destroy(e));
  source.pipe(stream);
  try {
    let run = 0;
    for await (const chunk of stream) {
      budget.inflate((chunk as Buffer).length);
      const text = decoder.write(chunk as Buffer);
      const lt = text.lastIndexOf('<');
      run = lt < 0 ? run + text.length : text.length - lt - 1;
      budget.textRun(run);
      if (text.length > 0) yield text;
    }
  } finally {
    // Also when the reader stops early: detach, so that jszip stops inflating into a destroyed stream.
    source.unpipe(stream);
    stream.destroy();
  }
  const tail = decoder.end();
  if (tail.length > 0) yield tail;
}

/**
 * The namespace prefix of a part's root element ('x' for `<x:worksheet …>`), '' when unprefixed. Inflates only the
 * first chunk(s) of the part. ExcelJS matches element names literally, so it reads a prefixed part as empty.
 */
export async function rootElementPrefix(file: JSZip.JSZipObject): Promise<string> {
  let head = '';
  for await (const text of entryText(file)) {
    head += text;
    // Skip the XML declaration, comments and processing instructions; the first other tag is the root.
    const m = /<(?![?!])([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]/.exec(head);
    if (m) return m[1] === undefined ? '' : m[1].slice(0, -1);
    if (head.length > 65536) break;
  }
  return '';
}

export type SheetKind = 'worksheet' | 'chartsheet' | 'other';

export interface WorkbookSheetEntry {
  name: string;
  kind: SheetKind;
  /** The zip entry of the sheet ('xl/worksheets/sheet1.xml'), resolved as ExcelJS does; undefined without a rel. */
  part: string | undefined;
}

export interface WorkbookParts {
  sheets: WorkbookSheetEntry[];
  date1904: boolean;
}

/** The sheets of xl/workbook.xml in workbook order, with their parts (via xl/_rels/workbook.xml.rels). */
export async function readWorkbookParts(zip: JSZip, budget: ReadBudget = NO_BUDGET): Promise<WorkbookParts> {
  const { WorkbookXform, RelationshipsXform } = excelJSInternals();
  const workbookFile = zipEntry(zip, 'xl/workbook.xml');
  if (workbookFile === null) throw new Error('xl/workbook.xml is missing');
  const model = await new WorkbookXform().parseStream(entryText(workbookFile, budget));
  const relsFile = zipEntry(zip, 'xl/_rels/workbook.xml.rels');
  const rels = relsFile === null ? [] : await new RelationshipsXform().parseStream(entryText(relsFile, budget));
  const sheets = (model.sheets ?? []).map((sheet): WorkbookSheetEntry => {
    const rel = rels.find((r) => r.Id === sheet.rId);
    if (rel === undefined) return { name: sheet.name, kind: 'other', part: undefined };
    const kind: SheetKind = /\/worksheet$/.test(rel.Type)
      ? 'worksheet'
      : /\/chartsheet$/.test(rel.Type)
        ? 'chartsheet'
        : 'other';
    // The same resolution as ExcelJS's WorkbookXform.reconcile.
    return { name: sheet.name, kind, part: `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}` };
  });
  return { sheets, date1904: model.properties?.date1904 === true };
}

export interface ReadContext {
  /** For messages only. */
  path: string;
  styles: StylesPart | undefined;
  sharedStrings: SharedStringsPart | undefined;
  date1904: boolean;
  onRow: (rowNumber: number) => void;
  budget?: ReadBudget;
}

/** xl/styles.xml and xl/sharedStrings.xml (the fixed names ExcelJS reads), parsed by ExcelJS's own classes. */
export async function readSharedParts(
  zip: JSZip,
  budget: ReadBudget = NO_BUDGET,
): Promise<{ styles: StylesPart | undefined; sharedStrings: SharedStringsPart | undefined }> {
  const { StylesXform, SharedStringsXform } = excelJSInternals();
  const stylesFile = zipEntry(zip, 'xl/styles.xml');
  let styles: StylesPart | undefined;
  if (stylesFile !== null) {
    const xform = new StylesXform();
    await xform.parseStream(entryText(stylesFile, budget));
    styles = xform;
  }
  const stringsFile = zipEntry(zip, 'xl/sharedStrings.xml');
  let sharedStrings: SharedStringsPart | undefined;
  if (stringsFile !== null) {
    const xform = new SharedStringsXform();
    const values = xform.values;
    // Counted as the table grows: a bomb of a million tiny strings is stopped long before it fills the memory.
    const close = xform.parseClose.bind(xform);
    xform.parseClose = (name: string): boolean => {
      const more = close(name);
      if (name === 'si') budget.sharedStrings(values.length);
      return more;
    };
    await xform.parseStream(entryText(stringsFile, budget));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') values[i] = ownString(v);
    }
    sharedStrings = xform;
  }
  return { styles, sharedStrings };
}

const VT = ExcelJS.ValueType;
/** A hyperlink ref that ExcelJS's model matches against a cell address (plain 'B3', compared as a string). */
const PLAIN_ADDRESS = /^[A-Z]{1,3}[1-9][0-9]*$/;

/**
 * Streams one worksheet part into a `SheetInput`: one SAX pass over the inflated XML, one small `Cell` per
 * non-empty cell, `<mergeCell>` and `<hyperlink>` collected on the way.
 */
export async function readWorksheetPart(
  zip: JSZip,
  part: string,
  name: string,
  ctx: ReadContext,
): Promise<SheetInput> {
  const { parseSax, CellXform, slideFormula } = excelJSInternals();
  const file = zipEntry(zip, part);
  if (file === null) throw inputError('corrupt', ctx.path);

  const builder = new SheetBuilder();
  const cellXform = new CellXform();
  const options: CellReconcileOptions = {
    styles: ctx.styles,
    sharedStrings: ctx.sharedStrings,
    date1904: ctx.date1904,
    hyperlinkMap: {},
    formulae: {},
  };
  /** Shared formula masters of this sheet: address → formula text. */
  const masters = new Map<string, string>();
  const mergeRefs: string[] = [];
  const hyperlinkRefs: string[] = [];
  /** Cells with a hyperlink, a comment or a picture's corner: a table fix must not move them (plan.ts). */
  const anchors: string[] = [];

  let inSheetData = false;
  let inCell = false;
  let rootClosed = false;
  let sawRoot = false;
  let rootPrefixed = false;
  let rowNumber = 0;
  let colNumber = 0;
  let rowElements = 0;

  const budget = ctx.budget ?? NO_BUDGET;
  const finishCell = (model: CellPartModel): void => {
    // A shared string's text was made a string of its own once, in readSharedParts; any other text is a slice.
    const ownText = model.type !== VT.String || typeof model.value !== 'number';
    cellXform.reconcile(model, options);
    const address = model.address as string;
    const pos = decodeAddress(address);
    if (pos === undefined) throw new Error('invalid cell address');
    if (pos.row > MAX_ROWS || pos.col > MAX_COLS) throw inputError('corrupt', ctx.path, { variant: 'beyond-excel' });
    colNumber = pos.col;
    let value: unknown;
    switch (model.type) {
      case VT.Null:
      case VT.Merge:
        return;
      case VT.Formula: {
        let formula = model.formula;
        if (model.shareType === 'shared' && typeof formula === 'string') masters.set(address, formula);
        if (formula === undefined && model.sharedFormula !== undefined) {
          const masterFormula = masters.get(model.sharedFormula);
          formula = masterFormula === undefined ? undefined : slideFormula(masterFormula, model.sharedFormula, address);
        }
        const result = typeof model.result === 'string' ? ownString(model.result) : model.result;
        value = { formula: formula === undefined ? '' : ownString(formula), result };
        break;
      }
      default:
        value = ownText && typeof model.value === 'string' ? ownString(model.value) : model.value;
        break;
    }
    const cell = cellFromExcelJS(value as ExcelJS.CellValue, model.style?.numFmt);
    if (cell !== undefined) {
      budget.cell();
      builder.set(pos.row, pos.col, cell);
    }
  };

  const onOpen = (node: SaxNode): void => {
    switch (node.name) {
      case 'sheetData':
        inSheetData = true;
        break;
      case 'row':
        if (!inSheetData) break;
        rowNumber = node.attributes.r !== undefined ? Number.parseInt(node.attributes.r, 10) : rowNumber + 1;
        colNumber = 0;
        // Excel has 1,048,576 rows: more <row> elements than that (a bomb of empty rows) is no Excel workbook.
        if (++rowElements > MAX_ROWS || !(rowNumber >= 1 && rowNumber <= MAX_ROWS)) throw inputError('corrupt', ctx.path, { variant: 'beyond-excel' });
        ctx.onRow(rowNumber);
        break;
      case 'c':
        if (!inSheetData) break;
        cellXform.parseOpen(node);
        if (cellXform.model.address === undefined) {
          cellXform.model.address = `${columnLetters(colNumber + 1)}${rowNumber}`;
        }
        inCell = true;
        break;
      case 'mergeCell':
        if (node.attributes.ref !== undefined) mergeRefs.push(node.attributes.ref);
        break;
      case 'hyperlink':
        if (node.attributes['r:id'] !== undefined && node.attributes.ref !== undefined) {
          hyperlinkRefs.push(node.attributes.ref);
        }
        if (node.attributes.ref !== undefined) anchors.push(node.attributes.ref);
        break;
      default:
        break;
    }
  };

  for await (const events of parseSax(entryText(file, budget))) {
    for (const event of events) {
      if (inCell) {
        if (event.eventType === 'opentag') cellXform.parseOpen(event.value);
        else if (event.eventType === 'text') cellXform.parseText(event.value);
        else if (!cellXform.parseClose(event.value.name)) {
          inCell = false;
          finishCell(cellXform.model);
        }
      } else if (event.eventType === 'opentag') {
        if (!sawRoot) {
          sawRoot = true;
          rootPrefixed = event.value.name.includes(':');
        }
        onOpen(event.value);
      } else if (event.eventType === 'closetag') {
        if (event.value.name === 'sheetData') inSheetData = false;
        else if (event.value.name === 'worksheet') rootClosed = true;
      }
    }
  }
  if (!rootClosed) {
    // A root element with a namespace prefix (<x:worksheet>): ExcelJS's parsers match names literally.
    if (rootPrefixed) throw inputError('unsupported-content', ctx.path, { variant: 'nonstandard-sheet' });
    // ExcelJS's SAX helper never closes the parser, so a cut-off sheet would read as a shorter one.
    throw inputError('corrupt', ctx.path);
  }

  // A hyperlinked cell: ExcelJS's model keeps only its shown value (a formula's cached result, without the formula).
  for (const ref of hyperlinkRefs) {
    if (!PLAIN_ADDRESS.test(ref)) continue;
    const pos = decodeAddress(ref);
    if (pos === undefined) continue;
    const cell = builder.get(pos.row, pos.col);
    if (cell === undefined || cell.formula === undefined) continue;
    let shown: Cell | undefined;
    if (cell.kind !== 'empty') {
      shown = { kind: cell.kind, value: cell.value };
      if (cell.numberFormat !== undefined) shown.numberFormat = cell.numberFormat;
    }
    builder.replace(pos.row, pos.col, shown);
  }

  // Merged ranges: only the top-left cell keeps its value.
  const merges: string[] = [];
  for (const ref of mergeRefs) {
    const rect = decodeRange(ref);
    if (rect === undefined) continue;
    merges.push(encodeRange(rect));
    builder.clearMergeFollowers(rect);
  }
  anchors.push(...(await partAnchors(zip, part, budget)));
  return withAnchors(builder.build(name, merges), anchors);
}

/** 'xl/worksheets/../comments1.xml' → 'xl/comments1.xml'; an absolute target ('/xl/…') is taken from the root. */
function resolvePart(fromPart: string, target: string): string {
  const base = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/**
 * The cells a worksheet's comments (notes and threaded comments) and drawings (pictures, shapes, charts anchored to
 * a cell) are attached to, through the sheet's relationships: what stays in place when a fix moves values.
 */
async function partAnchors(zip: JSZip, part: string, budget: ReadBudget): Promise<string[]> {
  const slash = part.lastIndexOf('/');
  const rels = zipEntry(zip, `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`);
  if (rels === null) return [];
  const { RelationshipsXform } = excelJSInternals();
  const list = await new RelationshipsXform().parseStream(entryText(rels, budget));
  const out: string[] = [];
  for (const rel of list) {
    if (rel.TargetMode === 'External') continue;
    const kind = /\/(comments|threadedComment|drawing)$/.exec(rel.Type)?.[1];
    if (kind === undefined) continue;
    const entry = zipEntry(zip, resolvePart(part, rel.Target));
    if (entry === null) continue;
    let text = '';
    for await (const t of entryText(entry, budget)) text += t;
    if (kind === 'drawing') {
      // <xdr:from><xdr:col>2</xdr:col>…<xdr:row>4</xdr:row>: zero-based column and row of the anchor's corner.
      for (const m of text.matchAll(/<(?:\w+:)?from>\s*<(?:\w+:)?col>(\d+)<\/(?:\w+:)?col>[\s\S]*?<(?:\w+:)?row>(\d+)<\/(?:\w+:)?row>/g)) {
        out.push(`${columnLetters(Number(m[1]) + 1)}${Number(m[2]) + 1}`);
      }
    } else {
      for (const m of text.matchAll(/<(?:\w+:)?(?:comment|threadedComment)\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]+)"/g)) out.push(m[1]!.toUpperCase());
    }
  }
  return out;
}
