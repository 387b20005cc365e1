/** `xueji check`: exit codes, the DOMAIN.md §6 JSON, the readable table, --template, --report-date, --profile. */
import * as fs from 'node:fs';
import {
  NEW_TITLE,
  TODAY,
  addRoster,
  checkJson,
  makeSid,
  rosterRows,
  saveCorrection,
  saveExemption,
  saveRoster,
  saveWorkbook,
  tempDir,
  xueji,
} from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A correct roster of 5 students: no error, no warning. */
let clean: string;
/** The same roster with a 12-digit 学号 in C2 (first record) and a space inside the name in D3. */
let broken: string;

beforeAll(async () => {
  clean = await saveRoster(tmp.file('退学名单-正确.xlsx'), rosterRows(5));
  const rows = rosterRows(5);
  rows[0]![2] = '201300120000'; // 12 digits; still sorts before 2013001200002 both as text and as a number
  rows[1]![3] = `${String(rows[1]![3]).slice(0, 1)} ${String(rows[1]![3]).slice(1)}`;
  broken = await saveRoster(tmp.file('退学名单-有错.xlsx'), rows);
});

const ISSUE_KEYS = ['cell', 'column', 'field', 'fix', 'message', 'row', 'rule', 'severity'];

describe('check exit codes', () => {
  it('exits 0 for a correct roster and 1 for one with errors', async () => {
    expect((await xueji(['check', clean])).code).toBe(0);
    expect((await xueji(['check', broken])).code).toBe(1);
  });

  it('exits 2 for an unusable input, with the reason on stderr', async () => {
    const r = await xueji(['check', tmp.file('没有这个文件.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有这个文件.xlsx');
  });

  it('with several files exits with the highest code, whatever the order, and still checks every file', async () => {
    const missing = tmp.file('缺失.xlsx');
    expect((await xueji(['check', clean, clean])).code).toBe(0);
    expect((await xueji(['check', clean, broken])).code).toBe(1);
    expect((await xueji(['check', broken, clean])).code).toBe(1);
    const r = await xueji(['check', missing, broken, clean]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('退学名单-有错.xlsx');
    expect(r.stdout).toContain('退学名单-正确.xlsx');
    expect(r.stdout).toContain('student-id.format');
    expect((await xueji(['check', clean, missing])).code).toBe(2);
  });

  it('with several files and --json prints one report per file', async () => {
    const { code, report } = await checkJson([clean, broken]);
    expect(code).toBe(1);
    expect(Array.isArray(report)).toBe(true);
    expect(report.map((r: { file: string }) => r.file)).toEqual(['退学名单-正确.xlsx', '退学名单-有错.xlsx']);
    expect(report[0].summary.errors).toBe(0);
    expect(report[1].summary.errors).toBeGreaterThan(0);
  });
});

describe('check --json follows DOMAIN.md §6', () => {
  it('reports a 12-digit 学号 as student-id.format at its cell, with every field of the issue', async () => {
    const { code, report } = await checkJson([broken]);
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual(['file', 'sheets', 'summary']);
    expect(report.file).toBe('退学名单-有错.xlsx');
    expect(report.sheets).toHaveLength(1);
    const sheet = report.sheets[0];
    expect(Object.keys(sheet).sort()).toEqual(['headerRow', 'issues', 'records', 'sheet', 'template']);
    expect(sheet).toMatchObject({ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 5 });
    for (const issue of sheet.issues) expect(Object.keys(issue).sort()).toEqual(ISSUE_KEYS);

    const sid = sheet.issues.filter((i: { rule: string }) => i.rule === 'student-id.format');
    expect(sid).toEqual([
      {
        cell: 'C2',
        row: 2,
        column: '学号全码',
        field: 'studentId',
        rule: 'student-id.format',
        severity: 'error',
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
        fix: null,
      },
    ]);
    expect(sid[0].message).toContain('12');
  });

  it('a fixable issue carries its patches (cell, value, number format)', async () => {
    const { report } = await checkJson([broken]);
    const ws = report.sheets[0].issues.filter((i: { rule: string }) => i.rule === 'cell.whitespace');
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({ cell: 'D3', row: 3, column: '学生姓名', field: 'name', severity: 'error' });
    expect(ws[0].fix).toEqual({ patches: [{ cell: 'D3', value: rosterRows(5)[1]![3], numberFormat: '@' }] });
  });

  it('the summary counts the errors, warnings and fixable issues listed', async () => {
    const { report } = await checkJson([broken]);
    const issues = report.sheets.flatMap((s: { issues: unknown[] }) => s.issues) as { severity: string; fix: unknown }[];
    expect(report.summary).toEqual({
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
      fixable: issues.filter((i) => i.fix !== null).length,
    });
    expect(report.summary.errors).toBe(2);
    expect(report.summary.fixable).toBe(1);
  });

  it('a correct roster has zero errors and zero issues', async () => {
    const { code, report } = await checkJson([clean]);
    expect(code).toBe(0);
    expect(report.sheets).toEqual([{ sheet: '退学', template: 'withdrawal', headerRow: 1, records: 5, issues: [] }]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, fixable: 0 });
  });

  it('a title row moves the header row and the cells, not the findings', async () => {
    const rows = rosterRows(4);
    rows[2]![2] = '20130012000030'; // 14 digits, third record
    const file = await saveRoster(tmp.file('带标题.xlsx'), rows, { title: '河北分部学信网退学汇总名单' });
    const { report } = await checkJson([file]);
    expect(report.sheets[0]).toMatchObject({ headerRow: 2, records: 4 });
    const at = report.sheets[0].issues.filter((i: { rule: string }) => i.rule === 'student-id.format').map((i: { cell: string }) => i.cell);
    expect(at).toEqual(['C5']);
  });

  it('a sheet matching no template is sheet.unknown-template with cell null, an error when nothing else matched', async () => {
    const file = await saveWorkbook(tmp.file('无关表格.xlsx'), (wb) => {
      const ws = wb.addWorksheet('工资');
      ws.addRow(['月份', '金额']);
      ws.addRow(['一月', 100]);
    });
    const { code, report } = await checkJson([file]);
    expect(code).toBe(1);
    expect(report.sheets[0].template).toBeNull();
    expect(report.sheets[0].issues).toEqual([
      expect.objectContaining({ rule: 'sheet.unknown-template', severity: 'error', cell: null, row: null }),
    ]);
  });

  it('every sheet is checked: an unrelated sheet next to a roster is only a warning, an empty sheet is skipped', async () => {
    const file = await saveWorkbook(tmp.file('多表.xlsx'), (wb) => {
      addRoster(wb, rosterRows(3));
      const other = wb.addWorksheet('说明');
      other.addRow(['本表由学习中心填写']);
      wb.addWorksheet('空表');
    });
    const { code, report } = await checkJson([file]);
    expect(code).toBe(0);
    expect(report.sheets.map((s: { sheet: string }) => s.sheet)).toEqual(['退学', '说明']);
    expect(report.sheets[1].issues).toEqual([expect.objectContaining({ rule: 'sheet.unknown-template', severity: 'warning' })]);
  });
});

describe('check prints a readable table by default', () => {
  it('names the file, the sheet, the template, each issue with its cell and rule, and the totals', async () => {
    const r = await xueji(['check', broken]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('退学名单-有错.xlsx');
    expect(r.stdout).toContain('工作表「退学」');
    expect(r.stdout).toContain('withdrawal');
    // The Chinese title first, the rule id in brackets at the end (issue 9).
    expect(r.stdout).toMatch(/^\s+C2\s+错误\s+学号格式\s+学号应为13位数字.*\[student-id\.format\]$/m);
    expect(r.stdout).toMatch(/^\s+D3\s+错误\s+空格或不可见字符\s+.*\[可修复\]\s+\[cell\.whitespace\]$/m);
    expect(r.stdout).toMatch(/合计：错误 2 个，警告 0 个，其中可自动修复 1 个/);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('says so when a sheet has no issue', async () => {
    const r = await xueji(['check', clean]);
    expect(r.stdout).toContain('未发现问题');
    expect(r.stdout).toMatch(/合计：错误 0 个，警告 0 个/);
  });
});

describe('check --template', () => {
  it('forces the template a sheet is checked as', async () => {
    // No title and no sheet-name clue: recognised as 在籍生 by default.
    const file = await saveCorrection(tmp.file('修改表.xlsx'), [makeSid(1, { year: 2026 })]);
    const auto = await checkJson([file]);
    expect(auto.report.sheets[0].template).toBe('correction-enrolled');
    expect(auto.report.sheets[0].issues.map((i: { rule: string }) => i.rule)).not.toContain('correction.new-student-window');

    const forced = await checkJson([file], ['--template', 'correction-new']);
    expect(forced.report.sheets[0].template).toBe('correction-new');
    // …and that template's rules now apply: a 2026 spring 新生 is past the window on 2026-11-22.
    expect(forced.report.sheets[0].issues).toContainEqual(
      expect.objectContaining({ rule: 'correction.new-student-window', cell: 'B2', severity: 'warning' }),
    );
  });

  it('forcing a template whose columns are absent reports the missing columns', async () => {
    const file = await saveRoster(tmp.file('强制模板.xlsx'), rosterRows(2));
    const { code, report } = await checkJson([file], ['--template', 'exemption']);
    expect(code).toBe(1);
    expect(report.sheets[0].template).toBe('exemption');
    expect(report.sheets[0].issues.map((i: { rule: string }) => i.rule)).toContain('header.missing-column');
  });

  it('an unknown template id exits 2 with the list of ids', async () => {
    const r = await xueji(['check', clean, '--template', 'tuixue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tuixue');
    expect(r.stderr).toContain('withdrawal');
    expect(r.stdout).toBe('');
  });
});

describe('check --report-date and the 新生 window', () => {
  let file: string;
  const spring = makeSid(1, { year: 2026 }); // spring 2026 intake: window until 2026-08-31
  const autumn = makeSid(50001, { year: 2026 }); // autumn 2026 intake: window until 2027-02-28

  beforeAll(async () => {
    file = await saveCorrection(tmp.file('新生修改表.xlsx'), [spring, autumn], { title: NEW_TITLE, sheetName: '新生' });
  });

  async function windowCells(extra: string[], today = TODAY): Promise<string[]> {
    const r = await xueji(['check', file, '--json', ...extra], { today });
    const report = JSON.parse(r.stdout);
    expect(report.sheets[0].template).toBe('correction-new');
    return report.sheets[0].issues
      .filter((i: { rule: string }) => i.rule === 'correction.new-student-window')
      .map((i: { cell: string }) => i.cell);
  }

  it('within the first semester there is no warning; past it, the late row is flagged at its 学号', async () => {
    expect(await windowCells(['--report-date', '2026-06-30'])).toEqual([]);
    expect(await windowCells(['--report-date', '2026-08-31'])).toEqual([]);
    expect(await windowCells(['--report-date', '2026-09-01'])).toEqual(['B3']);
    expect(await windowCells(['--report-date', '2027-03-01'])).toEqual(['B3', 'B4']);
  });

  it('without --report-date the date is today', async () => {
    expect(await windowCells([], '2026-06-30')).toEqual([]);
    expect(await windowCells([], '2026-09-01')).toEqual(['B3']);
  });

  it("the profile's reportDate replaces today, and --report-date wins over the profile", async () => {
    const profile = tmp.file('报送日期.json');
    fs.writeFileSync(profile, JSON.stringify({ reportDate: '2026-09-01' }));
    expect(await windowCells(['--profile', profile], '2026-06-30')).toEqual(['B3']);
    expect(await windowCells(['--profile', profile, '--report-date', '2026-06-30'], '2026-06-30')).toEqual([]);
  });

  it('an impossible report date exits 2 with a Chinese reason', async () => {
    for (const bad of ['2026-02-30', '22/11/2026', '明天']) {
      const r = await xueji(['check', file, '--report-date', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(bad);
      expect(r.stderr).toContain('YYYY-MM-DD');
    }
  });
});

describe('check --profile', () => {
  let file: string;
  beforeAll(async () => {
    file = await saveExemption(tmp.file('免考.xlsx'), ['01300801', '1300802']);
  });

  async function centreIssues(profile?: object): Promise<{ rule: string; cell: string; fix: { patches: { value: unknown }[] } | null }[]> {
    const extra: string[] = [];
    if (profile) {
      const p = tmp.file(`profile-${Math.random().toString(36).slice(2)}.json`);
      fs.writeFileSync(p, JSON.stringify(profile));
      extra.push('--profile', p);
    }
    const { report } = await checkJson([file], extra);
    expect(report.sheets[0].template).toBe('exemption');
    return report.sheets[0].issues.filter((i: { rule: string }) => i.rule.startsWith('centre-code.'));
  }

  it('by default an 8-digit code is right and a 7-digit one is padded on the left', async () => {
    const issues = await centreIssues();
    expect(issues).toEqual([expect.objectContaining({ rule: 'centre-code.unpadded', cell: 'A3' })]);
    expect(issues[0]!.fix!.patches[0]!.value).toBe('01300802');
  });

  it('a partial profile with centreCode.length 10 makes the 8-digit code short too', async () => {
    const issues = await centreIssues({ centreCode: { length: 10 } });
    expect(issues.map((i) => [i.rule, i.cell, i.fix?.patches[0]?.value])).toEqual([
      ['centre-code.unpadded', 'A2', '0001300801'],
      ['centre-code.unpadded', 'A3', '0001300802'],
    ]);
  });

  it('a partial profile with pad "right" pads on the right', async () => {
    const issues = await centreIssues({ centreCode: { pad: 'right' } });
    expect(issues.map((i) => [i.cell, i.fix?.patches[0]?.value])).toEqual([['A3', '13008020']]);
  });

  it('a profile with a bad field exits 2 naming the field', async () => {
    const p = tmp.file('坏配置.json');
    fs.writeFileSync(p, JSON.stringify({ centreCode: { length: '八' } }));
    const r = await xueji(['check', file, '--profile', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('centreCode.length');
    expect(r.stdout).toBe('');
  });
});

describe('check on a sheet with a merged title, a formula and #N/A', () => {
  it('reports cell.formula and cell.error-value at their cells and does not crash', async () => {
    const rows = rosterRows(3);
    rows[1]![2] = { formula: `"${makeSid(2)}"`, result: makeSid(2) };
    rows[2]![3] = { error: '#N/A' };
    const file = await saveRoster(tmp.file('公式.xlsx'), rows, { title: '河北分部学信网退学汇总名单' });
    const { code, report, stderr } = await checkJson([file]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const sheet = report.sheets[0];
    expect(sheet).toMatchObject({ template: 'withdrawal', headerRow: 2, records: 3 });
    expect(sheet.issues).toContainEqual(expect.objectContaining({ rule: 'cell.formula', cell: 'C4', severity: 'warning' }));
    expect(sheet.issues).toContainEqual(expect.objectContaining({ rule: 'cell.error-value', cell: 'D5', severity: 'error' }));
    // The formula's cached result is a valid 学号: no format error on it, and the merged title is not "in the records".
    const rules = sheet.issues.map((i: { rule: string; cell: string }) => `${i.rule}@${i.cell}`);
    expect(rules).not.toContain('student-id.format@C4');
    expect(rules.filter((r: string) => r.startsWith('cell.merged'))).toEqual([]);
  });

  it('a merged cell inside the records is cell.merged', async () => {
    const file = await saveWorkbook(tmp.file('合并.xlsx'), (wb) => {
      const ws = addRoster(wb, rosterRows(3));
      ws.mergeCells('B2:B3');
    });
    const { report } = await checkJson([file]);
    expect(report.sheets[0].issues).toContainEqual(expect.objectContaining({ rule: 'cell.merged', severity: 'error' }));
  });
});
