/**
 * @jest-environment jsdom
 */
// manifest.xml, read offline: office-addin-manifest's reader (never its `validate`, which calls Microsoft's online
// service: that is `npm run validate`) and the browser's XML parser for the parts the reader does not expose.
// The reader runs in a plain Node child process: it loads an ESM-only dependency that jest's module system cannot.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from './manifest-reader';

const ROOT = join(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const DEV = 'https://localhost:3000/';

function parse(): Document {
  const doc = new DOMParser().parseFromString(readFileSync(MANIFEST, 'utf8'), 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

function all(node: Document | Element, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS('*', local));
}

test('the reader sees an Excel task-pane add-in with read/write access and Chinese names', () => {
  const info = readManifest(MANIFEST);
  expect(info.manifestType).toBe('xml');
  expect(info.officeAppType).toBe('TaskPaneApp');
  expect(info.hosts).toEqual(['Workbook']);
  expect(info.permissions).toBe('ReadWriteDocument');
  expect(info.defaultLocale).toBe('zh-CN');
  expect(info.displayName).toBe('学籍表格助手');
  expect(info.description).toMatch(/校验、修复并导出/);
  expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}taskpane.html`);
});

test('asks only for ExcelApi 1.1 (old Excel opens the pane and hears why it cannot work)', () => {
  const doc = parse();
  const requirements = all(doc, 'Requirements');
  expect(requirements).toHaveLength(1);
  const sets = all(requirements[0]!, 'Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
  expect(sets).toEqual([['ExcelApi', '1.1']]);
});

test('zh-CN strings with an en-US override', () => {
  const doc = parse();
  for (const tag of ['DisplayName', 'Description']) {
    const el = all(doc, tag)[0]!;
    expect(el.getAttribute('DefaultValue')).toMatch(/[\u4e00-\u9fff]/);
    const en = all(el, 'Override').find((o) => o.getAttribute('Locale') === 'en-US');
    expect(en?.getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/);
  }
  // Every ribbon string is Chinese with an English override.
  const strings = [...all(doc, 'ShortStrings'), ...all(doc, 'LongStrings')].flatMap((g) => all(g, 'String'));
  expect(strings.length).toBeGreaterThan(0);
  for (const s of strings) {
    expect(s.getAttribute('DefaultValue')).toMatch(/[\u4e00-\u9fff]/);
    expect(all(s, 'Override').map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
  }
});

test('a button on the Home tab opens the task pane', () => {
  const doc = parse();
  const tabs = all(doc, 'OfficeTab');
  expect(tabs.map((t) => t.getAttribute('id'))).toEqual(['TabHome']);
  const controls = all(tabs[0]!, 'Control');
  expect(controls).toHaveLength(1);
  expect(controls[0]!.getAttribute('xsi:type')).toBe('Button');
  const action = all(controls[0]!, 'Action')[0]!;
  expect(action.getAttribute('xsi:type')).toBe('ShowTaskpane');
  const resid = all(action, 'SourceLocation')[0]!.getAttribute('resid');
  const url = all(doc, 'Url').find((u) => u.getAttribute('id') === resid);
  expect(url?.getAttribute('DefaultValue')).toBe(`${DEV}taskpane.html`);
  const label = all(controls[0]!, 'Label')[0]!.getAttribute('resid');
  expect(all(doc, 'String').find((s) => s.getAttribute('id') === label)?.getAttribute('DefaultValue')).toBe('学籍表格助手');
});

test('every URL is on the development server and names a file the build serves; icons exist in assets/', () => {
  const xml = readFileSync(MANIFEST, 'utf8');
  const doc = parse();
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]!);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u.startsWith(DEV) || u === DEV.slice(0, -1)).toBe(true);
  const served: Record<string, string> = {
    'taskpane.html': join(ROOT, 'src', 'taskpane', 'taskpane.html'),
    'help.html': join(ROOT, 'src', 'taskpane', 'help.html'),
  };
  for (const u of urls.filter((x) => x.startsWith(DEV))) {
    const rel = u.slice(DEV.length);
    const file = served[rel] ?? join(ROOT, rel);
    expect({ url: u, exists: existsSync(file) }).toEqual({ url: u, exists: true });
  }
  const images = all(doc, 'Image').filter((i) => i.getAttribute('DefaultValue'));
  expect(images.map((i) => i.getAttribute('DefaultValue')!.slice(DEV.length)).sort()).toEqual([
    'assets/icon-16.png',
    'assets/icon-32.png',
    'assets/icon-80.png',
  ]);
  for (const tag of ['IconUrl', 'HighResolutionIconUrl']) {
    const rel = all(doc, tag)[0]!.getAttribute('DefaultValue')!.slice(DEV.length);
    expect(existsSync(join(ROOT, rel))).toBe(true);
  }
  // The PNGs are the sizes the manifest says.
  for (const size of [16, 32, 64, 80]) {
    const png = readFileSync(join(ROOT, 'assets', `icon-${size}.png`));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});
