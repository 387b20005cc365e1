import {
  cellFromExcelJS,
  dateToSerial,
  isDateFormat,
  normaliseNumberFormat,
  serialToDate,
} from '../../src/files/cells';

describe('cellFromExcelJS', () => {
  it('maps null and undefined to an empty cell', () => {
    expect(cellFromExcelJS(null, undefined)).toBeUndefined();
    expect(cellFromExcelJS(undefined, '@')).toBeUndefined();
  });

  it('keeps numbers, strings and booleans with their number format, omitting General', () => {
    expect(cellFromExcelJS(42, undefined)).toStrictEqual({ kind: 'number', value: 42 });
    expect(cellFromExcelJS(42, 'General')).toStrictEqual({ kind: 'number', value: 42 });
    expect(cellFromExcelJS(0.5, '0.00%')).toStrictEqual({ kind: 'number', value: 0.5, numberFormat: '0.00%' });
    expect(cellFromExcelJS('刘洋', '@')).toStrictEqual({ kind: 'string', value: '刘洋', numberFormat: '@' });
    expect(cellFromExcelJS(' 刘 洋 ', undefined)).toStrictEqual({ kind: 'string', value: ' 刘 洋 ' });
    expect(cellFromExcelJS(true, undefined)).toStrictEqual({ kind: 'boolean', value: true });
    expect(cellFromExcelJS(false, undefined)).toStrictEqual({ kind: 'boolean', value: false });
  });

  it('keeps a 13-digit 学号 stored as a number exact', () => {
    const id = 2233001200123;
    expect(cellFromExcelJS(id, '0')).toStrictEqual({ kind: 'number', value: 2233001200123, numberFormat: '0' });
  });

  it('treats an empty string as an empty cell', () => {
    expect(cellFromExcelJS('', '@')).toBeUndefined();
    expect(cellFromExcelJS({ richText: [{ text: '' }] }, undefined)).toBeUndefined();
  });

  it('turns a Date into its 1900-system serial, keeping the date format', () => {
    expect(cellFromExcelJS(new Date(Date.UTC(2000, 0, 1)), 'yyyy-mm-dd')).toStrictEqual({
      kind: 'number',
      value: 36526,
      numberFormat: 'yyyy-mm-dd',
    });
    expect(cellFromExcelJS(new Date(Date.UTC(2024, 2, 1, 12)), 'yyyy/m/d h:mm')).toStrictEqual({
      kind: 'number',
      value: 45352.5,
      numberFormat: 'yyyy/m/d h:mm',
    });
  });

  it('joins rich text and takes the text of a hyperlink', () => {
    expect(
      cellFromExcelJS({ richText: [{ text: '张', font: { bold: true } }, { text: '三' }] }, undefined),
    ).toStrictEqual({ kind: 'string', value: '张三' });
    expect(cellFromExcelJS({ text: '学信网', hyperlink: 'https://www.chsi.com.cn' }, undefined)).toStrictEqual({
      kind: 'string',
      value: '学信网',
    });
    expect(
      cellFromExcelJS({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' } as never, undefined),
    ).toStrictEqual({ kind: 'string', value: 'ab' });
  });

  it('maps error values', () => {
    expect(cellFromExcelJS({ error: '#N/A' }, undefined)).toStrictEqual({ kind: 'error', value: '#N/A' });
    expect(cellFromExcelJS({ error: '#VALUE!' }, '@')).toStrictEqual({
      kind: 'error',
      value: '#VALUE!',
      numberFormat: '@',
    });
  });

  it('keeps a formula text and its cached result of every kind', () => {
    expect(cellFromExcelJS({ formula: 'ROW()-1', result: 7 }, undefined)).toStrictEqual({
      kind: 'number',
      value: 7,
      formula: 'ROW()-1',
    });
    expect(cellFromExcelJS({ formula: 'A1&B1', result: '张三' }, '@')).toStrictEqual({
      kind: 'string',
      value: '张三',
      numberFormat: '@',
      formula: 'A1&B1',
    });
    expect(cellFromExcelJS({ formula: 'A1>0', result: false }, undefined)).toStrictEqual({
      kind: 'boolean',
      value: false,
      formula: 'A1>0',
    });
    expect(cellFromExcelJS({ formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } }, undefined)).toStrictEqual({
      kind: 'error',
      value: '#N/A',
      formula: 'VLOOKUP(A1,B:C,2,0)',
    });
    expect(cellFromExcelJS({ formula: 'TODAY()', result: new Date(Date.UTC(2000, 0, 1)) }, 'yyyy-mm-dd')).toStrictEqual(
      { kind: 'number', value: 36526, numberFormat: 'yyyy-mm-dd', formula: 'TODAY()' },
    );
  });

  it('makes a formula without (readable) cached result kind empty', () => {
    expect(cellFromExcelJS({ formula: 'A1' }, undefined)).toStrictEqual({ kind: 'empty', value: null, formula: 'A1' });
    expect(cellFromExcelJS({ formula: 'A1', result: '' }, undefined)).toStrictEqual({
      kind: 'empty',
      value: null,
      formula: 'A1',
    });
    expect(cellFromExcelJS({ formula: 'TEXT(A1,"e")', result: new Date(Number.NaN) }, 'yyyy-mm-dd')).toStrictEqual({
      kind: 'empty',
      value: null,
      numberFormat: 'yyyy-mm-dd',
      formula: 'TEXT(A1,"e")',
    });
  });

  it('marks a shared-formula value as a formula even without its text', () => {
    expect(cellFromExcelJS({ sharedFormula: 'A2', result: 3 }, undefined)).toStrictEqual({
      kind: 'number',
      value: 3,
      formula: '',
    });
  });

  it('turns a non-finite number (damaged file) into #NUM!', () => {
    expect(cellFromExcelJS(Number.NaN, undefined)).toStrictEqual({ kind: 'error', value: '#NUM!' });
  });
});

describe('dates and number formats', () => {
  it('converts serials and dates both ways like ExcelJS', () => {
    expect(dateToSerial(new Date(Date.UTC(1970, 0, 1)))).toBe(25569);
    expect(serialToDate(36526).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(serialToDate(36526 - 1462, true).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('recognises date formats as ExcelJS does', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[$-804]yyyy/m/d')).toBe(true);
    expect(isDateFormat('@')).toBe(false);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"共"0"人"')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  it('drops General', () => {
    expect(normaliseNumberFormat('General')).toBeUndefined();
    expect(normaliseNumberFormat('general')).toBeUndefined();
    expect(normaliseNumberFormat('')).toBeUndefined();
    expect(normaliseNumberFormat('@')).toBe('@');
  });
});
