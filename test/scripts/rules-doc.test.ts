/** docs/rules.md ships with the project and says what the code's rule catalogue says (issue 9 item 8). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../../scripts/rules-doc';
import { RULES } from '../../src/core/rules/catalog';

const DOC = join(__dirname, '..', '..', 'docs', 'rules.md');

test('docs/rules.md is exactly the catalogue rendered (run `npm run docs:rules` after changing a rule)', () => {
  expect(readFileSync(DOC, 'utf8')).toBe(renderRulesDoc());
});

test('a changed catalogue no longer matches the file: the check can fail', () => {
  const changed = RULES.map((r) => (r.id === 'cell.whitespace' ? { ...r, severity: 'warning' as const } : r));
  expect(renderRulesDoc(changed)).not.toBe(readFileSync(DOC, 'utf8'));
});

test('every rule has its row with id, severity, fix, title, meaning and source; planned ones are marked', () => {
  const doc = readFileSync(DOC, 'utf8');
  for (const r of RULES) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${r.id}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(r.title);
    expect(row).toContain(r.source);
    expect(row!.includes('尚未实现')).toBe(!r.emitted);
  }
  // The graduation pre-check's rules (DOMAIN.md §5) are emitted since issue 11.
  for (const id of ['graduation.too-early', 'graduation.expired', 'graduation.expiring', 'graduation.status', 'graduation.photo-missing', 'graduation.chsi-photo', 'graduation.identity-doubt']) {
    expect(RULES.find((r) => r.id === id)?.emitted).toBe(true);
  }
});
