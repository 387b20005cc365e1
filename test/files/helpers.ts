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

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Adds a part and the relationship that makes it part of the workbook (as Excel writes it): `from` is the part that
 * refers to it ('xl/workbook.xml', 'xl/worksheets/sheet1.xml'), `type` the relationship type's last segment
 * ('drawing', 'chart', 'vbaProject' …), `target` the new part's path in the zip. What a workbook holds is decided by
 * its relationships, never by part names.
 */
export async function addRelatedPart(zip: JSZip, from: string, type: string, target: string, body: string | Buffer): Promise<void> {
  zip.file(target, body);
  const slash = from.lastIndexOf('/');
  const relsPath = `${from.slice(0, slash)}/_rels/${from.slice(slash + 1)}.rels`;
  const existing = (await zip.file(relsPath)?.async('string')) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const ids = [...existing.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(100, ...ids) + 1}`;
  const fromDir = from.slice(0, slash).split('/');
  const rel = path.posix.relative(fromDir.join('/'), target);
  zip.file(relsPath, existing.replace('</Relationships>', `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${rel}"/></Relationships>`));
}
