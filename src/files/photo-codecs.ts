/**
 * The WebAssembly libraries behind `fixPhoto`: what the browser runs, and the command line when sharp's native
 * libraries cannot load (photo-codecs-node.ts; issue 11 item 4):
 * - decoding: libjpeg-turbo as WebAssembly (jpeg-turbo.ts; DCT-scaled decoding makes a 12-MP photo ~20× cheaper
 *   than jpeg-js), PNG with fast-png (pure JS; pngjs needs Node's zlib and streams);
 * - resampling: pica's `resizeBuffer` (its WebAssembly kernels, the mks2013 filter; no canvas, no worker);
 * - encoding: MozJPEG as WebAssembly (@jsquash/jpeg), baseline with optimised Huffman tables: the most quality per
 *   byte of the encoders that run in both places (jpeg-js's encoder returns a Node Buffer, which a browser has not).
 * Only how the two .wasm files are found differs: photo-codecs-node.ts reads them from node_modules, the task pane
 * lets webpack serve them (src/taskpane/photo-codecs-browser.ts).
 */
import pica from 'pica';
import encodeMozjpeg, { init as initMozjpeg } from '@jsquash/jpeg/encode.js';
import type { Pixels } from '../core/evidence/types';
import { JpegTurbo } from './jpeg-turbo';
import type { PhotoCodecs } from './photo-fix';

export interface CodecModules {
  /** jpeg-turbo.wasm, compiled. */
  turbo: WebAssembly.Module;
  /** mozjpeg_enc.wasm, compiled; absent in the browser, where the codec fetches its own (bundled) file. */
  mozjpeg?: WebAssembly.Module;
}

/** MozJPEG settings: baseline (what every platform decodes), optimised Huffman tables, 4:2:0 chroma. */
const MOZJPEG_BASE = { progressive: false, baseline: true, optimize_coding: true } as const;

export async function createPhotoCodecs(m: CodecModules): Promise<PhotoCodecs> {
  const turbo = await JpegTurbo.load(m.turbo);
  await (m.mozjpeg ? initMozjpeg(m.mozjpeg) : initMozjpeg());
  const resizer = pica({ features: ['js', 'wasm'] });
  return {
    kind: 'wasm',
    decodeJpeg: async (bytes: Uint8Array, _width: number, _height: number, num: number) => turbo.decode(bytes, num),
    resize: (src: Pixels, width: number, height: number) =>
      resizer.resizeBuffer({ src: src.data, width: src.width, height: src.height, toWidth: width, toHeight: height, filter: 'mks2013' }),
    encodeJpeg: async (px: Pixels, quality: number) => {
      const data = new Uint8ClampedArray(px.data.buffer, px.data.byteOffset, px.data.length);
      const out = await encodeMozjpeg({ data, width: px.width, height: px.height, colorSpace: 'srgb' } as ImageData, { ...MOZJPEG_BASE, quality });
      return new Uint8Array(out);
    },
  };
}
