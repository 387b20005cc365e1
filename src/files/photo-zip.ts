/**
 * The upload zips of a graduation-photo batch (seed 002 附件3: 请不要打包文件夹，直接打包图片文件; zip文件最大只
 * 支持40M以下), browser-safe (jszip, Uint8Array). Photos are stored, not deflated (a JPEG does not shrink), at the
 * root of the zip, in the order given (the roster's). A batch larger than the limit is split into several zips,
 * each ≤ the limit, filled in order: the first holds as many photos as fit, and so on.
 *
 * Names: the first part is the name the user gave (`OUT.zip`), the next ones `OUT-2.zip`, `OUT-3.zip` … — a batch
 * that fits in one zip is exactly `OUT.zip`, so the usual case has no suffix.
 */
import JSZip from 'jszip';

export interface ZipMember {
  /** Name in the zip: a plain file name, no folder. */
  name: string;
  size: number;
  /** The bytes, loaded only when the part holding them is built (a batch never sits in memory whole). */
  read: () => Promise<Uint8Array>;
}

export class PhotoZipError extends Error {
  override readonly name = 'PhotoZipError';
}

const END_OF_CENTRAL_DIRECTORY = 22;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * Upper bound of the bytes one member adds to a stored zip: local header (30) + central header (46) + the name twice,
 * plus jszip's Unicode-path extra field (9 + name) in both headers when the name is not ASCII.
 */
export function memberOverhead(name: string): number {
  const n = utf8Length(name);
  const unicode = n !== name.length ? 2 * (9 + n) : 0;
  return 30 + 46 + 2 * n + unicode;
}

/** Splits members, in order, into parts whose estimated zip size is ≤ `limit`. */
export function planZipParts<T extends { name: string; size: number }>(members: readonly T[], limit: number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let bytes = END_OF_CENTRAL_DIRECTORY;
  for (const m of members) {
    const add = memberOverhead(m.name) + m.size;
    if (END_OF_CENTRAL_DIRECTORY + add > limit) {
      throw new PhotoZipError(`照片“${m.name}”单独放进一个压缩包也超过上限 ${limit.toLocaleString('en-US')} 字节`);
    }
    if (current.length && bytes + add > limit) {
      parts.push(current);
      current = [];
      bytes = END_OF_CENTRAL_DIRECTORY;
    }
    current.push(m);
    bytes += add;
  }
  if (current.length) parts.push(current);
  return parts;
}

/** `OUT.zip`, `OUT-2.zip`, `OUT-3.zip` … for `n` parts (the extension is kept as the user wrote it). */
export function zipPartNames(out: string, n: number): string[] {
  const m = /^(.*?)(\.zip)?$/i.exec(out)!;
  const base = m[1]!;
  const ext = m[2] ?? '.zip';
  return Array.from({ length: n }, (_, i) => (i === 0 ? `${base}${ext}` : `${base}-${i + 1}${ext}`));
}

function assertPlainName(name: string): void {
  if (!name || /[\\/]/.test(name) || name === '.' || name === '..') {
    throw new PhotoZipError(`压缩包内的文件名“${name}”不能含有文件夹`);
  }
}

/** One stored zip of the members, in order. A fixed date keeps the bytes reproducible. */
export async function buildZip(members: readonly ZipMember[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const seen = new Set<string>();
  for (const m of members) {
    assertPlainName(m.name);
    if (seen.has(m.name)) throw new PhotoZipError(`压缩包内有两个同名文件“${m.name}”`);
    seen.add(m.name);
    const bytes = await m.read();
    if (bytes.length !== m.size) throw new PhotoZipError(`照片“${m.name}”在检查之后被改动了（大小不同），请重新运行`);
    zip.file(m.name, bytes, { binary: true, date: new Date(Date.UTC(2020, 0, 1)), createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE', platform: 'DOS' });
}

export interface ZipEntryInfo {
  name: string;
  dir: boolean;
  size: number;
}

/** What a zip holds, read back with jszip: every entry with its size (folders flagged). */
export async function listZip(bytes: Uint8Array): Promise<ZipEntryInfo[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: ZipEntryInfo[] = [];
  for (const f of Object.values(zip.files)) {
    out.push({ name: f.name, dir: f.dir, size: f.dir ? 0 : (await f.async('uint8array')).length });
  }
  return out;
}

export interface BuiltPart {
  names: string[];
  bytes: Uint8Array;
}

/**
 * Builds the parts: each ≤ `limit` bytes, no folders, every member exactly once, in order. Each part is read back
 * and checked before it is returned; should a part come out larger than planned, its last photos move on.
 */
export async function buildZipParts(members: readonly ZipMember[], limit: number): Promise<BuiltPart[]> {
  const queue = planZipParts(members, limit);
  const built: BuiltPart[] = [];
  while (queue.length) {
    let part = queue.shift()!;
    let bytes = await buildZip(part);
    while (bytes.length > limit && part.length > 1) {
      const moved = part[part.length - 1]!;
      part = part.slice(0, -1);
      if (queue.length) queue[0] = [moved, ...queue[0]!];
      else queue.push([moved]);
      bytes = await buildZip(part);
    }
    if (bytes.length > limit) throw new PhotoZipError(`压缩包超过上限 ${limit.toLocaleString('en-US')} 字节`);
    const entries = await listZip(bytes);
    const names = part.map((m) => m.name);
    const ok =
      entries.length === part.length &&
      entries.every((e, i) => !e.dir && e.name === names[i] && e.size === part[i]!.size);
    if (!ok) throw new PhotoZipError('生成的压缩包读回核对不一致，已停止');
    built.push({ names, bytes });
  }
  return built;
}
