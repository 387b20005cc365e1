/**
 * Generated images for the evidence and photo tests: JPEGs encoded with jpeg-js, PNGs with pngjs, never a real
 * scan or photo. A "photo" is a blue (or grey) background with a face-coloured shape in the middle that touches no
 * edge; options add a white border, make it landscape, noisy (large) or tiny.
 */
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import type { InspectedFile } from '../../../src/core/evidence/types';
import { inspectFile, inspectPhoto } from '../../../src/files/images';
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';
import type { Profile } from '../../../src/core/profile/schema';

export type RGB = readonly [number, number, number];

export const BLUE: RGB = [30, 90, 200];
export const GREY: RGB = [128, 128, 128];
export const WHITE: RGB = [255, 255, 255];

/** RGBA pixels filled by `colour(x, y)`. */
export function pixels(w: number, h: number, colour: (x: number, y: number) => RGB): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [r, g, b] = colour(x, y);
      const i = (y * w + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return data;
}

export function jpeg(w: number, h: number, colour: (x: number, y: number) => RGB, quality = 75): Uint8Array {
  return new Uint8Array(encodeJpeg({ width: w, height: h, data: pixels(w, h, colour) }, quality).data);
}

export function png(w: number, h: number, colour: (x: number, y: number) => RGB): Uint8Array {
  const img = new PNG({ width: w, height: h });
  img.data = Buffer.from(pixels(w, h, colour));
  return new Uint8Array(PNG.sync.write(img));
}

/** Encoding in pure JS is slow: each distinct image is generated once per test file. */
const cache = new Map<string, Uint8Array>();
function memo(key: string, make: () => Uint8Array): Uint8Array {
  let hit = cache.get(key);
  if (!hit) {
    hit = make();
    cache.set(key, hit);
  }
  return hit;
}

const paper = (w: number) => (x: number, y: number): RGB => (y % 40 < 2 && x > 20 && x < w - 20 ? [40, 40, 40] : [245, 245, 240]);

/** A plain scan-like image: light paper with a few dark lines. */
export function scanJpeg(w = 400, h = 300): Uint8Array {
  return memo(`scan-jpeg-${w}x${h}`, () => jpeg(w, h, paper(w)));
}

export function scanPng(w = 400, h = 300): Uint8Array {
  return memo(`scan-png-${w}x${h}`, () => png(w, h, paper(w)));
}

export interface PhotoOptions {
  width?: number;
  height?: number;
  background?: RGB;
  /** White border this many pixels wide on every side. */
  border?: number;
  /** Fill the subject with noise (the file gets large). */
  noisy?: boolean;
  quality?: number;
  /** Top of the head, as a share of the height (default 0.13: 83 px of 640, inside the 50–110 px window). */
  headTop?: number;
  /** No person at all: background only. */
  empty?: boolean;
}

/** A deterministic pseudo-random generator (tests must not depend on Math.random). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A head-and-shoulders picture: a head (ellipse) whose top is at `headTop` of the height, shoulders widening down to
 * the bottom edge and reaching the sides below about 64 % of the height — as in a real ID photo, where the bottom edge is
 * all shoulders and only the top and the upper sides show the background.
 */
export function portrait(w: number, h: number, o: Pick<PhotoOptions, 'background' | 'noisy' | 'headTop' | 'empty'> = {}, seed = 1): (x: number, y: number) => RGB {
  const bg = o.background ?? BLUE;
  const rnd = prng(seed + w * 31 + h);
  const cx = w / 2;
  const ry = h * 0.17;
  const cy = h * (o.headTop ?? 0.13) + ry;
  const neck = cy + ry * 0.8;
  return (x, y) => {
    if (o.empty) return bg;
    const head = ((x - cx) / (w * 0.17)) ** 2 + ((y - cy) / ry) ** 2 <= 1;
    const body = y > neck && Math.abs(x - cx) < w * (0.3 + (y - neck) / h);
    if (head || body) {
      if (o.noisy) return [Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256)];
      return head ? [225, 190, 165] : [40, 40, 60];
    }
    return bg;
  };
}

/** A graduation-photo-like JPEG: by default 480×640, blue background, a person in the middle. */
export function photo(o: PhotoOptions = {}): Uint8Array {
  return memo(`photo-${JSON.stringify(o)}`, () => makePhoto(o));
}

function makePhoto(o: PhotoOptions): Uint8Array {
  const w = o.width ?? 480;
  const h = o.height ?? 640;
  const border = o.border ?? 0;
  const inner = portrait(w - 2 * border, h - 2 * border, o, 0);
  return jpeg(
    w,
    h,
    (x, y) => (x < border || y < border || x >= w - border || y >= h - border ? WHITE : inner(x - border, y - border)),
    o.quality ?? 80,
  );
}

/** Text bytes (a .txt saved as .jpg). */
export function textBytes(s = '这不是图片，是一个文本文件。\nnot an image\n'): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}

/** The bytes followed by `extra` zero bytes (still a JPEG by content, just larger). */
export function padded(bytes: Uint8Array, extra: number): Uint8Array {
  const out = new Uint8Array(bytes.length + extra);
  out.set(bytes, 0);
  return out;
}

/** Inspected like the command line does, for core tests. */
export function inspected(path: string, bytes: Uint8Array): InspectedFile {
  return inspectFile({ path, size: bytes.length, bytes });
}

export function inspectedPhoto(path: string, bytes: Uint8Array, profile: Profile = DEFAULT_PROFILE): InspectedFile {
  return inspectPhoto({ path, size: bytes.length, bytes }, profile);
}

/** An inspected file with only a size and a type (the rules never need more than the inspector's answer). */
export function fakeFile(path: string, o: Partial<InspectedFile> = {}): InspectedFile {
  return { path, size: 100_000, type: 'jpeg', width: 1200, height: 1600, damaged: false, ...o };
}
