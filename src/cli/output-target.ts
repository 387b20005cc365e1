/**
 * Where a verb writes its files (one helper, so every verb refuses alike): the folder must exist and be a folder; each
 * file name must fit a file system (255 bytes in UTF-8, what ext4, NTFS and APFS take); no output may be one of the
 * inputs, however spelled; an existing file is replaced only with --force. Every target is checked before anything is
 * written, so a refusal never leaves half of the outputs behind. The writing itself is atomic (files/node-io.ts).
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { assertNotInput } from '../files/node-io';
import { XuejiOutputError } from '../files/errors';

/** The longest file name (in UTF-8 bytes) the common file systems accept. */
export const MAX_NAME_BYTES = 255;

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
    if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) {
      throw new XuejiOutputError('name-too-long', `文件名“${name.slice(0, 40)}…”太长（超过 ${MAX_NAME_BYTES} 字节），无法保存`);
    }
    const path = join(dir, name);
    for (const input of o.inputs) await assertNotInput(path, input);
    const st = await fsp.stat(path).catch(() => undefined);
    if (st?.isDirectory()) throw new XuejiOutputError('output-is-directory', `无法保存：“${name}”是一个文件夹`);
    if (st && !o.force) {
      throw new XuejiOutputError('output-exists', `“${basename(dir)}”中已有文件“${name}”，为免覆盖未写入任何文件；确认要替换它，请加 --force`);
    }
    paths.push(path);
  }
  return paths;
}
