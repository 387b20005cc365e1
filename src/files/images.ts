/**
 * Image inspection for the file checks, browser-safe (no Node import; bytes are a Uint8Array): the type from the
 * first bytes, the dimensions from the header (JPEG SOF, PNG IHDR), and for graduation photos a full decode with
 * jpeg-js (pure JS, maintained) to measure the frame. Evidence files are never decoded: a 10 MB scan costs the
 * few bytes of its header.
 *
 * The command line reads each file's first HEAD_BYTES (or all of it), and reads the whole file only when a JPEG's
 * frame header lies further in (`readImageHeader` says 'need-more'); the task pane does the same with File.slice.
 */
import { decode as decodeJpegJs } from 'jpeg-js';
import type { ContentType, InspectedFile, Pixels } from '../core/evidence/types';
import { measurePhoto } from '../core/evidence/photo-measure';
import type { Profile } from '../core/profile/schema';

/** Bytes read first from each file: enough for the header of almost every JPEG (EXIF thumbnails included). */
export const HEAD_BYTES = 256 * 1024;

/** One file as a caller has it: its whole size, and its bytes (all of them, or the first ones). */
export interface FileEntry {
  /** Relative to the folder given, '/' separators. */
  path: string;
  size: number;
  /** The whole file, or a prefix of it (bytes.length < size). */
  bytes: Uint8Array;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** What a file is, from its first bytes. */
export function sniffContentType(b: Uint8Array): ContentType {
  if (b.length === 0) return 'empty';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, ascii('BM')) && b.length >= 26) return 'bmp';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif|avis)$/.test(brand)) return 'heic';
  }
  if (startsWith(b, ascii('%PDF'))) return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return looksLikeText(b) ? 'text' : 'unknown';
}

/** No NUL and almost only printable bytes (ASCII, tabs, line breaks, or the bytes of UTF-8/GBK text). */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) odd++;
  }
  return odd <= n * 0.02;
}

export type HeaderResult =
  | { status: 'ok'; width: number; height: number; sof?: number }
  | { status: 'need-more' }
  | { status: 'damaged' }
  | { status: 'not-image' };

/**
 * Width and height of a JPEG or PNG from its header. `size` is the whole file's size: when `bytes` is a prefix
 * that ends before the header does, the answer is 'need-more'.
 */
export function readImageHeader(bytes: Uint8Array, size: number = bytes.length): HeaderResult {
  const type = sniffContentType(bytes);
  if (type === 'png') return pngHeader(bytes, size);
  if (type === 'jpeg') return jpegHeader(bytes, size);
  return { status: 'not-image' };
}

function pngHeader(b: Uint8Array, size: number): HeaderResult {
  if (b.length < 24) return b.length < size ? { status: 'need-more' } : { status: 'damaged' };
  if (!startsWith(b, ascii('IHDR'), 12)) return { status: 'damaged' };
  const u32 = (i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
  const width = u32(16);
  const height = u32(20);
  if (width === 0 || height === 0) return { status: 'damaged' };
  return { status: 'ok', width, height };
}

/** SOFn markers carry the frame size: C0–CF except C4 (DHT), C8 (JPG) and CC (DAC). */
function isSof(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

function jpegHeader(b: Uint8Array, size: number): HeaderResult {
  const more = (): HeaderResult => (b.length < size ? { status: 'need-more' } : { status: 'damaged' });
  let i = 2;
  for (;;) {
    if (i >= b.length) return more();
    if (b[i] !== 0xff) return { status: 'damaged' };
    while (i < b.length && b[i] === 0xff) i++;
    if (i >= b.length) return more();
    const m = b[i]!;
    i++;
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue;
    if (m === 0xd9 || m === 0xda) return { status: 'damaged' }; // end of image or scan data before any frame
    if (i + 2 > b.length) return more();
    const len = (b[i]! << 8) | b[i + 1]!;
    if (len < 2) return { status: 'damaged' };
    if (isSof(m)) {
      if (i + 7 > b.length) return more();
      const height = (b[i + 3]! << 8) | b[i + 4]!;
      const width = (b[i + 5]! << 8) | b[i + 6]!;
      if (width === 0 || height === 0) return { status: 'damaged' };
      return { status: 'ok', width, height, sof: m };
    }
    i += len;
  }
}

/** Decodes a JPEG to RGBA; null when jpeg-js cannot (damaged, or a coding it does not support). */
export function decodeJpeg(bytes: Uint8Array, maxPixels: number): Pixels | null {
  try {
    const img = decodeJpegJs(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: true,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    if (!img.width || !img.height || img.data.length < img.width * img.height * 4) return null;
    return { width: img.width, height: img.height, data: img.data };
  } catch {
    return null;
  }
}

/** The type and header dimensions of one file (evidence files: nothing is decoded). */
export function inspectFile(entry: FileEntry): InspectedFile {
  const type = sniffContentType(entry.bytes);
  const out: InspectedFile = { path: entry.path, size: entry.size, type, width: null, height: null, damaged: false };
  if (type !== 'jpeg' && type !== 'png') return out;
  const h = readImageHeader(entry.bytes, entry.size);
  if (h.status === 'ok') {
    out.width = h.width;
    out.height = h.height;
  } else if (h.status === 'damaged') {
    out.damaged = true;
  }
  return out;
}

/** Whether `inspectFile` needs more of this file than `bytes` holds (a JPEG header beyond the prefix). */
export function needsMoreBytes(entry: FileEntry): boolean {
  return entry.bytes.length < entry.size && readImageHeader(entry.bytes, entry.size).status === 'need-more';
}

/** Largest photo decoded, in pixels (a 480×640 photo is 0.3 MP). */
export const PHOTO_DECODE_MAX_PIXELS = 25_000_000;

/**
 * A graduation photo: as `inspectFile`, and when it is a whole JPEG no larger than `photos.decodeMaxBytes`, decoded
 * to measure its frame (DOMAIN.md §3). The pixels are dropped right after: only the measure is kept.
 */
export function inspectPhoto(entry: FileEntry, profile: Profile): InspectedFile {
  const out = inspectFile(entry);
  out.frame = null;
  const p = profile.photos;
  const whole = entry.bytes.length === entry.size;
  if (out.type !== 'jpeg' || out.damaged || !whole || entry.size > p.decodeMaxBytes) return out;
  if (out.width === null || out.height === null || out.width * out.height > PHOTO_DECODE_MAX_PIXELS) return out;
  const px = decodeJpeg(entry.bytes, PHOTO_DECODE_MAX_PIXELS);
  if (!px) {
    out.damaged = true;
    return out;
  }
  out.frame = measurePhoto(px, p);
  return out;
}
