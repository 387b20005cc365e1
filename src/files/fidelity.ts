/**
 * What ExcelJS cannot carry over faithfully when it reads and rewrites a workbook — used where ExcelJS rewrites one
 * (`xueji export --template-file` fills a school's template; `xueji fix` no longer does, see xlsx-patch.ts):
 * - what the workbook's relationships say it holds: charts, pivot tables, drawings, macros, controls … Decided by the
 *   relationship's type, never by a part's name (issue 14 item 3: a drawing stored as xl/drawings/Zeichnung.xml is a
 *   drawing all the same); a part nothing refers to is not part of the workbook Excel shows;
 * - comments whose note boxes (the legacy VML drawing) are missing: ExcelJS fails to load them;
 * - data validations it would lose or corrupt: whole-column or whole-row ranges (ExcelJS rewrites `D:D` as `A1`),
 *   ranges too large to expand cell by cell, and the newer x14 validations.
 * Browser-safe: bytes in.
 */
import JSZip from 'jszip';
import { decodeRange } from './sheet-builder';

/** ExcelJS keeps a data validation as one entry per cell: more cells than this are refused (memory and time). */
export const MAX_VALIDATION_CELLS = 200_000;

const BOUNDED_RE = /^\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?$/;

/** Relationship types (the last segment of their URI) whose target ExcelJS drops or damages, described in Chinese. */
const DROPPED: ReadonlyArray<{ type: RegExp; description: string }> = [
  { type: /^chart$/, description: '图表' },
  { type: /^chartsheet$/, description: '图表工作表（整页图表）' },
  { type: /^(pivotTable|pivotCacheDefinition)$/, description: '数据透视表' },
  { type: /^vbaProject$/, description: '宏（VBA 代码）' },
  { type: /^(xlMacrosheet|xlIntlMacrosheet|macrosheet|dialogsheet)$/, description: 'Excel 4.0 宏表或对话框工作表' },
  { type: /^drawing$/, description: '图片、形状、文本框等绘图对象（形状和文本框会丢失，图片可能移位）' },
  { type: /^(slicer|slicerCache)$/, description: '切片器' },
  { type: /^(timeline|timelineCache)$/, description: '日程表（时间筛选器）' },
  { type: /^externalLink$/, description: '指向其他工作簿的外部链接（相关公式可能失效）' },
  { type: /^(threadedComment|person)$/, description: '新版会话式批注（只保留为普通批注）' },
  { type: /^(ctrlProp|control|activeXControlBinary)$/, description: '表单控件或 ActiveX 控件' },
  { type: /^(oleObject|package)$/, description: '嵌入的对象（如其他文档）' },
  { type: /^(connections|queryTable)$/, description: '外部数据连接或查询' },
  { type: /^(powerPivotData|model)$/, description: '数据模型（Power Pivot）' },
  { type: /^(rdRichValue|richValue|rdRichValueStructure|rdRichValueTypes|rdArray|richStyles|rdSupportingPropertyBag)/i, description: '单元格中的图片或链接数据类型' },
  { type: /^sheetMetadata$/, description: '动态数组公式的信息（此类公式可能变为旧式公式）' },
  { type: /^image$/, description: '工作表背景图片' },
];

interface Rel {
  type: string;
  /** The target part's path in the zip (resolved against the part the relationship belongs to). */
  target: string;
  external: boolean;
  /** Whether the zip holds the target part. */
  present: boolean;
}

