/**
 * The task pane for real, in headless Chromium, in workbench mode (the page opened outside Office): open an example,
 * check, click an issue and see its cell focused in the grid, preview and apply fixes, undo and see the original
 * values back, export and read the downloaded file back with ExcelJS; a fix that renames the sheet keeps the page on
 * it; the download button says what it gives; clicking an issue scrolls only the grid; a corrupt file shows a clear
 * message and the page keeps working; axe-core finds no serious violation; the pane works 320 px wide.
 * Screenshots go to a temporary folder (`npm run screenshots` writes the README's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { foreignRequests, GRID_SCROLLER, openWorkbenchPage, ROOT, screenshotDir } from './harness';
import { writeRoster } from './workbooks';
import { useWorkbench } from './setup';
import { BLUE, GREY, jpeg, png, portrait } from '../core/evidence/fixtures';
import { inspectPhoto } from '../../src/files/images';
import { photoContentDrafts } from '../../src/core/evidence';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';

jest.setTimeout(180_000);

const EXAMPLE = join(ROOT, 'examples', '学信网退学汇总名单-示例.xlsx');
const SHOTS = screenshotDir();

const site = useWorkbench();

const openPage = (width = 1280, height = 800) => openWorkbenchPage(site.browser, site.url, width, height);

async function openExample(page: Page): Promise<void> {
  await page.locator('input[type="file"]').first().setInputFiles(EXAMPLE);
  await page.locator('[data-address="C2"]').waitFor();
}

async function check(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^校验/ }).click();
  await page.getByRole('button', { name: /D6/ }).first().waitFor();
}

const cellText = (page: Page, a: string) => page.locator(`[role="gridcell"][data-address="${a}"]`).textContent();
const alerts = (page: Page) => page.getByRole('alert').allTextContents();

test('check → click an issue → fix preview → apply → undo → export, in the workbench', async () => {
  const opened = Date.now();
  const page = await openPage();
  await openExample(page);
  expect(await cellText(page, 'D6')).toBe(readCell('D6'));

  await check(page);
  await expect(page.locator('[data-address="D6"]').getAttribute('data-severity')).resolves.toBe('error');
  await page.screenshot({ path: join(SHOTS, 'workbench-check.png'), animations: 'disabled' });

  await page.getByRole('button', { name: /D6/ }).first().click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-active-cell') === 'D6');

  await page.getByRole('button', { name: /一键修复/ }).click();
  const apply = page.getByRole('button', { name: /应用/ });
  await apply.waitFor();
  await page.screenshot({ path: join(SHOTS, 'workbench-fix-preview.png'), animations: 'disabled' });
  await apply.click();
  await page.waitForFunction(() => document.querySelector('[data-address="D6"]')?.textContent === '曹华');

  await page.getByRole('button', { name: /^撤销/ }).click();
  await page.waitForFunction((v) => document.querySelector('[data-address="D6"]')?.textContent === v, readCell('D6'));

  await page.getByRole('button', { name: /一键修复/ }).click();
  await page.getByRole('button', { name: /应用/ }).click();
  await page.waitForFunction(() => document.querySelector('[data-address="D6"]')?.textContent === '曹华');
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出/ }).click();
  const download = await exported;
  expect(download.suggestedFilename()).toBe('河北分部学信网退学汇总名单.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const ws = wb.getWorksheet('退学')!;
  expect(ws.getRow(1).values).toEqual([undefined, '序号', '分部名称', '学号全码', '学生姓名']);
  expect(ws.getCell('D6').value).toBe('曹华');
  expect(ws.getCell('C2').numFmt).toBe('@');

  const copy = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载修复后的工作簿' }).click();
  expect((await copy).suggestedFilename()).toBe('学信网退学汇总名单-示例-已修复.xlsx');
  // office.js starts its telemetry frame 3 s after loading: wait past that before looking.
  await page.waitForTimeout(Math.max(0, 4000 - (Date.now() - opened)));
  expect(foreignRequests(page)).toEqual([]);
});

test('bug 1: a fix that renames the sheet keeps the page on it, counts as its preview did, and 撤销 brings it back', async () => {
  const page = await openPage();
  await openExample(page);
  await check(page);
  await page.getByRole('button', { name: /一键修复/ }).click();
  const preview = page.getByRole('region', { name: '修复预览' });
  const total = Number(/共 (\d+) 处修改/.exec((await preview.textContent())!)![1]);
  expect(await preview.textContent()).toContain('工作表改名：“Sheet1” → “退学”');
  await page.getByRole('button', { name: `应用所选修改（${total} 处）` }).click();
  await page.getByText(new RegExp(`已写入 ${total} 处修改（${total - 1} 个单元格，工作表改名为“退学”）`)).waitFor();
  await page.getByRole('tab', { name: '退学' }).waitFor();
  await page.locator('[data-address="D6"]').waitFor();
  expect(await cellText(page, 'D6')).toBe('曹华');
  expect(await alerts(page)).toEqual([]);

  await page.getByRole('button', { name: /^撤销/ }).click();
  await page.getByText(/已撤销上一次修复，恢复了 \d+ 个单元格和工作表名称“Sheet1”/).waitFor();
  await page.getByRole('tab', { name: 'Sheet1' }).waitFor();
  await page.waitForFunction((v) => document.querySelector('[data-address="D6"]')?.textContent === v, readCell('D6'));
  await page.getByRole('button', { name: '重新校验' }).click();
  await page.getByRole('button', { name: /D6/ }).first().waitFor();
  await page.waitForTimeout(300);
  expect(await alerts(page)).toEqual([]);
  expect(await page.getByText('工作表“Sheet1”', { exact: false }).count()).toBeGreaterThan(0);
});

test('bug 2: the download button says what it gives — a plain copy until a fix is applied, and again after 撤销', async () => {
  const page = await openPage();
  await openExample(page);
  await expect(page.getByRole('button', { name: '下载修复后的工作簿' }).count()).resolves.toBe(0);
  const plain = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载工作簿' }).click();
  expect((await plain).suggestedFilename()).toBe('学信网退学汇总名单-示例-副本.xlsx');
  await page.getByText(/与打开的文件内容相同，既未修复也未修改/).waitFor();
  expect(await page.getByText(/已修复/).count()).toBe(0);

  await check(page);
  await page.getByRole('button', { name: /一键修复/ }).click();
  await page.getByRole('button', { name: /应用/ }).click();
  const fixed = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载修复后的工作簿' }).click();
  expect((await fixed).suggestedFilename()).toBe('学信网退学汇总名单-示例-已修复.xlsx');

  await page.getByRole('button', { name: /^撤销/ }).click();
  await page.getByRole('button', { name: '下载工作簿' }).waitFor();
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载工作簿' }).click();
  expect((await again).suggestedFilename()).toBe('学信网退学汇总名单-示例-副本.xlsx');
});

describe('bug 3: clicking an issue scrolls only the grid; the cell lands fully visible, the toolbar stays', () => {
  test.each([
    [1280, 800],
    [320, 700],
  ])('%i px wide', async (width, height) => {
    const path = await writeRoster(300, [247]); // row 249: a space in the name (D249)
    const page = await openPage(width, height);
    await page.locator('input[type="file"]').first().setInputFiles(path);
    await page.locator('[data-address="C2"]').waitFor();
    await page.getByRole('button', { name: /^校验/ }).click();
    const issue = page.getByRole('button', { name: 'D249' });
    await issue.scrollIntoViewIfNeeded();
    await issue.click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-active-cell') === 'D249');
    await page.waitForTimeout(200);
    const box = await page.evaluate((scrollerSel) => {
      const r = (el: Element | null) => el!.getBoundingClientRect();
      const scroller = document.querySelector(scrollerSel)!;
      return {
        pageScroll: [window.scrollY, document.scrollingElement!.scrollTop, document.scrollingElement!.scrollHeight - window.innerHeight],
        toolbar: r(document.querySelector('header')),
        scroller: r(scroller),
        head: r(scroller.querySelector('[role="columnheader"]:nth-child(2)')),
        rowHead: r(scroller.querySelector('[data-address="D249"]')!.parentElement!.querySelector('[role="rowheader"]')),
        cell: r(scroller.querySelector('[data-address="D249"]')),
      };
    }, GRID_SCROLLER);
    expect(box.pageScroll).toEqual([0, 0, 0]);
    expect(box.toolbar.top).toBe(0);
    // The column letters stay above the cell, the row numbers left of it, all inside the grid's box and the window.
    expect(box.head.top).toBeGreaterThanOrEqual(box.scroller.top);
    expect(box.cell.top).toBeGreaterThanOrEqual(box.head.bottom - 1);
    expect(box.cell.bottom).toBeLessThanOrEqual(box.scroller.bottom);
    expect(box.cell.left).toBeGreaterThanOrEqual(box.rowHead.right - 1);
    expect(box.cell.right).toBeLessThanOrEqual(box.scroller.right);
    expect(box.cell.bottom).toBeLessThanOrEqual(height);
    expect(box.cell.top).toBeGreaterThanOrEqual(0);
  });
});

test('a corrupt file shows a clear Chinese message and the page keeps working', async () => {
  const page = await openPage();
  await page.locator('input[type="file"]').first().setInputFiles({ name: '坏文件.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('这不是表格') });
  await page.getByRole('alert').getByText(/坏文件\.xlsx/).waitFor();
  await openExample(page);
  await check(page);
});

test('the pane has no serious accessibility violation (axe-core)', async () => {
  const page = await openPage();
  await openExample(page);
  await check(page);
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    // Fluent UI's focus manager (tabster) puts invisible, aria-hidden focus sentinels around dialogs and lists;
    // they are its documented mechanism, not content, so they are left out of the scan.
    return axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
  });
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 2).map((n) => (n as { html: string }).html.slice(0, 300)))}`);
  expect(serious).toEqual([]);
});

test('the pane works 320 px wide (the narrowest task pane)', async () => {
  const page = await openPage(320, 700);
  await openExample(page);
  await check(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of [/^校验/, /一键修复/, /^撤销/, /^重做/, /导出/, /重新校验/]) {
    const button = page.getByRole('button', { name }).first();
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  }
  await page.screenshot({ path: join(SHOTS, 'workbench-320.png'), animations: 'disabled' });
});

/** What the example holds in a cell, read with ExcelJS (the truth the grid must show). */
function readCell(address: string): string {
  return CELLS.get(address) ?? '';
}
const CELLS = new Map<string, string>();
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => CELLS.set(c.address, String(c.value))));
});

