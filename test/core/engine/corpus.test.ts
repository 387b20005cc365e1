/**
 * The messy-sheet corpus (issue 9, issue 14 item 1): every sheet is read as the case says — template, header row,
 * records — and gets exactly the issues it expects; the clean ones none.
 */
import { CORPUS, misreads } from '../../helpers/corpus';
import { analyseWorkbook } from '../../../src/core/engine/report';
import { ruleEntry } from '../../../src/core/rules/catalog';
import { PROFILE, REPORT_DATE } from '../../helpers/rules';

test('the corpus covers every header shape and class, clean and wrong', () => {
  expect(CORPUS.filter((c) => c.kind === 'clean').length).toBeGreaterThanOrEqual(15);
  expect(CORPUS.filter((c) => c.kind === 'class').length).toBeGreaterThanOrEqual(15);
  expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
});

test.each(CORPUS.map((c) => [c.id, c] as const))('%s is read right', (_id, c) => {
  expect(misreads(c)).toEqual([]);
});

test('every issue of the corpus has the severity and fixability its catalogue entry says', () => {
  const wrong: string[] = [];
  for (const c of CORPUS) {
    for (const a of analyseWorkbook(c.sheets, PROFILE, { reportDate: c.reportDate ?? REPORT_DATE })) {
      for (const i of a.report.issues) {
        const e = ruleEntry(i.rule);
        if (!e) wrong.push(`${c.id}: ${i.rule} is not in the catalogue`);
        else if (!e.severity.includes(i.severity)) wrong.push(`${c.id}: ${i.rule} is ${i.severity}, the catalogue says ${e.severity}`);
        else if (i.fix && e.fixable === 'no') wrong.push(`${c.id}: ${i.rule} has a fix, the catalogue says it has none`);
      }
    }
  }
  expect(wrong).toEqual([]);
});
