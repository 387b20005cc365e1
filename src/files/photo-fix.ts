/**
 * One conforming copy of a graduation photo (DOMAIN.md §3 "Conforming copies"; seed 002: 480×640, ≤ 50KB, 蓝底,
 * jpg; seed 003 §六: 不能横向，不能有白边，图像不能变形), browser-safe: the command line and the task pane run this
 * same function; only the codecs it is handed differ (PhotoCodecs: native through sharp in the command line,
 * WebAssembly in the browser).
 *
 * Source (JPG or PNG, any size) → decoded (JPEG straight to the smallest DCT scale that still gives the target's
 * pixels; fast-png for PNG, transparency laid on white) → turned upright (EXIF orientation) → white border
 * measured and cut away → the centred 3:4 crop → resized to 480×640 → JPEG at the highest quality ≥ 60 that fits
 * 50,000 bytes → decoded again and checked with the same rules as `xueji photos`. Metadata is never copied: the
 * copy is encoded from pixels (JFIF header only).
 *
 * Not fixed, only reported: the background colour and the head position (a person must retake or re-crop the
 * photo), a quality below 60, a file that is not a readable JPG or PNG.
 */
import { decode as decodePng } from 'fast-png';
import { err, type IssueDraft } from '../core/engine/issue';
import type { PhotoLimits } from '../core/evidence/profile';
import type { Pixels, Sides } from '../core/evidence/types';
import { backgroundDraft, photoPixelDrafts } from '../core/evidence/photo-rules';
import { planCrop } from '../core/evidence/photo-fix-plan';
import { measurePhoto, type Box } from '../core/evidence/photo-measure';
import { searchQuality } from '../core/evidence/quality-search';
import type { PhotoFixResult } from '../core/evidence/photo-fix-report';
import { formatBytes, formatLimit } from '../core/evidence/report';
import { readImageHeader, sniffContentType } from './images';
import { JpegDecodeError, pickScale } from './jpeg-turbo';
import { jpegOrientation, orient, swapsSides } from './orientation';

/**
 * The libraries a fix needs, loaded once per batch: WebAssembly in the browser (photo-codecs.ts), native through
 * sharp in the command line (photo-codecs-sharp.ts), WebAssembly there too when sharp cannot load.
 */
export interface PhotoCodecs {
  /** 'native' (sharp: libvips, libjpeg-turbo/MozJPEG) or 'wasm' (libjpeg-turbo, pica, MozJPEG as WebAssembly). */
  readonly kind: 'native' | 'wasm';
  /**
   * RGBA pixels of a JPEG as stored (orientation not applied), `num`/8 of its width × height, each side rounded up
   * (`scaledSize`); at least that many pixels' detail. Throws JpegDecodeError when the data cannot be decoded.
   */
  decodeJpeg(bytes: Uint8Array, width: number, height: number, num: number): Promise<Pixels>;
  /** RGBA → RGBA of the given size. */
  resize(src: Pixels, width: number, height: number): Promise<Uint8Array>;
  /** RGBA → baseline JPEG bytes at a quality 1–100, nothing but the pixels (JFIF header only). */
  encodeJpeg(px: Pixels, quality: number): Promise<Uint8Array>;
}

/**
 * Sources above this many pixels are refused rather than decoded (a 12-MP phone photo is far below). A JPEG is
 * decoded scaled down, a PNG whole (4 bytes a pixel): its limit is lower.
 */
export const MAX_SOURCE_PIXELS = 100_000_000;
export const MAX_PNG_PIXELS = 40_000_000;

export interface PhotoFixDone {
  ok: true;
  /** The copy: a baseline JPEG, exactly width × height, ≤ maxBytes. */
  bytes: Uint8Array;
  quality: number;
  source: { type: 'jpeg' | 'png'; width: number; height: number; orientation: number };
  /** In the source's upright pixels. */
  trim: Sides;
  crop: { x: number; y: number; width: number; height: number };
  upscaled: boolean;
  /** Warnings the copy still has (photo.head-position). */
  warnings: IssueDraft[];
}

export interface PhotoFixFailed {
  ok: false;
  /** Why no conforming copy could be made (errors; a head-position warning may come along). */
  issues: IssueDraft[];
}

export type PhotoFixOutcome = PhotoFixDone | PhotoFixFailed;

const failed = (...issues: IssueDraft[]): PhotoFixFailed => ({ ok: false, issues });

