/**
 * The pure part of printing (core/export/print.ts): Excel's footer code, a column's printed width, the 'auto'
 * orientation, and the plan of a sheet's header rows and table.
 */
import { A4_CM, columnWidthCm, footerCode, printPlan, resolveOrientation } from '../../../src/core/export/print';
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';

const MARGINS = DEFAULT_PROFILE.withdrawal.layout.print.margins;

describe('footerCode', () => {
  it('centres the text and turns the placeholders into Excel’s page codes', () => {
    expect(footerCode('第 {页码} 页 共 {总页数} 页')).toBe('&C第 &P 页 共 &N 页');
  });
  it('doubles a literal & (Excel would read it as a code)', () => {
    expect(footerCode('A&B {页码}')).toBe('&CA&&B &P');
  });
  it('an empty text is no footer', () => {
    expect(footerCode('')).toBe('');
  });
});

describe('auto orientation', () => {
  const printable = A4_CM.width - MARGINS.left - MARGINS.right;

  it('a column is 7 pixels per character at 96 dpi', () => {
    expect(columnWidthCm(96 / 7)).toBeCloseTo(2.54, 1);
    expect(columnWidthCm(0)).toBe(0);
  });

  it('portrait exactly while the columns fit between the margins, landscape beyond', () => {
    const fits = [10, 10, 10];
    const total = fits.reduce((s, w) => s + columnWidthCm(w), 0);
    expect(total).toBeLessThan(printable);
    expect(resolveOrientation('auto', fits, MARGINS)).toBe('portrait');
    // Widen the last column until it no longer fits.
    let w = 10;
    while (columnWidthCm(10) * 2 + columnWidthCm(w) <= printable) w += 0.5;
    expect(resolveOrientation('auto', [10, 10, w], MARGINS)).toBe('landscape');
    expect(resolveOrientation('auto', [10, 10, w - 0.5], MARGINS)).toBe('portrait');
  });

  it('an explicit orientation is kept whatever the widths', () => {
    expect(resolveOrientation('portrait', [200], MARGINS)).toBe('portrait');
    expect(resolveOrientation('landscape', [5], MARGINS)).toBe('landscape');
  });
});

describe('printPlan', () => {
  it('repeats and freezes the header rows; the table spans header to last record', () => {
    const plan = printPlan(DEFAULT_PROFILE.withdrawal.layout.print, { headerFirst: 2, headerLast: 3, lastRecord: 40 }, { left: 1, right: 6 });
    expect(plan).toMatchObject({ repeatRows: { first: 2, last: 3 }, freezeRows: 3, table: { top: 2, bottom: 40, left: 1, right: 6 }, footer: '&C第 &P 页 共 &N 页' });
  });
  it('with no record the table is the header alone', () => {
    const plan = printPlan(DEFAULT_PROFILE.withdrawal.layout.print, { headerFirst: 1, headerLast: 1, lastRecord: 0 }, { left: 0, right: 3 });
    expect(plan.table).toEqual({ top: 1, bottom: 1, left: 0, right: 3 });
  });
});
