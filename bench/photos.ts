/**
 * The photo part of `npm run bench` (issue 11 item 5): `xueji photos --fix` on N phone-sized sources (3000×4000
 * JPEG, ~3.7 MB each, sensor noise and textured hair and clothes, so that the copies must really be squeezed into
 * 50,000 bytes). Ten distinct pictures are generated and hard-linked under N students' numbers (regular files to
 * the command; the disk holds ten). Measured: the whole command, the time per photo, the process's peak resident
 * memory (worker threads included) sampled every 100 ms — for two batch sizes, to show memory does not grow with
 * the batch. Also the cost of each step on one source, in this thread, with the command line's native codecs (sharp)
 * and with the task pane's WebAssembly ones.
 */
import ExcelJS from 'exceljs';
import { decode as decodeJpegJs, encode as encodeJpeg } from 'jpeg-js';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { makeStudent, rng } from '../scripts/fake/students';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';
import { loadNativePhotoCodecs, loadWasmPhotoCodecs } from '../src/files/photo-codecs-node';
import type { PhotoCodecs } from '../src/files/photo-fix';
import { pickScale } from '../src/files/jpeg-turbo';
import { measurePhoto } from '../src/core/evidence/photo-measure';
import { searchQuality } from '../src/core/evidence/quality-search';
import { DEFAULT_PROFILE } from '../src/core/profile/default-profile';

const W = 3000;
const H = 4000;
const DISTINCT = 10;

/** One phone-like portrait: blue wall, a head whose top is 10–15 % down, textured hair and clothes, sensor noise. */
export function phonePhoto(seed: number): Uint8Array {
  const r = rng(seed);
  const data = new Uint8Array(W * H * 4);
  const bg = [60 + Math.floor(r() * 40), 140 + Math.floor(r() * 40), 220 + Math.floor(r() * 30)];
  const top = H * (0.1 + r() * 0.05);
  const ry = H * 0.17;
  const cy = top + ry;
  const neck = cy + ry * 0.8;
  const tex = Array.from({ length: 8192 }, () => Math.floor(r() * 60) - 30);
  let s = seed >>> 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const head = ((x - W / 2) / (W * 0.17)) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const body = y > neck && Math.abs(x - W / 2) < W * (0.3 + (y - neck) / H);
      let c: number[];
      if (head) {
        const hair = y < cy - ry * 0.45;
        const t = tex[((x >> 3) * 131 + (y >> 3) * 71) & 8191]!;
        c = hair ? [40 + t, 30 + t, 25 + t] : [225 + t / 4, 190 + t / 4, 165 + t / 4];
      } else if (body) {
        const t = tex[((x >> 4) * 37 + (y >> 4) * 113) & 8191]!;
        c = [50 + t, 55 + t, 75 + t];
      } else c = bg;
      s = (s * 1664525 + 1013904223) >>> 0;
      const n = ((s >>> 24) - 128) / 12; // ±10: a phone sensor's noise
      const i = (y * W + x) * 4;
      data[i] = Math.max(0, Math.min(255, c[0]! + n));
      data[i + 1] = Math.max(0, Math.min(255, c[1]! + n));
      data[i + 2] = Math.max(0, Math.min(255, c[2]! + n));
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(encodeJpeg({ width: W, height: H, data }, 90).data);
}

const quietIO: CliIO = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd(), today: '2026-11-22' };

async function writeRoster(path: string, ids: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('毕业生');
  ws.addRow(['序号', '学号', '姓名', '学籍状态']);
  ids.forEach((id, i) => ws.addRow([i + 1, id, `学生${i + 1}`, '在籍']));
  await wb.xlsx.writeFile(path);
}

/**
 * Wall time, CPU time (all threads of the process: the workers' included) and peak resident memory while `fn` runs.
 * CPU time is what the batch costs whatever else the machine is doing (it is shared): on two idle cores the wall
 * time would be about half of it.
 */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  try {
    const value = await fn();
    const c = process.cpuUsage(c0);
    return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, peakMb: Math.max(peak, process.memoryUsage().rss) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

/** Each step of one copy, with the given codecs (native: sharp; wasm: what the task pane runs). */
async function codecSteps(source: Uint8Array, codecs: PhotoCodecs, title: string): Promise<string[]> {
  const p = DEFAULT_PROFILE.photos;
  const full = await lap(() => codecs.decodeJpeg(source, W, H, 8));
  const num = pickScale(W, H, p.width, p.height);
  const scaled = await lap(() => codecs.decodeJpeg(source, W, H, num));
  const measured = await lap(() => measurePhoto(scaled.value, p));
  const fullResize = await lap(() => codecs.resize(full.value, p.width, p.height));
  const resized = await lap(() => codecs.resize(scaled.value, p.width, p.height));
  const px = { width: p.width, height: p.height, data: resized.value };
  const one = await lap(() => codecs.encodeJpeg(px, 85));
  const search = await lap(() => searchQuality((q) => codecs.encodeJpeg(px, q), p.maxBytes, { min: p.minQuality }));
  return [
    `    ${title}`,
    `      解码（全尺寸）                        ${ms(full)}`,
    `      解码（DCT 缩放 ${num}/8）                 ${ms(scaled)}  → ${scaled.value.width}×${scaled.value.height}`,
    `      测量底色、白边、头顶                  ${ms(measured)}`,
    `      缩放（从全尺寸，仅作对比）            ${ms(fullResize)}`,
    `      缩放到 480×640（从缩放解码）          ${ms(resized)}`,
    `      JPEG 编码一次（质量 85）              ${ms(one)}`,
    `      质量搜索（无初始猜测，${search.value.tries} 次编码）      ${ms(search)}  → 质量 ${search.value.quality}，${search.value.encoded.length.toLocaleString('en-US')} 字节`,
  ];
}

const lap = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
};
const ms = (x: { ms: number }) => `${x.ms.toFixed(0).padStart(5)} ms`;

