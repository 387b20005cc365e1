import type { Mark } from '../../src/core/port';
import { HIGHLIGHT_COLORS, HIGHLIGHT_SETTING_KEY } from '../../src/excel/highlight';
import { FakeExcel, formattingState, portFor } from './helpers';

function userSheet(fake: FakeExcel): void {
  const s = fake.addSheet('退学', [
    ['序号', '学号', '姓名', '分部'],
    [1, { v: '2023010100001', fill: '#00FF00' }, '张三', { v: '01', fmt: '@' }],
    [2, 2023010100002, { v: '李四', fill: '#123456' }, '02'],
    [3, { v: '2023010100003', fill: '#00FF00' }, '王五', '03'],
  ]);
  s.ensure(10, 5).fill = '#ABCDEF';
  fake.addUserRule('退学', { type: 'CellValue', address: 'A2:A4', fill: '#FF0000', operator: 'GreaterThan', formula1: '1' });
  fake.addUserRule('退学', { type: 'Custom', address: 'B2:D4', formula: '=$A2>2', fill: '#0000FF' });
  fake.addUserRule('退学', { type: 'Custom', address: 'C1:C100', formula: '=ISTEXT(C1)', fill: '#EEEEEE' });
}

const marks: Mark[] = [
  { cell: 'B2', severity: 'error' },
  { cell: 'B3', severity: 'error' },
  { cell: 'B4', severity: 'error' },
  { cell: 'C3', severity: 'warning' },
  { cell: 'D2', severity: 'warning' },
  { cell: 'D2', severity: 'error' }, // both: error wins
];

