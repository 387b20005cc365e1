/**
 * Writing reports of any size (issue 14 item 2): the streamed JSON is exactly what JSON.stringify(value, null, 2)
 * prints, written in pieces; several files' reports make one JSON array; cell text is made safe for a terminal.
 */
import fc from 'fast-check';
import { jsonReportWriter, maxOf, terminalText, writeJson } from '../../src/cli/output';

function written(f: (write: (t: string) => void) => void): { text: string; pieces: number } {
  let text = '';
  let pieces = 0;
  f((t) => {
    text += t;
    pieces++;
  });
  return { text, pieces };
}

it('writeJson prints what JSON.stringify(value, null, 2) prints, for any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      expect(written((w) => writeJson(v, w)).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
    }),
  );
});

it('a large report is written in pieces of about 64 KB, never as one string', () => {
  const issues = Array.from({ length: 20_000 }, (_, i) => ({ cell: `A${i + 2}`, rule: 'cell.required', message: '“学号全码”不能为空', fix: null }));
  const report = { file: 'x.xlsx', sheets: [{ sheet: '退学', issues }], summary: { errors: 20_000, warnings: 0, fixable: 0 } };
  const { text, pieces } = written((w) => writeJson(report, w));
  expect(JSON.parse(text)).toEqual(report);
  expect(pieces).toBeGreaterThan(10);
});

it('several files make one array (one file: the object alone), as JSON.stringify would print them', () => {
  const reports = [{ file: 'a' }, { file: 'b', sheets: [] }];
  expect(written((w) => {
    const j = jsonReportWriter(2, w);
    reports.forEach(j.add);
    j.end();
  }).text).toBe(`${JSON.stringify(reports, null, 2)}\n`);
  expect(written((w) => {
    const j = jsonReportWriter(1, w);
    j.add(reports[0]);
    j.end();
  }).text).toBe(`${JSON.stringify(reports[0], null, 2)}\n`);
});

it('maxOf works on a list longer than a call may take arguments (Math.max(...list) threw)', () => {
  const list = Array.from({ length: 300_000 }, (_, i) => i % 977);
  expect(maxOf(list, (n) => n)).toBe(976);
});

it('terminalText shows tabs, line breaks and direction controls as escapes, and leaves Chinese alone', () => {
  expect(terminalText('王\t伟\n\u202E名单\u2066')).toBe('王\\t伟\\n\\u202E名单\\u2066');
  expect(terminalText('河北分部 学信网退学汇总名单')).toBe('河北分部 学信网退学汇总名单');
});
