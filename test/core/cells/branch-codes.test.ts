import { BRANCH_CODES, isKnownBranch } from '../../../src/core/cells/branch-codes';

describe('BRANCH_CODES', () => {
  it('holds the 44 provincial codes, 801–806, 901–907 and 010 总部', () => {
    expect(BRANCH_CODES.size).toBe(44 + 6 + 7 + 1);
    for (const c of ['110', '130', '330', '610', '651', '801', '806', '901', '907', '010']) expect(BRANCH_CODES.has(c)).toBe(true);
  });
  it('every code is three digits', () => {
    for (const c of BRANCH_CODES) expect(c).toMatch(/^\d{3}$/);
  });
});

describe('isKnownBranch', () => {
  it('knows 110 北京 and 010 总部', () => {
    expect(isKnownBranch('110')).toBe(true);
    expect(isKnownBranch('010')).toBe(true);
  });
  it('rejects unknown or malformed codes', () => {
    for (const c of ['100', '807', '908', '10', '1100', '', '11O']) expect(isKnownBranch(c)).toBe(false);
  });
});
