/**
 * 生成书面报告 for real, in headless Chromium, in workbench mode: neither the section's code nor the `docx` library is in
 * what the pane loads at start — the section's chunk is fetched when it is opened, docx's when the button is clicked —,
 * and the two reports are downloaded as .docx files that read back with the counts of the example sheets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { ensureBuilt, launch, ROOT, serveDist } from './harness';
import { readDocx } from '../helpers/docx';

jest.setTimeout(180_000);

const CORRECTION = join(ROOT, 'examples', '新生基本信息修改情况统计表-示例.xlsx');
const ROSTER = join(ROOT, 'examples', '学信网退学汇总名单-示例.xlsx');

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  ensureBuilt();
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The script chunks the page fetched, by name ('taskpane', 'docx', 'written-report' …). */
function chunkNames(urls: string[]): string[] {
  return urls.map((u) => /\/([\w-]+)(?:\.[0-9a-f]{8})?\.js$/.exec(u)?.[1]).filter((n): n is string => n !== undefined);
}

async function bytes(d: Download): Promise<Uint8Array> {
  return readFileSync((await d.path())!);
}

test('the section loads when opened, docx only on 生成书面报告; both reports download and read back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  const page: Page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.url());
  });
  await page.goto(`${server.url}taskpane.html`);
  await page.getByText('打开一个 .xlsx 表格').waitFor();
  await page.locator('input[type="file"]').first().setInputFiles(CORRECTION);
  await page.locator('[data-address="B3"]').waitFor();

  // The pane starts without the section's code and without docx.
  const started = chunkNames(scripts);
  expect(started).toContain('taskpane');
  expect(started).not.toContain('written-report');
  expect(started).not.toContain('docx');
  // Opening the section fetches its chunk, still not docx.
  await page.getByRole('button', { name: '书面报告' }).click();
  await page.getByLabel('添加其他工作簿（.xlsx）').setInputFiles(ROSTER);
  expect(chunkNames(scripts)).toContain('written-report');
  expect(chunkNames(scripts)).not.toContain('docx');
  // The initial bundle carries none of docx's own code either.
  const main = scripts.find((u) => chunkNames([u])[0] === 'taskpane')!;
  const mainCode = await (await page.request.get(main)).text();
  expect(mainCode).not.toContain('w:pgSz');

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: '生成书面报告' }).click();
  await page.getByRole('status').getByText(/已生成“学信网退学书面报告\.docx”/).waitFor({ timeout: 60_000 });
  // Both files are saved one after the other: wait (up to 10 s) for the second.
  for (let i = 0; i < 100 && downloads.length < 2; i++) await page.waitForTimeout(100);
  expect(downloads).toHaveLength(2);
  expect(chunkNames(scripts)).toContain('docx');

  expect(downloads.map((d) => d.suggestedFilename())).toEqual(['信息修改书面报告.docx', '学信网退学书面报告.docx']);
  const c = await readDocx(await bytes(downloads[0]!));
  expect(c.texts[0]).toBe('学生基本信息修改书面报告');
  expect(c.texts[1]).toContain('共涉及学生 4 人，修改信息 4 项，其中信息变更 1 项，信息录入错误 3 项。');
  const w = await readDocx(await bytes(downloads[1]!));
  expect(w.texts[1]).toContain('共提交学信网退学申请 1 批，共 7 名学生');
  await context.close();
});
