/**
 * Where a verb writes its files (one helper, so every verb refuses alike): the folder must exist and be a folder; each
 * file is checked by the file layer's one rule (`assertWritable`: a name of at most 255 bytes in UTF-8, what ext4,
 * NTFS and APFS take; never one of the inputs, however spelled; an existing file replaced only with --force). Every
 * target is checked before anything is written, so a refusal never leaves half of the outputs behind. The writing
 * itself is atomic and its temp files are removed on Ctrl+C (files/node-io.ts `writeAllAtomic`).
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { assertWritable, MAX_NAME_BYTES } from '../files/node-io';
import { XuejiOutputError } from '../files/errors';

export { MAX_NAME_BYTES };

export async function assertOutputDir(dir: string): Promise<void> {
  const st = await fsp.stat(dir).catch(() => undefined);
  if (st === undefined) throw new XuejiOutputError('output-dir-missing', `输出文件夹“${basename(dir)}”不存在，请先创建它（不会自动新建文件夹）`);
  if (!st.isDirectory()) throw new XuejiOutputError('output-is-directory', `“${basename(dir)}”不是文件夹：-o 应指定输出文件所在的文件夹`);
}

export interface OutputPlan {
  /** The inputs of the run: none of them may be written. */
  inputs: readonly string[];
  /** Replace existing files. */
  force: boolean;
}

/** The paths of `names` in `dir`, each checked; throws (nothing written yet) on the first that cannot be written. */
export async function planOutputFiles(dir: string, names: readonly string[], o: OutputPlan): Promise<string[]> {
  await assertOutputDir(dir);
  const paths: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    await assertWritable(path, { inputs: o.inputs, force: o.force, folder: dir });
    paths.push(path);
  }
  return paths;
}
