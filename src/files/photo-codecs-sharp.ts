/**
 * The photo fixer's codecs in the command line: sharp (libvips with libjpeg-turbo and MozJPEG, native). Issue 11
 * item 5 asks 1,000 phone photos in ≤ 60 s on a 2-core machine, ≤ 120 ms of CPU a photo; the WebAssembly codecs the
 * browser runs need ~165 ms (bench/photos.ts), half of it in MozJPEG's trellis quantisation, which @jsquash/jpeg
 * cannot switch off. Natively, and without trellis, a photo costs ~85 ms: decoding the 3.5 MB source (~55 ms,
 * entropy decoding, the same natively or not) is most of it.
 *
 * Same settings as the browser's copy where they matter: baseline, 4:2:0, optimised Huffman tables, MozJPEG's
 * default quantisation table (3), a JFIF header. Without trellis the quality that fits 50,000 bytes is one or two
 * steps lower and the copy a little less faithful (bench/photos.ts prints both, with their PSNR), at a fifth of the
 * encoding time.
 *
 * Read as the browser reads them: embedded colour profiles are ignored (libjpeg-turbo in the pane and the checker's
 * jpeg-js do not apply them; a Display-P3 phone photo must get the same verdict on its background in both places),
 * CMYK is refused, EXIF orientation is applied by fixPhoto itself (sharp does not auto-rotate unless asked).
 *
 * Node only (sharp is a native addon): loaded by photo-codecs-node.ts, never bundled for the task pane.
 */
import type { Sharp, SharpOptions } from 'sharp';
import type { Pixels } from '../core/evidence/types';
import { JpegDecodeError, scaledSize } from './jpeg-turbo';
import type { PhotoCodecs } from './photo-fix';

type SharpFactory = (input?: Buffer | Uint8Array, options?: SharpOptions) => Sharp;

/**
 * The JFIF APP0 segment MozJPEG writes in the browser (version 1.01, no units, 1:1, no thumbnail). libvips writes
 * none when there is no metadata to keep; JFIF is what the interchange format names, so the copy carries it too.
 */
const JFIF_APP0 = Uint8Array.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);

function withJfif(jpeg: Buffer): Uint8Array {
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length);
  const out = new Uint8Array(jpeg.length + JFIF_APP0.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(JFIF_APP0, 2);
  out.set(jpeg.subarray(2), 2 + JFIF_APP0.length);
  return out;
}

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

  /** sharp's failure to read the file (damaged, not a JPEG, a libjpeg error) as the fixer's "cannot read" error. */
  const unreadable = (e: unknown): JpegDecodeError => new JpegDecodeError(e instanceof Error ? e.message : String(e));

  const decodeJpeg = async (bytes: Uint8Array, width: number, height: number, num: number): Promise<Pixels> => {
    const input = () => sharp(bytes, { failOn: 'warning', ignoreIcc: true });
    const meta = await input()
      .metadata()
      .catch((e: unknown) => {
        throw unreadable(e);
      });
    // The browser's libjpeg-turbo cannot turn CMYK into RGB: a CMYK photo is refused in both places alike.
    if (meta.format !== 'jpeg' || meta.space === 'cmyk') throw new JpegDecodeError(`unsupported JPEG (${meta.format}, ${meta.space})`);
    // The size fixPhoto read from the frame header is the one sharp decodes, or the file is not what it says.
    if (meta.width !== width || meta.height !== height) throw new JpegDecodeError(`frame ${width}×${height}, decoded ${meta.width}×${meta.height}`);
    const w = scaledSize(width, num);
    const h = scaledSize(height, num);
    // A smaller size makes libvips decode at a DCT scale (shrink-on-load) and reduce the rest with lanczos3.
    let img = input();
    if (w !== width || h !== height) img = img.resize(w, h, { fit: 'fill' });
    const { data, info } = await img
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((e: unknown) => {
        throw unreadable(e);
      });
    // Not the file's fault if this fails: our request and sharp's answer disagree.
    if (info.width !== w || info.height !== h || info.channels !== 4) throw new Error(`sharp decoded ${info.width}×${info.height}×${info.channels}, asked ${w}×${h}×4`);
    return pixelsOf(data, w, h);
  };

  return {
    kind: 'native',
    decodeJpeg,
    resize: async (src, width, height) => {
      const data = await sharp(src.data, rawInput(src)).resize(width, height, { fit: 'fill', kernel: 'mks2013' }).raw().toBuffer();
      return pixelsOf(data, width, height).data;
    },
    encodeJpeg: async (px, quality) => {
      return withJfif(await sharp(px.data, rawInput(px)).removeAlpha().jpeg({ quality, ...JPEG_OUT }).toBuffer());
    },
  };
}
