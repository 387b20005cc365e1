/**
 * Writing fixes into a copy of an .xlsx without rebuilding it (issue 14 item 3, "nothing lost by fix"). Node only.
 *
 * `xueji fix` used to load the whole workbook into ExcelJS and save it again: what ExcelJS does not model was lost
 * or had to be refused (workbook protection, drawings with unusual part names, comments and tables it failed to
 * load, data validations rewritten as overlapping ranges), and a 200,000-row workbook needed 2 GB. Here the copy is
 * the original zip with only these parts rewritten, as text:
 * - each patched worksheet's `<sheetData>`, row by row: rows without a patch are copied byte for byte; in a patched
 *   row only the patched `<c>` elements are replaced (value as an inline string, number, boolean, error or formula;
 *   the cell keeps its style, with the number format the patch asks for), new rows and cells are inserted in order,
 *   and the followers of a shared formula whose first cell is overwritten get their own formula text;
 * - xl/styles.xml, only to add the cell formats (a cell's style with `@` …) the patches need;
 * - xl/workbook.xml for a sheet.name fix (the sheet's name and the defined names that use it) and, when a formula
 *   was written, `fullCalcOnLoad` so that Excel recalculates;
 * - xl/calcChain.xml is dropped (a cache: Excel rebuilds it; a stale one makes Excel "repair" the file).
 * Everything else — drawings, charts, pivot tables, macros, comments, tables, hyperlinks, data validation,
 * conditional formats, protection, defined names, custom XML — is the original's, unread and unchanged.
 */
import JSZip from 'jszip';
import type { Patch } from '../core/types';
import { XuejiPatchError } from './errors';
import { excelJSInternals, installChineseBuiltinNumberFormats } from './exceljs-internals';
import { isDateFormat } from './cells';
import { columnLetters, decodeAddress, decodeRange, encodeRange, type MergeRect } from './sheet-builder';
import { entryText, zipEntry, type ReadBudget } from './xlsx-stream';

export interface SheetEdit {
  /** The sheet's name in the workbook. */
  sheet: string;
  /** Its zip part ('xl/worksheets/sheet1.xml'). */
  part: string;
  patches: readonly Patch[];
  /** Merged ranges of the sheet: a patch may not write a cell hidden under one. */
  merges: readonly string[];
  /** sheet.name: the sheet's new name, or null. */
  rename: string | null;
}

/** Days between the 1900 and the 1904 date systems: the core's serials are 1900-system. */
const DATE1904_OFFSET = 1462;

// ---------------------------------------------------------------- XML text helpers

export function xmlEscape(s: string, attribute = false): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;');
  // Characters XML 1.0 cannot hold are written as Excel's _xHHHH_ escapes (and a literal _xHHHH_ is escaped itself).
  return out
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    }
  });
}

/** An attribute of a start tag (`<c r="A1" s="2">`), unescaped; undefined when absent. */
function attrOf(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlUnescape(m[2] ?? m[3] ?? '') : undefined;
}