describe('highlight → clear', () => {
  test("leaves the user's fills, number formats and conditional formats exactly as they were", async () => {
    const fake = new FakeExcel();
    userSheet(fake);
    const before = formattingState(fake.sheet('退学'));
    const port = portFor(fake);
    await port.highlight('退学', marks);
    const s = fake.sheet('退学');
    const ours = s.cfs.filter((c) => c.formula?.includes('xueji-highlight'));
    expect(ours).toHaveLength(2);
    expect(ours.find((c) => c.fill === HIGHLIGHT_COLORS.error)!.rects).toEqual([
      { top: 2, bottom: 4, left: 1, right: 1 },
      { top: 2, bottom: 2, left: 3, right: 3 },
    ]);
    expect(ours.find((c) => c.fill === HIGHLIGHT_COLORS.warning)!.rects).toEqual([{ top: 3, bottom: 3, left: 2, right: 2 }]);
    // Ours sit on top, the user's keep their relative order below.
    expect(s.cfs.slice(0, 2).every((c) => ours.includes(c))).toBe(true);
    // Fills and formats were never touched, even while marked.
    expect(formattingState(s).fills).toBe(before.fills);
    expect(formattingState(s).formats).toBe(before.formats);

    await port.clearHighlights('退学');
    expect(formattingState(fake.sheet('退学'))).toEqual(before);
    expect(fake.settings.has(HIGHLIGHT_SETTING_KEY)).toBe(false);
    // No format-clearing call was ever made.
    expect(fake.calls.filter((c) => /clear|RangeFill/.test(c))).toEqual([]);
  });

  test('re-marking replaces our rules and only ours; the user rules are not even read when our ids are all there', async () => {
    const fake = new FakeExcel();
    userSheet(fake);
    const port = portFor(fake);
    await port.highlight('退学', marks);
    const before = JSON.stringify(fake.sheet('退学').cfs.filter((c) => !c.formula?.includes('xueji-highlight')));
    fake.resetCounters();
    await port.highlight('退学', [{ cell: 'A4', severity: 'warning' }]);
    const s = fake.sheet('退学');
    const ours = s.cfs.filter((c) => c.formula?.includes('xueji-highlight'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.rects).toEqual([{ top: 4, bottom: 4, left: 0, right: 0 }]);
    expect(JSON.stringify(s.cfs.filter((c) => !ours.includes(c)))).toBe(before);
    expect(fake.syncCount).toBe(4);
    expect(fake.calls.filter((c) => c === 'ConditionalFormat.delete')).toHaveLength(2);
  });

  test('after the workbook is reopened (ids handed out anew, even reused by user rules) clearing still removes only ours', async () => {
    const fake = new FakeExcel();
    userSheet(fake);
    await portFor(fake).highlight('退学', marks);
    const userRules = () => fake.sheet('退学').cfs.filter((c) => !c.formula?.includes('xueji-highlight')).map((c) => ({ ...c, id: '' }));
    const userBefore = JSON.stringify(userRules());
    const oldIds = JSON.parse(fake.settings.get(HIGHLIGHT_SETTING_KEY) as string)['退学'] as string[];
    fake.reopen();
    // Some old ids of ours now name the user's rules.
    const reused = fake.sheet('退学').cfs.filter((c) => oldIds.includes(c.id) && !c.formula?.includes('xueji-highlight'));
    expect(reused.length).toBeGreaterThan(0);
    // A new pane (nothing in memory) re-marks: stale ids trigger the marker scan.
    await portFor(fake).highlight('退学', [{ cell: 'C2', severity: 'error' }]);
    let ours = fake.sheet('退学').cfs.filter((c) => c.formula?.includes('xueji-highlight'));
    expect(ours).toHaveLength(1);
    expect(JSON.stringify(userRules())).toBe(userBefore);
    fake.reopen();
    await portFor(fake).clearHighlights('退学');
    ours = fake.sheet('退学').cfs.filter((c) => c.formula?.includes('xueji-highlight'));
    expect(ours).toHaveLength(0);
    expect(JSON.stringify(userRules())).toBe(userBefore);
  });

  test('clearing removes copies of our rules the user pasted elsewhere (marker scan)', async () => {
    const fake = new FakeExcel();
    userSheet(fake);
    const port = portFor(fake);
    await port.highlight('退学', marks);
    const copy = fake.sheet('退学').cfs.find((c) => c.formula?.includes('xueji-highlight'))!;
    fake.addUserRule('退学', { type: 'Custom', address: 'H1:H3', formula: copy.formula, fill: copy.fill });
    await port.clearHighlights('退学');
    expect(fake.sheet('退学').cfs.filter((c) => c.formula?.includes('xueji-highlight'))).toHaveLength(0);
    expect(fake.sheet('退学').cfs).toHaveLength(3);
  });

  test('ids are kept per sheet in workbook settings; entries of deleted sheets are dropped', async () => {
    const fake = new FakeExcel();
    userSheet(fake);
    fake.addSheet('其他', [['x']]);
    const port = portFor(fake);
    await port.highlight('退学', marks);
    await port.highlight('其他', [{ cell: 'A1', severity: 'warning' }]);
    const stored = JSON.parse(fake.settings.get(HIGHLIGHT_SETTING_KEY) as string) as Record<string, string[]>;
    expect(Object.keys(stored).sort()).toEqual(['其他', '退学']);
    expect(stored['退学']).toEqual(fake.sheet('退学').cfs.filter((c) => c.formula?.includes('xueji')).map((c) => c.id).reverse());
    fake.sheets = fake.sheets.filter((s) => s.name !== '其他');
    await port.highlight('退学', [{ cell: 'B2', severity: 'error' }]);
    expect(Object.keys(JSON.parse(fake.settings.get(HIGHLIGHT_SETTING_KEY) as string))).toEqual(['退学']);
  });

  test('if getRanges refuses the address strings, it starts over with shorter ones and leaves no partial rules', async () => {
    const fake = new FakeExcel({ maxAddressChars: 3000 }); // stricter than the 7,000 we send
    fake.addSheet('S', [['x']]);
    const many: Mark[] = Array.from({ length: 2000 }, (_, i) => ({ cell: `C${2 + i * 3}`, severity: 'error' as const }));
    const port = portFor(fake);
    await port.highlight('S', many);
    const ours = fake.sheet('S').cfs.filter((c) => c.formula?.includes('xueji-highlight'));
    const covered = ours.flatMap((c) => c.rects);
    expect(covered).toHaveLength(2000);
    expect(new Set(covered.map((r) => r.top)).size).toBe(2000);
    expect(fake.requests.some((r) => r.error === 'InvalidArgument')).toBe(true);
  });

  test('10,000 flagged cells: a constant number of syncs and rules, addresses ≤ 7,000 characters', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', [['x']]);
    const port = portFor(fake);
    await port.highlight('S', [{ cell: 'A1', severity: 'error' }]); // our rules now exist: every re-mark has the same shape
    const counts: number[] = [];
    for (const n of [1000, 10_000]) {
      const flagged: Mark[] = Array.from({ length: n }, (_, i) => ({
        cell: `${'ABCDEFGH'[i % 8]}${2 + ((i * 7919) % 100_000)}`,
        severity: i % 3 === 0 ? 'warning' : 'error',
      }));
      fake.resetCounters();
      await port.highlight('S', flagged);
      counts.push(fake.syncCount);
      expect(fake.largestRequest).toBeLessThan(5 * 1024 * 1024);
    }
    expect(new Set(counts).size).toBe(1);
    expect(port.diagnostics.lastHighlight!.rules).toBeLessThan(60);
  });
});
