/** What a registrar types into the workbench grid becomes: text in code and ID columns, numbers only where safe. */
import { entryPatch, textColumns } from '../../src/workbench/entry';
import { blockWidth, parseTsv, formatTsv } from '../../src/workbench/tsv';
import { sheetOf } from '../helpers/sheet';

const general = { textColumn: false, cell: undefined };
const code = { textColumn: true, cell: undefined };

describe('typed entries', () => {
  test('in a code or ID column, digits stay text (leading zeros, 18 digits, an X)', () => {
    expect(entryPatch('C5', '01300801', code)).toEqual({ cell: 'C5', value: '01300801', numberFormat: '@' });
    expect(entryPatch('C5', '110105199001011234', code)).toEqual({ cell: 'C5', value: '110105199001011234', numberFormat: '@' });
    expect(entryPatch('C5', '2013001200001', code).value).toBe('2013001200001');
  });

  test('a cell formatted as text keeps what is typed as text', () => {
    expect(entryPatch('A2', '12', { textColumn: false, cell: { kind: 'string', value: '1', numberFormat: '@' } })).toEqual({ cell: 'A2', value: '12', numberFormat: '@' });
  });

  test('elsewhere a plain short number is a number; anything Excel would mangle stays text', () => {
    expect(entryPatch('A2', '12', general)).toEqual({ cell: 'A2', value: 12, numberFormat: 'General' });
    expect(entryPatch('A2', '-3.5', general).value).toBe(-3.5);
    expect(entryPatch('A2', '007', general).value).toBe('007');
    expect(entryPatch('A2', '1234567890123456', general).value).toBe('1234567890123456');
    expect(entryPatch('A2', '2021-09-01', general).value).toBe('2021-09-01');
    expect(entryPatch('A2', '刘洋', general).value).toBe('刘洋');
  });

  test('an empty entry empties the cell and keeps its format', () => {
    expect(entryPatch('B3', '', { textColumn: true, cell: { kind: 'string', value: 'x', numberFormat: '@' } })).toEqual({ cell: 'B3', value: null, numberFormat: '@' });
  });

  test('the code, ID and 原/新 columns of a sheet are found from its header', () => {
    const roster = sheetOf('退学', [['序号', '分部名称', '学号全码', '学生姓名'], [1, '河北分部', '2013001200001', '刘洋']]);
    expect([...textColumns(roster)]).toEqual([2]);
    const corr = sheetOf('S', [['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型']]);
    expect([...textColumns(corr)].sort()).toEqual([1, 4, 5]);
    expect(textColumns(sheetOf('S', [['随便', '什么']])).size).toBe(0);
  });
});

describe('the clipboard block', () => {
  test('a block copied from Excel or WPS: tabs, CR LF, quoted cells with tabs, line breaks and quotes', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"x\ty"\t"he said ""hi"""\n"two\nlines"\t\n')).toEqual([
      ['x\ty', 'he said "hi"'],
      ['two\nlines', ''],
    ]);
    expect(parseTsv('single')).toEqual([['single']]);
    expect(parseTsv('')).toEqual([]);
  });

  test('the width of a pasted block is its widest row, for a block of any length (200,000 rows)', () => {
    expect(blockWidth([['a'], ['b', 'c', 'd'], []])).toBe(3);
    expect(blockWidth([])).toBe(0);
    const tall = parseTsv('x\ty\r\n'.repeat(200_000) + 'a\tb\tc\r\n');
    expect(tall).toHaveLength(200_001);
    expect(blockWidth(tall)).toBe(3);
  });

  test('what is copied reads back the same', () => {
    const rows = [['2013001200001', '刘 洋'], ['a\tb', 'say "x"']];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
});