test('附件检查 in the workbench: scans picked for the roster are matched to its rows', async () => {
  const page = await openPage();
  await openExample(page);
  await check(page);
  await page.getByRole('button', { name: '附件检查' }).click();
  // One scan named right for the first student (a real PNG), one with a "+" for the second; the rest are missing.
  const first = CELLS.get('C2')! + CELLS.get('D2')!;
  const png = readFileSync(join(ROOT, 'assets', 'icon-128.png'));
  await page.getByLabel('选择文件', { exact: true }).setInputFiles([
    { name: `${first}.png`, mimeType: 'image/png', buffer: png },
    { name: `${CELLS.get('C3')}+${CELLS.get('D3')}.png`, mimeType: 'image/png', buffer: png },
  ]);
  await page.getByRole('button', { name: '检查附件' }).click();
  const section = page.getByRole('region', { name: '附件检查' });
  // The section's code is loaded on first use: on a busy machine that takes longer than playwright's 30 s default.
  await section.getByText('evidence.name').first().waitFor({ timeout: 60_000 });
  await expect(section.getByText('evidence.missing').count()).resolves.toBeGreaterThan(0);
  // 128×128 is below the 200×200 minimum: evidence.resolution on the first student's scan.
  await section.getByText('evidence.resolution').first().waitFor();
});

