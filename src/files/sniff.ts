/**
 * What kind of file is this? Looks at the path and at the first bytes only, never at the whole file. Node only.
 *
 * - a zip (PK..) passes: whether it really is a workbook is decided when it is opened (`openXlsxZip`);
 * - an OLE compound file (D0 CF 11 E0 A1 B1 1A E1) is an encrypted .xlsx when its directory holds the streams
 *   "EncryptionInfo"/"EncryptedPackage" (that is how Excel stores a password-protected workbook), a Word or
 *   PowerPoint file when it holds their main stream, and otherwise an old .xls (or WPS .et) workbook;
 * - anything else is CSV/text, a web page or Excel 2003 XML saved as ".xls", or simply not a workbook.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { XuejiInputError, inputError } from './errors';

const HEAD_BYTES = 4096;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_STREAMS = ['EncryptedPackage', 'EncryptionInfo'];
const ENDOFCHAIN = 0xfffffffe;
const MAX_DIRECTORY_SECTORS = 4096;

function isZip(head: Buffer): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06) || (head[2] === 0x07 && head[3] === 0x08))
  );
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return bytesRead === length ? buf : buf.subarray(0, bytesRead);
}

/**
 * The names in a compound file's directory, following the FAT chain of the directory sectors
 * ([MS-CFB] §2.2, §2.6). Undefined when the header or the chain is malformed.
 */
async function readCfbDirectoryNames(fh: FileHandle, fileSize: number): Promise<string[] | undefined> {
  const header = await readAt(fh, 0, 512);
  if (header.length < 512) return undefined;
  const shift = header.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorOffset = (n: number): number => (n + 1) * sectorSize;

  // Where the FAT sectors are: up to 109 in the header, the rest in the DIFAT chain.
  const fatSectorCount = header.readUInt32LE(44);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) fatSectors.push(header.readUInt32LE(76 + i * 4));
  let difat = header.readUInt32LE(68);
  let difatSeen = 0;
  while (fatSectors.length < fatSectorCount && difat < ENDOFCHAIN && difatSeen < MAX_DIRECTORY_SECTORS) {
    if (sectorOffset(difat) + sectorSize > fileSize) return undefined;
    const sector = await readAt(fh, sectorOffset(difat), sectorSize);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i++) {
      fatSectors.push(sector.readUInt32LE(i * 4));
    }
    difat = sector.readUInt32LE((perSector - 1) * 4);
    difatSeen++;
  }

  const names: string[] = [];
  let sector = header.readUInt32LE(48);
  for (let seen = 0; sector < ENDOFCHAIN; seen++) {
    if (seen >= MAX_DIRECTORY_SECTORS || sectorOffset(sector) + sectorSize > fileSize) return undefined;
    const dir = await readAt(fh, sectorOffset(sector), sectorSize);
    for (let off = 0; off + 128 <= dir.length; off += 128) {
      const type = dir[off + 66];
      const nameBytes = dir.readUInt16LE(off + 64);
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.push(dir.toString('utf16le', off, off + nameBytes - 2));
    }
    const fatIndex = Math.floor(sector / perSector);
    if (fatIndex >= fatSectors.length) return undefined;
    const fatEntryOffset = sectorOffset(fatSectors[fatIndex]) + (sector % perSector) * 4;
    if (fatEntryOffset + 4 > fileSize) return undefined;
    sector = (await readAt(fh, fatEntryOffset, 4)).readUInt32LE(0);
  }
  return names;
}

function containsUtf16(head: Buffer, text: string): boolean {
  return head.includes(Buffer.from(text, 'utf16le'));
}

type TextKind = 'text' | 'html' | 'xml-2003' | 'binary';

/** Whether the first bytes look like text, and which kind of text. */
function classifyText(head: Buffer): TextKind {
  let text: string;
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) text = head.subarray(2).toString('utf16le');
  else if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) {
    const swapped = Buffer.from(head.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
  } else {
    let control = 0;
    for (const b of head) {
      if (b === 0) return 'binary';
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
    }
    if (control > head.length / 100) return 'binary';
    text = head.toString('latin1');
  }
  const start = text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().slice(0, 2048).toLowerCase();
  if (start.startsWith('<')) {
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet') || start.includes('<workbook')) {
      return start.includes('<html') ? 'html' : 'xml-2003';
    }
    if (/<(!doctype html|html|table|head|body|meta|style)\b/.test(start)) return 'html';
  }
  return 'text';
}

/**
 * Throws `XuejiInputError` unless `path` is a regular file that starts like a zip (an .xlsx): 'not-found',
 * 'not-a-file', 'csv', 'xls', 'encrypted' or 'not-xlsx'.
 */
export async function sniffInput(path: string): Promise<void> {
  let fh: FileHandle;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw inputError('not-a-file', path);
    fh = await fsp.open(path, 'r');
  } catch (e) {
    if (e instanceof XuejiInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw inputError('not-found', path, { cause: e });
    if (code === 'EACCES' || code === 'EPERM') throw inputError('not-found', path, { variant: 'no-permission', cause: e });
    if (code === 'EISDIR') throw inputError('not-a-file', path, { cause: e });
    if (code === 'ELOOP') throw inputError('not-found', path, { variant: 'symlink-loop', cause: e });
    // Anything else the system says (ENAMETOOLONG, EIO, ENXIO …) still means: this input cannot be read.
    throw inputError('not-found', path, { variant: 'unreadable', cause: e });
  }
  try {
    const size = (await fh.stat()).size;
    if (size === 0) throw inputError('not-xlsx', path, { variant: 'zero-bytes' });
    const head = await readAt(fh, 0, Math.min(HEAD_BYTES, size));
    if (isZip(head)) return;

    const ext = extname(path).toLowerCase();
    if (head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC)) {
      const names = await readCfbDirectoryNames(fh, size);
      const encrypted =
        names !== undefined
          ? names.some((n) => ENCRYPTION_STREAMS.includes(n))
          : ENCRYPTION_STREAMS.some((n) => containsUtf16(head, n));
      if (encrypted) throw inputError('encrypted', path);
      if (names?.includes('WordDocument')) throw inputError('not-xlsx', path, { variant: 'word' });
      if (names?.includes('PowerPoint Document')) throw inputError('not-xlsx', path, { variant: 'powerpoint' });
      throw inputError('xls', path, ext === '.et' || ext === '.ett' ? { variant: 'wps-et' } : undefined);
    }

    const kind = classifyText(head);
    if (kind === 'html') throw inputError('not-xlsx', path, { variant: 'html' });
    if (kind === 'xml-2003') throw inputError('not-xlsx', path, { variant: 'xml-2003' });
    if (kind === 'text' || ext === '.csv' || ext === '.tsv' || ext === '.txt') throw inputError('csv', path);
    throw inputError('not-xlsx', path);
  } finally {
    await fh.close();
  }
}
