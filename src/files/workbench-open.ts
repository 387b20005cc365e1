/**
 * Opening a file the registrar picked (or dropped) in the browser workbench: classify the bytes, load the workbook
 * with ExcelJS, and say what a downloaded copy could not keep. Browser-safe: bytes in, typed Chinese errors out.
 */
import ExcelJS from 'exceljs';
import { inputError } from './errors';
import { fidelityProblems } from './fidelity';
import { WorkbenchPort, type SaveFile } from './workbench-port';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** UTF-16LE text inside the bytes (an encrypted workbook's CFB directory names its "EncryptedPackage" stream). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Throws the same typed errors as the command line's `sniffInput`, from the bytes alone. */
export function classifyBytes(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw inputError('not-xlsx', fileName, { variant: 'zero-bytes' });
  if (startsWith(bytes, ZIP)) return;
  if (startsWith(bytes, CFB)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) throw inputError('encrypted', fileName);
    throw inputError('xls', fileName);
  }
  const head = bytes.subarray(0, 2048);
  const binary = head.some((b) => b === 0);
  if (!binary || /\.(csv|tsv|txt)$/i.test(fileName)) throw inputError('csv', fileName);
  throw inputError('not-xlsx', fileName);
}

export interface OpenedWorkbench {
  port: WorkbenchPort;
  /**
   * What a downloaded copy would lose (charts, macros …), in Chinese; empty when nothing. Looked for after the
   * workbook is open (it inflates every sheet once more): the grid does not wait for a warning.
   */
  problems: () => Promise<string[]>;
}

export async function openWorkbench(bytes: Uint8Array, fileName: string, save: SaveFile): Promise<OpenedWorkbench> {
  classifyBytes(bytes, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw inputError('corrupt', fileName, { cause: e });
  }
  if (workbook.worksheets.length === 0) throw inputError('empty', fileName);
  return { port: new WorkbenchPort(workbook, fileName, save), problems: () => fidelityProblems(bytes) };
}
