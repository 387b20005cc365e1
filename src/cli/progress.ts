/** A progress line on stderr for big files (over ~10,000 rows); quiet for small ones. */
import type { CliIO } from './io';

export const PROGRESS_FROM_ROWS = 10_000;

export function rowProgress(io: CliIO, file: string): { onRows: (n: number) => void; done: (n: number) => void } {
  let shown = false;
  let lastPrinted = 0;
  return {
    onRows(n: number) {
      if (n < PROGRESS_FROM_ROWS) return;
      if (io.stderrIsTTY) {
        io.stderr(`\r正在读取 ${file}：${n.toLocaleString('en-US')} 行…`);
        shown = true;
      } else if (n - lastPrinted >= PROGRESS_FROM_ROWS) {
        io.stderr(`正在读取 ${file}：${n.toLocaleString('en-US')} 行…\n`);
        lastPrinted = n;
        shown = true;
      }
    },
    done(n: number) {
      if (!shown) return;
      io.stderr(`${io.stderrIsTTY ? '\r' : ''}已读取 ${file}：共 ${n.toLocaleString('en-US')} 行。\n`);
    },
  };
}

/** From this many inputs on, a verb reading several files (merge) counts them on a terminal. */
export const PROGRESS_FROM_FILES = 20;

/** "正在读取第 37/200 个文件…" rewritten on one terminal line while many files are read; quiet otherwise. */
export function fileProgress(io: CliIO, total: number): { next: (n: number) => void; done: () => void } {
  const shown = io.stderrIsTTY && total >= PROGRESS_FROM_FILES;
  return {
    next(n: number) {
      if (shown) io.stderr(`\r正在读取第 ${n}/${total} 个文件…`);
    },
    done() {
      if (shown) io.stderr(`\r已读取 ${total} 个文件。${' '.repeat(12)}\n`);
    },
  };
}
