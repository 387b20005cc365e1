/**
 * Graduation photos (seed 002, 003 §六, 004; DOMAIN.md §3): the frame measures at their thresholds, then every
 * `photo.*` rule on generated JPEGs/PNGs against a generated roster, and the 学籍状态 filter.
 */
import { checkPhotos, colourName, headPositionDraft, headWindow, measurePhoto, photoRoster, type InspectedFile, type PhotoCheck } from '../../../src/core/evidence';
import { DEFAULT_PROFILE, mergeProfile } from '../../../src/core/profile/default-profile';
import type { Profile } from '../../../src/core/profile/schema';
import type { FileIssue } from '../../../src/core/types';
import { idEndingInX, makeName, makeSid, sheetOf, type V } from '../../helpers/rules';
import { BLUE, GREY, WHITE, fakeFile, inspectedPhoto, photo, pixels, portrait, scanPng, textBytes, type RGB } from './fixtures';

const P = DEFAULT_PROFILE.photos;

describe('measurePhoto: DOMAIN.md §3 thresholds', () => {
  const measure = (w: number, h: number, colour: (x: number, y: number) => RGB, p = P) => measurePhoto({ width: w, height: h, data: pixels(w, h, colour) }, p);

  test.each([
    [[90, 150, 150] as RGB, 1], // B = 150, B − R = 60, B = G: blue, just
    [[91, 150, 150] as RGB, 0], // B − R = 59
    [[89, 149, 149] as RGB, 0], // B = 149
    [[50, 160, 150] as RGB, 0], // B < G
  ])('a background of %j is %i blue', (c, share) => {
    expect(measure(40, 50, () => c).blueShare).toBe(share);
  });

  test('the 学信网 reference light blue RGB(100,197,255) is blue', () => {
    expect(measure(40, 50, () => [100, 197, 255]).blueShare).toBe(1);
  });

  test('the frame is the top edge and the sides down to 60 % of the height: shoulders below it do not count', () => {
    // 100×100: frame = top 100×4 + sides 2×4×(60−4) = 848 pixels; everything below row 60 is "shoulders".
    const shoulders = (x: number, y: number): RGB => (y >= 60 ? GREY : x >= 4 && x < 96 && y >= 4 ? GREY : BLUE);
    expect(measure(100, 100, shoulders).blueShare).toBe(1);
    // Grey on the sides just above 60 % does count: rows 56–59 of both 4-pixel side bands = 32 of 848 pixels.
    const higher = (x: number, y: number): RGB => (y >= 56 ? GREY : x >= 4 && x < 96 && y >= 4 ? GREY : BLUE);
    expect(measure(100, 100, higher).blueShare).toBeCloseTo(1 - 32 / 848);
    // The old four-edge frame (a profile may still ask for it) sees the shoulders on the bottom edge.
    const fourSides = mergeProfile({ photos: { frameSides: ['top', 'bottom', 'left', 'right'], sideDepth: 1 } }).photos;
    expect(measure(100, 100, shoulders, fourSides).blueShare).toBeLessThan(0.9);
  });

  test('90% blue passes the profile threshold, just below does not', () => {
    // 100×100 frame = 848 pixels. Grey out the first k pixels of the top band.
    const withGrey = (k: number) => measure(100, 100, (x, y) => (y < 4 && y * 100 + x < k ? GREY : x >= 4 && x < 96 && y >= 4 ? GREY : BLUE));
    const allowed = Math.floor(848 * 0.1); // 84 grey pixels keep 90.09% blue
    expect(withGrey(allowed).blueShare).toBeGreaterThanOrEqual(P.minBlueShare);
    expect(withGrey(allowed + 1).blueShare).toBeLessThan(P.minBlueShare);
  });

  test('a white background is white, never a border', () => {
    // A person on white: the white above the head and beside it is background, not a strip around a picture.
    const m = measure(120, 160, portrait(120, 160, { background: WHITE }));
    expect(m.colour).toBe('白色');
    expect(m.whiteShare).toBe(1);
    expect(m.border).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
    expect(m.headTop).toBe(Math.round(160 * 0.13));
  });

  test('a white strip around a non-white background is a border: its width on each side, the background inside', () => {
    const framed = (bg: RGB) => (x: number, y: number): RGB => (y < 3 || y >= 77 || x < 2 || x >= 55 ? WHITE : bg);
    const m = measure(60, 80, framed(BLUE));
    expect(m.border).toEqual({ top: 3, bottom: 3, left: 2, right: 5 });
    expect(m.blueShare).toBe(1);
    const g = measure(60, 80, framed(GREY));
    expect(g.border).toEqual({ top: 3, bottom: 3, left: 2, right: 5 });
    expect(g.colour).toBe('灰色');
    // 235 on every channel is near-white, 234 is not.
    expect(measure(40, 50, (_, y) => (y === 0 ? [235, 235, 235] : BLUE)).border.top).toBe(1);
    expect(measure(40, 50, (_, y) => (y === 0 ? [235, 234, 235] : BLUE)).border.top).toBe(0);
  });

  test.each([
    [[128, 128, 128] as RGB, '灰色'],
    [[220, 220, 220] as RGB, '浅灰色'],
    [[250, 250, 250] as RGB, '白色'],
    [[20, 20, 20] as RGB, '黑色'],
    [[200, 40, 40] as RGB, '红色'],
    [[40, 180, 60] as RGB, '绿色'],
    [[200, 220, 250] as RGB, '浅蓝色'],
    [[30, 60, 120] as RGB, '深蓝色'],
    [[30, 90, 200] as RGB, '蓝色'],
  ])('the colour of %j is named %s', (c, name) => {
    expect(colourName(c[0], c[1], c[2], P)).toBe(name);
  });

  describe('head position: the first row whose middle third departs from the background', () => {
    // A 480×640 photo whose head (a block in the middle third) starts at row `top`.
    const headAt = (top: number) => measure(480, 640, (x, y) => (y >= top && x > 200 && x < 280 ? [225, 190, 165] : BLUE));
    test.each([0, 49, 50, 83, 110, 111])('top of the head at row %i', (top) => {
      expect(headAt(top).headTop).toBe(top);
    });
    test('a few stray pixels are not a head; no head at all is null', () => {
      expect(measure(480, 640, (x, y) => (y === 10 && x === 240 ? [0, 0, 0] : y >= 90 && x > 200 && x < 280 ? [0, 0, 0] : BLUE)).headTop).toBe(90);
      expect(measure(480, 640, () => BLUE).headTop).toBeNull();
    });
    test('the rule: 50–110 pixels below the top edge of a 640-high photo (scaled for other heights)', () => {
      const at = (top: number | null, h = 640) => headPositionDraft({ ...headAt(83), headTop: top }, h, P)?.rule ?? null;
      expect([at(49), at(50), at(110), at(111), at(null)]).toEqual(['photo.head-position', null, null, 'photo.head-position', 'photo.head-position']);
      expect(headWindow(1280, P)).toEqual({ min: 100, max: 220 });
      expect(at(99, 1280)).toBe('photo.head-position');
    });
  });
});

