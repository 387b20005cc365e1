/**
 * Opening an exported workbook (ARCHITECTURE.md, Office.js rule 7): the task pane builds the .xlsx with ExcelJS
 * and hands the bytes here. `Excel.createWorkbook(base64)` (ExcelApi 1.8) opens it as a new workbook; when that is
 * unavailable or fails (it has failed on Excel on the web with an internal error, OfficeDev/office-js#3646, and
 * under the `extensionHardening` policy, #3568), the bytes are offered as a download instead. `getFileAsync` is
 * never used.
 *
 * The download is the only place in `src/excel` that touches the DOM, and only through a guarded lookup of
 * `document`, `Blob` and `URL` on `globalThis` (no DOM lib needed to compile).
 */
/// <reference types="office-js" />
import { adapterError, toAdapterError, type ExcelAdapterError } from './errors';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of bytes, without btoa/Buffer. */
export function base64Encode(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? B64[n & 63]! : '=');
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

export type CreateWorkbook = (base64: string) => Promise<void>;
/** Offer bytes as a file download; false when there is no way to (no DOM). */
export type DownloadFile = (fileName: string, data: Uint8Array) => boolean | Promise<boolean>;

/** `Excel.createWorkbook` when running inside Excel, else null. */
export function excelCreateWorkbook(): CreateWorkbook | null {
  const excel = (globalThis as { Excel?: typeof Excel }).Excel;
  return excel !== undefined && typeof excel.createWorkbook === 'function' ? (b64) => excel.createWorkbook(b64) : null;
}

interface MinimalAnchor {
  href: string;
  download: string;
  rel: string;
  style: { display: string };
  click(): void;
  remove(): void;
}
interface MinimalDocument {
  createElement(tag: 'a'): MinimalAnchor;
  body: { appendChild(node: unknown): unknown } | null;
}
interface MinimalUrl {
  createObjectURL(blob: unknown): string;
  revokeObjectURL(url: string): void;
}
type BlobCtor = new (parts: unknown[], options?: { type?: string }) => unknown;

/** Download through a temporary `<a download>`; false outside a browser. */
export const browserDownload: DownloadFile = (fileName, data) => {
  const g = globalThis as { document?: MinimalDocument; URL?: MinimalUrl; Blob?: BlobCtor; setTimeout?: typeof setTimeout };
  const doc = g.document;
  const url = g.URL;
  const BlobClass = g.Blob;
  if (!doc || !doc.body || !url || typeof url.createObjectURL !== 'function' || !BlobClass) return false;
  const href = url.createObjectURL(new BlobClass([data], { type: XLSX_MIME }));
  const a = doc.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download in some webviews.
  (g.setTimeout ?? setTimeout)(() => url.revokeObjectURL(href), 60_000);
  return true;
};

export interface OpenWorkbookDeps {
  /** null when Excel.createWorkbook is not available. */
  createWorkbook: CreateWorkbook | null;
  download: DownloadFile;
  /** Told why createWorkbook failed when the download fallback is taken (the result says 'downloaded'). */
  onOpenFailed?: (error: ExcelAdapterError) => void;
}

/** Open the bytes as a new workbook in Excel, or fall back to a download. Throws a typed error when neither works. */
export async function openWorkbook(
  fileName: string,
  data: Uint8Array,
  deps: OpenWorkbookDeps,
): Promise<'opened' | 'downloaded'> {
  let openError: unknown;
  if (deps.createWorkbook) {
    try {
      await deps.createWorkbook(base64Encode(data));
      return 'opened';
    } catch (e) {
      openError = e; // reported through onOpenFailed, and the cause if the download fails too
      deps.onOpenFailed?.(toAdapterError(e, 'open-workbook'));
    }
  }
  let downloaded = false;
  let downloadError: unknown;
  try {
    downloaded = await deps.download(fileName, data);
  } catch (e) {
    downloadError = e;
  }
  if (downloaded) return 'downloaded';
  throw adapterError('open-workbook-failed', 'open-workbook', {
    cause: downloadError ?? openError ?? new Error('no createWorkbook and no DOM to download with'),
  });
}
