import { ExcelAdapterError, toAdapterError, adapterMessage, type AdapterErrorCode, type AdapterOperation } from '../../src/excel/errors';
import { excelRun } from '../../src/excel/run';
import { FakeExcel, portFor } from './helpers';

const CHINESE = /[\u4e00-\u9fff]/;

function sheet(fake: FakeExcel): void {
  fake.addSheet('S', [['学号'], [2023010100001]]);
}

async function caught(p: Promise<unknown>): Promise<ExcelAdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExcelAdapterError);
    expect((e as Error).message).toMatch(CHINESE);
    return e as ExcelAdapterError;
  }
  throw new Error('expected a rejection');
}

describe('typed errors with Chinese messages, never swallowed', () => {
  test('ExcelApi below 1.9: unsupported-host before any call to Excel', async () => {
    const fake = new FakeExcel({ api: 8 });
    sheet(fake);
    const port = portFor(fake);
    for (const p of [port.listSheets(), port.readSheet('S'), port.highlight('S', []), port.applyPatches('S', [])]) {
      const e = await caught(p);
      expect(e.code).toBe('unsupported-host');
      expect(e.message).toContain('ExcelApi 1.9');
    }
    expect(fake.runs).toEqual([]);
  });

  test('a sheet that is gone: sheet-not-found naming the sheet, Office error kept as cause', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    const e = await caught(portFor(fake).readSheet('已删除'));
    expect(e).toMatchObject({ code: 'sheet-not-found', operation: 'read', officeCode: 'ItemNotFound', sheet: '已删除' });
    expect(e.message).toBe('读取工作表失败：找不到工作表“已删除”，它可能已被重命名或删除。请重新选择工作表后再试。');
    expect((e.cause as { code: string }).code).toBe('ItemNotFound');
  });

  test('cell edit mode: every run asks Excel to wait (delayForCellEdit) instead of failing', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    fake.cellEditMode = true;
    const port = portFor(fake);
    let done = false;
    const reading = port.readSheet('S').then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    fake.endCellEdit();
    expect((await reading).rows[1]![0]).toEqual({ kind: 'number', value: 2023010100001 });
    expect(fake.runs.every((r) => r.delayForCellEdit)).toBe(true);
    // What Excel says without delayForCellEdit, mapped.
    fake.cellEditMode = true;
    const raw = await fake
      .run({}, async (ctx) => {
        ctx.workbook.worksheets.getItem('S').load('name');
        await ctx.sync();
      })
      .catch((x: unknown) => x);
    fake.endCellEdit();
    expect(toAdapterError(raw, 'read', 'S').code).toBe('cell-edit-mode');
  });

  test('a protected sheet: access-denied, and the fix does not half-happen silently', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    fake.sheet('S').protected = true;
    const e = await caught(portFor(fake).applyPatches('S', [{ cell: 'A2', value: '2023010100001', numberFormat: '@' }]));
    expect(e).toMatchObject({ code: 'access-denied', operation: 'apply', sheet: 'S' });
    expect(fake.sheet('S').cell(2, 0)!.v).toBe(2023010100001);
  });

  test('payload still too large at one row: payload-too-large', async () => {
    const fake = new FakeExcel({ payloadLimit: 2000 });
    fake.addSheet('S', [['x'.repeat(3000)]]);
    const e = await caught(portFor(fake).readSheet('S'));
    expect(e).toMatchObject({ code: 'payload-too-large', officeCode: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('Excel busy, unknown codes, bad input, and our own bugs are all typed', async () => {
    const fake = new FakeExcel();
    sheet(fake);
    const port = portFor(fake);
    fake.failNextSync('Conflict');
    expect((await caught(port.listSheets())).code).toBe('busy');
    fake.failNextSync('SomethingNew');
    const unknown = await caught(port.select('S', 'A1'));
    expect(unknown).toMatchObject({ code: 'excel-error', officeCode: 'SomethingNew' });
    expect(unknown.message).toContain('SomethingNew');
    expect((await caught(port.select('S', 'not a cell'))).code).toBe('invalid-input');
    expect((await caught(port.applyPatches('S', [{ cell: '??', value: 1, numberFormat: 'General' }]))).code).toBe('invalid-input');
    expect((await caught(port.highlight('S', [{ cell: 'ZZZZ1', severity: 'error' }]))).code).toBe('invalid-input');
    const bug = toAdapterError(new TypeError('x is undefined'), 'highlight', 'S');
    expect(bug.code).toBe('internal');
    expect(bug.cause).toBeInstanceOf(TypeError);
  });

  test('outside Excel the default run says so', async () => {
    const e = await caught(excelRun({}, async () => 1));
    expect(e.code).toBe('no-excel');
  });

  test('every code has a Chinese message for every operation', () => {
    const codes: AdapterErrorCode[] = [
      'unsupported-host', 'no-excel', 'sheet-not-found', 'cell-edit-mode', 'payload-too-large', 'access-denied',
      'merged-range', 'busy', 'invalid-request', 'unsupported-operation', 'unsupported-sheet', 'undo-group',
      'invalid-input', 'open-workbook-failed', 'excel-error', 'internal',
    ];
    const ops: AdapterOperation[] = [
      'list-sheets', 'read', 'highlight', 'clear-highlights', 'select', 'snapshot', 'apply', 'restore',
      'open-workbook', 'events', 'requirements',
    ];
    for (const c of codes) for (const o of ops) expect(adapterMessage(c, o, 'S')).toMatch(/^[\u4e00-\u9fffA-Za-z0-9. ]+失败：.*[\u4e00-\u9fff]/);
    // Office.js codes seen in the tracker map to the right kinds.
    const map = (code: string): string => toAdapterError({ code }, 'apply', 'S').code;
    expect(map('InvalidOperationInCellEditMode')).toBe('cell-edit-mode');
    expect(map('RequestPayloadSizeLimitExceeded')).toBe('payload-too-large');
    expect(map('MergedRangeConflict')).toBe('merged-range');
    expect(map('ApiNotFound')).toBe('unsupported-operation');
    expect(map('PropertyNotLoaded')).toBe('internal');
    expect(toAdapterError({ code: 'ItemNotFound' }, 'highlight').code).toBe('excel-error');
  });
});
