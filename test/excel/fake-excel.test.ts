/** The fake must behave like Office.js where the adapter depends on it, or the other tests prove nothing. */
import { FakeExcel } from './fake-excel';

type Ctx = Excel.RequestContext;

function fakeWithSheet(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet('S', [['a', 1], [{ v: '0123', fmt: '@' }, true]]);
  return fake;
}

describe('the recording fake is strict like Office.js', () => {
  test('a misspelled method or property throws at once', async () => {
    const fake = fakeWithSheet();
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        (ctx.workbook.worksheets.getItem('S') as unknown as { getRnage(a: string): void }).getRnage('A1');
      }),
    ).rejects.toThrow(/getRnage is not part of the Excel API/);
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getRange('A1') as unknown as { numberFormats: unknown };
        r.numberFormats = [['@']];
      }),
    ).rejects.toThrow(/cannot set Range.numberFormats/);
  });

  test('a property read before load + sync throws PropertyNotLoaded', async () => {
    const fake = fakeWithSheet();
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B2');
        r.load('values');
        return r.values; // not synced yet
      }),
    ).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
    const values = await fake.run({}, async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B2');
      r.load('values,valueTypes,numberFormat');
      await ctx.sync();
      return [r.values, r.valueTypes, r.numberFormat];
    });
    expect(values).toEqual([
      [['a', 1], ['0123', true]],
      [['String', 'Double'], ['String', 'Boolean']],
      [['General', 'General'], ['@', 'General']],
    ]);
  });

  test('queued work runs only at sync, and a run ending with unsynced work is an error', async () => {
    const fake = fakeWithSheet();
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
      }),
    ).rejects.toThrow(/never synced/);
    expect(fake.sheet('S').cell(1, 0)!.v).toBe('a');
  });

  test('writing strings is parsed like typing them, unless the cell is text', async () => {
    const fake = fakeWithSheet();
    await fake.run({}, async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('C1:C6').values = [['0123'], ['110105199001011234'], ['TRUE'], ['#N/A'], ['2020-09-01'], ['=A1']];
      const t = ws.getRange('D1');
      t.numberFormat = [['@']];
      t.values = [['0123']];
      ws.getRange('E1:E2').values = [[null], ['']];
      await ctx.sync();
    });
    const s = fake.sheet('S');
    expect(s.cell(1, 2)!.v).toBe(123);
    expect(s.cell(2, 2)!.v).toBe(110105199001011000); // 15 significant digits
    expect(s.cell(3, 2)!.v).toBe(true);
    expect(s.cell(4, 2)).toMatchObject({ v: '#N/A', err: true });
    expect(s.cell(5, 2)).toMatchObject({ v: 44075, fmt: 'yyyy/m/d' });
    expect(s.cell(6, 2)).toMatchObject({ v: 'a', f: '=A1' });
    expect(s.cell(1, 3)).toMatchObject({ v: '0123', fmt: '@' });
    expect(s.cell(1, 4)?.v ?? null).toBeNull();
  });

  test('requests above 5 MB fail with RequestPayloadSizeLimitExceeded, and objects of a failed batch are dead', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S');
    const big = Array.from({ length: 6000 }, () => ['x'.repeat(1000)]);
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getRange('A1:A6000');
        r.values = big;
        try {
          await ctx.sync();
        } catch (e) {
          r.load('address');
          await ctx.sync().catch((again: { code: string }) => {
            throw Object.assign(new Error('reused'), { first: (e as { code: string }).code, again: again.code });
          });
        }
      }),
    ).rejects.toMatchObject({ first: 'RequestPayloadSizeLimitExceeded', again: 'InvalidObjectPath' });
    expect(fake.requests[0]).toMatchObject({ ok: false, error: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.requests[0]!.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.sheet('S').cell(1, 0)).toBeUndefined();
  });

  test('responses above 5 MB fail with ResponsePayloadSizeLimitExceeded', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', Array.from({ length: 6000 }, () => ['y'.repeat(1000)]));
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:A6000').load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('OrNullObject and ItemNotFound', async () => {
    const fake = fakeWithSheet();
    const isNull = await fake.run({}, async (ctx: Ctx) => {
      const s = ctx.workbook.worksheets.getItemOrNullObject('nope');
      s.load('name');
      await ctx.sync();
      return s.isNullObject;
    });
    expect(isNull).toBe(true);
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('nope').load('name');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('APIs above the host level fail with ApiNotFound; getRanges refuses over-long address strings', async () => {
    const fake = new FakeExcel({ api: 12 });
    fake.addSheet('S', [['a']]);
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    const long = Array.from({ length: 1500 }, (_, i) => `A${i * 2 + 1}`).join(',');
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('S').getRanges(long).load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('what the live re-check uses', () => {
  test("Range.getUsedRangeOrNullObject(true): the used part of a range, or a null object when it holds no value", async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', [['h1', 'h2', 'h3'], [null, 'x', { v: null, fmt: '@' }], [null, null, { v: null, fmt: '@' }]]);
    const out = await fake.run({}, async (ctx: Ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      const row2 = ws.getRange('2:2').getUsedRangeOrNullObject(true);
      row2.load('address,values');
      const row3 = ws.getRange('3:3').getUsedRangeOrNullObject(true);
      row3.load('address');
      const row3any = ws.getRange('3:3').getUsedRangeOrNullObject(false);
      row3any.load('address');
      await ctx.sync();
      return { row2: [row2.address, row2.values], row3: row3.isNullObject, row3any: row3any.address };
    });
    expect(out).toEqual({ row2: ['S!B2', [['x']]], row3: true, row3any: 'S!C3' });
  });

  test('a collection load reaches the custom rule formula through customOrNullObject (null for other types)', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', [['a']]);
    fake.addUserRule('S', { type: 'CellValue', address: 'A1:A5', fill: '#FF0000', operator: 'GreaterThan', formula1: '1' });
    fake.addUserRule('S', { type: 'Custom', address: 'A2', formula: '=TRUE', fill: '#00FF00' });
    const seen = await fake.run({}, async (ctx: Ctx) => {
      const rules = ctx.workbook.worksheets.getItem('S').getRanges('1:3').conditionalFormats;
      rules.load('items/id,items/type,items/customOrNullObject/rule/formula');
      await ctx.sync();
      return rules.items.map((r) => [r.type, r.customOrNullObject.isNullObject ? null : r.customOrNullObject.rule.formula]);
    });
    expect(seen).toEqual([
      ['CellValue', null],
      ['Custom', '=TRUE'],
    ]);
    // The plain `custom` of a rule of another type fails the batch, as in Excel.
    await expect(
      fake.run({}, async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.load('items/custom/rule/formula');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
  });
});
