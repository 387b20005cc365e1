/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// 附件检查 in the pane: generated files only (jpeg-js/pngjs images, fake 学号 and names), picked through the
// file inputs; the rules are the core's, so these tests check the wiring: rule ids on the right cells, the cell
// selected on click, the zip saved and read back.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import JSZip from 'jszip';
import { App } from '../../src/taskpane/App';
import { pickedListing, saveBytes } from '../../src/taskpane/components/AttachmentCheck';
import { FakePort } from './fake-port';
import { cleanRoster } from './sheets';
import { coRecord, coSheet, makeName, makeSid } from '../helpers/rules';
import { photo, scanJpeg } from '../core/evidence/fixtures';

const TODAY = () => ({ y: 2026, m: 11, d: 22 });

// jsdom leaves out TextEncoder, which every browser the pane runs in has (photo-zip measures names with it).
if (typeof globalThis.TextEncoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Object.assign(globalThis, { TextEncoder: (require('node:util') as typeof import('node:util')).TextEncoder });
}

/** A FakePort that can save bytes (as the workbench may); the saved files are recorded. */
class SavingPort extends FakePort {
  readonly saved: { fileName: string; data: Uint8Array }[] = [];
  async saveFile(fileName: string, data: Uint8Array): Promise<void> {
    this.saved.push({ fileName, data });
  }
}

function setup(port: FakePort) {
  render(
    <RendererProvider renderer={createDOMRenderer(document, { unstable_filterCSSRule: () => false })}>
      <App port={port} today={TODAY} liveDelayMs={30} />
    </RendererProvider>,
  );
  return port;
}

function fileOf(name: string, bytes: Uint8Array, relative?: string): File {
  const f = new File([bytes as BlobPart], name, { type: 'image/jpeg' });
  if (relative) Object.defineProperty(f, 'webkitRelativePath', { value: relative });
  return f;
}

async function openSection(port: FakePort) {
  fireEvent.click(screen.getByRole('button', { name: '校验' }));
  await waitFor(() => expect(port.callsOf('highlight').length).toBeGreaterThan(0), { timeout: 10000 });
  fireEvent.click(screen.getByRole('button', { name: '附件检查' }));
  return screen.findByRole('region', { name: '附件检查' });
}

function pick(section: HTMLElement, label: '选择文件' | '选择文件夹', files: File[]) {
  const input = within(section).getByLabelText(label) as HTMLInputElement;
  fireEvent.change(input, { target: { files } });
}

async function runCheck(section: HTMLElement) {
  fireEvent.click(within(section).getByRole('button', { name: '检查附件' }));
  return within(section).findByTestId('attachment-summary', undefined, { timeout: 10000 });
}

function issue(section: HTMLElement, rule: string, cell?: string): HTMLElement[] {
  return Array.from(section.querySelectorAll<HTMLElement>(`li[data-rule="${rule}"]`)).filter(
    (li) => cell === undefined || li.querySelector(`[data-cell="${cell}"]`),
  );
}

// cleanRoster: 退学, header on row 1, 学号全码 in column C, three students on rows 2–4.
const sid = (i: number) => makeSid(i + 1);
const name = (i: number) => makeName(i);

test('withdrawal scans: a missing scan on its 学号 cell, a "+" in a name; clicking selects the cell', async () => {
  const port = setup(new FakePort([cleanRoster()]));
  const section = await openSection(port);
  pick(section, '选择文件', [
    fileOf(`${sid(0)}${name(0)}.jpg`, scanJpeg()),
    fileOf(`${sid(1)}+${name(1)}.jpg`, scanJpeg()),
    fileOf('Thumbs.db', new Uint8Array([1, 2, 3])),
  ]);
  const summary = await runCheck(section);
  expect(summary.textContent).toMatch(/核对了文件 2 个/);

  expect(issue(section, 'evidence.missing', 'C4')).toHaveLength(1);
  expect(issue(section, 'evidence.name', 'C3')).toHaveLength(1);
  expect(issue(section, 'evidence.name', 'C3')[0]!.textContent).toContain(`${sid(1)}+${name(1)}.jpg`);
  expect(issue(section, 'evidence.missing', 'C2')).toHaveLength(0);
  expect(within(section).queryByRole('button', { name: '下载照片压缩包' })).toBeNull();

  fireEvent.click(within(issue(section, 'evidence.missing', 'C4')[0]!).getByRole('button', { name: 'C4' }));
  await waitFor(() => expect(port.callsOf('select')).toContainEqual(['退学', 'C4']));
});

