/**
 * The photo fixer's codecs in Node (command line, tests, benchmark): native through sharp (photo-codecs-sharp.ts),
 * or — where sharp's prebuilt libraries are missing for this system — the browser's WebAssembly codecs read from
 * node_modules. Either way `fixPhoto` is the same; the command line says when it had to fall back.
 */
import { readFileSync } from 'node:fs';
import { createPhotoCodecs } from './photo-codecs';
import { createSharpCodecs } from './photo-codecs-sharp';
import type { PhotoCodecs } from './photo-fix';

function compile(spec: string): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(require.resolve(spec)));
}

/** The WebAssembly codecs, as the task pane has them. */
export async function loadWasmPhotoCodecs(): Promise<PhotoCodecs> {
  return createPhotoCodecs({
    turbo: compile('@cwasm/jpeg-turbo/jpeg-turbo.wasm'),
    mozjpeg: compile('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'),
  });
}

/** sharp's native codecs; throws (sharp's own message) when its libraries cannot load on this system. */
export async function loadNativePhotoCodecs(): Promise<PhotoCodecs> {
  const sharp = (await import('sharp')).default;
  return createSharpCodecs(sharp);
}

export interface NodePhotoCodecs {
  codecs: PhotoCodecs;
  /** Why the native codecs could not load (sharp's message), when the WebAssembly ones are used instead. */
  fallback: string | null;
}

/** Native when sharp loads, else WebAssembly (slower, same results' rules). */
export async function loadNodePhotoCodecs(): Promise<NodePhotoCodecs> {
  try {
    return { codecs: await loadNativePhotoCodecs(), fallback: null };
  } catch (e) {
    return { codecs: await loadWasmPhotoCodecs(), fallback: e instanceof Error ? e.message : String(e) };
  }
}
