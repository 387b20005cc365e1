/**
 * A wrong profile says what is wrong, in Chinese, at any depth (issue 9 item 7, issue 14 item 7): a wrong value names
 * what it should be and what it is, "缺少此项" only for a value really absent, an unknown key is refused wherever it is,
 * and a bound is said the way it is (positive → 应大于 0).
 */
import { mergeProfile, defaultProfileJson } from '../../../src/core/profile/default-profile';
import { ProfileError } from '../../../src/core/profile/schema';

function message(overrides: unknown): string {
  try {
    mergeProfile(overrides);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('a wrong value says what it should be and what it is', () => {
  it.each([
    [{ centreCode: { length: '八' } }, '字段 centreCode.length：应为数字，现为文字“八”'],
    [{ centreCode: { length: 7.5 } }, '字段 centreCode.length：应为整数，现为 7.5'],
    [{ centreCode: { length: null } }, '字段 centreCode.length：应为数字，现为null'],
    [{ withdrawal: { sheetName: 5 } }, '字段 withdrawal.sheetName：应为文字（加引号），现为数字 5'],
    [{ exemption: { subjects: {} } }, '字段 exemption.subjects：应为列表（[…]），现为对象（{…}）'],
    [{ centreCode: { pad: 'middle' } }, '字段 centreCode.pad：应为 "left" / "right" 之一，现为文字“middle”'],
    [{ photos: { width: 0 } }, '字段 photos.width：应大于 0，现为 0'],
    [{ centreCode: { length: 40 } }, '字段 centreCode.length：不能大于 12，现为 40'],
    [{ limits: { cells: -1 } }, '字段 limits.cells：应大于 0，现为 -1'],
  ])('%j', (overrides, text) => {
    const m = message(overrides);
    expect(m).toContain(text);
    expect(m).not.toContain('缺少此项');
    expect(m).not.toMatch(/[A-Z][a-z]+ input|expected/);
  });

  it('a value really absent (a reason without its text) is 缺少此项', () => {
    const reasons = [{ id: 1, subjects: ['71'] }];
    expect(message({ exemption: { reasons } })).toContain('字段 exemption.reasons.0.text：缺少此项');
  });

  it("a schema's own Chinese message is kept", () => {
    expect(message({ withdrawal: { sheetName: '退学名单（河北分部二〇二六年春季学期第一批次上报，经办人核对后签字盖章）' } })).toContain('最多31个字符');
  });
});

describe('an unknown key is refused at every depth, naming where it is', () => {
  it.each([
    [{ centerCode: { length: 8 } }, '配置中有不认识的项 centerCode'],
    [{ withdrawal: { sheetNmae: '退学' } }, '字段 withdrawal：有不认识的项 sheetNmae'],
    [{ centreCode: { lenght: 8 } }, '字段 centreCode：有不认识的项 lenght'],
    [{ limits: { maxCells: 5 } }, '字段 limits：有不认识的项 maxCells'],
    [{ exemption: { reasons: [{ id: 1, text: '已具有本科学历', subjects: ['71'], chek: 'age-40' }] } }, '字段 exemption.reasons.0：有不认识的项 chek'],
  ])('%j', (overrides, text) => expect(message(overrides)).toContain(text));

  it('every object of the default profile refuses a key it does not know', () => {
    // Walk the default profile: at each object, add a key of its own and expect that very path to be named.
    const walk = (node: unknown, path: (string | number)[]): (string | number)[][] => {
      if (Array.isArray(node)) return node.flatMap((v, i) => walk(v, [...path, i]));
      if (node === null || typeof node !== 'object') return [];
      return [path, ...Object.entries(node).flatMap(([k, v]) => walk(v, [...path, k]))];
    };
    const paths = walk(defaultProfileJson(), []);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const profile = defaultProfileJson() as Record<string, unknown>;
      let at: Record<string, unknown> = profile;
      for (const k of path) at = at[k as string] as Record<string, unknown>;
      at.typoKey = 1;
      const m = message(profile);
      expect([path.join('.'), m]).toEqual([path.join('.'), expect.stringContaining('typoKey')]);
    }
  });
});
