/**
 * The temp files outputs are written through (issue 14 item 5): they hold student data, so none may stay behind.
 * Node only.
 * - A temp file is named `.xueji-<pid>-<random>.tmp` in the output's folder: short (a long output name stays within
 *   the file system's 255 bytes) and recognisably ours.
 * - Every temp file is registered while it exists; on SIGINT / SIGTERM the command line removes the registered ones
 *   before it exits (130 / 143). SIGKILL cannot be caught: the next run that writes into the folder removes temp
 *   files of ours whose process is gone.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, rmSync } from 'node:fs';
import { join } from 'node:path';

const TEMP_RE = /^\.xueji-(\d+)-[0-9a-f]{12}\.tmp$/;
const live = new Set<string>();

/** A fresh temp path in `dir`, registered until `releaseTemp`. */
export function newTempPath(dir: string): string {
  const path = join(dir, `.xueji-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  live.add(path);
  return path;
}

/** The temp file is gone (renamed into place or removed). */
export function releaseTemp(path: string): void {
  live.delete(path);
}

/** Removes every temp file this process still has (on a signal, so synchronously); returns those it could not. */
export function removeLiveTemps(): string[] {
  const failed: string[] = [];
  for (const path of live) {
    try {
      rmSync(path, { force: true });
    } catch (e) {
      // Said by the caller (the file's name only); the next run's clean-up removes it.
      failed.push(`${path}（${(e as NodeJS.ErrnoException).code ?? 'error'}）`);
    }
    live.delete(path);
  }
  return failed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files of ours left in `dir` by a process that no longer runs (killed with SIGKILL, a power cut). */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    const removed = await fsp.rm(join(dir, name), { force: true }).then(
      () => true,
      () => false,
    );
    if (removed) n++;
  }
  return n;
}
