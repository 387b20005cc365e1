/**
 * Nothing lost by a table fix, and "[可修复]" means fixable (issue 14 items 2–4): a sort moves formulas (their own
 * row's references following) and error values with their rows, or is refused saying why — never turning =LEN(D2)
 * into 3 or =NA() into the text "#N/A"; a sort a merge would cut is not promised and the other fixes still apply;
 * nothing is planned past Excel's last row; blank rows are one issue per run; a report is capped with a count.
 */
import type { Cell, SheetInput } from '../../../src/core/types';
import { analyseWorkbook, checkWorkbook } from '../../../src/core/engine/report';
import { mergeProfile } from '../../../src/core/profile/default-profile';
import {
  check,
  fixAll,
  issuesOf,
  makeName,
  makeSid,
  PROFILE,
  REPORT_DATE,
  sheetOf,
  textAt,
  WD_HEADER,
  WD_SIGNATURE,
  type V,
} from '../../helpers/rules';
import { planFixes } from '../../../src/core/engine/fix';
import { mayRefuse, planTable } from '../../../src/core/engine/plan';
import fc from 'fast-check';

const f = (formula: string, value: Cell['value'], kind: Cell['kind'] = typeof value === 'number' ? 'number' : 'string'): Cell => ({ kind, value, formula });
const na = (formula?: string): Cell => (formula === undefined ? { kind: 'error', value: '#N/A' } : { kind: 'error', value: '#N/A', formula });

/** A roster (header row 1) whose rows are given out of order: serials 3, 1, 2, plus a fifth column of the user's own. */
function unsorted(extra: (row: number) => V, o: { merges?: string[]; signature?: boolean } = {}): SheetInput {
  const serials = [3, 1, 2];
  const rows: V[][] = [[...WD_HEADER, '备注']];
  // A merged 分部名称 (B2:B4) shows only its top-left value, as both readers give it.
  const merged = (o.merges ?? []).includes('B2:B4');
  serials.forEach((s, i) => rows.push([i + 1, merged && i > 0 ? null : '河北分部', makeSid(s), makeName(s), extra(i + 2)]));
  if (o.signature !== false) rows.push([WD_SIGNATURE]);
  return sheetOf('退学', rows, o.merges ?? []);
}

describe('a sort moves formulas and error values with their rows', () => {
  it('=LEN(D2) moves with its row and reads its own row where it lands, never becoming the number', () => {
    // Each row's cached result tells the rows apart (20, 30, 40 for rows 2, 3, 4).
    const sheet = unsorted((r) => f(`LEN(D${r})`, r * 10));
    const a = check(sheet);
    expect(issuesOf(a, 'table.unsorted')[0]!.fix).not.toBeNull();
    const fixed = fixAll(sheet, a);
    // Serial 1 (was row 3) is now row 2, its formula reads D2; serial 3 (was row 2) is row 4, reading D4.
    expect(fixed.rows[1]![4]).toStrictEqual({ kind: 'number', value: 30, formula: 'LEN(D2)' });
    expect(fixed.rows[3]![4]).toStrictEqual({ kind: 'number', value: 20, formula: 'LEN(D4)' });
    expect(textAt(fixed, 'C2')).toBe(makeSid(1));
  });

  it('=NA() and a plain #N/A stay errors (a patch says error: true), never the text "#N/A"', () => {
    const sheet = unsorted((r) => (r === 2 ? na('NA()') : r === 3 ? na() : null));
    const plan = planFixes(sheet, PROFILE, check(sheet));
    const errorPatches = plan.patches.filter((p) => p.value === '#N/A');
    expect(errorPatches.length).toBeGreaterThan(0);
    for (const p of errorPatches) expect(p.error).toBe(true);
    const fixed = fixAll(sheet);
    const col = fixed.rows.slice(1, 4).map((r) => r?.[4]);
    expect(col).toEqual(expect.arrayContaining([{ kind: 'error', value: '#N/A', formula: 'NA()' }, { kind: 'error', value: '#N/A' }]));
  });

  it('a formula reading another row is not moved: the sort is not offered, and says why', () => {
    const sheet = unsorted((r) => (r === 2 ? null : f(`E${r - 1}+1`, r)));
    const a = check(sheet);
    const [issue] = issuesOf(a, 'table.unsorted');
    expect(issue!.fix).toBeNull();
    expect(issue!.message).toMatch(/无法自动修复.*公式引用了其他行/);
    expect(planFixes(sheet, PROFILE, a).patches).toEqual([]);
  });

  it('a formula elsewhere reading one moving cell (=C3 in the footer) blocks the sort', () => {
    const sheet = unsorted(() => null);
    (sheet.rows as (Cell | undefined)[][]).push([{ kind: 'string', value: '备注' }, f('C3', makeSid(1))]);
    const [issue] = issuesOf(check(sheet), 'table.unsorted');
    expect(issue!.fix).toBeNull();
    expect(issue!.message).toContain('B6 的公式引用了 C3');
  });

  it('a formula over the whole column (=COUNTA(C2:C4)) does not block it', () => {
    const sheet = unsorted(() => null);
    (sheet.rows as (Cell | undefined)[][]).push([{ kind: 'string', value: '备注' }, f('COUNTA(C2:C4)', 3)]);
    expect(issuesOf(check(sheet), 'table.unsorted')[0]!.fix).not.toBeNull();
  });

  it('a row with a comment, hyperlink or picture (anchors) is not moved away from it', () => {
    const sheet = { ...unsorted(() => null), anchors: ['D3'] };
    const [issue] = issuesOf(check(sheet), 'table.unsorted');
    expect(issue!.fix).toBeNull();
    expect(issue!.message).toContain('D3 有批注、超链接或图片');
  });
});

