/**
 * The basic read / select / write paths against Microsoft's own mock (office-addin-mock's OfficeMockObject), so
 * that the adapter is not only right about the project's fake. The mock models load/sync (a property read before
 * load + sync gives its "not loaded" marker) but not queuing order, payloads, or collections' `items` (an array is
 * plain data to it, so `load('items/name')` cannot be expressed): listSheets and everything else is tested on the fake.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose dependency chain ends in an
// ESM-only package (strip-bom) that jest's CommonJS runtime cannot load. The enum's values, as in
// office-addin-manifest's OfficeApp:
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    Project: 'project',
    PowerPoint: 'powerpoint',
    Word: 'word',
  },
}));
import { ExcelPort } from '../../src/excel/excel-port';
import type { ExcelRun } from '../../src/excel/run';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Mock = any;

const supported = (_: string, v: string): boolean => ['1.4', '1.8', '1.9', '1.12'].includes(v);

function portOver(mock: Mock): ExcelPort {
  const run: ExcelRun = async (_options, batch) => batch(mock.context);
  return new ExcelPort({ run, isSetSupported: supported, pause: async () => undefined, createWorkbook: null });
}

function mockWorkbook(): Mock {
  const data = {
    context: {
      workbook: {
        application: {
          suspendScreenUpdatingUntilNextSync: function (this: Mock) {
            this.suspended = (this.suspended ?? 0) + 1;
          },
        },
        worksheets: {
          sheet: {
            name: '退学',
            used: { rowIndex: 0, columnIndex: 0, rowCount: 2, columnCount: 2 },
            block: {
              values: [
                ['学号', '姓名'],
                [2023010100001, '张三'],
              ],
              numberFormat: [
                ['General', 'General'],
                ['General', '@'],
              ],
              valueTypes: [
                ['String', 'String'],
                ['Double', 'String'],
              ],
              formulas: { address: '' },
            },
            a2: {
              values: [[2023010100001]],
              numberFormat: [['General']],
              formulas: [[2023010100001]],
              valueTypes: [['Double']],
            },
            getUsedRangeOrNullObject: function (this: Mock) {
              return this.used;
            },
            getRangeByIndexes: function (this: Mock, row: number, col: number, rows: number, cols: number) {
              this.blockArgs = [row, col, rows, cols];
              return this.block;
            },
            getRange: function (this: Mock, address: string) {
              this.lastAddress = address;
              return this.a2;
            },
            activate: function (this: Mock) {
              this.activated = true;
            },
          },
          getItem: function (this: Mock, name: string) {
            if (name !== '退学') throw new Error('ItemNotFound');
            return this.sheet;
          },
        },
      },
    },
  };
  const mock: Mock = new OfficeMockObject(data);
  const sheet = mock.context.workbook.worksheets.sheet;
  // Office sets isNullObject on every loaded object; the mock does not model it, so it is plain data here.
  sheet.used.isNullObject = false;
  sheet.block.formulas.isNullObject = true;
  sheet.block.getSpecialCellsOrNullObject = function (type: string) {
    sheet.block.specialType = type;
    return sheet.block.formulas;
  };
  sheet.a2.select = function () {
    sheet.a2.selected = true;
  };
  return mock;
}

describe('against office-addin-mock', () => {
  test('readSheet: the used range is read as one block of values, number formats and value types', async () => {
    const mock = mockWorkbook();
    const input = await portOver(mock).readSheet('退学');
    const sheet = mock.context.workbook.worksheets.sheet;
    expect(sheet.blockArgs).toEqual([0, 0, 2, 2]);
    expect(sheet.block.specialType).toBe('Formulas');
    expect(input).toEqual({
      name: '退学',
      rows: [
        [
          { kind: 'string', value: '学号' },
          { kind: 'string', value: '姓名' },
        ],
        [
          { kind: 'number', value: 2023010100001 },
          { kind: 'string', value: '张三', numberFormat: '@' },
        ],
      ],
      merges: [], // ExcelApi 1.13 not offered: merges not asked for
    });
  });

  test('select: activates the sheet and selects the cell', async () => {
    const mock = mockWorkbook();
    await portOver(mock).select('退学', '$A$2');
    const sheet = mock.context.workbook.worksheets.sheet;
    expect(sheet.activated).toBe(true);
    expect(sheet.lastAddress).toBe('A2');
    expect(sheet.a2.selected).toBe(true);
  });

  test('applyPatches: snapshot first, then the code written as text', async () => {
    const mock = mockWorkbook();
    const snapshot = await portOver(mock).applyPatches('退学', [{ cell: 'A2', value: '2023010100001', numberFormat: '@' }]);
    expect(snapshot).toEqual({ sheet: '退学', cells: [{ cell: 'A2', value: 2023010100001, numberFormat: 'General' }] });
    const a2 = mock.context.workbook.worksheets.sheet.a2;
    expect(a2.values).toEqual([['2023010100001']]);
    expect(a2.numberFormat).toEqual([['@']]);
    expect(mock.context.workbook.application.suspended).toBe(1);
  });

  test('readRows: the used part of the changed rows, their formats and types, and the sheet\'s last row', async () => {
    const mock: Mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: {
              name: '退学',
              used: { rowIndex: 0, rowCount: 9 },
              band: {
                cells: {
                  rowIndex: 4,
                  columnIndex: 1,
                  values: [['2023010100005', '刘 洋']],
                  numberFormat: [['@', 'General']],
                  valueTypes: [['String', 'String']],
                },
                formulas: { address: '' },
                getUsedRangeOrNullObject: function (this: Mock, valuesOnly: boolean) {
                  this.valuesOnly = valuesOnly;
                  return this.cells;
                },
              },
              getUsedRangeOrNullObject: function (this: Mock) {
                return this.used;
              },
              getRange: function (this: Mock, address: string) {
                this.addresses = [...(this.addresses ?? []), address];
                return this.band;
              },
            },
            getItem: function (this: Mock, name: string) {
              if (name !== '退学') throw new Error('ItemNotFound');
              return this.sheet;
            },
          },
        },
      },
    });
    const sheet = mock.context.workbook.worksheets.sheet;
    sheet.used.isNullObject = false;
    sheet.band.cells.isNullObject = false;
    sheet.band.formulas.isNullObject = true;
    sheet.band.getSpecialCellsOrNullObject = function (type: string) {
      sheet.band.specialType = type;
      return sheet.band.formulas;
    };
    const read = await portOver(mock).readRows('退学', [5]);
    expect(sheet.addresses).toEqual(['5:5']);
    expect(sheet.band.valuesOnly).toBe(true);
    expect(sheet.band.specialType).toBe('Formulas');
    expect(read).toEqual({
      sheet: '退学',
      rows: [{ row: 5, cells: [undefined, { kind: 'string', value: '2023010100005', numberFormat: '@' }, { kind: 'string', value: '刘 洋' }] }],
      lastRow: 9,
    });
  });

  test('a property read without load + sync is caught by the mock too', async () => {
    const mock = mockWorkbook();
    const sheet = mock.context.workbook.worksheets.sheet;
    expect(sheet.block.values).toBe('Error, property was not loaded');
  });
});
