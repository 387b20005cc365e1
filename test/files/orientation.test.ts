/** EXIF orientation: read from the APP1 Exif segment, and the pixels turned upright for each of the eight values. */
import { jpegOrientation, orient, swapsSides } from '../../src/files/orientation';
import { pickScale, scaledSize } from '../../src/files/jpeg-turbo';

/** A 3×2 image whose pixel (x, y) holds the number 10·y + x in its red channel. */
function grid(w = 3, h = 2) {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(y * w + x) * 4] = 10 * y + x;
  return { width: w, height: h, data };
}
const reds = (px: { width: number; height: number; data: Uint8Array }) =>
  Array.from({ length: px.height }, (_, y) => Array.from({ length: px.width }, (_, x) => px.data[(y * px.width + x) * 4]));

test.each([
  [1, [[0, 1, 2], [10, 11, 12]]],
  [2, [[2, 1, 0], [12, 11, 10]]],
  [3, [[12, 11, 10], [2, 1, 0]]],
  [4, [[10, 11, 12], [0, 1, 2]]],
  [5, [[0, 10], [1, 11], [2, 12]]],
  [6, [[10, 0], [11, 1], [12, 2]]],
  [7, [[12, 2], [11, 1], [10, 0]]],
  [8, [[2, 12], [1, 11], [0, 10]]],
])('orientation %i is turned upright', (o, want) => {
  expect(reds(orient(grid(), o))).toEqual(want);
  expect(swapsSides(o)).toBe(o >= 5);
});

function withExif(orientation: number, bigEndian = false): Uint8Array {
  const u16 = (v: number) => (bigEndian ? [v >> 8, v & 255] : [v & 255, v >> 8]);
  const tiff = [...(bigEndian ? [0x4d, 0x4d] : [0x49, 0x49]), ...u16(42), ...(bigEndian ? [0, 0, 0, 8] : [8, 0, 0, 0]), ...u16(1), ...u16(0x0112), ...u16(3), ...(bigEndian ? [0, 0, 0, 1] : [1, 0, 0, 0]), ...u16(orientation), 0, 0, 0, 0, 0, 0];
  const payload = [...Buffer.from('Exif\0\0', 'binary'), ...tiff];
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload, 0xff, 0xda, 0, 2]);
}

test('the Orientation tag, little- and big-endian; 1 when absent or out of range', () => {
  expect(jpegOrientation(withExif(6))).toBe(6);
  expect(jpegOrientation(withExif(8, true))).toBe(8);
  expect(jpegOrientation(withExif(9))).toBe(1);
  expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(1);
  expect(jpegOrientation(withExif(6).subarray(0, 20))).toBe(1);
});

test('DCT scaling: the smallest num/8 that still covers what is needed', () => {
  expect(scaledSize(3000, 2)).toBe(750);
  expect(pickScale(3000, 4000, 480, 640)).toBe(2);
  expect(pickScale(1500, 2000, 480, 640)).toBe(3);
  expect(pickScale(480, 640, 480, 640)).toBe(8);
  expect(pickScale(300, 400, 480, 640)).toBe(8);
});
