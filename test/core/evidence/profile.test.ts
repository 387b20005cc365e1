/** The `evidence` and `photos` profile keys: defaults per DOMAIN.md §3 (conservative units), validation. */
import { DEFAULT_PROFILE, defaultProfileJson, mergeProfile } from '../../../src/core/profile/default-profile';
import { ProfileError } from '../../../src/core/profile/schema';

test('defaults: 10 MB, 200×200, summary ≤ 1 MB; photos 480×640, ≤ 50 KB, zip ≤ 40 MB, named by 学号, only 在籍', () => {
  expect(DEFAULT_PROFILE.evidence).toEqual({
    maxBytes: 10_000_000,
    minWidth: 200,
    minHeight: 200,
    summaryScan: { stem: '学信网退学汇总表', maxBytes: 1_000_000, required: true },
  });
  expect(DEFAULT_PROFILE.photos).toMatchObject({
    nameBy: 'studentId',
    width: 480,
    height: 640,
    maxBytes: 50_000,
    zipMaxBytes: 40_000_000,
    enrolledStatuses: ['在籍'],
    frame: 4,
    frameSides: ['top', 'left', 'right'],
    sideDepth: 0.6,
    minBlue: 150,
    minBlueOverRed: 60,
    minBlueShare: 0.9,
    nearWhite: 235,
    minWhiteShare: 0.95,
    headTopMin: 50,
    headTopMax: 110,
    minQuality: 60,
  });
  expect(defaultProfileJson()).toHaveProperty('photos.zipMaxBytes', 40_000_000);
});

test('a school overrides single keys', () => {
  const p = mergeProfile({ photos: { nameBy: 'idCard', zipMaxBytes: 20_000_000 }, evidence: { maxBytes: 5_000_000 } });
  expect(p.photos.nameBy).toBe('idCard');
  expect(p.photos.zipMaxBytes).toBe(20_000_000);
  expect(p.photos.width).toBe(480);
  expect(p.evidence.maxBytes).toBe(5_000_000);
});

test.each([
  [{ photos: { nameBy: '姓名' } }, 'photos.nameBy'],
  [{ photos: { maxBytes: -1 } }, 'photos.maxBytes'],
  [{ photos: { minBlueShare: 1.5 } }, 'photos.minBlueShare'],
  [{ photos: { frameSides: ['middle'] } }, 'photos.frameSides'],
  [{ photos: { zipMaxBytes: 50_500 } }, 'photos.zipMaxBytes'],
  [{ photos: { headTopMin: 120 } }, 'photos.headTopMin'],
  [{ photos: { sideDepth: 0 } }, 'photos.sideDepth'],
  [{ photos: { minQuality: 0 } }, 'photos.minQuality'],
  [{ evidence: { minWidth: 0 } }, 'evidence.minWidth'],
  [{ evidence: { extra: 1 } }, 'evidence'],
])('rejects %j, naming %s', (over, path) => {
  expect(() => mergeProfile(over)).toThrow(ProfileError);
  expect(() => mergeProfile(over)).toThrow(path);
});