/** The start tag with the attribute set (added before the tag's end when absent). */
function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const v = `"${xmlEscape(value, true)}"`;
  if (re.test(tag)) return tag.replace(re, `$1${v}`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}=${v}$1`);
}

function withoutAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

// ---------------------------------------------------------------- styles: a cell's look with another number format

const STYLES_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${STYLES_NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/**
 * xl/styles.xml as text: the cell formats (`<cellXfs>`) and custom number formats, extended on demand with the
 * variants the patches need — never changing an existing entry, so every other cell keeps exactly its look.
 */
class StyleBook {
  private readonly xfs: string[];
  private readonly customCodes = new Map<number, string>();
  private readonly codeIds = new Map<string, number>();
  private readonly added: string[] = [];
  private readonly addedFormats: { id: number; code: string }[] = [];
  private readonly variants = new Map<string, number>();
  private nextFormatId = 164;
  changed = false;

  constructor(private readonly xml: string) {
    const builtin = excelJSInternals().defaultNumFormats;
    for (const [id, entry] of Object.entries(builtin)) if (entry.f !== undefined && !this.codeIds.has(entry.f)) this.codeIds.set(entry.f, Number(id));
    const numFmts = /<numFmts\b[^>]*>([\s\S]*?)<\/numFmts>/.exec(xml)?.[1] ?? '';
    for (const m of numFmts.matchAll(/<numFmt\b[^>]*\/?>/g)) {
      const id = Number(attrOf(m[0], 'numFmtId'));
      const code = attrOf(m[0], 'formatCode');
      if (!Number.isFinite(id) || code === undefined) continue;
      this.customCodes.set(id, code);
      this.codeIds.set(code, id);
      if (id >= this.nextFormatId) this.nextFormatId = id + 1;
    }
    const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
    this.xfs = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  }

  /** The format code of a cell style (what the reader reports as the cell's number format). */
  private codeOf(xfIndex: number): string {
    const xf = this.xfs[xfIndex];
    const id = xf === undefined ? 0 : Number(attrOf(xf.slice(0, xf.indexOf('>') + 1), 'numFmtId') ?? 0);
    return this.customCodes.get(id) ?? excelJSInternals().defaultNumFormats[String(id)]?.f ?? 'General';
  }

  private formatId(code: string): number {
    const known = this.codeIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customCodes.set(id, code);
    this.codeIds.set(code, id);
    this.addedFormats.push({ id, code });
    return id;
  }

  /** The cell style index that looks like `base` with number format `code` (base itself when it already has it). */
  styleFor(base: number, code: string): number {
    const b = base < this.xfs.length + this.added.length ? base : 0;
    if (this.codeOf(b) === code) return b;
    const key = `${b}|${code}`;
    const known = this.variants.get(key);
    if (known !== undefined) return known;
    const source = b < this.xfs.length ? this.xfs[b] : this.added[b - this.xfs.length];
    const xf = source ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const end = xf.indexOf('>') + 1;
    let start = xf.slice(0, end);
    start = withAttr(withAttr(start, 'numFmtId', String(this.formatId(code))), 'applyNumberFormat', '1');
    const index = this.xfs.length + this.added.length;
    this.added.push(start + xf.slice(end));
    this.variants.set(key, index);
    this.changed = true;
    return index;
  }

  /** The styles part with what was added. */
  toXml(): string {
    let xml = this.xml;
    if (this.addedFormats.length) {
      const items = this.addedFormats.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${xmlEscape(f.code, true)}"/>`).join('');
      const m = /<numFmts\b([^>]*?)(\/>|>([\s\S]*?)<\/numFmts>)/.exec(xml);
      const count = [...this.customCodes.keys()].length;
      if (m) {
        const inner = (m[3] ?? '') + items;
        xml = xml.replace(m[0], `<numFmts count="${count}">${inner}</numFmts>`);
      } else {
        xml = xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${count}">${items}</numFmts>`);
      }
    }
    if (this.added.length) {
      const count = this.xfs.length + this.added.length;
      xml = xml.replace(/<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/, (_w, inner: string | undefined) => `<cellXfs count="${count}">${inner ?? ''}${this.added.join('')}</cellXfs>`);
    }
    return xml;
  }
}

// ---------------------------------------------------------------- cells

