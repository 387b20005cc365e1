/**
 * The `xueji` executable (issue 14 item 2: "peak ≤ 1 GB for any input"). It runs the command line in a child
 * process whose JavaScript heap is capped at 3/4 of the profile's `limits.memoryMB` (default 1024): near the cap V8
 * collects garbage instead of growing, so the process stays within the limit, and should an input still need more,
 * the child dies alone and this process says so in one Chinese line (exit 2) — never V8's native stack. The limits
 * of the profile (cells, inflated bytes) keep every input well inside the cap; this is the last line of defence.
 *
 * Ctrl+C reaches both processes (the terminal signals the whole group): the child removes its temp files and exits
 * 130; a SIGTERM sent to this process is passed on. The child's exit code is this process's exit code.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { basename } from 'node:path';

export const DEFAULT_MEMORY_MB = 1024;
/** Set in the child's environment: it runs the command line itself. */
export const CHILD_ENV = 'XUEJI_CHILD';
/** Set in the child's environment when this process's stderr is a terminal (the child's is a pipe). */
export const TTY_ENV = 'XUEJI_STDERR_TTY';

/** limits.memoryMB of the profile given with --profile, when it can be read (the child reports a bad profile). */
export function memoryLimitMb(argv: readonly string[]): number {
  let path: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--profile') path = argv[i + 1];
    else if (a.startsWith('--profile=')) path = a.slice('--profile='.length);
  });
  if (path === undefined) return DEFAULT_MEMORY_MB;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as { limits?: { memoryMB?: unknown } };
    const mb = json?.limits?.memoryMB;
    return typeof mb === 'number' && Number.isInteger(mb) && mb >= 256 ? mb : DEFAULT_MEMORY_MB;
  } catch {
    // Unreadable or not JSON: the child says so in Chinese, with exit 2; the heap cap is the default meanwhile.
    return DEFAULT_MEMORY_MB;
  }
}

/** The child's V8 old-space cap: young generation, code and buffers (the zip itself) take the rest. */
export function heapMb(memoryMb: number): number {
  return Math.floor(memoryMb * 0.75);
}

const FATAL = /FATAL ERROR|Last few GCs|heap out of memory|Allocation failed/;

/** Runs `script` (the executable) in a capped child with `argv`; resolves with the exit code. */
export function launch(script: string, argv: readonly string[]): Promise<number> {
  const memory = memoryLimitMb(argv);
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb(memory)}`, script, ...argv], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...process.env, [CHILD_ENV]: '1', [TTY_ENV]: process.stderr.isTTY ? '1' : '' },
  });
  let outOfMemory = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    if (!outOfMemory && FATAL.test(chunk.toString('latin1'))) outOfMemory = true;
    if (!outOfMemory) process.stderr.write(chunk);
  });
  const onInt = () => child.kill('SIGINT');
  const onTerm = () => child.kill('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (outOfMemory || (signal === 'SIGABRT' && code === null)) {
        process.stderr.write(
          `xueji：内存不足：处理这个文件需要超过 ${memory} MB 内存（配置项 limits.memoryMB），已停止，未写入任何文件；请把表格拆分后再试，或在配置文件中调高 limits.memoryMB\n`,
        );
        resolve(2);
        return;
      }
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
    child.on('error', (e) => {
      process.stderr.write(`xueji：无法启动（${basename(process.execPath)}：${(e as NodeJS.ErrnoException).code ?? e.name}）\n`);
      resolve(2);
    });
  });
}
