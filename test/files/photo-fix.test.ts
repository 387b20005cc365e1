/**
 * `fixPhoto` (DOMAIN.md §3 "Conforming copies") on generated sources: every copy it makes re-checks clean with the
 * checker of `xueji photos` (inspectPhoto + photoContentDrafts), is exactly 480×640 and ≤ 50,000 bytes; what it
 * cannot fix (background colour, quality below 60, unreadable files) it says, and makes no copy.
 */
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { fixPhoto, type PhotoCodecs, type PhotoFixDone } from '../../src/files/photo-fix';
import { loadNativePhotoCodecs, loadNodePhotoCodecs, loadWasmPhotoCodecs } from '../../src/files/photo-codecs-node';
import { decodeJpeg, inspectPhoto } from '../../src/files/images';
import { photoContentDrafts } from '../../src/core/evidence';
import { mergeProfile, DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { jpegOrientation } from '../../src/files/orientation';
import { BLUE, GREY, WHITE, jpeg, pixels, png, portrait, prng, type RGB } from '../core/evidence/fixtures';

const P = DEFAULT_PROFILE.photos;
let codecs: PhotoCodecs;

test('the command line gets the native codecs (sharp) on this system, not the WebAssembly fallback', async () => {
  const node = await loadNodePhotoCodecs();
  expect([node.codecs.kind, node.fallback]).toEqual(['native', null]);
});

/** The copy, re-checked exactly as `xueji photos` checks a photo. */
function recheck(bytes: Uint8Array) {
  const f = inspectPhoto({ path: 'x.jpg', size: bytes.length, bytes }, DEFAULT_PROFILE);
  return { f, drafts: photoContentDrafts(f, '.jpg', P) };
}

async function fixed(bytes: Uint8Array, profile = DEFAULT_PROFILE): Promise<PhotoFixDone> {
  const r = await fixPhoto(bytes, profile.photos, codecs);
  if (!r.ok) throw new Error(`not fixed: ${r.issues.map((i) => i.message).join('; ')}`);
  expect(r.bytes.length).toBeLessThanOrEqual(profile.photos.maxBytes);
  const { f, drafts } = recheck(r.bytes);
  expect([f.type, f.width, f.height]).toEqual(['jpeg', profile.photos.width, profile.photos.height]);
  expect(drafts).toEqual([]);
  expect(r.quality).toBeGreaterThanOrEqual(60);
  return r;
}

/** Texture that survives downscaling (hair, fabric): the copy has to be squeezed into 50,000 bytes. */
function textured(w: number, h: number, o: Parameters<typeof portrait>[2] = {}): (x: number, y: number) => RGB {
  const base = portrait(w, h, o);
  const rnd = prng(7);
  const cell = Math.max(2, Math.round(w / 160));
  const noise = Array.from({ length: 4096 }, () => Math.floor(rnd() * 70) - 35);
  return (x, y) => {
    const c = base(x, y);
    if (c === (o.background ?? BLUE)) return c;
    const n = noise[((Math.floor(x / cell) * 31 + Math.floor(y / cell) * 17) & 4095)]!;
    return [clamp(c[0] + n), clamp(c[1] + n), clamp(c[2] + n)];
  };
}
const clamp = (v: number) => Math.max(0, Math.min(255, v));

// The same sources through both codec sets: what the command line runs (native) and what the task pane runs.
describe.each([
  ['native (sharp, the command line)', loadNativePhotoCodecs],
  ['WebAssembly (the task pane)', loadWasmPhotoCodecs],
])('with the %s codecs', (_name, load) => {
  beforeAll(async () => {
    codecs = await load();
  });

  describe('conforming copies (each re-checks clean, 480×640, ≤ 50,000 bytes)', () => {
    test('an oversized phone photo, 1500×2000: scaled, nothing cut, the highest quality that fits', async () => {
      const src = jpeg(1500, 2000, textured(1500, 2000), 92);
      const r = await fixed(src);
      expect(r.crop).toEqual({ x: 0, y: 0, width: 1500, height: 2000 });
      expect(r.trim).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
      expect(r.upscaled).toBe(false);
      // The search found the highest quality: one step up no longer fits.
      if (r.quality < 100) {
        const up = await fixPhoto(src, mergeProfile({ photos: { minQuality: r.quality + 1 } }).photos, codecs);
        expect(up.ok).toBe(false);
      }
    });

    test('a white-bordered scan: the border is cut away (with a small margin), then the centred 3:4 crop', async () => {
      const w = 700;
      const h = 900;
      const inner = portrait(600, 800);
      const src = jpeg(w, h, (x, y) => (x < 40 || x >= 640 || y < 50 || y >= 850 ? WHITE : inner(x - 40, y - 50)), 90);
      const before = recheck(src).f.frame!;
      expect(before.border.top).toBeGreaterThanOrEqual(49);
      const r = await fixed(src);
      expect(r.trim.top).toBeGreaterThanOrEqual(50);
      expect(r.trim.left).toBeGreaterThanOrEqual(40);
      expect(r.trim.right).toBeGreaterThanOrEqual(60);
      expect(r.crop.width / r.crop.height).toBeCloseTo(3 / 4, 2);
    });

    test('a landscape photo: the centred 3:4 crop, never stretched (scaled up when the crop is small)', async () => {
      // 800×600 with the person in the middle: the crop is 450×600, scaled up to 480×640.
      const r = await fixed(jpeg(800, 600, (x, y) => (x >= 175 && x < 625 ? portrait(450, 600)(x - 175, y) : BLUE), 90));
      expect(r.crop).toEqual({ x: 175, y: 0, width: 450, height: 600 });
      expect(r.upscaled).toBe(true);
    });

    test('a PNG whose transparent margin is laid on white and cut away as a border', async () => {
      const img = new PNG({ width: 640, height: 860 });
      const inner = portrait(600, 800);
      img.data = Buffer.from(pixels(640, 860, (x, y) => (x < 20 || x >= 620 || y < 30 || y >= 830 ? [0, 0, 0] : inner(x - 20, y - 30))));
      for (let y = 0; y < 860; y++) for (let x = 0; x < 640; x++) if (x < 20 || x >= 620 || y < 30 || y >= 830) img.data[(y * 640 + x) * 4 + 3] = 0;
      const r = await fixed(new Uint8Array(PNG.sync.write(img)));
      expect(r.source).toMatchObject({ type: 'png', width: 640, height: 860 });
      expect(r.trim.top).toBeGreaterThanOrEqual(30);
      expect(r.trim.left).toBeGreaterThanOrEqual(20);
    });

    test('a plain PNG of the right size', async () => {
      expect((await fixed(png(480, 640, portrait(480, 640)))).source.type).toBe('png');
    });

    test('a phone photo stored sideways with EXIF orientation 6 is turned upright before the crop', async () => {
      // The upright picture is 600×800; stored rotated 90° counter-clockwise as 800×600, Orientation = 6.
      const up = portrait(600, 800);
      const stored = withOrientation(jpeg(800, 600, (x, y) => up(599 - y, x), 92), 6);
      expect(jpegOrientation(stored)).toBe(6);
      const r = await fixed(stored);
      expect(r.source.orientation).toBe(6);
      expect(r.crop).toEqual({ x: 0, y: 0, width: 600, height: 800 });
    });

    test('a greyscale JPEG and a progressive JPEG are read alike, and their copies made', async () => {
      const raw = Buffer.from(pixels(600, 800, portrait(600, 800)));
      const input = { raw: { width: 600, height: 800, channels: 4 as const } };
      const grey = await sharp(raw, input).greyscale().toColourspace('b-w').jpeg({ quality: 90 }).toBuffer();
      expect((await sharp(grey).metadata()).channels).toBe(1);
      // A grey photo has no blue background: read, measured, and refused for its colour — not as an unreadable file.
      const g = await fixPhoto(new Uint8Array(grey), P, codecs);
      expect(g.ok ? [] : g.issues.map((i) => i.rule)).toEqual(['photo.background']);
      const progressive = await sharp(raw, input).jpeg({ quality: 90, progressive: true }).toBuffer();
      expect((await sharp(progressive).metadata()).isProgressive).toBe(true);
      expect((await fixed(new Uint8Array(progressive))).source).toMatchObject({ type: 'jpeg', width: 600, height: 800 });
    });

    test('an embedded colour profile (a Display-P3 phone photo) is ignored, as the checker ignores it', async () => {
      const raw = Buffer.from(pixels(600, 800, portrait(600, 800)));
      // sharp stores BLUE as its Display-P3 values and tags the file with the P3 profile.
      const p3 = new Uint8Array(await sharp(raw, { raw: { width: 600, height: 800, channels: 4 } }).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer());
      const stored = decodeJpeg(p3, 1e7)!.data.subarray(0, 3);
      expect(Math.max(...[0, 1, 2].map((i) => Math.abs(stored[i]! - BLUE[i]!)))).toBeGreaterThan(8);
      const r = await fixed(p3);
      // The copy keeps the values as stored (what `xueji photos` and the platform measure), not converted back to sRGB.
      const copy = decodeJpeg(r.bytes, 1e7)!.data.subarray(0, 3);
      [0, 1, 2].forEach((i) => expect(Math.abs(copy[i]! - stored[i]!)).toBeLessThanOrEqual(4));
    });

    test('a source with EXIF, an ICC profile and XMP: the copy carries a JFIF header and nothing else', async () => {
      const raw = Buffer.from(pixels(600, 800, portrait(600, 800)));
      const src = await sharp(raw, { raw: { width: 600, height: 800, channels: 4 } })
        .withExif({ IFD0: { Copyright: 'fictional', Software: 'camera' } })
        .withIccProfile('srgb')
        .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
        .jpeg({ quality: 90 })
        .toBuffer();
      expect(segments(new Uint8Array(src))).toEqual(expect.arrayContaining(['e1', 'e2']));
      const r = await fixed(new Uint8Array(src));
      const marks = segments(r.bytes);
      expect(marks[0]).toBe('e0:JFIF');
      expect(marks.filter((m) => /^e[1-9a-f]|^fe/.test(m))).toEqual([]);
    });

    test('already conforming: made again the same way (metadata gone, highest quality that fits)', async () => {
      const src = withOrientation(jpeg(480, 640, portrait(480, 640), 70), 1);
      const r = await fixed(src);
      expect(r.upscaled).toBe(false);
      expect(Buffer.from(r.bytes).includes(Buffer.from('Exif'))).toBe(false);
    });
  });

  describe('what a fix cannot mend: listed, no copy', () => {
    test.each([
      ['grey', GREY, '灰色'],
      ['white', WHITE, '白色'],
    ])('a %s background: photo.background naming the colour', async (_, bg, name) => {
      const r = await fixPhoto(jpeg(900, 1200, portrait(900, 1200, { background: bg as RGB }), 90), P, codecs);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.issues[0]!.rule).toBe('photo.background');
      expect(r.issues[0]!.message).toMatch(new RegExp(`^底色为${name}，应为蓝色`));
    });

    test('quality below 60 would be needed: photo.size, not a blurry photo', async () => {
      const tight = mergeProfile({ photos: { maxBytes: 8_000, zipMaxBytes: 40_000_000 } }).photos;
      const r = await fixPhoto(jpeg(960, 1280, textured(960, 1280), 95), tight, codecs);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.issues.map((i) => i.rule)).toEqual(['photo.size']);
      expect(r.issues[0]!.message).toContain('最低质量 60');
    });

    test('not an image, a damaged JPEG, a damaged PNG: photo.format', async () => {
      const good = jpeg(480, 640, portrait(480, 640), 80);
      const cases = [new TextEncoder().encode('not a photo'), good.subarray(0, 600), png(60, 80, () => BLUE).subarray(0, 60)];
      for (const bytes of cases) {
        const r = await fixPhoto(bytes, P, codecs);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.map((i) => i.rule)).toEqual(['photo.format']);
      }
    });

    test('a CMYK JPEG (print shops save them): photo.format with both codec sets alike, not a copy from one only', async () => {
      const rgb = Buffer.alloc(480 * 640 * 3, 200);
      const cmyk = await sharp(rgb, { raw: { width: 480, height: 640, channels: 3 } }).toColourspace('cmyk').jpeg().toBuffer();
      expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
      const r = await fixPhoto(new Uint8Array(cmyk), P, codecs);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.rule)).toEqual(['photo.format']);
    });

    test('a PNG too large to decode whole (over 40 MP, by its header): photo.dimensions, nothing decoded', async () => {
      const head = png(10, 10, () => BLUE);
      const big = new Uint8Array(head);
      new DataView(big.buffer).setUint32(16, 10_000);
      new DataView(big.buffer).setUint32(20, 5_000);
      const r = await fixPhoto(big, P, codecs);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => [i.rule, i.message.includes('10000×5000')])).toEqual([['photo.dimensions', true]]);
    });

    test('a head far too low: the copy is made (a warning is not an error) and says where the head is', async () => {
      const r = await fixPhoto(jpeg(480, 640, portrait(480, 640, { headTop: 0.3 }), 90), P, codecs);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.warnings.map((w) => [w.rule, w.severity])).toEqual([['photo.head-position', 'warning']]);
    });
  });
});