async function steps(source: Uint8Array, native: PhotoCodecs, wasm: PhotoCodecs): Promise<string[]> {
  const jsDecode = await lap(() => decodeJpegJs(source, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50, maxMemoryUsageInMB: 1024 }));
  return [
    `  单张 3000×4000（${(source.length / 1e6).toFixed(1)} MB）各步骤：`,
    `    jpeg-js 解码（全尺寸，仅作对比）        ${ms(jsDecode)}`,
    ...(await codecSteps(source, native, '命令行：sharp（libvips、libjpeg-turbo、MozJPEG，本机代码，不用网格量化）')),
    ...(await codecSteps(source, wasm, '任务窗格：WebAssembly（libjpeg-turbo、pica、MozJPEG 含网格量化）')),
  ];
}

/** PSNR (dB) of `b` against `a`, RGB only (both RGBA of the same size). */
function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if ((i & 3) === 3) continue;
    const d = a[i]! - b[i]!;
    sum += d * d;
    n++;
  }
  return 10 * Math.log10((255 * 255) / (sum / n));
}

/**
 * What leaving out trellis quantisation costs: the same 480×640 pixels of each source, searched for the highest quality
 * that fits 50,000 bytes with the command line's encoder (sharp, no trellis) and the pane's (MozJPEG WebAssembly,
 * trellis), each copy compared with the pixels it was made from.
 */
async function encoderComparison(sources: Uint8Array[], native: PhotoCodecs, wasm: PhotoCodecs): Promise<string[]> {
  const p = DEFAULT_PROFILE.photos;
  const rows: { qn: number; qw: number; dn: number; dw: number }[] = [];
  for (const source of sources) {
    const scaled = await native.decodeJpeg(source, W, H, pickScale(W, H, p.width, p.height));
    const px = { width: p.width, height: p.height, data: await native.resize(scaled, p.width, p.height) };
    const one = async (c: PhotoCodecs) => {
      const r = await searchQuality((q) => c.encodeJpeg(px, q), p.maxBytes, { min: p.minQuality });
      return { q: r.quality ?? 0, db: psnr(px.data, (await native.decodeJpeg(r.encoded, p.width, p.height, 8)).data) };
    };
    const [n, w] = [await one(native), await one(wasm)];
    rows.push({ qn: n.q, qw: w.q, dn: n.db, dw: w.db });
  }
  const range = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const gaps = rows.map((r) => r.dw - r.dn);
  return [
    `  不用网格量化的代价（${sources.length} 张原图，同样的 480×640 像素，各自找放得进 50,000 字节的最高质量）：`,
    `    命令行 sharp：质量 ${range(rows.map((r) => r.qn))}，PSNR 平均 ${mean(rows.map((r) => r.dn)).toFixed(2)} dB；` +
      `任务窗格 MozJPEG：质量 ${range(rows.map((r) => r.qw))}，PSNR 平均 ${mean(rows.map((r) => r.dw)).toFixed(2)} dB；` +
      `差 ${Math.min(...gaps).toFixed(2)}–${Math.max(...gaps).toFixed(2)} dB`,
  ];
}

export async function benchPhotos(dir: string, counts: number[]): Promise<string[]> {
  const src = join(dir, 'sources');
  mkdirSync(src);
  const out: string[] = [`照片修正（xueji photos --fix），3000×4000 JPEG 原图`];
  for (let k = 0; k < DISTINCT; k++) {
    const bytes = phonePhoto(1000 + k);
    writeFileSync(join(src, `${k}.jpg`), bytes);
  }
  const r = rng(11);
  for (const n of counts) {
    const photos = join(dir, `photos-${n}`);
    mkdirSync(photos);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = makeStudent(r, i, { year: 2019 }).studentId;
      ids.push(id);
      linkSync(join(src, `${i % DISTINCT}.jpg`), join(photos, `${id}.jpg`));
    }
    const roster = join(dir, `roster-${n}.xlsx`);
    await writeRoster(roster, ids);
    const target = join(dir, `fixed-${n}`);
    global.gc?.();
    const before = process.memoryUsage().rss / 1e6;
    const res = await withPeakRss(() => run(['photos', roster, '--dir', photos, '--fix', '-o', target], quietIO));
    const zip = statSync(join(target, '毕业照片.zip')).size;
    out.push(
      `  ${n.toLocaleString('en-US')} 张：${(res.ms / 1000).toFixed(1)} s（每张 ${(res.ms / n).toFixed(0)} ms；CPU 时间 ${(res.cpuMs / 1000).toFixed(1)} s，` +
        `每张 ${(res.cpuMs / n).toFixed(0)} ms，两核空闲时约 ${(res.cpuMs / 2000).toFixed(1)} s；机器负载 ${loadavg()[0]!.toFixed(1)}），退出码 ${res.value}，` +
        `进程内存 ${before.toFixed(0)} MB → 峰值 ${res.peakMb.toFixed(0)} MB，压缩包 ${(zip / 1e6).toFixed(1)} MB` +
        (n === 1000 ? `（目标 ≤ 60 s）` : ''),
    );
    rmSync(photos, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  }
  // After the batches: the full-size decodes of the comparison leave large buffers behind.
  const native = await loadNativePhotoCodecs();
  const wasm = await loadWasmPhotoCodecs();
  const sources = Array.from({ length: DISTINCT }, (_, k) => new Uint8Array(readFileSync(join(src, `${k}.jpg`))));
  out.push(...(await steps(sources[0]!, native, wasm)));
  out.push(...(await encoderComparison(sources, native, wasm)));
  return out;
}