// ---------------------------------------------------------------- rules on a roster

const HEADER = ['序号', '学号', '姓名', '身份证号', '学籍状态'];
interface Student {
  sid: string;
  name: string;
  id: string;
  status: string | null;
}
const students: Student[] = Array.from({ length: 6 }, (_, i) => ({
  sid: makeSid(i + 1),
  name: makeName(i),
  id: idEndingInX(`1990010${i + 1}`),
  status: '在籍',
}));

function roster(list: Student[] = students, header = HEADER) {
  const rows: V[][] = [['2023年7月毕业生照片名单'], header];
  list.forEach((s, i) => rows.push([i + 1, s.sid, s.name, s.id, s.status]));
  return [sheetOf('照片名单', rows)];
}

function run(files: InspectedFile[], o: { profile?: Profile; list?: Student[] } = {}): PhotoCheck {
  const profile = o.profile ?? DEFAULT_PROFILE;
  const pr = photoRoster(roster(o.list), profile);
  if (!pr) throw new Error('no roster');
  return checkPhotos({ file: '名单.xlsx', folder: '照片' }, pr, { files, directories: [] }, profile);
}
const issues = (c: PhotoCheck): FileIssue[] => c.report.files.flatMap((f) => f.issues);
const only = (c: PhotoCheck, rule: string) => issues(c).filter((i) => i.rule === rule);

