import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XuejiInputError, type InputErrorCode } from '../../src/files/errors';

/** A fresh temp folder for one test file; removed by `cleanup`. */
export function makeTempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xueji-files-'));
  return {
    dir,
    file: (name: string) => path.join(dir, name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function writeWorkbook(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file);
  return file;
}

/** Rewrites some entries of an .xlsx (zip) file. `edit` gets the zip and may add, replace or remove entries. */
export async function editZip(file: string, edit: (zip: JSZip) => void | Promise<void>): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  await edit(zip);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

export async function zipText(file: string, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const f = zip.file(entry);
  if (f === null) throw new Error(`no entry ${entry}`);
  return f.async('string');
}

/** Asserts that `promise` rejects with a XuejiInputError of `code` whose message is Chinese and names `file`. */
export async function expectInputError(
  promise: Promise<unknown>,
  code: InputErrorCode,
  file: string,
): Promise<XuejiInputError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(XuejiInputError);
  const err = caught as XuejiInputError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  expect(err.message).toContain(`“${path.basename(file)}”`);
  expect(err.message).not.toContain(path.dirname(file));
  expect(err.message).not.toContain('\n');
  return err;
}
