/** The fake's table of the Excel API holds together, and the fake refuses what the table does not have. */
import { API } from './fake-excel-api';
import { FakeExcel } from './fake-excel';

type Ctx = Excel.RequestContext;

test('every class the table names (navigation, method result, collection item) is in the table', () => {
  const classes = Object.values(API);
  const named = classes.flatMap((c) => [
    ...Object.values(c.navs ?? {}).map((n) => n.cls),
    ...Object.values(c.methods ?? {}).flatMap((m) => (m.cls ? [m.cls] : [])),
    ...(c.items ? [c.items.cls] : []),
  ]);
  expect(named.filter((cls) => API[cls] === undefined)).toEqual([]);
  for (const c of classes) {
    // A writable property is readable too, and `via` names a method of the same class that hands back an object.
    expect(Object.keys(c.set ?? {}).filter((p) => c.props?.[p] === undefined)).toEqual([]);
    for (const m of Object.values(c.methods ?? {})) if (m.via) expect(c.methods?.[m.via]?.cls).toBeDefined();
  }
});

describe('what the table does not have fails at once', () => {
  const fake = new FakeExcel();
  fake.addSheet('S', [['a']]);

  test('a misspelled load path', async () => {
    await expect(
      fake.run({}, async (ctx: Ctx) => void ctx.workbook.worksheets.getItem('S').getRange('A1').load('valuse')),
    ).rejects.toThrow(/Range has no property 'valuse' to load/);
    await expect(
      fake.run({}, async (ctx: Ctx) => void ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.load('items/custom/rule/formul')),
    ).rejects.toThrow(/ConditionalFormatRule has no property 'formul' to load/);
  });

  test('setting a read-only property, calling a member the fake does not model', async () => {
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        (ctx.workbook.worksheets.getItem('S').getRange('A1') as unknown as { address: string }).address = 'B2';
      }),
    ).rejects.toThrow(/cannot set Range.address: read-only/);
    await expect(fake.run({}, async (ctx: Ctx) => void ctx.workbook.worksheets.getItem('S').getRange('A1').getCell(0, 0))).rejects.toThrow(
      /Range.getCell is not part of the Excel API \(misspelled\?\), or not modelled/,
    );
  });

  test('nothing can be done to a null object', async () => {
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('nope').activate();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(fake.requests.at(-1)).toMatchObject({ ok: false, error: 'InvalidOperation' });
  });
});