/** Every student's photo, right. */
function goodPhotos(list: Student[] = students, by: 'sid' | 'id' = 'sid'): InspectedFile[] {
  return list.map((s) => inspectedPhoto(`${s[by]}.jpg`, photo()));
}

test('the roster: header found below the title, the 学号 column as key, 学籍状态 read', () => {
  const pr = photoRoster(roster(), DEFAULT_PROFILE)!;
  expect(pr.sheet).toEqual({ sheet: '照片名单', template: 'graduation-photos', headerRow: 2, records: 6 });
  expect(pr.rows[0]).toMatchObject({ key: students[0]!.sid, status: '在籍', ref: { cell: 'B3', row: 3, field: 'studentId' } });
  expect(photoRoster([sheetOf('x', [['姓名', '性别'], ['张三', '男']])], DEFAULT_PROFILE)).toBeNull();
});

test('every photo right: no issue, all go into the zip in roster order', () => {
  const c = run(goodPhotos().reverse());
  expect(issues(c)).toEqual([]);
  expect(c.members.map((m) => m.name)).toEqual(students.map((s) => `${s.sid}.jpg`));
  expect(c.members[0]).toMatchObject({ path: `${students[0]!.sid}.jpg`, row: 3 });
  expect(c.report.template).toBe('graduation-photos');
  expect(c.report.excluded).toEqual([]);
});