describe('"[可修复]" means fixable: a merge in the way (issue 14 item 4)', () => {
  it('分部名称 merged over B2:B4 with rows out of order: the sort is not promised, the other fixes still apply', () => {
    const sheet = unsorted((r) => (r === 3 ? ' 注 ' : null), { merges: ['B2:B4'], signature: false });
    const a = check(sheet);
    const [sort] = issuesOf(a, 'table.unsorted');
    expect(sort!.fix).toBeNull();
    expect(sort!.message).toContain('合并单元格 B2:B4');
    const [signature] = issuesOf(a, 'table.signature-row');
    expect(signature!.fix).not.toBeNull();
    const plan = planFixes(sheet, PROFILE, a);
    // The cell fix (E3's spaces) and the signature row; nothing inside the merge.
    expect(plan.patches.map((p) => p.cell)).toEqual(['E3', 'A5']);
    expect(plan.notFixed).toEqual([]);
  });
});

describe('nothing is planned outside the sheet (issue 14 item 2)', () => {
  it('a sheet filled to row 1,048,576 gets its marker issue on its last row, not on A1048577, and no fix', () => {
    const rows: (Cell | undefined)[][] = [WD_HEADER.map((h) => ({ kind: 'string', value: h }) as Cell)];
    rows.length = 1_048_576;
    rows.fill(undefined as unknown as (Cell | undefined)[], 1);
    // Only the last row holds a record: the rows between are blank (one run), the record sits in Excel's last row.
    rows[1_048_575] = [{ kind: 'number', value: 1 }, { kind: 'string', value: '河北分部' }, { kind: 'string', value: makeSid(1) }, { kind: 'string', value: makeName(1) }];
    const sheet: SheetInput = { name: '退学', rows, merges: [] };
    const a = check(sheet);
    const blank = issuesOf(a, 'row.blank');
    expect(blank).toHaveLength(1);
    expect(blank[0]!.message).toContain('第2–1048575行是记录中间的空行（共 1048574 行）');
    for (const i of a.report.issues) {
      expect(Number(/\d+$/.exec(i.cell ?? 'A1')![0])).toBeLessThanOrEqual(1_048_576);
      for (const p of i.fix?.patches ?? []) expect(Number(/\d+$/.exec(p.cell)![0])).toBeLessThanOrEqual(1_048_576);
    }
    // Together with removing the blank rows the signature row fits: the fix does both.
    const plan = planFixes(sheet, PROFILE, a);
    expect(plan.patches.map((p) => p.cell).sort()).toEqual(['A1048576', 'A2', 'A3', 'B1048576', 'B2', 'C1048576', 'C2', 'D1048576', 'D2'].sort());
  });
});

describe('a long report is capped at limits.issues, counting the rest', () => {
  it('30 faulty rows under limits.issues 10: 10 listed, 20 counted per rule, the summary counts all 30', () => {
    const rows: V[][] = [WD_HEADER];
    for (let i = 0; i < 30; i++) rows.push([i + 1, '河北分部', Number(makeSid(i + 1)), makeName(i)]);
    rows.push([WD_SIGNATURE]);
    const profile = mergeProfile({ limits: { issues: 10 } });
    const report = checkWorkbook('名单.xlsx', [sheetOf('退学', rows)], profile, { reportDate: REPORT_DATE, keepFixes: false });
    expect(report.sheets[0]!.issues).toHaveLength(10);
    expect(report.sheets[0]!.omitted).toEqual({ issues: 20, errors: 20, warnings: 0, fixable: 20, rules: { 'cell.number-stored': 20 } });
    expect(report.summary).toEqual({ errors: 30, warnings: 0, fixable: 30 });
    // Fixing still cures all 30.
    const [a] = analyseWorkbook([sheetOf('退学', rows)], profile, { reportDate: REPORT_DATE });
    expect(planFixes(sheetOf('退学', rows), profile, a!).patches).toHaveLength(30);
  });

  it('a table fix rewriting more cells than limits.issues lists none of them and says how many', () => {
    const sheet = unsorted(() => null);
    const [a] = analyseWorkbook([sheet], mergeProfile({ limits: { issues: 3 } }), { reportDate: REPORT_DATE });
    const [issue] = issuesOf(a!, 'table.unsorted');
    expect(issue!.fix).toEqual({ patches: [], omittedPatches: expect.any(Number) });
    expect(issue!.fix!.omittedPatches).toBeGreaterThan(3);
  });
});

