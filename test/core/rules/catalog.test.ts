/** The rule catalogue knows every rule id the code emits, and nothing it lists as emitted is missing from the code. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, ruleEntry, ruleTitle } from '../../../src/core/rules/catalog';

const SRC = join(__dirname, '..', '..', '..', 'src');
const RULE_ID = /['"`]((?:sheet|header|row|table|cell|student-id|id-card|gender|ethnicity|name|centre-code|enrollment-term|exemption|registration-no|correction|withdrawal|evidence|photo|graduation)\.[a-z0-9-]+)['"`]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Rule ids written as string literals in src/core (where rules are emitted), keyed to a file that writes them. */
function emittedIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of sources(join(SRC, 'core'))) {
    if (file.endsWith(join('rules', 'catalog.ts'))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(RULE_ID)) if (!ids.has(m[1]!)) ids.set(m[1]!, file);
  }
  return ids;
}

test('every rule id the core writes is in the catalogue', () => {
  const unknown = [...emittedIds()].filter(([id]) => !ruleEntry(id)).map(([id, file]) => `${id} (${file})`);
  expect(unknown).toEqual([]);
});

test('every rule the catalogue calls emitted is written somewhere in the core', () => {
  const ids = emittedIds();
  expect(RULES.filter((r) => r.emitted && !ids.has(r.id)).map((r) => r.id)).toEqual([]);
});

test('ids are unique; every entry has a Chinese title, meaning and source', () => {
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  for (const r of RULES) {
    expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    expect(r.meaning).toMatch(/[\u4e00-\u9fff]/);
    expect(r.source.length).toBeGreaterThan(1);
    if (r.fixable === 'partly') expect(r.fixNote).toBeTruthy();
  }
});

test('ruleTitle gives the Chinese title, or the id for an unknown one', () => {
  expect(ruleTitle('cell.whitespace')).toBe('空格或不可见字符');
  expect(ruleTitle('no.such-rule')).toBe('no.such-rule');
});
