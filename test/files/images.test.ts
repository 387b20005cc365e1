/** Image inspection (browser-safe): type by content, header dimensions, when more bytes are needed, decoding. */
import {
  HEAD_BYTES,
  decodeJpeg,
  inspectFile,
  inspectPhoto,
  needsMoreBytes,
  readImageHeader,
  sniffContentType,
} from '../../src/files/images';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';
import { BLUE, jpeg, photo, png, scanJpeg, scanPng, textBytes } from '../core/evidence/fixtures';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** The JPEG with `n` APP1 segments of 65,533 bytes inserted after SOI: its frame header moves past HEAD_BYTES. */
function withBigAppSegments(j: Uint8Array, n: number): Uint8Array {
  const seg = new Uint8Array(2 + 0xffff);
  seg[0] = 0xff;
  seg[1] = 0xe1;
  seg[2] = 0xff;
  seg[3] = 0xff;
  const out = new Uint8Array(j.length + n * seg.length);
  out.set(j.subarray(0, 2), 0);
  for (let i = 0; i < n; i++) out.set(seg, 2 + i * seg.length);
  out.set(j.subarray(2), 2 + n * seg.length);
  return out;
}

describe('sniffContentType: the first bytes decide, never the name', () => {
  test.each([
    ['jpeg', scanJpeg()],
    ['png', scanPng()],
    ['gif', ascii('GIF89a\x01\x00\x01\x00')],
    ['pdf', ascii('%PDF-1.7\n')],
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04, 0, 0)],
    ['ole', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    ['webp', ascii('RIFF\x00\x00\x00\x00WEBPVP8 ')],
    ['heic', ascii('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00')],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
    ['text', textBytes()],
    ['empty', new Uint8Array(0)],
    ['unknown', bytes(0x00, 0x01, 0x02, 0x03, 0x00)],
  ])('%s', (type, b) => {
    expect(sniffContentType(b)).toBe(type);
  });
});

describe('readImageHeader', () => {
  test.each([
    [1, 1],
    [200, 200],
    [480, 640],
    [1234, 567],
  ])('JPEG %i×%i', (w, h) => {
    expect(readImageHeader(jpeg(w, h, () => BLUE))).toMatchObject({ status: 'ok', width: w, height: h });
  });

  test('PNG from IHDR', () => {
    expect(readImageHeader(png(321, 123, () => BLUE))).toEqual({ status: 'ok', width: 321, height: 123 });
  });

  test('not an image', () => {
    expect(readImageHeader(textBytes())).toEqual({ status: 'not-image' });
  });

  test('a JPEG cut before its frame header: need-more when the file is longer, damaged when it is not', () => {
    const j = scanJpeg();
    const cut = j.subarray(0, 10);
    expect(readImageHeader(cut, j.length)).toEqual({ status: 'need-more' });
    expect(readImageHeader(cut, cut.length)).toEqual({ status: 'damaged' });
  });

  test('a JPEG whose scan starts before any frame header is damaged', () => {
    expect(readImageHeader(bytes(0xff, 0xd8, 0xff, 0xda, 0x00, 0x02))).toEqual({ status: 'damaged' });
  });

  test('a PNG without IHDR is damaged', () => {
    const p = png(10, 10, () => BLUE).slice();
    p[12] = 0x58;
    expect(readImageHeader(p)).toEqual({ status: 'damaged' });
  });

  test('a frame header beyond HEAD_BYTES: the prefix needs more, the whole file answers', () => {
    const big = withBigAppSegments(jpeg(300, 200, () => BLUE), 5);
    expect(big.length).toBeGreaterThan(HEAD_BYTES);
    const prefix = { path: 'a.jpg', size: big.length, bytes: big.subarray(0, HEAD_BYTES) };
    expect(needsMoreBytes(prefix)).toBe(true);
    expect(inspectFile(prefix)).toMatchObject({ type: 'jpeg', width: null, damaged: false });
    expect(inspectFile({ path: 'a.jpg', size: big.length, bytes: big })).toMatchObject({ width: 300, height: 200, damaged: false });
  });
});

describe('inspectFile / inspectPhoto', () => {
  test('evidence files are not decoded', () => {
    const f = inspectFile({ path: 'x/身份证.png', size: 999, bytes: scanPng() });
    expect(f).toEqual({ path: 'x/身份证.png', size: 999, type: 'png', width: 400, height: 300, damaged: false });
  });

  test('a photo is decoded and its background, border and head position measured', () => {
    const b = photo();
    const f = inspectPhoto({ path: 'p.jpg', size: b.length, bytes: b }, DEFAULT_PROFILE);
    expect(f.frame).toMatchObject({ blueShare: 1, colour: '蓝色', border: { top: 0, bottom: 0, left: 0, right: 0 } });
    expect(f.frame!.headTop).toBeGreaterThanOrEqual(Math.round(640 * 0.13) - 2);
    expect(f.frame!.headTop).toBeLessThanOrEqual(Math.round(640 * 0.13) + 2);
  });

  test('a photo given only in part is not decoded', () => {
    const b = photo();
    const f = inspectPhoto({ path: 'p.jpg', size: b.length + 10, bytes: b }, DEFAULT_PROFILE);
    expect(f.frame).toBeNull();
  });

  test.each([700, 5000, -2])('a JPEG cut at %i bytes (sound header, data missing) is damaged', (at) => {
    const good = photo();
    const broken = good.slice(0, at < 0 ? good.length + at : at);
    const f = inspectPhoto({ path: 'p.jpg', size: broken.length, bytes: broken }, DEFAULT_PROFILE);
    expect(f).toMatchObject({ type: 'jpeg', width: 480, height: 640, damaged: true, frame: null });
  });

  test('decodeJpeg of something else is null', () => {
    expect(decodeJpeg(textBytes(), 1e6)).toBeNull();
    expect(decodeJpeg(photo(), 1e6)).toMatchObject({ width: 480, height: 640 });
  });
});
