/**
 * What ExcelJS cannot carry over faithfully when it reads and rewrites a workbook: charts, pivot tables, drawings,
 * macros … (see workbook.ts `findUnsupportedParts`), and data validations it would lose or corrupt — whole-column
 * or whole-row ranges (ExcelJS rewrites `D:D` as `A1`), ranges too large to expand cell by cell, and the newer x14
 * validations. `xueji fix` and `xueji export --template-file` refuse such workbooks rather than write a poorer copy.
 * Browser-safe: bytes in.
 */
import JSZip from 'jszip';
import { findUnsupportedParts } from './workbook';
import { decodeRange } from './sheet-builder';

/** ExcelJS keeps a data validation as one entry per cell: more cells than this are refused (memory and time). */
export const MAX_VALIDATION_CELLS = 200_000;

const BOUNDED_RE = /^\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?$/;

/** Chinese reasons why this workbook cannot be rewritten faithfully; empty when it can. Throws if the bytes are no zip. */
export async function fidelityProblems(bytes: Uint8Array | ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const problems: string[] = [];
  const parts = findUnsupportedParts(names);
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

