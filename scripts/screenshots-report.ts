/**
 * `npm run screenshots:report`: renders the written report of the examples (fictional students) to PNG for the README —
 * the 信息修改书面报告 of examples/新生基本信息修改情况统计表-示例.xlsx on the report date 2026-11-22 (three rows filed
 * late, so its 情况说明 follows): page 1 → docs/screenshots/written-report.png, the 情况说明 page →
 * docs/screenshots/written-report-late.png. The .docx is made exactly as `xueji report` makes it, then converted by
 * LibreOffice (headless) to PDF and by pdftoppm (poppler-utils) to PNG. Run by hand when the report's look changes;
 * the tests never need LibreOffice (they read the .docx XML).
 *   apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSheetsStreaming } from '../src/files/node-io';
import { reportDocxBytes } from '../src/files/report-docx';
import { buildWrittenReports } from '../src/core/written-report';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLE = '新生基本信息修改情况统计表-示例.xlsx';
const REPORT_DATE = { y: 2026, m: 11, d: 22 };
const SHOTS = join(ROOT, 'docs', 'screenshots');
/** Pixels per inch of the PNG: an A4 page 909 × 1286 pixels. */
const DPI = '110';

function tool(name: string, hint: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`找不到 ${name}：请先安装（${hint}）`);
}

async function main(): Promise<void> {
  const soffice = tool('soffice', 'apt-get install -y libreoffice-writer-nogui');
  const pdftoppm = tool('pdftoppm', 'apt-get install -y poppler-utils');
  const work = mkdtempSync(join(tmpdir(), 'xueji-report-shot-'));
  try {
    const sheets = await readSheetsStreaming(join(ROOT, 'examples', EXAMPLE));
    const reports = buildWrittenReports([{ file: EXAMPLE, sheets }], DEFAULT_PROFILE, REPORT_DATE);
    const doc = reports.correction?.document;
    if (!doc || reports.inputs.errors.length) throw new Error(`${EXAMPLE} 不再能生成信息修改书面报告，请检查示例`);
    const docx = join(work, doc.fileName);
    writeFileSync(docx, await reportDocxBytes(doc));
    // A profile of its own, so that a LibreOffice the user has open is not disturbed.
    const profile = `file://${join(work, 'lo-profile')}`;
    execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], { stdio: 'pipe', timeout: 120_000 });
    const pdf = docx.replace(/\.docx$/, '.pdf');
    execFileSync(pdftoppm, ['-png', '-r', DPI, pdf, join(work, 'page')], { stdio: 'pipe', timeout: 60_000 });
    const pages = readdirSync(work).filter((n) => /^page-\d+\.png$/.test(n)).sort();
    if (pages.length < 2) throw new Error(`渲染结果只有 ${pages.length} 页，应有报告页和情况说明页`);
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(join(work, pages[0]!), join(SHOTS, 'written-report.png'));
    copyFileSync(join(work, pages[pages.length - 1]!), join(SHOTS, 'written-report-late.png'));
    process.stdout.write(`已渲染 ${pages.length} 页：docs/screenshots/written-report.png（第1页）、docs/screenshots/written-report-late.png（情况说明）\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`screenshots:report：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
