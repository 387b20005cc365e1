/** File names from the profile's patterns: placeholders, Windows-safe names, distinct names for several sheets. */
import { expandPattern, fileNameFor, sanitiseFileName, uniqueFileNames } from '../../../src/core/export/file-name';

const ctx = (branchNames: string[], sheet = 'Sheet1') => ({ branchNames, reportDate: { y: 2026, m: 3, d: 5 }, sheet });

describe('expandPattern', () => {
  it('fills {分部名称}, {报送日期} and {工作表名}', () => {
    expect(expandPattern('{分部名称}-{报送日期}-{工作表名}', ctx(['河北分部'], '第二批'))).toBe('河北分部-2026-03-05-第二批');
  });

  it('several 分部 are joined, more than three end in 等; none leaves the rest of the name', () => {
    expect(expandPattern('{分部名称}名单', ctx(['河北分部', '陕西分部']))).toBe('河北分部、陕西分部名单');
    expect(expandPattern('{分部名称}名单', ctx(['甲', '乙', '丙', '丁']))).toBe('甲、乙、丙等名单');
    expect(fileNameFor('{分部名称}学信网退学汇总名单.xlsx', ctx([]))).toBe('学信网退学汇总名单.xlsx');
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['河北/分部:退学?.xlsx', '河北_分部_退学_.xlsx'],
    ['a<b>c|d*e"f\\g.xlsx', 'a_b_c_d_e_f_g.xlsx'],
    ['名单\t第1批.xlsx', '名单_第1批.xlsx'],
    ['  名单. .xlsx', '名单.xlsx'],
    ['.xlsx', '导出.xlsx'],
    ['CON.xlsx', '_CON.xlsx'],
    ['lpt1.XLSX', '_lpt1.xlsx'],
    ['名单', '名单.xlsx'],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('a long 分部名称 stays within 255 bytes of UTF-8, also when two sheets need their names added (issue 14)', () => {
    const long = fileNameFor('{分部名称}学信网退学汇总名单.xlsx', ctx(['河'.repeat(120)]));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('.xlsx')).toBe(true);
    const names = uniqueFileNames([
      { fileName: long, sheet: '第一批' },
      { fileName: long, sheet: '第二批' },
      { fileName: long, sheet: '第二批' },
    ]);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toMatch(/（第一批）\.xlsx$/);
  });

  it('keeps a long name under Windows’ limit', () => {
    expect(Buffer.byteLength(sanitiseFileName(`${'分'.repeat(400)}.xlsx`))).toBeLessThanOrEqual(255);
  });

  it('a 分部名称 holding a forbidden character cannot escape the output folder', () => {
    expect(fileNameFor('{分部名称}名单.xlsx', ctx(['../../etc']))).toBe('.._.._etc名单.xlsx');
  });
});

describe('uniqueFileNames', () => {
  it('leaves distinct names alone', () => {
    expect(uniqueFileNames([{ fileName: 'a.xlsx', sheet: '1' }, { fileName: 'b.xlsx', sheet: '2' }])).toEqual(['a.xlsx', 'b.xlsx']);
  });

  it('adds the sheet name to names that collide (ignoring case), then a number if needed', () => {
    expect(
      uniqueFileNames([
        { fileName: '河北分部名单.xlsx', sheet: '第一批' },
        { fileName: '河北分部名单.xlsx', sheet: '第二批' },
        { fileName: 'X.xlsx', sheet: 'a' },
        { fileName: 'x.xlsx', sheet: 'A' },
      ]),
    ).toEqual(['河北分部名单（第一批）.xlsx', '河北分部名单（第二批）.xlsx', 'X（a）.xlsx', 'x（A）（2）.xlsx']);
  });
});
