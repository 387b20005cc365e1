/**
 * EXIF orientation of a phone photo. A phone held upright usually stores the picture sideways and says so in the
 * EXIF Orientation tag (0x0112); viewers turn it, and so must the fixer, or the 3:4 crop of a "landscape" 4000×3000
 * frame would cut a portrait on its side. Read here from the APP1 Exif segment's first IFD (the same marker walk as
 * `readImageHeader` in images.ts); the pixels are turned with a plain index permutation.
 */
import type { Pixels } from '../core/evidence/types';

/** 1 (as stored) … 8, per the EXIF/TIFF specification; 1 when absent or unreadable. */
export function jpegOrientation(b: Uint8Array): number {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return 1;
    const m = b[i + 1]!;
    if (m === 0xda || m === 0xd9) return 1; // scan data or end: no EXIF before it
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return 1;
    if (m === 0xe1 && i + 10 <= b.length && String.fromCharCode(...b.subarray(i + 4, i + 10)) === 'Exif\0\0') {
      return exifOrientation(b, i + 10, Math.min(b.length, i + 2 + len));
    }
    i += 2 + len;
  }
  return 1;
}

function exifOrientation(b: Uint8Array, tiff: number, end: number): number {
  if (tiff + 8 > end) return 1;
  const little = b[tiff] === 0x49 && b[tiff + 1] === 0x49;
  const big = b[tiff] === 0x4d && b[tiff + 1] === 0x4d;
  if (!little && !big) return 1;
  const u16 = (at: number) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
  const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > end) return 1;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/** Whether the orientation turns the picture a quarter (width and height swap). */
export function swapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** The pixels as they are meant to be seen (orientation 1). */
export function orient(px: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return px;
  const { width: w, height: h, data } = px;
  const swap = swapsSides(orientation);
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(ow * oh * 4);
  const aligned = data.byteOffset % 4 ? data.slice() : data;
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
  const dst = new Uint32Array(out.buffer);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Where the stored pixel (x, y) is seen.
      let dx: number;
      let dy: number;
      switch (orientation) {
        case 2: dx = w - 1 - x; dy = y; break;
        case 3: dx = w - 1 - x; dy = h - 1 - y; break;
        case 4: dx = x; dy = h - 1 - y; break;
        case 5: dx = y; dy = x; break;
        case 6: dx = h - 1 - y; dy = x; break;
        case 7: dx = h - 1 - y; dy = w - 1 - x; break;
        default: dx = y; dy = w - 1 - x; break; // 8
      }
      dst[dy * ow + dx] = src[y * w + x]!;
    }
  }
  return { width: ow, height: oh, data: out };
}
