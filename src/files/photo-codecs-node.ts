/** The photo fixer's WebAssembly modules read from node_modules (command line, tests, benchmark). */
import { readFileSync } from 'node:fs';
import { createPhotoCodecs } from './photo-codecs';
import type { PhotoCodecs } from './photo-fix';

function compile(spec: string): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(require.resolve(spec)));
}

export async function loadNodePhotoCodecs(): Promise<PhotoCodecs> {
  return createPhotoCodecs({
    turbo: compile('@cwasm/jpeg-turbo/jpeg-turbo.wasm'),
    mozjpeg: compile('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'),
  });
}
