/**
 * The pure parts of `photos --fix` (DOMAIN.md §3 "Conforming copies"): the quality search finds the highest quality
 * that fits whatever it starts from, and says so when even the lowest does not; the crop is the centred 3:4
 * rectangle inside the border, never stretched.
 */
import fc from 'fast-check';
import { planCrop, searchQuality } from '../../../src/core/evidence';
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';

const P = DEFAULT_PROFILE.photos;
const NONE = { top: 0, bottom: 0, left: 0, right: 0 };

describe('searchQuality: the highest quality ≥ min whose size fits', () => {
  /** A size that grows with the quality: fits up to `best`. */
  const sizes = (best: number) => (q: number) => ({ length: q <= best ? 1000 + q : 60_000 + q });

  test('from any guess, the answer is the boundary, checked from both sides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 60, max: 100 }), fc.integer({ min: 1, max: 120 }), async (best, guess) => {
        const r = await searchQuality(sizes(best), 50_000, { min: 60, guess });
        expect(r.quality).toBe(best);
        expect(r.tries).toBeLessThanOrEqual(14);
      }),
    );
  });

  test('a good guess costs two encodings (q fits, q + 1 does not); at 100 one', async () => {
    expect((await searchQuality(sizes(87), 50_000, { min: 60, guess: 87 })).tries).toBe(2);
    expect((await searchQuality(sizes(100), 50_000, { min: 60, guess: 100 })).tries).toBe(1);
  });

  test('below the minimum: no quality, the encoding at the minimum (to say its size)', async () => {
    const r = await searchQuality(sizes(59), 50_000, { min: 60, guess: 90 });
    expect(r.quality).toBeNull();
    expect(r.encoded.length).toBe(60_060);
  });
});

describe('planCrop: inside the border, centred, 3:4, never stretched', () => {
  test('a 3000×4000 photo is taken whole', () => {
    expect(planCrop(3000, 4000, NONE, P)).toEqual({ trim: NONE, crop: { x0: 0, y0: 0, x1: 3000, y1: 4000 }, upscaled: false });
  });

  test('landscape 800×600: the middle 450×600, scaled up', () => {
    expect(planCrop(800, 600, NONE, P)).toMatchObject({ crop: { x0: 175, y0: 0, x1: 625, y1: 600 }, upscaled: true });
  });

  test('a border is cut with a 1 % margin on its sides only', () => {
    const p = planCrop(1000, 2000, { top: 30, bottom: 0, left: 10, right: 0 }, P);
    expect(p.trim).toEqual({ top: 50, bottom: 0, left: 20, right: 0 });
    // Inside: 980 × 1950 → the 3:4 rectangle 980 × 1307, centred vertically.
    expect(p.crop).toEqual({ x0: 20, y0: 50 + Math.floor((1950 - 1307) / 2), x1: 1000, y1: 50 + Math.floor((1950 - 1307) / 2) + 1307 });
  });

  test('property: the crop lies inside the trimmed box and has the target’s shape within a pixel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 6000 }), fc.integer({ min: 50, max: 6000 }), fc.nat(20), fc.nat(20), (w, h, t, l) => {
        const p = planCrop(w, h, { top: t, bottom: t, left: l, right: l }, P);
        const cw = p.crop.x1 - p.crop.x0;
        const ch = p.crop.y1 - p.crop.y0;
        expect(p.crop.x0).toBeGreaterThanOrEqual(p.trim.left);
        expect(p.crop.y0).toBeGreaterThanOrEqual(p.trim.top);
        expect(p.crop.x1).toBeLessThanOrEqual(w - p.trim.right);
        expect(p.crop.y1).toBeLessThanOrEqual(h - p.trim.bottom);
        expect(Math.abs(cw * P.height - ch * P.width)).toBeLessThanOrEqual(Math.max(P.width, P.height));
      }),
    );
  });
});
