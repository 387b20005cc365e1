/**
 * Issue 13 item 2: the engine is generic — what a template knows lives in src/core/templates/<id>/, never in a
 * branch of the engine on a template's id. This fails on any `template === …`, `isCorrection(…)`,
 * `startsWith('correction')` or a template id written in src/core/engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATE_IDS } from '../../../src/core/types';

const ENGINE = path.resolve(__dirname, '../../../src/core/engine');

const BRANCHES: readonly RegExp[] = [
  /template\s*[!=]==?(?![=\s]*(null|undefined)\b)/,
  /[!=]==?\s*['"`](exemption|withdrawal|correction)/,
  /isCorrection\s*\(/,
  /startsWith\(\s*['"`]correction/,
  /case\s+['"`](exemption|withdrawal|correction)/,
  new RegExp(`['"\`](${TEMPLATE_IDS.join('|')})['"\`]`),
];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Lines of `text` that branch on a template (comments aside). */
export function templateBranches(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, ''))
    .filter((line) => BRANCHES.some((re) => re.test(line)));
}

describe('the engine is generic', () => {
  it('finds a branch on a template where there is one', () => {
    expect(templateBranches("if (this.template === 'exemption') x();\n// template === 'withdrawal' in a comment")).toHaveLength(1);
    expect(templateBranches('const c = isCorrection(t);')).toHaveLength(1);
    expect(templateBranches("return t.startsWith('correction');")).toHaveLength(1);
    expect(templateBranches("const k = 'correction-graduate';")).toHaveLength(1);
    expect(templateBranches('const matched = a.report.template !== null;')).toHaveLength(0);
  });

  it('has no branch on a template id in src/core/engine', () => {
    const found = tsFiles(ENGINE).flatMap((f) => templateBranches(fs.readFileSync(f, 'utf8')).map((l) => `${path.basename(f)}: ${l.trim()}`));
    expect(found).toEqual([]);
  });
});