describe('a sheet rename that cannot be done is not offered (issue 14 item 2)', () => {
  const roster = (name: string) => sheetOf(name, [WD_HEADER, [1, '河北分部', makeSid(1), makeName(1)], [WD_SIGNATURE]]);

  it('"退学" already exists: no rename fix for the other roster, and it says why', () => {
    const analyses = analyseWorkbook([roster('退学'), roster('Sheet2')], PROFILE, { reportDate: REPORT_DATE });
    const issue = analyses[1]!.report.issues.find((i) => i.rule === 'sheet.name')!;
    expect(issue.fix).toBeNull();
    expect(issue.message).toContain('已有');
    expect(analyses[1]!.renameSheet).toBeNull();
  });

  it('two rosters both named otherwise: only the first is renamed', () => {
    const analyses = analyseWorkbook([roster('Sheet1'), roster('Sheet2')], PROFILE, { reportDate: REPORT_DATE });
    expect(analyses.map((a) => a.renameSheet)).toEqual(['退学', null]);
  });
});

it('a formula whose text the adapter does not know (Excel’s task pane marks formulas with formula: "") is not moved', () => {
  const sheet = unsorted((r) => f('', r * 10));
  const [issue] = issuesOf(check(sheet), 'table.unsorted');
  expect(issue!.fix).toBeNull();
  expect(issue!.message).toContain('读不到它的内容');
});

describe('a table fix is planned only when read where nothing could make it refuse (mayRefuse, issue 10 × 14)', () => {
  // Rows of records, blank rows, footers and markers in any order, with or without a formula, a merge below the
  // header or an anchored comment: whenever mayRefuse says no refusal is possible, no table step (alone or together)
  // is refused — so a fix made on first read is never a refusal in disguise.
  const line = (i: number): V[] => [i + 1, '河北分部', makeSid(1 + ((i * 7) % 9)), makeName(i)];
  const kinds = ['record', 'record', 'record', 'blank', 'signature', 'note', 'formula', 'error'] as const;
  const STEPS = ['removeBlank', 'sort', 'renumber', 'marker'] as const;
  it('holds for seeded sheets of every shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<string[]>([], ['A1:D1'], ['B3:B4'], ['A20:D20']),
        fc.constantFrom<string[] | undefined>(undefined, [], ['D3']),
        (shape, merges, anchors) => {
          const rows: V[][] = [[...WD_HEADER]];
          shape.forEach((k, i) => {
            if (k === 'record') rows.push(line(i));
            else if (k === 'blank') rows.push([]);
            else if (k === 'signature') rows.push([WD_SIGNATURE]);
            else if (k === 'note') rows.push(['说明：以上学生均已本人签字确认']);
            else if (k === 'formula') rows.push([...line(i), f(`E${rows.length}+1`, 1)]);
            else rows.push([...line(i).slice(0, 3), na()]);
          });
          const sheet: SheetInput = { ...sheetOf('退学', rows, merges), ...(anchors ? { anchors } : {}) };
          const a = check(sheet);
          if (!a.header || !a.layout || mayRefuse(sheet, a.header, a.layout)) return;
          for (let mask = 1; mask < 16; mask++) {
            const steps = { removeBlank: false, sort: false, renumber: false, marker: false };
            STEPS.forEach((s, i) => (steps[s] = (mask & (1 << i)) !== 0));
            expect(planTable(sheet, PROFILE, a.header, a.layout, a.rows, new Map(), steps).refused).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a formula anywhere, a merge or an anchor below the header, or a sheet near Excel\'s last row may refuse', () => {
    const base = sheetOf('退学', [[...WD_HEADER], line(0), line(1)]);
    const a = check(base);
    expect(mayRefuse(base, a.header!, a.layout!)).toBe(false);
    expect(mayRefuse({ ...base, merges: ['A1:D1'] }, a.header!, a.layout!)).toBe(false);
    expect(mayRefuse({ ...base, merges: ['B2:B3'] }, a.header!, a.layout!)).toBe(true);
    expect(mayRefuse({ ...base, anchors: ['D3'] }, a.header!, a.layout!)).toBe(true);
    expect(mayRefuse(sheetOf('退学', [[...WD_HEADER, f('1+1', 2)], line(0), line(1)]), a.header!, a.layout!)).toBe(true);
    expect(mayRefuse(base, a.header!, { ...a.layout!, lastRow: 600_000 })).toBe(true);
  });
});
