/**
 * Ctrl+C (SIGINT) and SIGTERM during a run (issue 14 item 5): the temp files of outputs being written hold student
 * data, so they are removed before the process exits — 130 for SIGINT, 143 for SIGTERM, as shells report them.
 * Outputs already renamed into place are complete and stay. SIGKILL cannot be caught: the next run that writes into
 * the same folder removes what such a run left (files/temp-files.ts). Installed by the `xueji` executable only (never
 * when the command line runs inside another program, such as the tests).
 */
import { baseName } from '../files/errors';
import { removeLiveTemps } from '../files/temp-files';
import { EXIT_SIGINT, EXIT_SIGTERM } from './io';

export type Signal = 'SIGINT' | 'SIGTERM';

/** What a signal does: remove our temp files, say so in one Chinese line, exit. Exported for the tests. */
export function onSignal(signal: Signal, stderr: (text: string) => void, exit: (code: number) => void): void {
  const failed = removeLiveTemps();
  const what = signal === 'SIGINT' ? '已按 Ctrl+C 中断' : '收到终止信号（SIGTERM）';
  const left = failed.length ? `；未能删除临时文件 ${failed.map(baseName).join('、')}，请手动删除` : '';
  stderr(`\nxueji：${what}，未完成的输出已删除${left}。\n`);
  exit(signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM);
}

export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => onSignal(signal, (t) => process.stderr.write(t), (code) => process.exit(code)));
  }
}
