/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 修正照片 in 附件检查: the same matching, copies and zip as `xueji photos --fix`, on picked files. The browser's
// codec loader (a fetched .wasm) is replaced by the Node one here; the real one runs in Chromium in the browser test.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import JSZip from 'jszip';
import { App } from '../../src/taskpane/App';
import { FakePort } from './fake-port';
import { cleanRoster } from './sheets';
import { makeSid } from '../helpers/rules';
import { GREY, jpeg, png, portrait } from '../core/evidence/fixtures';
import { inspectPhoto } from '../../src/files/images';
import { photoContentDrafts } from '../../src/core/evidence';
import { DEFAULT_PROFILE } from '../../src/core/profile/default-profile';

jest.mock('../../src/taskpane/photo-codecs-browser', () => ({
  loadBrowserPhotoCodecs: () => jest.requireActual('../../src/files/photo-codecs-node').loadWasmPhotoCodecs(),
}));

// jsdom leaves out TextEncoder and TextDecoder, which every browser the pane runs in has (photo-zip, fast-png).
for (const name of ['TextEncoder', 'TextDecoder'] as const) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof globalThis[name] === 'undefined') Object.assign(globalThis, { [name]: (require('node:util') as typeof import('node:util'))[name] });
}

// pica probes for a 2D canvas when there is a document; jsdom has none to give (a browser always has).
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

class SavingPort extends FakePort {
  readonly saved: { fileName: string; data: Uint8Array }[] = [];
  async saveFile(fileName: string, data: Uint8Array): Promise<void> {
    this.saved.push({ fileName, data });
  }
}

function fileOf(name: string, bytes: Uint8Array): File {
  return new File([bytes as BlobPart], name, { type: 'image/jpeg' });
}

const sid = (i: number) => makeSid(i + 1);

test('修正照片: the copies are made in the pane and downloaded as 毕业照片.zip; what cannot be fixed is listed on its cell', async () => {
  const port = new SavingPort([cleanRoster()]);
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={() => ({ y: 2026, m: 11, d: 22 })} liveDelayMs={30} />
    </RendererProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: '校验' }));
  await waitFor(() => expect(port.callsOf('highlight').length).toBeGreaterThan(0), { timeout: 10000 });
  fireEvent.click(screen.getByRole('button', { name: '附件检查' }));
  const section = await screen.findByRole('region', { name: '附件检查' });
  fireEvent.click(within(section).getByRole('radio', { name: '毕业照片' }));
  // cleanRoster: 学号 in column C, rows 2–4. An oversized PNG named 学号+姓名, a landscape JPG, a grey background.
  const input = within(section).getByLabelText('选择文件') as HTMLInputElement;
  fireEvent.change(input, {
    target: {
      files: [
        fileOf(`${sid(0)}张三.png`, png(600, 800, portrait(600, 800))),
        fileOf(`${sid(1)}.JPG`, jpeg(800, 600, (x, y) => (x >= 175 && x < 625 ? portrait(450, 600)(x - 175, y) : [30, 90, 200]), 90)),
        fileOf(`${sid(2)}.jpg`, jpeg(480, 640, portrait(480, 640, { background: GREY }), 90)),
      ],
    },
  });
  fireEvent.click(within(section).getByRole('button', { name: '修正照片' }));
  const summary = await within(section).findByTestId('photo-fix-summary', undefined, { timeout: 30000 });
  expect(summary.textContent).toContain('已生成合格照片 2 张');
  expect(summary.textContent).toContain('已下载“毕业照片.zip”（2 张）');

  const fix = within(section).getByRole('region', { name: '修正照片' });
  const bad = fix.querySelectorAll('li[data-rule="photo.background"]');
  expect(bad).toHaveLength(1);
  fireEvent.click(within(bad[0] as HTMLElement).getByRole('button', { name: 'C4' }));
  await waitFor(() => expect(port.callsOf('select')).toContainEqual(['退学', 'C4']));

  expect(port.saved.map((s) => s.fileName)).toEqual(['毕业照片.zip']);
  const zip = await JSZip.loadAsync(port.saved[0]!.data);
  const entries = Object.values(zip.files);
  expect(entries.map((e) => [e.name, e.dir])).toEqual([
    [`${sid(0)}.jpg`, false],
    [`${sid(1)}.jpg`, false],
  ]);
  for (const e of entries) {
    const bytes = await e.async('uint8array');
    expect(bytes.length).toBeLessThanOrEqual(50_000);
    const f = inspectPhoto({ path: e.name, size: bytes.length, bytes }, DEFAULT_PROFILE);
    expect([f.width, f.height]).toEqual([480, 640]);
    expect(photoContentDrafts(f, '.jpg', DEFAULT_PROFILE.photos)).toEqual([]);
  }
}, 60_000);