interface CellXml {
  col: number;
  xml: string;
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

/** The `<c>` element a patch writes, with style `s` (0 = none written). */
function cellElement(address: string, patch: Patch, s: number, date1904: boolean): string | null {
  const sAttr = s ? ` s="${s}"` : '';
  const v = patch.value;
  if (patch.formula !== undefined) {
    const f = `<f>${xmlEscape(patch.formula)}</f>`;
    if (v === null) return `<c r="${address}"${sAttr}>${f}</c>`;
    if (patch.error === true) return `<c r="${address}"${sAttr} t="e">${f}<v>${xmlEscape(String(v))}</v></c>`;
    if (typeof v === 'string') return `<c r="${address}"${sAttr} t="str">${f}<v>${xmlEscape(v)}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${address}"${sAttr} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${address}"${sAttr}>${f}<v>${numberText(v)}</v></c>`;
  }
  if (v === null || v === '') return s ? `<c r="${address}"${sAttr}/>` : null;
  if (patch.error === true) return `<c r="${address}"${sAttr} t="e"><v>${xmlEscape(String(v))}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${address}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'number') {
    const n = date1904 && isDateFormat(patch.numberFormat) ? v - DATE1904_OFFSET : v;
    return `<c r="${address}"${sAttr}><v>${numberText(n)}</v></c>`;
  }
  const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
  return `<c r="${address}"${sAttr} t="inlineStr"><is><t${space}>${xmlEscape(v)}</t></is></c>`;
}

const ROW_START = /<row\b[^>]*?\/?>/y;
const CELL_RE = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;

interface SharedMaster {
  address: string;
  formula: string;
}

/** Rewrites one worksheet part: see the module comment. */
class SheetRewriter {
  private readonly out: Buffer[] = [];
  private pendingText = '';
  /** Patched rows still to write, ascending. */
  private readonly rowsLeft: number[];
  private nextRow = 0;
  private lastRowNumber = 0;
  /** Column default styles from <cols> (1-based column → style index). */
  private readonly colStyles: { min: number; max: number; style: number }[] = [];
  /** Shared formula groups whose first cell a patch overwrites: their followers get their own text. */
  private readonly broken = new Map<string, SharedMaster>();
  private readonly arrays: MergeRect[] = [];

  constructor(
    private readonly byRow: Map<number, Map<number, Patch>>,
    private readonly styles: StyleBook,
    private readonly date1904: boolean,
    private readonly dimension: string | null,
  ) {
    this.rowsLeft = [...byRow.keys()].sort((a, b) => a - b);
  }

  private emit(s: string): void {
    this.pendingText += s;
    if (this.pendingText.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pendingText) this.out.push(Buffer.from(this.pendingText, 'utf8'));
    this.pendingText = '';
  }

  private colStyle(col: number): number {
    for (const c of this.colStyles) if (col >= c.min && col <= c.max) return c.style;
    return 0;
  }

  /** New rows (that the sheet did not have) numbered below `before`. */
  private emitNewRowsBefore(before: number): void {
    while (this.nextRow < this.rowsLeft.length && this.rowsLeft[this.nextRow]! < before) {
      const r = this.rowsLeft[this.nextRow++]!;
      const cells = this.newCells(r, this.byRow.get(r)!, []);
      if (cells.length) this.emit(`<row r="${r}">${cells.map((c) => c.xml).join('')}</row>`);
    }
  }

  /** The patched cells of row r merged into its existing cells, in column order. */
  private newCells(r: number, patches: Map<number, Patch>, existing: { col: number; xml: string; s: number }[], rowStyle = 0): CellXml[] {
    const byCol = new Map<number, CellXml>();
    for (const e of existing) byCol.set(e.col, { col: e.col, xml: e.xml });
    for (const [col, patch] of patches) {
      const old = existing.find((e) => e.col === col);
      const base = old ? old.s : rowStyle || this.colStyle(col);
      const address = `${columnLetters(col)}${r}`;
      const s = this.styles.styleFor(base, patch.numberFormat === '' ? 'General' : patch.numberFormat);
      const xml = cellElement(address, patch, s, this.date1904);
      if (xml === null) byCol.delete(col);
      else byCol.set(col, { col, xml });
    }
    return [...byCol.values()].sort((a, b) => a.col - b.col);
  }

  /** One `<row>` element: copied as it is unless it is patched or holds followers of a broken shared formula. */
  private row(text: string): void {
    const startTag = ROW_START.exec(text)?.[0] ?? text;
    ROW_START.lastIndex = 0;
    const rAttr = attrOf(startTag, 'r');
    const r = rAttr === undefined ? this.lastRowNumber + 1 : Number(rAttr);
    this.lastRowNumber = r;
    this.emitNewRowsBefore(r);
    const patches = this.byRow.get(r);
    const needsCells = patches !== undefined || (this.broken.size > 0 && text.includes('si=')) || text.includes('t="array"') || text.includes('t="dataTable"');
    if (!needsCells) {
      this.emit(rAttr === undefined ? withAttr(startTag, 'r', String(r)) + text.slice(startTag.length) : text);
      return;
    }
    // emitNewRowsBefore(r) stopped at the first patched row ≥ r: this one, written below.
    if (patches !== undefined && this.rowsLeft[this.nextRow] === r) this.nextRow++;
    const selfClosing = startTag.endsWith('/>');
    const body = selfClosing ? '' : text.slice(startTag.length, text.length - '</row>'.length);
    const existing: { col: number; xml: string; s: number }[] = [];
    let col = 0;
    CELL_RE.lastIndex = 0;
    for (const m of body.matchAll(CELL_RE)) {
      const tag = `<c${m[1]}>`;
      const ref = attrOf(tag, 'r');
      const pos = ref === undefined ? undefined : decodeAddress(ref);
      col = pos ? pos.col : col + 1;
      const address = `${columnLetters(col)}${r}`;
      // A cell without its address gets one: an inserted cell would otherwise shift the ones after it.
      let xml = ref === undefined ? `<c r="${address}"${m[0].slice(2)}` : m[0];
      const content = m[3] ?? '';
      const f = /<f\b([^>]*?)(\/>|>([\s\S]*?)<\/f>)/.exec(content);
      const patched = patches?.has(col) ?? false;
      if (f) {
        const fTag = `<f${f[1]}>`;
        const type = attrOf(fTag, 't');
        const si = attrOf(fTag, 'si');
        const fref = attrOf(fTag, 'ref');
        if ((type === 'array' || type === 'dataTable') && fref !== undefined) {
          const rect = decodeRange(fref);
          if (rect) this.arrays.push(rect);
        }
        if (type === 'shared' && si !== undefined) {
          if (fref !== undefined && f[3] !== undefined) {
            // The group's first cell: overwritten, its followers lose the formula they are read from.
            if (patched) this.broken.set(si, { address, formula: xmlUnescape(f[3]) });
          } else if (!patched) {
            const master = this.broken.get(si);
            if (master) {
              const own = excelJSInternals().slideFormula(master.formula, master.address, address);
              xml = xml.replace(f[0], `<f>${xmlEscape(own)}</f>`);
            }
          }
        }
      }
      if (patched) {
        const inArray = this.arrays.find((a) => r >= a.top && r <= a.bottom && col >= a.left && col <= a.right);
        if (inArray) {
          throw new XuejiPatchError('array-formula', `无法写入单元格 ${address}：它属于数组公式（${encodeRange(inArray)}），请先在 Excel 中把数组公式转为数值`);
        }
      }
      existing.push({ col, xml, s: Number(attrOf(tag, 's') ?? 0) });
    }
    if (patches === undefined) {
      const tag = rAttr === undefined ? withAttr(startTag, 'r', String(r)) : startTag;
      this.emit(selfClosing ? tag : `${tag}${existing.map((e) => e.xml).join('')}</row>`);
      return;
    }
    const rowStyle = attrOf(startTag, 'customFormat') === '1' || attrOf(startTag, 'customFormat') === 'true' ? Number(attrOf(startTag, 's') ?? 0) : 0;
    const cells = this.newCells(r, patches, existing, rowStyle);
    // The row's spans hint would be stale; it is optional.
    let tag = withoutAttr(selfClosing ? startTag.replace(/\s*\/>$/, '>') : startTag, 'spans');
    if (rAttr === undefined) tag = withAttr(tag, 'r', String(r));
    this.emit(`${tag}${cells.map((c) => c.xml).join('')}</row>`);
  }

  /** The part before <sheetData>: <dimension> widened to the patches, <cols> read for column styles. */
  private head(text: string): string {
    for (const m of text.matchAll(/<col\b[^>]*\/?>/g)) {
      const style = Number(attrOf(m[0], 'style') ?? 0);
      const min = Number(attrOf(m[0], 'min'));
      const max = Number(attrOf(m[0], 'max'));
      if (style && Number.isFinite(min) && Number.isFinite(max)) this.colStyles.push({ min, max, style });
    }
    if (this.dimension === null) return text;
    return text.replace(/<dimension\b[^>]*\/?>/, (tag) => withAttr(tag, 'ref', this.dimension!));
  }

  async run(chunks: AsyncIterable<string>): Promise<Buffer> {
    let buf = '';
    let state: 'head' | 'rows' | 'tail' = 'head';
    const step = (final: boolean): void => {
      for (;;) {
        if (state === 'head') {
          const m = /<sheetData\b[^>]*?(\/?)>/.exec(buf);
          if (!m) {
            if (final) throw new XuejiPatchError('bad-address', '工作表中没有数据区（sheetData），无法写入');
            return;
          }
          this.emit(this.head(buf.slice(0, m.index)));
          if (m[1] === '/') {
            // <sheetData/>: an empty sheet that now gets rows.
            this.emit('<sheetData>');
            this.emitNewRowsBefore(Infinity);
            this.emit('</sheetData>');
            state = 'tail';
          } else {
            this.emit(m[0]);
            state = 'rows';
          }
          buf = buf.slice(m.index + m[0].length);
        } else if (state === 'rows') {
          const next = /<row\b|<\/sheetData>/.exec(buf);
          if (next === null) {
            if (final) throw new XuejiPatchError('bad-address', '工作表的数据区不完整，无法写入');
            return;
          }
          if (next[0] === '</sheetData>') {
            this.emit(buf.slice(0, next.index));
            this.emitNewRowsBefore(Infinity);
            buf = buf.slice(next.index);
            state = 'tail';
            continue;
          }
          const rowAt = next.index;
          if (rowAt > 0) {
            this.emit(buf.slice(0, rowAt));
            buf = buf.slice(rowAt);
          }
          const tagEnd = buf.indexOf('>');
          if (tagEnd < 0) return;
          let end: number;
          if (buf[tagEnd - 1] === '/') end = tagEnd + 1;
          else {
            const close = buf.indexOf('</row>', tagEnd);
            if (close < 0) {
              if (final) throw new XuejiPatchError('bad-address', '工作表的数据区不完整，无法写入');
              return;
            }
            end = close + '</row>'.length;
          }
          this.row(buf.slice(0, end));
          buf = buf.slice(end);
        } else {
          this.emit(buf);
          buf = '';
          return;
        }
      }
    };
    for await (const text of chunks) {
      buf += text;
      step(false);
    }
    step(true);
    this.flush();
    return Buffer.concat(this.out);
  }
}

// ---------------------------------------------------------------- the workbook

function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u00A0-\uFFFF][A-Za-z0-9_.\u00A0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** References to sheet `from` in a formula-like text (a defined name) pointed at `to`. */
function renameInFormula(text: string, from: string, to: string): string {
  const quoted = `'${from.replace(/'/g, "''")}'!`;
  const target = `${quoteSheetName(to)}!`;
  let out = text.split(quoted).join(target);
  const plain = new RegExp(`(^|[^A-Za-z0-9_.'\\u00A0-\\uFFFF])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!`, 'g');
  out = out.replace(plain, (_, before: string) => `${before}${target}`);
  return out;
}

