/**
 * @jest-environment jsdom
 */
import { ExcelAdapterError } from '../../src/excel/errors';
import { browserDownload, openWorkbook } from '../../src/excel/open-workbook';
import { FakeExcel, portFor } from './helpers';

const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);

function stubUrl(): { created: unknown[]; revoked: string[] } {
  const created: unknown[] = [];
  const revoked: string[] = [];
  Object.assign(URL, {
    createObjectURL: (b: unknown) => {
      created.push(b);
      return 'blob:xueji/1';
    },
    revokeObjectURL: (u: string) => revoked.push(u),
  });
  return { created, revoked };
}

describe('openWorkbook', () => {
  test('Excel.createWorkbook gets the bytes as base64', async () => {
    const calls: string[] = [];
    const result = await openWorkbook('导出.xlsx', bytes, {
      createWorkbook: async (b64) => void calls.push(b64),
      download: () => {
        throw new Error('must not download');
      },
    });
    expect(result).toBe('opened');
    expect(calls).toEqual(['UEsDBP8AEA==']);
  });

  test('when createWorkbook fails, the file is downloaded and the failure is reported', async () => {
    const { created } = stubUrl();
    const clicks: Array<{ href: string; download: string }> = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    const failures: ExcelAdapterError[] = [];
    const result = await openWorkbook('导出.xlsx', bytes, {
      createWorkbook: async () => {
        throw Object.assign(new Error('internal'), { code: 'GeneralException' });
      },
      download: browserDownload,
      onOpenFailed: (e) => failures.push(e),
    });
    expect(result).toBe('downloaded');
    expect(clicks).toEqual([{ href: 'blob:xueji/1', download: '导出.xlsx' }]);
    expect(created).toHaveLength(1);
    expect(document.querySelectorAll('a').length).toBe(0);
    expect(failures[0]).toMatchObject({ code: 'excel-error', operation: 'open-workbook', officeCode: 'GeneralException' });
    click.mockRestore();
  });

  test('through the port: no createWorkbook → download; neither → typed error', async () => {
    stubUrl();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fake = new FakeExcel();
    expect(await portFor(fake, { createWorkbook: null, download: browserDownload }).openWorkbook('a.xlsx', bytes)).toBe('downloaded');
    await expect(portFor(fake, { createWorkbook: null, download: () => false }).openWorkbook('a.xlsx', bytes)).rejects.toMatchObject({
      code: 'open-workbook-failed',
      message: expect.stringMatching(/打开导出的工作簿失败/),
    });
    click.mockRestore();
  });
});