test('修正照片 in the workbench: the image libraries (WebAssembly) load from our own server and the copies conform', async () => {
  const page = await openPage();
  await openExample(page);
  await check(page);
  await page.getByRole('button', { name: '附件检查' }).click();
  const section = page.getByRole('region', { name: '附件检查' });
  await section.getByRole('radio', { name: '毕业照片' }).check();
  // An oversized phone-like photo named 学号+姓名 (PNG), a landscape JPG, and one with a grey background.
  await page.getByLabel('选择文件', { exact: true }).setInputFiles([
    { name: `${CELLS.get('C2')}${CELLS.get('D2')}.png`, mimeType: 'image/png', buffer: Buffer.from(png(900, 1200, portrait(900, 1200))) },
    { name: `${CELLS.get('C3')}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(jpeg(1600, 1200, (x, y) => (x >= 350 && x < 1250 ? portrait(900, 1200)(x - 350, y) : BLUE), 90)) },
    { name: `${CELLS.get('C4')}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(jpeg(480, 640, portrait(480, 640, { background: GREY }), 90)) },
  ]);
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: '修正照片' }).click();
  const file = await (await download).path();
  await section.getByTestId('photo-fix-summary').waitFor();
  expect(await section.getByTestId('photo-fix-summary').textContent()).toContain('已生成合格照片 2 张');
  await section.locator('li[data-rule="photo.background"]').first().waitFor();

  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files);
  expect(names).toEqual([`${CELLS.get('C2')}.jpg`, `${CELLS.get('C3')}.jpg`]);
  for (const n of names) {
    const bytes = await zip.files[n]!.async('uint8array');
    expect(bytes.length).toBeLessThanOrEqual(50_000);
    const f = inspectPhoto({ path: n, size: bytes.length, bytes }, DEFAULT_PROFILE);
    expect([f.width, f.height]).toEqual([480, 640]);
    expect(photoContentDrafts(f, '.jpg', DEFAULT_PROFILE.photos)).toEqual([]);
  }
  expect(foreignRequests(page)).toEqual([]);
});
