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

  it('keeps a long name under Windows’ limit', () => {
    expect(sanitiseFileName(`${'分'.repeat(400)}.xlsx`).length).toBeLessThanOrEqual(155);
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