describe('each photo rule, on a generated image (student 2 = row 4)', () => {
  const sid = students[1]!.sid;
  const withPhoto = (path: string, bytes: Uint8Array) => {
    const files = goodPhotos();
    files[1] = inspectedPhoto(path, bytes);
    return run(files);
  };
  const expectOnly = (c: PhotoCheck, rule: string, path: string) => {
    expect(issues(c).map((i) => i.rule)).toEqual([rule]);
    expect(only(c, rule)[0]).toMatchObject({ cell: 'B4', row: 4, path, severity: 'error' });
    expect(c.members.map((m) => m.name)).not.toContain(`${sid}.jpg`);
    expect(c.members).toHaveLength(students.length - 1);
  };

  test('photo.background: a grey background', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ background: GREY }));
    expectOnly(c, 'photo.background', `${sid}.jpg`);
  });

  test('photo.background names the colour: 灰色', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ background: GREY }));
    expect(only(c, 'photo.background')[0]!.message).toMatch(/^底色为灰色，应为蓝色/);
  });

  test('a white background is photo.background (底色为白色), never photo.border', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ background: WHITE }));
    expectOnly(c, 'photo.background', `${sid}.jpg`);
    expect(only(c, 'photo.background')[0]!.message).toMatch(/^底色为白色，应为蓝色/);
  });

  test('photo.border: a white strip around a blue background (the background inside it is fine)', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ border: 3 }));
    expectOnly(c, 'photo.border', `${sid}.jpg`);
    expect(only(c, 'photo.border')[0]!.message).toContain('上边 3 像素');
  });

  test('a grey photo inside a white border: both photo.border and photo.background (灰色)', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ border: 6, background: GREY }));
    expect(issues(c).map((i) => i.rule)).toEqual(['photo.border', 'photo.background']);
    expect(only(c, 'photo.background')[0]!.message).toMatch(/^底色为灰色/);
  });

  test('a real head-and-shoulders photo passes: the shoulders fill the bottom edge and the lower sides', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ quality: 90 }));
    expect(issues(c)).toEqual([]);
  });

  test.each([
    [0.05, '太靠上'],
    [0.25, '太靠下'],
  ])('photo.head-position (warning): head top at %f of the height — %s; the photo is still zipped', (headTop, says) => {
    const c = withPhoto(`${sid}.jpg`, photo({ headTop }));
    expect(issues(c).map((i) => [i.rule, i.severity])).toEqual([['photo.head-position', 'warning']]);
    expect(only(c, 'photo.head-position')[0]!.message).toContain(says);
    expect(c.members.map((m) => m.name)).toContain(`${sid}.jpg`);
  });

  test('photo.dimensions: landscape 640×480, and 500×640', () => {
    const c = withPhoto(`${sid}.jpg`, photo({ width: 640, height: 480 }));
    expectOnly(c, 'photo.dimensions', `${sid}.jpg`);
    expect(only(c, 'photo.dimensions')[0]!.message).toContain('横向');
    expectOnly(withPhoto(`${sid}.jpg`, photo({ width: 500, height: 640 })), 'photo.dimensions', `${sid}.jpg`);
  });

  test('photo.size: a noisy photo over 50,000 bytes', () => {
    const big = photo({ noisy: true, quality: 95 });
    expect(big.length).toBeGreaterThan(50_000);
    expectOnly(withPhoto(`${sid}.jpg`, big), 'photo.size', `${sid}.jpg`);
  });

  test('photo.format: a PNG renamed .jpg, a text file named .jpg, a real .png', () => {
    expectOnly(withPhoto(`${sid}.jpg`, scanPng(480, 640)), 'photo.format', `${sid}.jpg`);
    const t = withPhoto(`${sid}.jpg`, textBytes());
    expectOnly(t, 'photo.format', `${sid}.jpg`);
    expect(only(t, 'photo.format')[0]!.message).toContain('文本文件');
    expectOnly(withPhoto(`${sid}.png`, scanPng(480, 640)), 'photo.format', `${sid}.png`);
  });

  test.each([
    [`${students[1]!.sid}.JPG`, '.jpg'],
    [`${students[1]!.sid}.jpeg`, '.jpg'],
    [`${students[1]!.sid} .jpg`, '空格'],
    [`${students[1]!.sid}${students[1]!.name}.jpg`, '不能加姓名'],
    // One digit off this student's 学号 only (a last-digit slip would be one off every student: nobody's).
    [`${students[1]!.sid.slice(0, 3)}8${students[1]!.sid.slice(4)}.jpg`, '相差一位'],
  ])('photo.name: “%s”', (name, says) => {
    const c = withPhoto(name, photo());
    expectOnly(c, 'photo.name', name);
    expect(only(c, 'photo.name')[0]!.message).toContain(says);
    expect(only(c, 'photo.missing')).toEqual([]);
  });

  test('a last-digit slip that is one digit off several students names nobody: missing and unmatched', () => {
    const typo = `${sid.slice(0, 12)}9.jpg`;
    const c = withPhoto(typo, photo());
    expect(issues(c).map((i) => [i.rule, i.path])).toEqual([
      ['photo.missing', `${sid}.jpg`],
      ['photo.unmatched', typo],
    ]);
  });

  test('photo.missing: on the 学号 cell, with the name the photo should have', () => {
    const files = goodPhotos().filter((_, i) => i !== 1);
    const c = run(files);
    expectOnly(c, 'photo.missing', `${sid}.jpg`);
    expect(c.report.files.find((f) => f.path === `${sid}.jpg`)).toMatchObject({ exists: false, row: 4 });
  });

  test('photo.unmatched: a photo of nobody, a non-photo file — warnings, not zipped', () => {
    const files = [...goodPhotos(), inspectedPhoto(`${makeSid(88)}.jpg`, photo()), inspectedPhoto('说明.txt', textBytes())];
    const c = run(files);
    const u = only(c, 'photo.unmatched');
    expect(u.map((i) => [i.path, i.severity, i.cell])).toEqual([
      [`${makeSid(88)}.jpg`, 'warning', null],
      ['说明.txt', 'warning', null],
    ]);
    expect(c.report.summary).toEqual({ errors: 0, warnings: 2, fixable: 0 });
    expect(c.members).toHaveLength(students.length);
  });

  test('two photos of one student (one in a sub-folder): the second is photo.name; the first is zipped', () => {
    const files = [...goodPhotos(), inspectedPhoto(`补拍/${sid}.jpg`, photo())];
    const c = run(files);
    expect(only(c, 'photo.name').map((i) => i.path)).toEqual([`补拍/${sid}.jpg`]);
    expect(c.members.find((m) => m.name === `${sid}.jpg`)!.path).toBe(`${sid}.jpg`);
  });
});

