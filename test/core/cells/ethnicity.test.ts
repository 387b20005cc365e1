import { ETHNIC_GROUPS, normaliseEthnicity } from '../../../src/core/cells/ethnicity';

describe('ETHNIC_GROUPS', () => {
  it('holds exactly the 56 distinct names of GB 3304, each ending in 族, 汉族 first', () => {
    expect(ETHNIC_GROUPS).toHaveLength(56);
    expect(new Set(ETHNIC_GROUPS).size).toBe(56);
    for (const g of ETHNIC_GROUPS) expect(g.endsWith('族')).toBe(true);
    expect(ETHNIC_GROUPS[0]).toBe('汉族');
    expect(ETHNIC_GROUPS[55]).toBe('基诺族');
  });
});

describe('normaliseEthnicity', () => {
  it('accepts every official name as valid', () => {
    for (const g of ETHNIC_GROUPS) expect(normaliseEthnicity(g)).toEqual({ status: 'valid' });
  });
  it.each([
    ['汉', '汉族'],
    ['蒙古', '蒙古族'],
    ['维吾尔', '维吾尔族'],
    ['土', '土族'],
    ['土家', '土家族'],
    ['柯尔克孜', '柯尔克孜族'],
    ['蒙族', '蒙古族'],
    ['维族', '维吾尔族'],
  ])('fixes the short form %s → %s', (s, canonical) => expect(normaliseEthnicity(s)).toEqual({ status: 'fixable', canonical }));
  it.each(['汉族人', 'Han', '穿青人', '其他', '', '族', '哈', '汉 族'])('rejects %j', (s) =>
    expect(normaliseEthnicity(s)).toEqual({ status: 'invalid' }),
  );
});
