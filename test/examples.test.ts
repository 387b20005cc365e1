/**
 * The committed examples/*.xlsx (made by scripts/make-examples.ts): each is recognised as its template, shows at
 * least one error on the report date 2026-11-22, and `xueji fix` leaves no fixable issue in its copy. The pre-check
 * roster's verdicts are pinned in test/cli/precheck.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_FILES, PRECHECK_EXAMPLE, makeExamples } from '../scripts/make-examples';
import { readSheetsStreaming } from '../src/files/node-io';
import { checkJson, sha256, tempDir, xueji } from './cli/helpers';

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
const DATE = ['--report-date', '2026-11-22'];

const tmp = tempDir('xueji-examples-');
afterAll(() => tmp.cleanup());

const CASES = Object.entries(EXAMPLE_FILES) as [keyof typeof EXAMPLE_FILES, string][];

/** Every committed example: one submission per template, and the platform's student list for `xueji precheck`. */
const ALL = [...Object.values(EXAMPLE_FILES), PRECHECK_EXAMPLE].sort();

it('examples/ holds exactly one workbook per template and the pre-check roster', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx')).sort();
  expect(files).toEqual(ALL);
  expect(CASES.map(([id]) => id).sort()).toEqual(['correction-enrolled', 'correction-graduate', 'correction-new', 'exemption', 'withdrawal']);
});

describe.each(CASES)('%s example (%s)', (template, name) => {
  const file = path.join(EXAMPLES, name);

  it('is recognised as its template and has at least one error', async () => {
    const { code, report } = await checkJson([file], DATE);
    expect(code).toBe(1);
    expect(report.sheets.map((s: { template: string }) => s.template)).toEqual([template]);
    expect(report.summary.errors).toBeGreaterThanOrEqual(1);
    expect(report.summary.fixable).toBeGreaterThanOrEqual(1);
  });

  it('fix leaves no fixable issue in the copy and does not touch the example', async () => {
    const hash = sha256(file);
    const out = tmp.file(`fixed-${template}.xlsx`);
    const r = await xueji(['fix', file, '-o', out, ...DATE]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toContain('→');
    expect(sha256(file)).toBe(hash);
    const after = await checkJson([out], DATE);
    expect(after.report.sheets.map((s: { template: string }) => s.template)).toEqual([template]);
    const fixable = after.report.sheets.flatMap((s: { issues: { rule: string; fix: unknown }[] }) =>
      s.issues.filter((i) => i.fix !== null).map((i) => i.rule),
    );
    expect(fixable).toEqual([]);
    // What fix says is left is what check finds in the copy.
    expect(r.code).toBe(after.code);
    expect(r.stdout).toContain(`仍有错误 ${after.report.summary.errors} 个，警告 ${after.report.summary.warnings} 个`);
  });
});

it('the committed examples are what scripts/make-examples.ts generates now', async () => {
  const fresh = await makeExamples(path.join(tmp.dir, 'regenerated'));
  expect(fresh.map((f) => path.basename(f)).sort()).toEqual(ALL);
  for (const f of fresh) {
    const committed = await readSheetsStreaming(path.join(EXAMPLES, path.basename(f)));
    expect({ file: path.basename(f), sheets: await readSheetsStreaming(f) }).toEqual({ file: path.basename(f), sheets: committed });
  }
});
