/** Saving bytes as a file in the browser: a Blob behind a temporary link (no network involved). */
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
