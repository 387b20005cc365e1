/**
 * `xueji photos --fix` on a system where sharp's prebuilt native libraries do not load (an unusual platform, a
 * broken install): the copies are still made, with the WebAssembly codecs the task pane uses, and the command says
 * so once, in Chinese, with sharp's first line as the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeSid, saveWorkbook, tempDir, xueji } from './helpers';
import { jpeg, portrait } from '../core/evidence/fixtures';
import { readImageHeader } from '../../src/files/images';

jest.mock('sharp', () => {
  throw new Error('Could not load the "sharp" module using the linux-x64 runtime\nPossible solutions:\n- Reinstall');
});

const tmp = tempDir('xueji-photos-fallback-');
afterAll(() => tmp.cleanup());

test('without sharp the copies are made with the WebAssembly codecs, and the command says so once', async () => {
  const sid = makeSid(1);
  const roster = await saveWorkbook(tmp.file('名单.xlsx'), (wb) => {
    const ws = wb.addWorksheet('毕业生');
    ws.addRow(['序号', '学号', '姓名', '学籍状态']);
    ws.addRow([1, sid, '测试一', '在籍']);
  });
  const dir = tmp.file('照片');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, `${sid}.jpg`), jpeg(900, 1200, portrait(900, 1200), 90));
  const out = tmp.file('修正');

  const r = await xueji(['photos', roster, '--dir', dir, '--fix', '-o', out]);

  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    '提示：本机无法加载图像库 sharp，改用 WebAssembly 编解码器（结果同样合格，速度约慢一倍）。原因：Could not load the "sharp" module using the linux-x64 runtime\n',
  );
  const copy = new Uint8Array(fs.readFileSync(path.join(out, `${sid}.jpg`)));
  expect(copy.length).toBeLessThanOrEqual(50_000);
  expect(readImageHeader(copy)).toMatchObject({ status: 'ok', width: 480, height: 640 });
});
