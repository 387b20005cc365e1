/**
 * @jest-environment jsdom
 */
// taskpane.html: office.js from our own origin, and the ES5 guard that runs before the bundle — plain ES5 (old
// Excel's Internet Explorer webview must be able to run it), explaining in Chinese where the pane cannot work and
// loading the bundle only where it can.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const HTML = readFileSync(join(__dirname, '..', '..', 'src', 'taskpane', 'taskpane.html'), 'utf8');
const BUNDLES = '["taskpane.js"]';

function guardSource(): string {
  const m = /<script id="xueji-guard">([\s\S]*?)<\/script>/.exec(HTML);
  expect(m).not.toBeNull();
  return m![1]!.replace('<%= JSON.stringify(htmlWebpackPlugin.files.js) %>', BUNDLES);
}

/** Syntax an ES5 engine (IE11) cannot parse. */
const ES2015_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.TemplateExpression,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TaggedTemplateExpression,
  ts.SyntaxKind.SpreadElement,
  ts.SyntaxKind.SpreadAssignment,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ShorthandPropertyAssignment,
  ts.SyntaxKind.ComputedPropertyName,
  ts.SyntaxKind.ObjectBindingPattern,
  ts.SyntaxKind.ArrayBindingPattern,
  ts.SyntaxKind.AwaitExpression,
  ts.SyntaxKind.YieldExpression,
  ts.SyntaxKind.AsyncKeyword,
  ts.SyntaxKind.MetaProperty,
]);

function es2015Syntax(code: string): string[] {
  const sf = ts.createSourceFile('guard.js', code, ts.ScriptTarget.ES5, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (ES2015_KINDS.has(n.kind)) found.push(ts.SyntaxKind[n.kind]!);
    if (ts.isVariableDeclarationList(n) && n.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) found.push('let/const');
    if (ts.isParameter(n) && (n.initializer || n.dotDotDotToken)) found.push('default/rest parameter');
    if (ts.isMethodDeclaration(n) && ts.isObjectLiteralExpression(n.parent)) found.push('method shorthand');
    if (ts.isNumericLiteral(n) && /^0[bo]/i.test(n.getText())) found.push('binary/octal literal');
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length) found.push(`parse error: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, ' ')}`);
  return found;
}

describe('taskpane.html', () => {
  test('loads office.js from our own origin, before the guard; nothing from Microsoft’s CDN or any other host', () => {
    const scripts = [...HTML.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts[0]).toBe(' src="office-js/office.js"');
    expect(scripts[1]).toBe(' id="xueji-guard"');
    expect(scripts).toHaveLength(2);
    expect(HTML).not.toMatch(/appsforoffice|\/\/[a-z0-9.-]+\.(com|cn|net)\//i);
    expect(HTML).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  test('the guard is ES5: no arrow functions, let/const, template strings, classes …', () => {
    const code = guardSource();
    expect(es2015Syntax(code)).toEqual([]);
    expect(code).not.toMatch(/=>|`|\blet\s|\bconst\s|\bclass\s/);
    // The checker itself catches them.
    expect(es2015Syntax('var f = () => 1; let a = 1;')).toEqual(['ArrowFunction', 'let/const']);
    for (const bad of ['var a = `x`;', 'var o = { f() {} };', 'class A {}', 'for (var x of y) {}', 'var { a } = o;', 'function f(a = 1) {}']) {
      expect({ bad, found: es2015Syntax(bad).length > 0 }).toEqual({ bad, found: true });
    }
  });

  test('the too-old message is in Chinese and points to the browser workbench', () => {
    const body = /<div id="xueji-old"[\s\S]*?<\/div>/.exec(HTML)![0];
    expect(body).toContain('此版本的 Excel 过旧');
    expect(body).toContain('浏览器工作台');
    expect(body).toMatch(/Excel 2016、Excel 2019/);
  });
});

describe('the guard at run time', () => {
  const realUA = window.navigator.userAgent;
  let ua = realUA;
  beforeAll(() => {
    Object.defineProperty(window.navigator, 'userAgent', { configurable: true, get: () => ua });
  });
  beforeEach(() => {
    ua = realUA;
    document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(HTML)![1]!.replace(/<script\b[\s\S]*?<\/script>/g, '');
    delete (window as { Office?: unknown }).Office;
    delete (window as { xuejiTooOld?: unknown }).xuejiTooOld;
  });

  function runGuard(): void {
    // Indirect eval: the script runs in the page's global scope, as the browser runs it.
    (0, eval)(guardSource());
  }
  const loaded = () => [...document.querySelectorAll('script')].map((s) => s.getAttribute('src'));
  const shown = () => (document.getElementById('xueji-old') as HTMLElement).style.display === 'block';

  function office(supported: boolean, style: 'callback' | 'promise' | 'both' = 'both') {
    return {
      HostType: { Excel: 'Excel' },
      context: { requirements: { isSetSupported: (name: string, v: string) => supported && name === 'ExcelApi' && v === '1.9' } },
      onReady(cb?: (i: { host: string }) => void) {
        const info = { host: 'Excel' };
        if (style !== 'promise' && cb) cb(info);
        return style === 'callback' ? undefined : Promise.resolve(info);
      },
    };
  }

  test('Internet Explorer (Excel 2016/2019): explains, loads nothing', () => {
    ua = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko';
    (window as { Office?: unknown }).Office = office(true);
    runGuard();
    expect(shown()).toBe(true);
    expect(document.getElementById('xueji-old-why')!.textContent).toContain('旧版网页控件');
    expect(loaded()).toEqual([]);
  });

  test('EdgeHTML: explains, loads nothing', () => {
    ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.17763';
    runGuard();
    expect(shown()).toBe(true);
    expect(loaded()).toEqual([]);
  });

  test('Excel without ExcelApi 1.9: explains, loads nothing', async () => {
    (window as { Office?: unknown }).Office = office(false);
    runGuard();
    await Promise.resolve();
    expect(shown()).toBe(true);
    expect(document.getElementById('xueji-old-why')!.textContent).toContain('ExcelApi 1.9');
    expect(loaded()).toEqual([]);
  });

  test.each(['callback', 'promise', 'both'] as const)('a modern Excel (onReady by %s): loads the bundle once', async (style) => {
    (window as { Office?: unknown }).Office = office(true, style);
    runGuard();
    await new Promise((r) => setTimeout(r, 0));
    expect(shown()).toBe(false);
    expect(loaded()).toEqual(['taskpane.js']);
  });

  test('without office.js: loads the bundle, which explains', () => {
    runGuard();
    expect(shown()).toBe(false);
    expect(loaded()).toEqual(['taskpane.js']);
  });
});
