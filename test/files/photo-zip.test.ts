/** The upload zips: no folders, every photo once, in order, each part ≤ the limit — read back with jszip. */
import JSZip from 'jszip';
import {
  PhotoZipError,
  buildZip,
  buildZipParts,
  listZip,
  memberOverhead,
  planZipParts,
  zipPartNames,
  type ZipMember,
} from '../../src/files/photo-zip';
import { photo } from '../core/evidence/fixtures';
import { makeSid } from '../helpers/rules';

/** n distinct generated photos (sizes differ by the quality), named by 学号. */
function members(n: number): { member: ZipMember; bytes: Uint8Array }[] {
  return Array.from({ length: n }, (_, i) => {
    const bytes = photo({ quality: 60 + (i % 5) * 5 });
    const name = `${makeSid(i + 1)}.jpg`;
    return { bytes, member: { name, size: bytes.length, read: async () => bytes } };
  });
}

test('zipPartNames: OUT.zip, OUT-2.zip, OUT-3.zip …', () => {
  expect(zipPartNames('毕业照片.zip', 1)).toEqual(['毕业照片.zip']);
  expect(zipPartNames('out/批次.ZIP', 3)).toEqual(['out/批次.ZIP', 'out/批次-2.ZIP', 'out/批次-3.ZIP']);
});

test('planZipParts keeps the order and fills each part up to the limit', () => {
  const m = (name: string, size: number) => ({ name, size });
  const o = memberOverhead('a.jpg');
  const limit = 22 + 2 * (o + 100);
  const parts = planZipParts([m('a.jpg', 100), m('b.jpg', 100), m('c.jpg', 100), m('d.jpg', 100), m('e.jpg', 100)], limit);
  expect(parts.map((p) => p.map((x) => x.name))).toEqual([['a.jpg', 'b.jpg'], ['c.jpg', 'd.jpg'], ['e.jpg']]);
  expect(() => planZipParts([m('big.jpg', limit)], limit)).toThrow(PhotoZipError);
  expect(planZipParts([], limit)).toEqual([]);
});

test('one zip: stored at the root, readable, byte for byte', async () => {
  const ms = members(3);
  const zip = await JSZip.loadAsync(await buildZip(ms.map((x) => x.member)));
  const names = Object.keys(zip.files);
  expect(names).toEqual(ms.map((x) => x.member.name));
  for (const x of ms) {
    const f = zip.file(x.member.name)!;
    expect(f.dir).toBe(false);
    expect(Buffer.from(await f.async('uint8array')).equals(Buffer.from(x.bytes))).toBe(true);
  }
});

test('a batch over the limit is split: every part ≤ the limit, no folders, every photo exactly once, in order', async () => {
  const ms = members(12);
  const total = ms.reduce((n, x) => n + x.bytes.length, 0);
  const limit = Math.ceil(total / 4);
  const parts = await buildZipParts(ms.map((x) => x.member), limit);
  expect(parts.length).toBeGreaterThanOrEqual(4);
  const seen: string[] = [];
  for (const part of parts) {
    expect(part.bytes.length).toBeLessThanOrEqual(limit);
    const entries = await listZip(part.bytes);
    expect(entries.every((e) => !e.dir && !e.name.includes('/'))).toBe(true);
    expect(entries.map((e) => e.name)).toEqual(part.names);
    seen.push(...entries.map((e) => e.name));
  }
  expect(seen).toEqual(ms.map((x) => x.member.name));
});

test('a limit that fits all: one zip', async () => {
  const ms = members(4);
  const parts = await buildZipParts(ms.map((x) => x.member), 40_000_000);
  expect(parts).toHaveLength(1);
  expect(parts[0]!.names).toHaveLength(4);
});

test('refuses names with folders, twice the same name, and a photo changed since it was checked', async () => {
  const [a] = members(1);
  await expect(buildZip([{ ...a!.member, name: '照片/1.jpg' }])).rejects.toThrow(PhotoZipError);
  await expect(buildZip([a!.member, a!.member])).rejects.toThrow(PhotoZipError);
  await expect(buildZip([{ ...a!.member, size: a!.member.size + 1 }])).rejects.toThrow('改动');
});
