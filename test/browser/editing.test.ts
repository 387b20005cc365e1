/**
 * The workbench as an editor, in headless Chromium (issue 10): typing, F2 / double-click, Enter, Delete and a pasted
 * block change cells; the pane re-checks what changed at once (live re-check is on, never "not supported"); Ctrl+Z /
 * Ctrl+Y and the pane's 撤销 / 重做 walk one history of edits and fixes; the downloaded copy holds exactly the edits
 * (read back with ExcelJS: values, types, nothing else changed); leaving with changes not downloaded asks first.
 * A 10,000-row sheet draws only the rows in view and the page never scrolls; 附件检查's image and zip code loads
 * only when that section needs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DIST, GRID_SCROLLER, openWorkbenchPage, ROOT, screenshotDir } from './harness';
import { rosterSid, writeRoster } from './workbooks';
import { useWorkbench } from './setup';
import { makeName } from '../helpers/rules';

jest.setTimeout(180_000);

const EXAMPLE = join(ROOT, 'examples', '学信网退学汇总名单-示例.xlsx');
const SHOTS = screenshotDir();

const site = useWorkbench();

const gridCell = (page: Page, a: string) => page.locator(`[role="gridcell"][data-address="${a}"]`);
const severityOf = (page: Page, a: string) => gridCell(page, a).getAttribute('data-severity');
const issueButton = (page: Page, a: string) => page.getByRole('list', { name: '问题列表（按规则分组）' }).getByRole('button', { name: a, exact: true });

async function waitText(page: Page, a: string, text: string): Promise<void> {
  await page.waitForFunction(([addr, t]) => document.querySelector(`[role="gridcell"][data-address="${addr}"]`)?.textContent === t, [a, text] as const);
}

/** Every cell of the first sheet of a workbook file: address → [value, number format]. */
async function cellsOf(path: string): Promise<Map<string, [unknown, string]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, [unknown, string]>();
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.set(c.address, [c.value, c.numFmt ?? 'General'])));
  return out;
}

test('edit → live re-check → undo → redo → download: the copy holds exactly the edits, codes as text', async () => {
  const page = await openWorkbenchPage(site.browser, site.url);
  await page.locator('input[type="file"]').first().setInputFiles(EXAMPLE);
  await gridCell(page, 'C2').waitFor();
  await page.getByRole('button', { name: /^校验/ }).click();
  await issueButton(page, 'D6').waitFor();
  // Bug 4: the grid is editable, so re-check follows edits.
  await page.getByText('自动重新校验：已开启').waitFor();
  expect(await page.getByText(/此环境不支持/).count()).toBe(0);

  // Double-click edits the cell as it is: take the space out of "曹 华".
  await gridCell(page, 'D6').dblclick();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('曹华');
  await page.keyboard.press('Enter');
  await waitText(page, 'D6', '曹华');
  await page.waitForFunction(() => !document.querySelector('[role="gridcell"][data-address="D6"]')?.hasAttribute('data-severity'));
  await page.getByText('已根据第 6 行的修改重新校验。').waitFor();
  expect(await issueButton(page, 'D6').count()).toBe(0);
  // Enter moved down a row.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-active-cell'))).toBe('D7');

  // Typing into the 学号 column: it stays text.
  await gridCell(page, 'C2').click();
  await page.keyboard.type('2013001200099');
  await page.screenshot({ path: join(SHOTS, 'workbench-edit.png'), animations: 'disabled' });
  await page.keyboard.press('Tab');
  await waitText(page, 'C2', '2013001200099');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-active-cell'))).toBe('D2');

  // The missing 经办人 row, typed where it belongs: table.signature-row goes.
  await issueButton(page, 'A9').waitFor();
  await gridCell(page, 'A9').click();
  await page.keyboard.type('经办人：');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[role="gridcell"][data-address="A9"]')?.hasAttribute('data-severity'));
  expect(await issueButton(page, 'A9').count()).toBe(0);

  // Delete clears; Ctrl+Z puts it back, Ctrl+Y clears it again, the pane's 撤销 / 重做 walk the same history.
  await gridCell(page, 'B3').click();
  await page.keyboard.press('Delete');
  await waitText(page, 'B3', '');
  await issueButton(page, 'B3').waitFor();
  expect(await severityOf(page, 'B3')).toBe('error');
  await page.keyboard.press('Control+z');
  await waitText(page, 'B3', '河北分部');
  await page.waitForFunction(() => !document.querySelector('[role="gridcell"][data-address="B3"]')?.hasAttribute('data-severity'));
  await page.keyboard.press('Control+y');
  await waitText(page, 'B3', '');
  await issueButton(page, 'B3').waitFor();
  await page.getByRole('button', { name: /^撤销/ }).click();
  await waitText(page, 'B3', '河北分部');
  await page.getByText('已撤销对 B3 的修改。').waitFor();
  await page.getByRole('button', { name: /^重做/ }).click();
  await waitText(page, 'B3', '');
  await page.keyboard.press('Control+z');
  await waitText(page, 'B3', '河北分部');
  expect(await issueButton(page, 'B3').count()).toBe(0);

  // Leaving now asks first.
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  // No fix was applied: the button offers the workbook, named as edited.
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载工作簿' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('学信网退学汇总名单-示例-已修改.xlsx');
  const before = await cellsOf(EXAMPLE);
  const after = await cellsOf((await download.path())!);
  expect(after.get('D6')).toEqual(['曹华', '@']);
  expect(after.get('C2')).toEqual(['2013001200099', '@']);
  expect(after.get('A9')![0]).toBe('经办人：');
  expect(after.get('B3')).toEqual(before.get('B3'));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((a) => JSON.stringify(before.get(a)) !== JSON.stringify(after.get(a)));
  expect(changed.sort()).toEqual(['A9', 'C2', 'D6']);

  // Downloaded: closing does not ask.
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await page.waitForEvent('close');
  expect(dialogs).toBe(0);
});

