/**
 * The check refills one prepared-cell slot per column row after row (prepareInto) instead of making a cell object
 * per cell: a slot, however dirty from its last row, must come out exactly as prepareCell makes a fresh cell —
 * every field the cell object has (so that a field added later and forgotten in `reset` fails here), its address
 * and its drafts.
 */
import fc from 'fast-check';
import { cellSlot, prepareCell, prepareInto, type Prepared, type PrepareOptions } from '../../../src/core/engine/prepare';
import type { Cell } from '../../../src/core/types';

const text = fc.oneof(fc.string(), fc.constantFrom(' 1 ', '１２', '1.2E+17', '', '2021 春季', '\u200b110', 'Ａ Ｂ'));
const formula = fc.option(fc.constantFrom('', 'A1&B1', 'VLOOKUP(A2,B:C,2,0)'), { nil: undefined });
const cell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('string' as const), value: text, formula }, { requiredKeys: ['kind', 'value'] }),
  fc.record(
    {
      kind: fc.constant('number' as const),
      value: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e16, 44927, 110101199001011234)),
      numberFormat: fc.constantFrom(undefined, 'yyyy-mm-dd', 'General', '@', '0'),
      formula,
    },
    { requiredKeys: ['kind', 'value'] },
  ),
  fc.record({ kind: fc.constant('boolean' as const), value: fc.boolean() }),
  fc.record({ kind: fc.constant('error' as const), value: fc.constantFrom('#N/A', '#REF!') }),
  fc.record({ kind: fc.constant('empty' as const), value: fc.constant(null), formula }, { requiredKeys: ['kind', 'value'] }),
);
const options: fc.Arbitrary<PrepareOptions> = fc.record({
  mode: fc.constantFrom('code' as const, 'compact' as const, 'text' as const),
  isCode: fc.boolean(),
  label: fc.constantFrom('学号', '姓名'),
});

/** Every own field of the cell object (whatever fields it has), then its address and drafts. */
function snapshot(p: Prepared): string {
  const own = Object.fromEntries(Object.entries(p as unknown as Record<string, unknown>).filter(([k]) => k !== 'list' && k !== 'a1'));
  return JSON.stringify({ own, addr: p.addr, hasDrafts: p.hasDrafts, drafts: p.hasDrafts ? p.drafts : [] });
}

test('a reused slot comes out of prepareInto exactly as prepareCell makes a fresh cell, row after row', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, options), { minLength: 2, maxLength: 8 }), (rows) => {
      const slot = cellSlot();
      rows.forEach(([raw, opt], i) => {
        // The slot's last row read its address and drafts: whatever that cached must be gone.
        const reused = prepareInto(slot, raw, i + 2, i % 5, opt);
        expect(snapshot(reused)).toBe(snapshot(prepareCell(raw, i + 2, i % 5, opt)));
      });
    }),
    { numRuns: 1500 },
  );
});

test('the snapshot sees every field of a cell: a field left over from the last row would show', () => {
  const slot = cellSlot();
  const opt: PrepareOptions = { mode: 'code', isCode: true, label: '学号' };
  const dirty = prepareInto(slot, { kind: 'string', value: ' 2113001200001 ' }, 2, 1, opt);
  expect(dirty.needsFix).toBe(true);
  const dirtySnapshot = snapshot(dirty);
  (slot as unknown as { needsFix: boolean }).needsFix = true;
  const clean = prepareCell({ kind: 'string', value: '2113001200001' }, 3, 1, opt);
  expect(snapshot(slot)).not.toBe(snapshot(clean));
  expect(snapshot(prepareInto(slot, { kind: 'string', value: '2113001200001' }, 3, 1, opt))).toBe(snapshot(clean));
  expect(dirtySnapshot).not.toBe(snapshot(clean));
});
