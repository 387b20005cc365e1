/**
 * The template registry (issue 13): every template id has exactly one definition, and each definition is whole —
 * its title names it, its family recognises it, its layout is its own.
 */
import { isSubmission, SUBMISSION_TEMPLATE_IDS, TEMPLATE_IDS } from '../../../src/core/types';
import { FAMILIES, TEMPLATES, templateOf } from '../../../src/core/templates/registry';
import { templateOfTitle } from '../../../src/core/templates/clues';
import { resolveLayout } from '../../../src/core/export/layouts';
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';

describe('the template registry', () => {
  it('lists every template id once, and nothing else', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...TEMPLATE_IDS].sort());
  });

  it.each(TEMPLATE_IDS)('%s: its own title names it', (id) => {
    expect(templateOfTitle(templateOf(id).title)).toBe(id);
  });

  it.each(TEMPLATE_IDS)('%s: its family is in the list of families, its key is required', (id) => {
    const t = templateOf(id);
    expect(FAMILIES).toContain(t.family);
    for (const f of t.required) expect(typeof f).toBe('string');
    expect(t.required).toContain(t.key);
  });

  it.each(SUBMISSION_TEMPLATE_IDS)('%s: a submission, with a layout of its own and an end row', (id) => {
    const t = templateOf(id);
    expect(resolveLayout(DEFAULT_PROFILE, id).template).toBe(id);
    expect(t.notSubmitted).toBeUndefined();
    expect(t.table.marker).not.toBeNull();
  });

  it.each(TEMPLATE_IDS.filter((id) => !isSubmission(id)))('%s: not submitted — no layout, a Chinese reason export and merge give', (id) => {
    const t = templateOf(id);
    expect(t.layout).toBeUndefined();
    expect(t.notSubmitted).toMatch(/[\u4e00-\u9fff]/);
    expect(() => resolveLayout(DEFAULT_PROFILE, id as never)).toThrow(id);
  });

  it('says which id has no definition rather than answering for another', () => {
    expect(() => templateOf('no-such-template' as never)).toThrow('no-such-template');
  });
});