/** 'xl/worksheets/_rels/sheet1.xml.rels' + '../drawings/vmlDrawing1.vml' → 'xl/drawings/vmlDrawing1.vml'. */
function resolveTarget(relsName: string, target: string): string {
  const base = target.startsWith('/') ? [] : relsName.replace(/_rels\/[^/]*$/, '').split('/').filter(Boolean);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function attr(tag: string, name: string): string {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

/** The relationships of every part, by the .rels entry that holds them. */
async function relationships(zip: JSZip): Promise<Map<string, Rel[]>> {
  const out = new Map<string, Rel[]>();
  for (const name of Object.keys(zip.files)) {
    if (!/(^|\/)_rels\/[^/]*\.rels$/i.test(name) || zip.files[name]!.dir) continue;
    const xml = await zip.file(name)!.async('string');
    const rels: Rel[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const type = attr(m[0], 'Type');
      const external = attr(m[0], 'TargetMode') === 'External';
      const target = external ? attr(m[0], 'Target') : resolveTarget(name, attr(m[0], 'Target'));
      rels.push({ type: type.slice(type.lastIndexOf('/') + 1), target, external, present: !external && zip.file(target) !== null });
    }
    out.set(name, rels);
  }
  return out;
}

/** Chinese descriptions of what the workbook holds that ExcelJS drops, from its relationships (each once, fixed order). */
export function droppedByExcelJS(rels: Map<string, Rel[]>): string[] {
  const types = new Set<string>();
  for (const [name, list] of rels) {
    for (const r of list) {
      if (r.external) continue;
      // An image is a sheet's background only as a worksheet's own relationship (a drawing's images are the drawing's).
      if (r.type === 'image' && !/worksheets\/_rels\//i.test(name)) continue;
      types.add(r.type);
    }
  }
  const out: string[] = [];
  for (const d of DROPPED) if ([...types].some((t) => d.type.test(t))) out.push(d.description);
  // Notes without their note boxes: ExcelJS cannot load them at all.
  for (const list of rels.values()) {
    if (list.some((r) => r.type === 'comments') && !list.some((r) => r.type === 'vmlDrawing' && r.present)) {
      out.push('没有批注框的批注（本程序无法读取，请在 Excel 中打开后另存一次）');
      break;
    }
  }
  return out;
}

/** What a workbook holds that ExcelJS would drop, from its relationships (see module comment). */
export async function unsupportedContent(bytes: Uint8Array | ArrayBuffer): Promise<string[]> {
  return droppedByExcelJS(await relationships(await JSZip.loadAsync(bytes)));
}

/** Chinese reasons why this workbook cannot be rewritten faithfully; empty when it can. Throws if the bytes are no zip. */
export async function fidelityProblems(bytes: Uint8Array | ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const problems: string[] = [];
  const parts = droppedByExcelJS(await relationships(zip));
  if (parts.length) problems.push(`含有${parts.join('、')}`);
  let cells = 0;
  let unbounded: string | null = null;
  let x14 = false;
  for (const name of names) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    if (xml.includes('<x14:dataValidation')) x14 = true;
    for (const m of xml.matchAll(/<(?:\w+:)?dataValidation\b[^>]*?\bsqref="([^"]*)"/g)) {
      for (const ref of m[1]!.trim().split(/\s+/)) {
        if (!ref) continue;
        if (!BOUNDED_RE.test(ref)) {
          unbounded ??= ref;
          continue;
        }
        const r = decodeRange(ref);
        if (r) cells += (r.bottom - r.top + 1) * (r.right - r.left + 1);
      }
    }
  }
  if (unbounded) problems.push(`有作用于整列或整行的数据验证（${unbounded}），导出时会丢失或错位，请把它限定在具体的行范围（如 D3:D2000）`);
  if (cells > MAX_VALIDATION_CELLS) problems.push(`数据验证覆盖的单元格过多（${cells} 个），请把它限定在实际需要的行范围（如 D3:D2000）`);
  if (x14) problems.push('有引用其他工作表的新版数据验证，导出时会丢失');
  return problems;
}

/**
 * What ExcelJS drops at the workbook level but a copy must keep: the workbook's structure protection
 * (`<workbookProtection>`: who may add, delete or rename sheets). Copied from the original into the bytes ExcelJS
 * wrote; the bytes are returned unchanged when the original had none.
 */
export async function keepWorkbookProtection(original: Uint8Array | ArrayBuffer, written: Uint8Array): Promise<Uint8Array> {
  const from = await JSZip.loadAsync(original);
  const xml = await from.file('xl/workbook.xml')?.async('string');
  const protection = xml ? /<(?:\w+:)?workbookProtection\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?workbookProtection>)/.exec(xml)?.[0] : undefined;
  if (!protection) return written;
  const to = await JSZip.loadAsync(written);
  const target = await to.file('xl/workbook.xml')?.async('string');
  if (!target || /<(?:\w+:)?workbookProtection\b/.test(target)) return written;
  // CT_Workbook order: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews, sheets …
  const at = target.search(/<(?:\w+:)?(bookViews|sheets)\b/);
  if (at < 0) return written;
  to.file('xl/workbook.xml', `${target.slice(0, at)}${protection.replace(/^<\w+:/, '<').replace(/<\/\w+:/, '</')}${target.slice(at)}`);
  return to.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