/** RGBA 8-bit from whatever fast-png decoded (grey, grey+alpha, RGB, RGBA, palette; 8 or 16 bits), alpha on white. */
function pngToRgba(bytes: Uint8Array): Pixels {
  const png = decodePng(bytes);
  const { width, height, channels } = png;
  const n = width * height;
  const out = new Uint8Array(n * 4);
  const src = png.data;
  const shift = png.depth === 16 ? 8 : 0;
  const palette = png.palette;
  for (let i = 0; i < n; i++) {
    let r: number;
    let g: number;
    let b: number;
    let a = 255;
    if (palette) {
      const e = palette[src[i]!] ?? [0, 0, 0];
      [r, g, b] = e as [number, number, number];
      if (e.length > 3) a = e[3]!;
    } else if (channels <= 2) {
      r = g = b = src[i * channels]! >> shift;
      if (channels === 2) a = src[i * 2 + 1]! >> shift;
    } else {
      r = src[i * channels]! >> shift;
      g = src[i * channels + 1]! >> shift;
      b = src[i * channels + 2]! >> shift;
      if (channels === 4) a = src[i * 4 + 3]! >> shift;
    }
    // Transparent parts are shown on white (what viewers do): a transparent background is a white one.
    const k = i * 4;
    out[k] = Math.round((r * a + 255 * (255 - a)) / 255);
    out[k + 1] = Math.round((g * a + 255 * (255 - a)) / 255);
    out[k + 2] = Math.round((b * a + 255 * (255 - a)) / 255);
    out[k + 3] = 255;
  }
  return { width, height, data: out };
}

/** The pixels of `box` as their own image. */
function cropPixels(px: Pixels, c: Box): Pixels {
  const w = c.x1 - c.x0;
  const h = c.y1 - c.y0;
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((c.y0 + y) * px.width + c.x0) * 4;
    out.set(px.data.subarray(from, from + w * 4), y * w * 4);
  }
  return { width: w, height: h, data: out };
}

export interface FixOptions {
  /** Where the quality search starts (the previous photo's answer). */
  qualityGuess?: number;
}

/** Decoded pixels and the upright source's size they stand for (DCT scaling rounds each side up on its own). */
interface Decoded {
  px: Pixels;
  source: { width: number; height: number };
}

/**
 * Decodes a JPEG (`width` × `height` as its frame header says) upright at the smallest DCT scale ≥
 * `minScale(uprightWidth, uprightHeight)` of its size.
 */
async function decodeJpegAt(
  bytes: Uint8Array,
  size: { width: number; height: number },
  codecs: PhotoCodecs,
  minScale: (uw: number, uh: number) => number,
): Promise<Decoded> {
  const { width, height } = size;
  const o = jpegOrientation(bytes);
  const [uw, uh] = swapsSides(o) ? [height, width] : [width, height];
  const s = Math.min(1, minScale(uw, uh));
  const num = pickScale(width, height, Math.ceil(width * s), Math.ceil(height * s));
  return { px: orient(await codecs.decodeJpeg(bytes, width, height, num), o), source: { width: uw, height: uh } };
}

/** `decodeJpegAt`, or null when the codecs cannot read the file (JpegDecodeError); anything else is thrown on. */
async function decodeJpegOrNull(...args: Parameters<typeof decodeJpegAt>): Promise<Decoded | null> {
  try {
    return await decodeJpegAt(...args);
  } catch (e) {
    if (e instanceof JpegDecodeError) return null;
    throw e;
  }
}

const PNG_UNREADABLE = 'PNG 文件已损坏或不完整，无法读取，请重新导出照片';
const JPEG_UNREADABLE = 'JPG 文件已损坏、不完整或是不支持的编码（如 CMYK），无法读取，请重新导出照片';

