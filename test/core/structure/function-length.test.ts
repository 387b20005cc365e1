/**
 * Done-when of issue 13: no function in the core is longer than 79 lines, so that each one can be read on a screen.
 * Measured with the TypeScript compiler: every function, method, accessor, constructor and arrow body in src/core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const CORE = path.resolve(__dirname, '../../../src/core');
const LIMIT = 79;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Measured {
  where: string;
  lines: number;
}

/** The line count of every function-like body of one file (a body from its opening line to its closing line). */
export function measure(file: string): Measured[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const body = node.body as ts.Node;
      const first = source.getLineAndCharacterOfPosition(body.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(body.getEnd()).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
      out.push({ where: `${path.relative(CORE, file)}:${first + 1} ${name}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('function length in src/core', () => {
  it('measures bodies: a 3-line arrow is 3 lines', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'xueji-len-')), 'a.ts');
    fs.writeFileSync(tmp, 'const f = () => {\n  return 1;\n};\nfunction g() { return 2; }\n');
    expect(measure(tmp).map((m) => m.lines)).toEqual([3, 1]);
  });

  it(`has no function, method or arrow body over ${LIMIT} lines`, () => {
    const all = tsFiles(CORE).flatMap(measure);
    expect(all.length).toBeGreaterThan(100);
    const long = all.filter((m) => m.lines > LIMIT).map((m) => `${m.where} (${m.lines} lines)`);
    expect(long).toEqual([]);
  });
});