describe('size limits: 50 KB = 50,000 bytes', () => {
  const at = (size: number, profile: Profile = DEFAULT_PROFILE) => {
    const files = goodPhotos();
    files[0] = fakeFile(`${students[0]!.sid}.jpg`, { size, width: 480, height: 640, frame: null });
    return only(run(files, { profile }), 'photo.size').length;
  };
  test('50,000 passes, 50,001 fails; a profile may relax it', () => {
    expect(at(50_000)).toBe(0);
    expect(at(50_001)).toBe(1);
    expect(at(50_001, mergeProfile({ photos: { maxBytes: 60_000 } }))).toBe(0);
  });
});

describe('学籍状态: only 在籍 students go into the batch (seed 002)', () => {
  const list: Student[] = students.map((s, i) => ({ ...s, status: i === 2 ? '毕业' : i === 3 ? '休学' : i === 4 ? null : '在籍' }));

  test('others are left out and listed (with their photo if any), not missing, not unmatched; blank counts as 在籍', () => {
    const files = goodPhotos(list).filter((_, i) => i !== 3);
    const c = run(files, { list });
    expect(issues(c)).toEqual([]);
    expect(c.report.excluded).toEqual([
      { sheet: '照片名单', row: 5, cell: 'B5', status: '毕业', path: `${list[2]!.sid}.jpg` },
      { sheet: '照片名单', row: 6, cell: 'B6', status: '休学', path: null },
    ]);
    expect(c.members.map((m) => m.row)).toEqual([3, 4, 7, 8]);
  });

  test('a roster without the column: everyone is in', () => {
    const header = ['序号', '学号', '姓名', '身份证号', '备注'];
    const pr = photoRoster(roster(list, header), DEFAULT_PROFILE)!;
    expect(pr.hasStatus).toBe(false);
    const c = checkPhotos({ file: 'a', folder: 'b' }, pr, { files: goodPhotos(list), directories: [] }, DEFAULT_PROFILE);
    expect(c.members).toHaveLength(list.length);
    expect(c.report.excluded).toEqual([]);
  });
});

describe('photos named by 身份证号 (seed 004), upper-case X', () => {
  const byId = mergeProfile({ photos: { nameBy: 'idCard' } });
  test('upper-case X is right; lower-case x is photo.name on the 身份证号 cell', () => {
    expect(students[0]!.id.endsWith('X')).toBe(true);
    const files = goodPhotos(students, 'id');
    files[0] = inspectedPhoto(`${students[0]!.id.toLowerCase()}.jpg`, photo());
    const c = run(files, { profile: byId });
    const n = only(c, 'photo.name');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ cell: 'D3', field: 'idCard', path: `${students[0]!.id.toLowerCase()}.jpg` });
    expect(n[0]!.message).toContain('大写 X');
    expect(c.members.map((m) => m.name)).toEqual(students.slice(1).map((s) => `${s.id}.jpg`));
  });

  test('a roster cell with a lower-case x still expects the photo with X', () => {
    const list = students.map((s) => ({ ...s, id: s.id.toLowerCase() }));
    const c = run(goodPhotos(students, 'id'), { profile: byId, list });
    expect(issues(c)).toEqual([]);
  });

  test('a photo named by 学号 is nobody’s then', () => {
    const c = run(goodPhotos(students, 'sid'), { profile: byId });
    expect(only(c, 'photo.missing')).toHaveLength(students.length);
    expect(only(c, 'photo.unmatched')).toHaveLength(students.length);
  });
});

test('photos larger than decodeMaxBytes are not decoded (no pixel rule), still fail photo.size', () => {
  const big = photo({ noisy: true, quality: 95 });
  const p = mergeProfile({ photos: { decodeMaxBytes: 100_000 } });
  const f = inspectedPhoto('x.jpg', big, p);
  expect(big.length).toBeGreaterThan(100_000);
  expect(f.frame).toBeNull();
  expect(f.width).toBe(480);
});
