/**
 * The photo fixer's libraries in the browser: the same createPhotoCodecs as the command line; libjpeg-turbo's .wasm
 * is a file webpack copies next to the bundle (fetched from the add-in's own server, like every other file), and
 * MozJPEG's glue finds its own bundled .wasm. Loaded only when the user fixes photos (PhotoFix.tsx, lazy).
 */
import turboWasmUrl from '@cwasm/jpeg-turbo/jpeg-turbo.wasm';
import { createPhotoCodecs } from '../files/photo-codecs';
import type { PhotoCodecs } from '../files/photo-fix';

export async function loadBrowserPhotoCodecs(): Promise<PhotoCodecs> {
  const res = await fetch(turboWasmUrl);
  if (!res.ok) throw new Error(`无法加载照片处理组件（${res.status}）`);
  const turbo = await WebAssembly.compile(await res.arrayBuffer());
  return createPhotoCodecs({ turbo });
}