function dimensionOf(old: string | undefined, patches: readonly Patch[]): string | null {
  let rect: MergeRect | undefined = old ? decodeRange(old) : undefined;
  let grew = false;
  for (const p of patches) {
    if (p.value === null && p.formula === undefined) continue;
    const pos = decodeAddress(p.cell);
    if (!pos) continue;
    if (!rect) {
      rect = { top: pos.row, left: pos.col, bottom: pos.row, right: pos.col };
      grew = true;
      continue;
    }
    if (pos.row < rect.top || pos.row > rect.bottom || pos.col < rect.left || pos.col > rect.right) {
      rect = { top: Math.min(rect.top, pos.row), left: Math.min(rect.left, pos.col), bottom: Math.max(rect.bottom, pos.row), right: Math.max(rect.right, pos.col) };
      grew = true;
    }
  }
  return grew && rect ? (rect.top === rect.bottom && rect.left === rect.right ? `${columnLetters(rect.left)}${rect.top}` : encodeRange(rect)) : null;
}

/** Validates every patch against the sheet's merges (nothing is written when one is wrong). */
function patchesByRow(edit: SheetEdit): Map<number, Map<number, Patch>> {
  const merges = edit.merges.map((m) => decodeRange(m)).filter((m): m is MergeRect => m !== undefined);
  const byRow = new Map<number, Map<number, Patch>>();
  for (const p of edit.patches) {
    const pos = decodeAddress(p.cell);
    if (pos === undefined || pos.row > 1_048_576 || pos.col > 16_384) {
      throw new XuejiPatchError('bad-address', `无法写入：“${p.cell}”不是有效的单元格地址`);
    }
    const m = merges.find((x) => pos.row >= x.top && pos.row <= x.bottom && pos.col >= x.left && pos.col <= x.right);
    if (m && (m.top !== pos.row || m.left !== pos.col)) {
      throw new XuejiPatchError(
        'merged-follower',
        `无法写入单元格 ${p.cell.toUpperCase()}：它位于合并单元格内（合并区域左上角是 ${columnLetters(m.left)}${m.top}），请先取消合并`,
      );
    }
    let row = byRow.get(pos.row);
    if (!row) byRow.set(pos.row, (row = new Map()));
    row.set(pos.col, p);
  }
  return byRow;
}

