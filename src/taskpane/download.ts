/** Saving bytes as a file in the browser: a Blob behind a temporary link (no network involved). */
import type { WorkbookPort } from '../core/port';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function downloadBytes(fileName: string, data: Uint8Array, mime = XLSX_MIME): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const ZIP_MIME = 'application/zip';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A port that can save arbitrary bytes (the workbench may offer it); Excel's port cannot. */
export type SaveFilePort = WorkbookPort & { saveFile?(fileName: string, data: Uint8Array): Promise<unknown> | unknown };

/** Saves a file the pane made (a photo zip, a written report): through the port when it can save bytes, else a download. */
export async function saveBytes(port: WorkbookPort, fileName: string, data: Uint8Array, mime: string): Promise<void> {
  const save = (port as SaveFilePort).saveFile;
  if (typeof save === 'function') {
    await save.call(port, fileName, data);
    return;
  }
  downloadBytes(fileName, data, mime);
}
