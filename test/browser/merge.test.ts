/**
 * 汇总 for real, in headless Chromium, in workbench mode: three centres' rosters (generated, fictional students) dropped
 * on the page at once open the merge in place of the sheet; it lists each file with its template and records, names
 * the 学号 two files both have with both files and rows, and downloads one merged file that reads back sorted, 序号
 * renumbered, one 经办人 row, both duplicated records kept (the registrar went on anyway). A single dropped file still
 * opens as a workbook; 汇总多个文件… picks several; 返回 leaves the merge. Nothing leaves the machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { foreignRequests, openWorkbenchPage, screenshotDir } from './harness';
import { useWorkbench } from './setup';
import { makeName, makeSid } from '../helpers/rules';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';

jest.setTimeout(180_000);

const site = useWorkbench();
const dir = mkdtempSync(join(tmpdir(), 'xueji-browser-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A centre's 退学 roster of these students (学号 serials), 序号 1..n, 学号 as text, the 经办人 row. */
async function centre(name: string, serials: number[]): Promise<{ name: string; bytes: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
  serials.forEach((s, i) => (ws.addRow([i + 1, '河北分部', makeSid(s), makeName(s)]).getCell(3).numFmt = '@'));
  ws.addRow([DEFAULT_PROFILE.withdrawal.signature]);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return { name, bytes: readFileSync(path).toString('base64') };
}

/** Drops the files on the page as a registrar drags them from a folder. */
async function drop(page: Page, files: { name: string; bytes: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const raw = Uint8Array.from(atob(f.bytes), (c) => c.charCodeAt(0));
      data.items.add(new File([raw], f.name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    }
    const target = document.querySelector('main')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

const SIGNATURE = DEFAULT_PROFILE.withdrawal.signature;

test('three files dropped: listed with template and records, the cross-file duplicate named, the merged file downloaded', async () => {
  const files = [await centre('中心A.xlsx', [5, 1, 9]), await centre('中心B.xlsx', [3, 7]), await centre('中心C.xlsx', [2, 9])];
  const page = await openWorkbenchPage(site.browser, site.url);
  await drop(page, files);

  const view = page.getByRole('main', { name: '汇总' });
  await view.getByRole('heading', { name: '汇总 3 个文件：学信网退学汇总名单（withdrawal）' }).waitFor({ timeout: 60_000 });
  const sources = view.getByRole('region', { name: '要汇总的文件' });
  const rows = await sources.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
  expect(rows).toEqual([
    ['中心A.xlsx', '退学', '学信网退学汇总名单', '3', '1'], // its rows out of 学号 order: sorted
    ['中心B.xlsx', '退学', '学信网退学汇总名单', '2', '0'],
    ['中心C.xlsx', '退学', '学信网退学汇总名单', '2', '0'],
  ]);

  const dups = view.getByRole('region', { name: '两个文件中都有的记录' });
  await expect(dups.getByRole('heading').textContent()).resolves.toBe('两个文件中都有的记录（1 条）');
  const dupText = await dups.locator('li').allTextContents();
  expect(dupText).toHaveLength(1);
  expect(dupText[0]).toContain(`同一学号重复出现（${makeSid(9)}）：中心A.xlsx 工作表「退学」第4行 和 中心C.xlsx 工作表「退学」第3行`);
  expect(dupText[0]).toContain('（汇总文件第7、8行）');
  await view.getByText('还有 1 个错误无法自动修复').waitFor();
  await page.screenshot({ path: join(screenshotDir(), 'workbench-merge.png'), animations: 'disabled' });

  // The preview: sorted, each row with where it comes from.
  const preview = view.getByRole('region', { name: '汇总后的表格（预览）' });
  const firstRows = await preview.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 2).map((tr) => Array.from(tr.children, (td) => td.textContent)));
  expect(firstRows).toEqual([
    ['2', '1', '河北分部', makeSid(1), makeName(1), '中心A.xlsx 工作表「退学」第3行'],
    ['3', '2', '河北分部', makeSid(2), makeName(2), '中心C.xlsx 工作表「退学」第2行'],
  ]);

  const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: '忽略错误，仍然下载汇总文件' }).click()]);
  expect(download.suggestedFilename()).toBe('河北分部学信网退学汇总名单.xlsx');
  await view.getByRole('status').getByText(/^已下载“河北分部学信网退学汇总名单\.xlsx”：7 行记录/).waitFor();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const written: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => written.push((row.values as unknown[]).slice(1)));
  expect(written).toEqual([
    ['序号', '分部名称', '学号全码', '学生姓名'],
    ...[1, 2, 3, 5, 7, 9, 9].map((s, i) => [i + 1, '河北分部', makeSid(s), makeName(s)]),
    [SIGNATURE],
  ]);

  // 返回 leaves the merge for the empty workbench.
  await view.getByRole('button', { name: '返回' }).click();
  await page.getByText('打开一个 .xlsx 表格').waitFor();
  expect(foreignRequests(page)).toEqual([]);
  await page.context().close();
});

test('汇总多个文件… with files of different templates: refused with a clear message; a corrupt one named; one dropped file opens as a workbook', async () => {
  const roster = await centre('退学名单.xlsx', [11, 12]);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('免考信息').addRow(['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因']);
  wb.worksheets[0]!.addRow(['01300801', makeSid(13), makeName(13), '00001', DEFAULT_PROFILE.exemption.reasons[0]!.text]);
  await wb.xlsx.writeFile(join(dir, '免考.xlsx'));
  const exemption = { name: '免考.xlsx', bytes: readFileSync(join(dir, '免考.xlsx')).toString('base64') };

  const page = await openWorkbenchPage(site.browser, site.url);
  // Through 汇总多个文件… this time (the button in the toolbar).
  await page.getByLabel('汇总多个 .xlsx 文件').first().setInputFiles([join(dir, roster.name), join(dir, exemption.name)]);
  const alert = page.getByRole('main', { name: '汇总' }).getByRole('alert');
  await alert.getByText('无法汇总').waitFor({ timeout: 60_000 });
  expect(await alert.textContent()).toContain(
    '所给文件不是同一种表格，不能汇总成一份：退学名单.xlsx 是学信网退学汇总名单（withdrawal）；免考.xlsx 是免考信息表（exemption）',
  );
  await page.getByRole('main', { name: '汇总' }).getByRole('button', { name: '返回' }).click();

  // A corrupt file among the others: named in the message, nothing merged.
  await drop(page, [roster, await centre('中心E.xlsx', [14]), { name: '损坏.xlsx', bytes: Buffer.from(roster.bytes, 'base64').subarray(0, 300).toString('base64') }]);
  const failed = page.getByRole('main', { name: '汇总' }).getByRole('alert');
  await failed.getByText('无法读取文件').waitFor({ timeout: 60_000 });
  expect(await failed.textContent()).toContain('“损坏.xlsx”');
  expect(await page.getByRole('region', { name: '要汇总的文件' }).count()).toBe(0);
  await page.getByRole('main', { name: '汇总' }).getByRole('button', { name: '返回' }).click();

  await drop(page, [roster]);
  await page.locator('[data-address="C2"]').waitFor();
  expect(await page.getByRole('main', { name: '汇总' }).count()).toBe(0);
  await page.context().close();
});