test('a block copied from WPS or Excel pastes into the cells from the active one, as one step', async () => {
  const page = await openWorkbenchPage(site.browser, site.url);
  await page.locator('input[type="file"]').first().setInputFiles(EXAMPLE);
  await gridCell(page, 'C2').waitFor();
  await page.getByRole('button', { name: /^校验/ }).click();
  await issueButton(page, 'C7').waitFor();
  await gridCell(page, 'C6').click();
  const block = '2213004450249\t"曹华"\r\n2313001450101\t江静琪\r\n';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await waitText(page, 'C7', '2313001450101');
  await waitText(page, 'D6', '曹华');
  await page.waitForFunction(() => !document.querySelector('[role="gridcell"][data-address="C7"]')?.hasAttribute('data-severity'));
  expect(await issueButton(page, 'D6').count()).toBe(0);
  await page.keyboard.press('Control+z');
  await waitText(page, 'C7', '２３１３００１４５０１０１');
  await waitText(page, 'D6', '曹 华');
  await issueButton(page, 'C7').waitFor();

  // And a selection copies out the same way, for WPS or Excel.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await gridCell(page, 'B2').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+c');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('河北分部\t1913001400138\r\n河北分部\t2113001400323\r\n');
});

test('bug 6: a 10,000-row sheet draws only the rows in view, the page never scrolls, and edits re-check at once', async () => {
  const path = await writeRoster(10_000, [8999]);
  const page = await openWorkbenchPage(site.browser, site.url);
  await page.locator('input[type="file"]').first().setInputFiles(path);
  await gridCell(page, 'C2').waitFor();
  const layout = () =>
    page.evaluate((sel) => {
      const scroller = document.querySelector(sel)!;
      return {
        rows: document.querySelectorAll('[role="grid"] [role="row"]').length,
        scrollerHeight: scroller.clientHeight,
        pageOverflow: document.scrollingElement!.scrollHeight - window.innerHeight,
      };
    }, GRID_SCROLLER);
  const first = await layout();
  expect(first.rows).toBeLessThan(100);
  expect(first.scrollerHeight).toBeLessThan(800);
  expect(first.pageOverflow).toBe(0);

  await page.getByRole('button', { name: /^校验/ }).click();
  await issueButton(page, 'D9001').waitFor();
  await page.locator(GRID_SCROLLER).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await gridCell(page, 'A10002').waitFor();
  expect((await layout()).rows).toBeLessThan(100);

  await issueButton(page, 'D9001').click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-active-cell') === 'D9001');
  expect(await severityOf(page, 'D9001')).toBe('error');
  await page.keyboard.type(makeName(8999));
  await page.keyboard.press('Enter');
  await page.getByText('已根据第 9001 行的修改重新校验。').waitFor();
  await page.waitForFunction(() => !document.querySelector('[role="gridcell"][data-address="D9001"]')?.hasAttribute('data-severity'));
  // A duplicate typed far from its twin is found from the kept keys.
  await gridCell(page, 'C9003').click();
  await page.keyboard.type(rosterSid(4));
  await page.keyboard.press('Enter');
  await issueButton(page, 'C9003').first().waitFor();
  expect(await page.getByRole('list', { name: '问题列表（按规则分组）' }).textContent()).toContain('row.duplicate');
  expect((await layout()).pageOverflow).toBe(0);
});

test("附件检查's image and zip code is not in the page's first load; it loads when the section checks files", async () => {
  const page = await openWorkbenchPage(site.browser, site.url);
  const scripts: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) scripts.push(path.slice(1));
  });
  await page.reload();
  await page.getByText('打开一个 .xlsx 表格').waitFor();
  // What these libraries alone contain (jpeg-js's decoder option, jszip's own error text).
  const JPEG = 'maxResolutionInMP';
  const ZIP = 'This method has been removed in JSZip 3.0';
  const holds = (file: string, marker: string) => readFileSync(join(DIST, file), 'utf8').includes(marker);
  const startup = scripts.filter((f) => !f.startsWith('office-js/'));
  expect(startup.length).toBeGreaterThan(0);
  expect(startup.filter((f) => holds(f, JPEG) || holds(f, ZIP))).toEqual([]);

  await page.locator('input[type="file"]').first().setInputFiles(EXAMPLE);
  await gridCell(page, 'C2').waitFor();
  await page.getByRole('button', { name: /^校验/ }).click();
  await issueButton(page, 'D6').waitFor();
  await page.getByRole('button', { name: '附件检查' }).click();
  await page.getByRole('region', { name: '附件检查' }).waitFor();
  expect(scripts.filter((f) => holds(f, JPEG))).toEqual([]);
  const png = readFileSync(join(ROOT, 'assets', 'icon-128.png'));
  await page.getByLabel('选择文件', { exact: true }).setInputFiles([{ name: 'x.png', mimeType: 'image/png', buffer: png }]);
  await page.getByRole('button', { name: '检查附件' }).click();
  await page.getByTestId('attachment-summary').waitFor();
  expect(scripts.filter((f) => holds(f, JPEG)).length).toBeGreaterThan(0);
});
