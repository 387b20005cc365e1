/**
 * The JPEG quality of a conforming copy (DOMAIN.md §3: "the highest quality ≥ 60 that fits 50,000 bytes — search
 * it; below 60 is an error, not a blurry photo"). The encoder is the caller's; the size it gives grows with the
 * quality (the quantisation tables scale with it), so the answer is the q with size(q) ≤ limit < size(q + 1).
 *
 * A batch is many similar photos: the search starts at a guess (the last photo's answer) and gallops away from it,
 * so most photos cost two or three encodings instead of the six a plain bisection of 60…100 needs.
 */
export interface QualityResult<T> {
  /** The highest quality that fits; null when even `min` does not. */
  quality: number | null;
  /** The encoding at that quality (or at `min` when none fits). */
  encoded: T;
  /** How many encodings the search made. */
  tries: number;
}

export async function searchQuality<T extends { length: number }>(
  encode: (quality: number) => Promise<T> | T,
  limit: number,
  o: { min: number; max?: number; guess?: number },
): Promise<QualityResult<T>> {
  const min = o.min;
  const max = o.max ?? 100;
  const cache = new Map<number, T>();
  let tries = 0;
  const at = async (q: number): Promise<T> => {
    let hit = cache.get(q);
    if (!hit) {
      hit = await encode(q);
      tries++;
      cache.set(q, hit);
    }
    return hit;
  };
  const fits = async (q: number) => (await at(q)).length <= limit;

  // Invariant once known: lo fits (or lo = min − 1: nothing known to fit), hi does not fit (or hi = max + 1).
  let lo = min - 1;
  let hi = max + 1;
  let q = Math.min(max, Math.max(min, Math.round(o.guess ?? 90)));
  if (await fits(q)) {
    lo = q;
    for (let step = 1; lo < max; step *= 2) {
      const next = Math.min(max, lo + step);
      if (await fits(next)) lo = next;
      else {
        hi = next;
        break;
      }
    }
  } else {
    hi = q;
    for (let step = 1; hi > min; step *= 2) {
      const next = Math.max(min, hi - step);
      if (await fits(next)) {
        lo = next;
        break;
      }
      hi = next;
    }
  }
  while (hi - lo > 1 && lo >= min) {
    q = (lo + hi) >> 1;
    if (await fits(q)) lo = q;
    else hi = q;
  }
  if (lo < min) return { quality: null, encoded: await at(min), tries };
  return { quality: lo, encoded: await at(lo), tries };
}