/** The JPEG with an APP1 Exif segment holding only the Orientation tag (little-endian TIFF). */
function withOrientation(bytes: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0];
  const payload = [...Buffer.from('Exif\0\0', 'binary'), ...tiff];
  const seg = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const out = new Uint8Array(bytes.length + seg.length);
  out.set(bytes.subarray(0, 2), 0);
  out.set(seg, 2);
  out.set(bytes.subarray(2), 2 + seg.length);
  return out;
}

/** The marker segments before the scan: 'e0:JFIF' for a JFIF APP0, else the marker's hex ('e1' EXIF/XMP, 'e2' ICC …). */
function segments(b: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 2; i + 4 <= b.length && b[i] === 0xff; ) {
    const m = b[i + 1]!;
    if (m === 0xda) break;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    out.push(m === 0xe0 ? `e0:${Buffer.from(b.subarray(i + 4, i + 8)).toString('latin1')}` : m.toString(16));
    i += 2 + len;
  }
  return out;
}

test('the command line (native) and the pane (WebAssembly) make the same copy within a pixel or two and a step of quality', async () => {
  const native = await loadNativePhotoCodecs();
  const wasm = await loadWasmPhotoCodecs();
  const inner = portrait(600, 800);
  const sources = [
    jpeg(1500, 2000, portrait(1500, 2000), 90),
    jpeg(700, 900, (x, y) => (x < 40 || x >= 640 || y < 50 || y >= 850 ? WHITE : inner(x - 40, y - 50)), 90),
    jpeg(800, 600, (x, y) => (x >= 175 && x < 625 ? portrait(450, 600)(x - 175, y) : BLUE), 90),
  ];
  for (const src of sources) {
    const [a, b] = [await fixPhoto(src, P, native), await fixPhoto(src, P, wasm)];
    if (!a.ok || !b.ok) throw new Error('both must make a copy');
    for (const k of ['top', 'bottom', 'left', 'right'] as const) expect(Math.abs(a.trim[k] - b.trim[k])).toBeLessThanOrEqual(2);
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(a.crop[k] - b.crop[k])).toBeLessThanOrEqual(3);
    expect(Math.abs(a.quality - b.quality)).toBeLessThanOrEqual(2);
    expect([a.bytes.length, b.bytes.length].every((n) => n <= P.maxBytes)).toBe(true);
  }
});
