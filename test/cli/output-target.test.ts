/**
 * The one place that decides where a verb may write (src/cli/output-target.ts): the folder exists, each name fits in
 * 255 UTF-8 bytes, no output is an input, an existing file only with --force; the first refusal wins, before any write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_NAME_BYTES, planOutputFiles } from '../../src/cli/output-target';
import { XuejiInputError, XuejiOutputError } from '../../src/files/errors';
import { tempDir } from './helpers';

const tmp = tempDir('xueji-target-');
afterAll(() => tmp.cleanup());

async function refusal(p: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e instanceof XuejiOutputError || e instanceof XuejiInputError).toBe(true);
  const err = e as XuejiOutputError;
  return { name: err.name, code: err.code, message: err.message };
}

it('gives the paths in the folder, in order', async () => {
  expect(await planOutputFiles(tmp.dir, ['甲.docx', '乙.docx'], { inputs: [], force: false })).toEqual([path.join(tmp.dir, '甲.docx'), path.join(tmp.dir, '乙.docx')]);
});

it('a name of more than 255 UTF-8 bytes is refused (a Chinese character is 3 bytes)', async () => {
  const fits = `${'报'.repeat(83)}a.docx`;
  expect(Buffer.byteLength(fits)).toBe(MAX_NAME_BYTES);
  await expect(planOutputFiles(tmp.dir, [fits], { inputs: [], force: false })).resolves.toHaveLength(1);
  const r = await refusal(planOutputFiles(tmp.dir, [`${'报'.repeat(84)}.docx`], { inputs: [], force: false }));
  expect(r.code).toBe('name-too-long');
  expect(r.message).toMatch(/太长（超过 255 字节）/);
});

it('an existing file is refused unless forced; a folder of that name always', async () => {
  fs.writeFileSync(tmp.file('已有.docx'), 'x');
  expect((await refusal(planOutputFiles(tmp.dir, ['新.docx', '已有.docx'], { inputs: [], force: false }))).code).toBe('output-exists');
  await expect(planOutputFiles(tmp.dir, ['已有.docx'], { inputs: [], force: true })).resolves.toEqual([tmp.file('已有.docx')]);
  fs.mkdirSync(tmp.file('是文件夹.docx'));
  expect((await refusal(planOutputFiles(tmp.dir, ['是文件夹.docx'], { inputs: [], force: true }))).code).toBe('output-is-directory');
});

it('an input is never a target, even forced and spelled another way', async () => {
  const input = tmp.file('输入.xlsx');
  fs.writeFileSync(input, 'x');
  const relative = path.relative(process.cwd(), input);
  expect((await refusal(planOutputFiles(tmp.dir, ['输入.xlsx'], { inputs: [relative], force: true }))).code).toBe('same-as-input');
});

it('a missing folder, or a file given as the folder', async () => {
  expect((await refusal(planOutputFiles(tmp.file('无'), ['a.docx'], { inputs: [], force: false }))).code).toBe('output-dir-missing');
  fs.writeFileSync(tmp.file('文件'), 'x');
  expect((await refusal(planOutputFiles(tmp.file('文件'), ['a.docx'], { inputs: [], force: false }))).code).toBe('output-is-directory');
});
