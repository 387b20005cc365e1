/**
 * webpack.config.js: the production URL rewrite of the manifest, and what the build puts in dist/ around the
 * bundle (taskpane.html with the guard, office.js from the package, no telemetry scripts). The JavaScript entries
 * are left out here to keep the test fast; `npm run build` builds them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { readManifest } from './manifest-reader';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const configFactory = require('../../webpack.config.js') as ((env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<webpack.Configuration>) & {
  productionUrl: (u: string) => string;
  rewriteManifest: (xml: string, u: string) => string;
};

const ROOT = join(__dirname, '..', '..');

describe('production URL', () => {
  test('normalised to an https base ending in /', () => {
    expect(configFactory.productionUrl('https://school.example/xueji')).toBe('https://school.example/xueji/');
    expect(configFactory.productionUrl('https://school.example')).toBe('https://school.example/');
    expect(configFactory.productionUrl('https://edu.example:8443/a/b/')).toBe('https://edu.example:8443/a/b/');
  });
  test('refused in Chinese when it cannot serve an add-in', () => {
    expect(() => configFactory.productionUrl('http://school.example/')).toThrow(/必须用 https/);
    expect(() => configFactory.productionUrl('school.example')).toThrow(/不是有效的网址/);
    expect(() => configFactory.productionUrl('https://school.example/?a=1')).toThrow(/\?/);
  });
});

describe('npm run build -- --env url=…', () => {
  const out = mkdtempSync(join(tmpdir(), 'xueji-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  beforeAll(async () => {
    const config = await configFactory({ url: 'https://school.example/xueji', outDir: out, quiet: true }, { mode: 'production' });
    config.entry = {};
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(config, (err, s) => (err ? reject(err) : s!.hasErrors() ? reject(new Error(s!.toString('errors-only'))) : resolve(s!))),
    );
    expect(stats.hasErrors()).toBe(false);
  });

  test('dist/manifest.xml points only at the school’s server', () => {
    const xml = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(xml).not.toContain('localhost');
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u === 'https://school.example' || u.startsWith('https://school.example/xueji/')).toBe(true);
    const info = readManifest(join(out, 'manifest.xml'));
    expect(info.defaultSettings?.sourceLocation).toBe('https://school.example/xueji/taskpane.html');
    expect(info.iconUrl).toBe('https://school.example/xueji/assets/icon-32.png');
    expect(info.appDomains).toEqual(['https://school.example']);
    // Everything else is unchanged.
    const src = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    expect(xml).toBe(configFactory.rewriteManifest(src, 'https://school.example/xueji/'));
    expect(xml.replace(/https:\/\/school\.example\/xueji\//g, 'https://localhost:3000/').replace(/https:\/\/school\.example/g, 'https://localhost:3000')).toBe(src);
  });

  test('the files the manifest names are there', () => {
    for (const f of ['taskpane.html', 'help.html', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']) {
      expect({ f, exists: existsSync(join(out, f)) }).toEqual({ f, exists: true });
    }
  });

  test('office.js and its Excel files come from our own server; Office telemetry scripts are left out', () => {
    for (const f of ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'zh-cn/office_strings.js', 'en-us/office_strings.js']) {
      expect({ f, exists: existsSync(join(out, 'office-js', f)) }).toEqual({ f, exists: true });
    }
    for (const f of ['telemetry', 'ariatelemetry', 'office.debug.js', 'word-win32-16.01.js']) {
      expect({ f, exists: existsSync(join(out, 'office-js', f)) }).toEqual({ f, exists: false });
    }
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    expect(html).toContain('<script src="office-js/office.js"></script>');
    expect(html).not.toMatch(/appsforoffice|https?:\/\//i);
  });
});