test('correction evidence: one folder per student, picked as a folder; a missing document on the row', async () => {
  // Row 3: 民族 录入错误 → 身份证 + 报名登记表; row 4 the same, its 报名登记表 missing. 学号 in column B.
  const port = setup(new FakePort([coSheet([coRecord(0), coRecord(1)], { name: '修改' })]));
  const section = await openSection(port);
  expect(within(section).getByRole('radio', { name: '证明材料文件夹' })).toBeTruthy();
  const dir = (i: number) => `${sid(i)}${name(i)}`;
  pick(section, '选择文件夹', [
    fileOf('身份证.jpg', scanJpeg(), `证明材料/${dir(0)}/身份证.jpg`),
    fileOf('报名登记表.jpg', scanJpeg(), `证明材料/${dir(0)}/报名登记表.jpg`),
    fileOf('身份证.jpg', scanJpeg(), `证明材料/${dir(1)}/身份证.jpg`),
  ]);
  await runCheck(section);
  expect(issue(section, 'evidence.missing', 'B4')).toHaveLength(1);
  expect(issue(section, 'evidence.missing', 'B4')[0]!.textContent).toContain('报名登记表');
  expect(issue(section, 'evidence.missing', 'B3')).toHaveLength(0);
  fireEvent.click(within(issue(section, 'evidence.missing', 'B4')[0]!).getByRole('button', { name: 'B4' }));
  await waitFor(() => expect(port.callsOf('select')).toContainEqual(['修改', 'B4']));
});

test('graduation photos: wrong size and missing reported; the zip holds only the good photo and reads back', async () => {
  const port = setup(new SavingPort([cleanRoster()])) as SavingPort;
  const section = await openSection(port);
  fireEvent.click(within(section).getByRole('radio', { name: '毕业照片' }));
  // Picked as a folder: the top folder is the root, photos may sit in subfolders.
  pick(section, '选择文件夹', [
    fileOf(`${sid(0)}.jpg`, photo(), `照片/${sid(0)}.jpg`),
    fileOf(`${sid(1)}.jpg`, photo({ width: 640, height: 480 }), `照片/二班/${sid(1)}.jpg`),
  ]);
  const summary = await runCheck(section);
  expect(summary.textContent).toMatch(/可打包照片 1 张/);
  expect(issue(section, 'photo.dimensions', 'C3')).toHaveLength(1);
  expect(issue(section, 'photo.missing', 'C4')).toHaveLength(1);
  expect(section.querySelectorAll('li[data-cell="C2"], li [data-cell="C2"]')).toHaveLength(0);

  fireEvent.click(within(issue(section, 'photo.dimensions', 'C3')[0]!).getByRole('button', { name: 'C3' }));
  await waitFor(() => expect(port.callsOf('select')).toContainEqual(['退学', 'C3']));

  fireEvent.click(within(section).getByRole('button', { name: '下载照片压缩包' }));
  await waitFor(() => expect(within(section).queryByRole('alert')?.textContent ?? within(section).getByText(/已生成压缩包 1 个/).textContent).toMatch(/已生成压缩包 1 个/), { timeout: 10000 });
  expect(port.saved.map((s) => s.fileName)).toEqual(['毕业照片.zip']);
  expect(port.callsOf('openWorkbook')).toHaveLength(0);
  const zip = await JSZip.loadAsync(port.saved[0]!.data);
  const entries = Object.values(zip.files);
  expect(entries.map((e) => [e.name, e.dir])).toEqual([[`${sid(0)}.jpg`, false]]);
  expect(await entries[0]!.async('uint8array')).toEqual(photo());
});

test('the section is disabled until a recognised sheet is checked', () => {
  setup(new FakePort([cleanRoster()]));
  fireEvent.click(screen.getByRole('button', { name: '附件检查' }));
  const section = screen.getByRole('region', { name: '附件检查' });
  expect(within(section).queryByRole('button', { name: '检查附件' })).toBeNull();
  expect(section.textContent).toContain('先“校验”');
});

test('pickedListing: the picked folder is the root, its subfolders are listed, system files left out', () => {
  const l = pickedListing([
    fileOf('身份证.jpg', new Uint8Array([1]), '证明材料/2013001200001张三/身份证.jpg'),
    fileOf('.DS_Store', new Uint8Array([1]), '证明材料/.DS_Store'),
    fileOf('b.jpg', new Uint8Array([1]), '证明材料/x/y/b.jpg'),
  ]);
  expect(l.folder).toBe('证明材料');
  expect(l.picked.map((p) => p.path)).toEqual(['2013001200001张三/身份证.jpg', 'x/y/b.jpg']);
  expect(l.directories).toEqual(['2013001200001张三', 'x', 'x/y']);
  expect(pickedListing([fileOf('a.jpg', new Uint8Array([1]))]).folder).toBe('所选文件');
});

test('saveBytes: without a saveFile on the port, a Blob download through <a download>', async () => {
  const port = new FakePort([cleanRoster()]);
  const created: Blob[] = [];
  const clicks: { download: string; href: string }[] = [];
  const orig = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (b: Blob) => {
    created.push(b);
    return 'blob:fake';
  };
  URL.revokeObjectURL = () => undefined;
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push({ download: this.download, href: this.href });
  });
  try {
    await saveBytes(port, '毕业照片.zip', new Uint8Array([0x50, 0x4b, 5, 6]));
    expect(clicks).toEqual([{ download: '毕业照片.zip', href: 'blob:fake' }]);
    expect(created[0]!.size).toBe(4);
    expect(port.callsOf('openWorkbook')).toHaveLength(0);
  } finally {
    click.mockRestore();
    URL.createObjectURL = orig.create;
    URL.revokeObjectURL = orig.revoke;
  }
});
