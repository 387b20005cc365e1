/**
 * The image work of 修正照片, loaded with a dynamic import only when the user fixes photos: fixPhoto and its
 * libraries (libjpeg-turbo and MozJPEG as WebAssembly, pica, fast-png) are not part of the pane until then. The
 * matching, the report and the zips stay with the pane (they are the same core and file code the checks use).
 */
import { fixPhoto, fixResultOf, type PhotoCodecs } from '../files/photo-fix';
import type { PhotoLimits } from '../core/evidence/profile';
import type { PhotoFixResult } from '../core/evidence/photo-fix-report';

export interface FixSource {
  /** The copy's name (学号.jpg). */
  output: string;
  read: () => Promise<Uint8Array>;
}

export interface FixedBatch {
  results: PhotoFixResult[];
  /** The copies made, in the order of the sources. */
  copies: { name: string; bytes: Uint8Array }[];
}

async function browserCodecs(): Promise<PhotoCodecs> {
  const m = await import('./photo-codecs-browser');
  return m.loadBrowserPhotoCodecs();
}

/**
 * Every source in turn, on this thread, the page painting between two photos; `stop()` true ends the run early
 * (the section went away) with null.
 */
export async function fixPhotos(
  sources: readonly FixSource[],
  limits: PhotoLimits,
  o: { onProgress: (done: number) => void; stop: () => boolean; loadCodecs?: () => Promise<PhotoCodecs> },
): Promise<FixedBatch | null> {
  const codecs = sources.length ? await (o.loadCodecs ?? browserCodecs)() : null;
  const results: PhotoFixResult[] = [];
  const copies: FixedBatch['copies'] = [];
  let guess: number | undefined;
  for (const [k, s] of sources.entries()) {
    const outcome = await fixPhoto(await s.read(), limits, codecs!, { qualityGuess: guess });
    if (outcome.ok) {
      guess = outcome.quality;
      copies.push({ name: s.output, bytes: outcome.bytes });
    }
    results.push(fixResultOf(outcome));
    o.onProgress(k + 1);
    await new Promise<void>((r) => setTimeout(r, 0));
    if (o.stop()) return null;
  }
  return { results, copies };
}
