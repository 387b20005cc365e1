/**
 * Peak memory of `xueji` on a 1,000,000-row sheet and on the bombs of issue 14 (part of `npm run bench`; alone:
 * `node build/bench/memory.js`). Each command runs in its own process, started as the `xueji` executable starts its
 * worker (same heap cap, from the default profile's limits.memoryMB), and reports its peak resident memory.
 * Goal: ≤ 1 GB for any input. Files are generated (fake students, or synthetic XML), never kept.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writeBenchSheet } from './generate';
import { DEFAULT_MEMORY_MB, heapMb } from '../src/cli/launcher';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal .xlsx whose sheet (and shared strings) XML come from generators, deflated as they stream. */
async function rawXlsx(path: string, sheet: () => Iterable<string>, strings?: () => Iterable<string>): Promise<void> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R_NS}"><sheets><sheet name="退学" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/worksheet" Target="worksheets/sheet1.xml"/>${strings ? `<Relationship Id="rId2" Type="${R_NS}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`);
  const stream = (gen: () => Iterable<string>) => Readable.from((function* () {
    let buf = '';
    for (const s of gen()) {
      buf += s;
      if (buf.length > 1 << 16) {
        yield Buffer.from(buf);
        buf = '';
      }
    }
    if (buf) yield Buffer.from(buf);
  })());
  zip.file('xl/worksheets/sheet1.xml', stream(sheet) as unknown as NodeJS.ReadableStream);
  if (strings) zip.file('xl/sharedStrings.xml', stream(strings) as unknown as NodeJS.ReadableStream);
  await pipeline(zip.generateNodeStream({ streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 1 } }), createWriteStream(path));
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`;
const ROSTER_HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>分部名称</t></is></c><c r="C1" t="inlineStr"><is><t>学号全码</t></is></c><c r="D1" t="inlineStr"><is><t>学生姓名</t></is></c></row>';

function* cellBomb(rows: number, cols: number): Iterable<string> {
  yield HEAD + ROSTER_HEAD;
  for (let r = 2; r <= rows; r++) {
    let s = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) s += `<c><v>${c}</v></c>`;
    yield `${s}</row>`;
  }
  yield '</sheetData></worksheet>';
}

function* sstBomb(count: number): Iterable<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${count}" uniqueCount="${count}">`;
  for (let i = 0; i < count; i++) yield `<si><t>${i % 10}</t></si>`;
  yield '</sst>';
}

/** `bytes` of XML that inflate from almost nothing: whitespace, or empty rows (`<row/>`). */
function* zipBomb(bytes: number, kind: 'space' | 'rows'): Iterable<string> {
  yield HEAD + ROSTER_HEAD;
  const pad = kind === 'space' ? ' '.repeat(1 << 20) : '<row/>'.repeat((1 << 20) / 6);
  for (let n = 0; n < bytes; n += pad.length) yield pad;
  yield '</sheetData></worksheet>';
}

async function withStray(path: string, address: string, mergeAll = false): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退学');
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
  ws.addRow([1, '河北分部', '2013001200001', '王 伟']);
  ws.addRow([2, '河北分部', '2013001200002', '李伟']);
  if (address) ws.getCell(address).value = 'x';
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(buf);
  if (mergeAll) {
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="F1:XFD1048576"/></mergeCells>'));
  }
  await pipeline(zip.generateNodeStream({ compression: 'DEFLATE' }), createWriteStream(path));
}

interface Measured {
  code: number;
  peakMb: number;
  seconds: number;
  message: string;
}

function measure(argv: string[]): Measured {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb(DEFAULT_MEMORY_MB)}`, join(__dirname, 'peak.js'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Measured;
  } catch {
    // The worker died (out of memory, a signal): the launcher would say 内存不足 with exit 2.
    return { code: r.status ?? -1, peakMb: NaN, seconds: NaN, message: `进程异常结束（${r.signal ?? r.status}）` };
  }
}

const mb = (n: number) => `${n.toFixed(0).padStart(5)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xueji-memory-'));
  const out = join(dir, '输出');
  mkdirSync(out);
  const rowsEnv = Number(process.env.BENCH_MEMORY_ROWS ?? 1_000_000);
  process.stdout.write(`峰值内存（每条命令单独一个进程，与 xueji 相同的堆上限 ${heapMb(DEFAULT_MEMORY_MB)} MB，limits.memoryMB = ${DEFAULT_MEMORY_MB}；目标 ≤ 1,024 MB）\n`);
  const cases: { name: string; make: (file: string) => Promise<void>; runs: string[][] }[] = [
    { name: `退学名单 ${rowsEnv.toLocaleString('en-US')} 行`, make: (f) => writeBenchSheet(f, 'withdrawal', rowsEnv), runs: [['check'], ['check', '--json'], ['fix', '-o', join(out, 'w.xlsx')]] },
    { name: `信息修改统计表 ${rowsEnv.toLocaleString('en-US')} 行`, make: (f) => writeBenchSheet(f, 'correction', rowsEnv), runs: [['check']] },
    { name: `退学名单 ${DEFAULT_PROFILE.limits.fixMaxRows.toLocaleString('en-US')} 行（修复上限）`, make: (f) => writeBenchSheet(f, 'withdrawal', DEFAULT_PROFILE.limits.fixMaxRows - 2), runs: [['fix', '-o', join(out, 'f.xlsx')]] },
    { name: 'XFD1048576 一个值（7 KB）', make: (f) => withStray(f, 'XFD1048576'), runs: [['check'], ['export', '-o', out], ['fix', '-o', join(out, 'x.xlsx')]] },
    { name: 'A1048576 一个值', make: (f) => withStray(f, 'A1048576'), runs: [['check', '--json']] },
    { name: '合并单元格 F1:XFD1048576', make: (f) => withStray(f, '', true), runs: [['fix', '-o', join(out, 'm.xlsx')]] },
    { name: '单元格炸弹（1,000,000 行 × 40 格）', make: (f) => rawXlsx(f, () => cellBomb(1_000_000, 40)), runs: [['check']] },
    { name: '共享字符串炸弹（20,000,000 个）', make: (f) => rawXlsx(f, () => cellBomb(3, 4), () => sstBomb(20_000_000)), runs: [['check'], ['fix', '-o', join(out, 's.xlsx')]] },
    { name: '压缩炸弹（解压后 1.5 GB 的空白）', make: (f) => rawXlsx(f, () => zipBomb(1_500_000_000, 'space')), runs: [['check']] },
    { name: '压缩炸弹（解压后 1.5 GB 的空行）', make: (f) => rawXlsx(f, () => zipBomb(1_500_000_000, 'rows')), runs: [['check'], ['fix', '-o', join(out, 'z.xlsx')]] },
  ];
  try {
    for (const c of cases) {
      const file = join(dir, 'input.xlsx');
      await c.make(file);
      process.stdout.write(`${c.name}（文件 ${(statSync(file).size / 1e6).toFixed(1)} MB）\n`);
      for (const argv of c.runs) {
        const full = [argv[0]!, file, ...argv.slice(1), '--report-date', '2026-11-22'];
        const m = measure(full);
        const what = ['xueji', argv[0], ...argv.slice(1).map((a) => (a.startsWith(out) ? '…' : a))].join(' ');
        process.stdout.write(`  ${what.padEnd(24)} 退出码 ${m.code}  峰值 ${mb(m.peakMb)}  ${m.seconds.toFixed(1).padStart(6)} 秒${m.message ? `  ${m.message.slice(0, 70)}` : ''}\n`);
      }
      rmSync(file, { force: true });
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`内存基准失败：${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