const CONTENT_TYPES = '[Content_Types].xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const STYLES_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';

/**
 * The workbook `data` with the edits written in, as the bytes of a new .xlsx. Throws XuejiPatchError (nothing
 * written) for a patch that cannot be placed. `budget` bounds the XML inflated on the way.
 */
export async function patchXlsx(data: Buffer, edits: readonly SheetEdit[], date1904: boolean, budget?: ReadBudget): Promise<Buffer> {
  installChineseBuiltinNumberFormats();
  const zip = await JSZip.loadAsync(data);
  const stylesEntry = zipEntry(zip, 'xl/styles.xml');
  const styles = new StyleBook(stylesEntry ? await stylesEntry.async('string') : MINIMAL_STYLES);
  let formulas = false;
  for (const edit of edits) {
    if (!edit.patches.length) continue;
    const byRow = patchesByRow(edit);
    if (edit.patches.some((p) => p.formula !== undefined)) formulas = true;
    const entry = zipEntry(zip, edit.part);
    if (entry === null) throw new XuejiPatchError('bad-address', `找不到工作表“${edit.sheet}”的数据，无法写入`);
    // The dimension, read from the part's first bytes (it precedes the rows).
    let head = '';
    for await (const t of entryText(entry)) {
      head += t;
      if (head.includes('<sheetData') || head.length > 1 << 16) break;
    }
    const oldDimension = /<dimension\b[^>]*?\bref\s*=\s*"([^"]*)"/.exec(head)?.[1];
    const rewriter = new SheetRewriter(byRow, styles, date1904, dimensionOf(oldDimension, edit.patches));
    zip.file(entry.name, await rewriter.run(entryText(entry, budget)));
  }
  if (styles.changed) {
    if (stylesEntry) zip.file(stylesEntry.name, styles.toXml());
    else await addStylesPart(zip, styles.toXml());
  }
  await editWorkbookPart(zip, edits, formulas);
  await dropCalcChain(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

async function addStylesPart(zip: JSZip, xml: string): Promise<void> {
  zip.file('xl/styles.xml', xml);
  const relsName = zipEntry(zip, 'xl/_rels/workbook.xml.rels')?.name ?? 'xl/_rels/workbook.xml.rels';
  const rels = (await zipEntry(zip, 'xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const ids = [...rels.matchAll(/\bId="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(0, ...ids) + 1}`;
  zip.file(relsName, rels.replace('</Relationships>', `<Relationship Id="${id}" Type="${STYLES_REL}" Target="styles.xml"/></Relationships>`));
  const ctEntry = zipEntry(zip, CONTENT_TYPES);
  if (ctEntry) {
    const ct = await ctEntry.async('string');
    zip.file(ctEntry.name, ct.replace('</Types>', `<Override PartName="/xl/styles.xml" ContentType="${STYLES_CT}"/></Types>`));
  }
}

/** Sheet renames (the <sheet> name and defined names using it) and, after formulas were written, fullCalcOnLoad. */
async function editWorkbookPart(zip: JSZip, edits: readonly SheetEdit[], formulas: boolean): Promise<void> {
  const renames = edits.filter((e) => e.rename !== null && e.rename !== e.sheet);
  if (!renames.length && !formulas) return;
  const entry = zipEntry(zip, 'xl/workbook.xml');
  if (entry === null) return;
  let xml = await entry.async('string');
  for (const e of renames) {
    xml = xml.replace(/<sheet\b[^>]*?\/?>/g, (tag) => (attrOf(tag, 'name') === e.sheet ? withAttr(tag, 'name', e.rename!) : tag));
    xml = xml.replace(/(<definedName\b[^>]*>)([\s\S]*?)(<\/definedName>)/g, (_w, open: string, body: string, close: string) => {
      return open + xmlEscape(renameInFormula(xmlUnescape(body), e.sheet, e.rename!)) + close;
    });
  }
  if (formulas) {
    if (/<calcPr\b/.test(xml)) xml = xml.replace(/<calcPr\b[^>]*?\/?>/, (tag) => withAttr(tag, 'fullCalcOnLoad', '1'));
    else {
      const at = xml.search(/<(oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)\b|<\/workbook>/);
      if (at >= 0) xml = `${xml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
    }
  }
  zip.file(entry.name, xml);
}

/** xl/calcChain.xml lists the formula cells; after a rewrite it may be stale, and Excel rebuilds it anyway. */
async function dropCalcChain(zip: JSZip): Promise<void> {
  const entry = zipEntry(zip, 'xl/calcChain.xml');
  if (entry === null) return;
  zip.remove(entry.name);
  const rels = zipEntry(zip, 'xl/_rels/workbook.xml.rels');
  if (rels) zip.file(rels.name, (await rels.async('string')).replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/g, ''));
  const ct = zipEntry(zip, CONTENT_TYPES);
  if (ct) zip.file(ct.name, (await ct.async('string')).replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/g, ''));
}
