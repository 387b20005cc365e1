/**
 * The photo fixer's codecs in the command line: sharp (libvips with libjpeg-turbo and MozJPEG, native). Issue 11
 * item 5 asks 1,000 phone photos in ≤ 60 s on a 2-core machine, ≤ 120 ms of CPU a photo; the WebAssembly codecs the
 * browser runs need ~165 ms (bench/photos.ts), half of it in MozJPEG's trellis quantisation, which @jsquash/jpeg
 * cannot switch off. Natively, and without trellis, a photo costs ~85 ms: decoding the 3.5 MB source (~55 ms,
 * entropy decoding, the same natively or not) is most of it.
 *
 * Same settings as the browser's copy where they matter: baseline, 4:2:0, optimised Huffman tables, MozJPEG's
 * default quantisation table (3). Without trellis the quality that fits 50,000 bytes is about one step lower and the
 * copy as sharp (PSNR within 0.05 dB on the bench's photos), at a fifth of the encoding time.
 *
 * Node only (sharp is a native addon): loaded by photo-codecs-node.ts, never bundled for the task pane.
 */
import type { Sharp, SharpOptions } from 'sharp';
import type { Pixels } from '../core/evidence/types';
import { JpegDecodeError, scaledSize } from './jpeg-turbo';
import type { PhotoCodecs } from './photo-fix';

type SharpFactory = (input?: Buffer | Uint8Array, options?: SharpOptions) => Sharp;

/** The JPEG settings of every copy (see above). */
const JPEG_OUT = {
  progressive: false,
  chromaSubsampling: '4:2:0',
  optimiseCoding: true,
  quantisationTable: 3,
  trellisQuantisation: false,
  overshootDeringing: false,
  optimiseScans: false,
} as const;

const pixelsOf = (data: Buffer, width: number, height: number): Pixels => ({
  width,
  height,
  data: new Uint8Array(data.buffer, data.byteOffset, data.length),
});

const rawInput = (px: Pixels): SharpOptions => ({ raw: { width: px.width, height: px.height, channels: 4 } });

/**
 * `sharp` is the module itself (`require('sharp')`), handed in so that a machine without its native libraries can
 * fall back to WebAssembly (photo-codecs-node.ts).
 */
export function createSharpCodecs(sharp: SharpFactory & { concurrency(n: number): number; cache(o: boolean): unknown }): PhotoCodecs {
  // One libvips thread per operation: the command line runs one copy per core in its own worker already. No cache:
  // every source is seen once, and memory must not grow with the batch.
  sharp.concurrency(1);
  sharp.cache(false);

  const decodeJpeg = async (bytes: Uint8Array, width: number, height: number, num: number): Promise<Pixels> => {
    const input = () => sharp(bytes, { failOn: 'warning' });
    let meta;
    try {
      meta = await input().metadata();
    } catch (e) {
      throw new JpegDecodeError(e instanceof Error ? e.message : String(e));
    }
    // The browser's libjpeg-turbo cannot turn CMYK into RGB: a CMYK photo is refused in both places alike.
    if (meta.format !== 'jpeg' || meta.space === 'cmyk') throw new JpegDecodeError(`unsupported JPEG (${meta.format}, ${meta.space})`);
    const w = scaledSize(width, num);
    const h = scaledSize(height, num);
    try {
      // A smaller size makes libvips decode at a DCT scale (shrink-on-load) and reduce the rest with lanczos3.
      let img = input();
      if (w !== width || h !== height) img = img.resize(w, h, { fit: 'fill' });
      const { data, info } = await img.toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      if (info.width !== w || info.height !== h || info.channels !== 4) throw new JpegDecodeError(`decoded ${info.width}×${info.height}×${info.channels}`);
      return pixelsOf(data, w, h);
    } catch (e) {
      throw e instanceof JpegDecodeError ? e : new JpegDecodeError(e instanceof Error ? e.message : String(e));
    }
  };

  return {
    kind: 'native',
    decodeJpeg,
    resize: async (src, width, height) => {
      const data = await sharp(src.data, rawInput(src)).resize(width, height, { fit: 'fill', kernel: 'mks2013' }).raw().toBuffer();
      return pixelsOf(data, width, height).data;
    },
    encodeJpeg: async (px, quality) => {
      const out = await sharp(px.data, rawInput(px)).removeAlpha().jpeg({ quality, ...JPEG_OUT }).toBuffer();
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}