/** Makes the conforming copy of one photo, or says why it cannot be made. */
export async function fixPhoto(bytes: Uint8Array, p: PhotoLimits, codecs: PhotoCodecs, o: FixOptions = {}): Promise<PhotoFixOutcome> {
  const type = sniffContentType(bytes);
  if (type !== 'jpeg' && type !== 'png') {
    return failed(err('photo.format', '不是 JPG 或 PNG 图片，无法修正；请用图片软件另存为 JPG'));
  }
  const head = readImageHeader(bytes);
  if (head.status !== 'ok') return failed(err('photo.format', `${type === 'png' ? 'PNG' : 'JPG'} 文件已损坏或不完整，无法读取，请重新导出照片`));
  const limit = type === 'png' ? MAX_PNG_PIXELS : MAX_SOURCE_PIXELS;
  if (head.width * head.height > limit) {
    return failed(err('photo.dimensions', `照片有 ${head.width}×${head.height} 像素，太大，无法处理；请先缩小到 ${limit / 10_000} 万像素以内`));
  }

  let d: Decoded;
  let orientation = 1;
  // Enough decoded pixels for the centred crop to cover the target.
  const forTarget = (uw: number, uh: number) => p.width / Math.min(uw, (uh * p.width) / p.height);
  if (type === 'jpeg') {
    orientation = jpegOrientation(bytes);
    const first = await decodeJpegOrNull(bytes, head, codecs, forTarget);
    if (!first) return failed(err('photo.format', JPEG_UNREADABLE));
    d = first;
  } else {
    try {
      const px = pngToRgba(bytes);
      d = { px, source: { width: px.width, height: px.height } };
    } catch (e) {
      // fast-png throws plain Errors on damaged data (bad chunk, CRC, inflate).
      if (e instanceof Error) return failed(err('photo.format', PNG_UNREADABLE));
      throw e;
    }
  }

  // The plan is made on the upright source's pixel grid (what the report says), then cut from the decoded pixels.
  const planFor = ({ px, source }: Decoded) => {
    const b = measurePhoto(px, p).border;
    const kx = px.width / source.width;
    const ky = px.height / source.height;
    const inSource = { top: Math.round(b.top / ky), bottom: Math.round(b.bottom / ky), left: Math.round(b.left / kx), right: Math.round(b.right / kx) };
    return planCrop(source.width, source.height, inSource, p);
  };
  let plan = planFor(d);
  const decodedWidth = (c: Box, x: Decoded) => ((c.x1 - c.x0) * x.px.width) / x.source.width;
  if (type === 'jpeg' && d.px.width < d.source.width && decodedWidth(plan.crop, d) < p.width) {
    // A wide border left too few decoded pixels inside it: decode again at the scale the crop needs.
    const cropWidth = plan.crop.x1 - plan.crop.x0;
    const again = await decodeJpegOrNull(bytes, head, codecs, () => p.width / cropWidth);
    if (!again) return failed(err('photo.format', JPEG_UNREADABLE));
    d = again;
    plan = planFor(d);
  }
  const { px } = d;
  const kx = px.width / d.source.width;
  const ky = px.height / d.source.height;
  const decodedCrop: Box = {
    x0: Math.min(px.width - 1, Math.round(plan.crop.x0 * kx)),
    y0: Math.min(px.height - 1, Math.round(plan.crop.y0 * ky)),
    x1: Math.min(px.width, Math.max(1, Math.round(plan.crop.x1 * kx))),
    y1: Math.min(px.height, Math.max(1, Math.round(plan.crop.y1 * ky))),
  };
  const cropped = cropPixels(px, decodedCrop);
  const resized: Pixels = { width: p.width, height: p.height, data: await codecs.resize(cropped, p.width, p.height) };

  // Background colour cannot be fixed: say so before spending time on encoding.
  const before = measurePhoto(resized, p);
  const bg = backgroundDraft(before, p);
  if (bg) return failed(bg, ...photoPixelDrafts(before, p.height, p).filter((x) => x.rule === 'photo.head-position'));

  const search = await searchQuality((q) => codecs.encodeJpeg(resized, q), p.maxBytes, { min: p.minQuality, guess: o.qualityGuess });
  if (search.quality === null) {
    return failed(
      err(
        'photo.size',
        `即使以最低质量 ${p.minQuality} 压缩，照片仍有 ${formatBytes(search.encoded.length)}，超过上限 ${formatLimit(p.maxBytes)}；照片细节过多（如噪点），请换一张或由人工处理`,
      ),
    );
  }

  // The copy is checked as `xueji photos` would check it: decoded again, every pixel rule.
  const out = search.encoded;
  const again = measurePhoto(await codecs.decodeJpeg(out, p.width, p.height, 8), p);
  const drafts = photoPixelDrafts(again, p.height, p);
  if (drafts.some((x) => x.severity === 'error')) return failed(...drafts);

  return {
    ok: true,
    bytes: out,
    quality: search.quality,
    source: { type, width: head.width, height: head.height, orientation },
    trim: plan.trim,
    crop: { x: plan.crop.x0, y: plan.crop.y0, width: plan.crop.x1 - plan.crop.x0, height: plan.crop.y1 - plan.crop.y0 },
    upscaled: plan.upscaled,
    warnings: drafts,
  };
}

/** The outcome as the report keeps it (core `PhotoFixResult`): the copy's numbers, or the reasons. */
export function fixResultOf(o: PhotoFixOutcome): PhotoFixResult {
  if (!o.ok) return { ok: false, issues: o.issues };
  return {
    ok: true,
    warnings: o.warnings,
    record: {
      bytes: o.bytes.length,
      quality: o.quality,
      sourceType: o.source.type,
      sourceWidth: o.source.width,
      sourceHeight: o.source.height,
      orientation: o.source.orientation,
      trim: o.trim,
      crop: o.crop,
      upscaled: o.upscaled,
    },
  };
}
