import fc from 'fast-check';
import { centreCodeBranch, padCentreCode, type PadSide } from '../../../src/core/cells/centre-code';

describe('padCentreCode', () => {
  it('left-pads 3300803 to 03300803 (seed 003: 不足8位的用0补足)', () => {
    expect(padCentreCode('3300803', 8, 'left')).toBe('03300803');
  });
  it('right-pads when the profile says so', () => {
    expect(padCentreCode('3300803', 8, 'right')).toBe('33008030');
  });
  it('never truncates a longer code and leaves an exact one alone', () => {
    expect(padCentreCode('123456789', 8, 'left')).toBe('123456789');
    expect(padCentreCode('03300803', 8, 'left')).toBe('03300803');
    expect(padCentreCode('3300803', 8, 'left')).not.toBe('3300803');
  });
  it('is idempotent, reaches the wanted length and keeps the input at the unpadded end', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{0,12}$/),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<PadSide>('left', 'right'),
        (digits, length, side) => {
          const once = padCentreCode(digits, length, side);
          expect(padCentreCode(once, length, side)).toBe(once);
          expect(once.length).toBe(Math.max(length, digits.length));
          if (side === 'left') expect(once.endsWith(digits)).toBe(true);
          else expect(once.startsWith(digits)).toBe(true);
        },
      ),
    );
  });
});

describe('centreCodeBranch', () => {
  it('reads 分部 130 from 01300801 (DOMAIN.md §1) and from the unpadded 1300801', () => {
    expect(centreCodeBranch('01300801', 8, 'left')).toBe('130');
    expect(centreCodeBranch('1300801', 8, 'left')).toBe('130');
  });
  it('reads 010 总部 from a code whose leading zero was lost as a number', () => {
    expect(centreCodeBranch('100123', 8, 'left')).toBe('010');
    expect(centreCodeBranch('00100123', 8, 'left')).toBe('010');
  });
  it('reads the first three digits of a right-padded code', () => {
    expect(centreCodeBranch('33008030', 8, 'right')).toBe('330');
    expect(centreCodeBranch('3300803', 8, 'right')).toBe('330');
  });
  it('returns null for non-digits, too long, too short or a non-zero pad', () => {
    expect(centreCodeBranch('33008O3', 8, 'left')).toBeNull();
    expect(centreCodeBranch('', 8, 'left')).toBeNull();
    expect(centreCodeBranch('133008030', 8, 'left')).toBeNull();
    expect(centreCodeBranch('13300803', 8, 'left')).toBeNull();
    expect(centreCodeBranch('30803', 8, 'left')).toBeNull();
    expect(centreCodeBranch('330080', 8, 'right')).toBeNull();
    expect(centreCodeBranch('33008031', 8, 'right')).toBeNull();
  });
  it('agrees with the branch of any padded 7-digit code whose branch does not start with 00', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(0[1-9]|[1-9]\d)\d{5}$/),
        fc.integer({ min: 7, max: 10 }),
        fc.constantFrom<PadSide>('left', 'right'),
        (code7, length, side) => {
          expect(centreCodeBranch(padCentreCode(code7, length, side), length, side)).toBe(code7.slice(0, 3));
        },
      ),
    );
  });
});
