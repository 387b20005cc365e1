import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Cell, SheetInput } from '../../src/core/types';
import { loadWorkbook, readSheetsStreaming } from '../../src/files/node-io';
import { editZip, expectInputError, makeTempDir, writeWorkbook, zipText } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

let counter = 0;
function nextFile(name = 'book'): string {
  counter++;
  return tmp.file(`${name}-${counter}.xlsx`);
}

/** Reads with both readers, checks they agree, returns the sheets. */
async function readBoth(file: string): Promise<SheetInput[]> {
  const streamed = await readSheetsStreaming(file);
  const { sheets } = await loadWorkbook(file);
  expect(streamed).toStrictEqual(sheets);
  return streamed;
}

function cellAt(sheet: SheetInput, address: string): Cell | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return sheet.rows[Number(m[2]) - 1]?.[col - 1];
}

describe('both readers on one workbook with every kind of cell', () => {
  let sheets: SheetInput[];
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('退学');
    ws.getCell('A1').value = '学生基本信息修改情况统计表';
    ws.mergeCells('A1:E1');
    ws.getCell('A2').value = '序号';
    ws.getCell('B2').value = '学号';
    ws.getCell('A3').value = 1;
    ws.getCell('B3').value = 2233001200123; // 13-digit 学号 stored as a number
    ws.getCell('C3').value = '0123';
    ws.getCell('C3').numFmt = '@';
    ws.getCell('D3').value = new Date(Date.UTC(2000, 0, 1));
    ws.getCell('D3').numFmt = 'yyyy-mm-dd';
    ws.getCell('E3').value = true;
    ws.getCell('F3').value = { error: '#N/A' };
    ws.getCell('G3').value = { formula: 'B3&""', result: '2233001200123' };
    ws.getCell('H3').value = { formula: 'VLOOKUP(B3,Z:Z,1,0)', result: { error: '#N/A' } };
    ws.getCell('I3').value = { formula: 'B3>0', result: true };
    ws.getCell('J3').value = { formula: 'A3-1', result: 0 };
    ws.getCell('K3').value = { formula: 'TODAY()', result: new Date(Date.UTC(2024, 2, 1)) };
    ws.getCell('K3').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('L3').value = { richText: [{ text: '张', font: { bold: true } }, { text: '三' }] };
    ws.getCell('M3').value = { text: '学信网', hyperlink: 'https://www.chsi.com.cn' };
    ws.getCell('N3').value = { formula: 'NOW()' };
    ws.getCell('O3').value = '<&>"\' 空格 ';
    // a filled-down formula: ExcelJS writes A5:A6 as a shared formula of A4
    ws.getCell('A4').value = { formula: 'ROW()-3', result: 1 };
    ws.getCell('A5').value = { sharedFormula: 'A4', result: 2 };
    ws.getCell('A6').value = { sharedFormula: 'A4', result: 3 };
    ws.mergeCells('B8:C9');
    ws.getCell('B8').value = '备注';
    const other = wb.addWorksheet('第二页');
    other.getCell('C5').value = 5;
    sheets = await readBoth(await writeWorkbook(wb, nextFile('kinds')));
  });

  it('returns the sheets in workbook order with their names', () => {
    expect(sheets.map((s) => s.name)).toEqual(['退学', '第二页']);
    expect(sheets[1].rows).toStrictEqual([undefined, undefined, undefined, undefined, [undefined, undefined, { kind: 'number', value: 5 }]]);
  });

  it('reports merges and keeps only the top-left value', () => {
    expect(sheets[0].merges).toEqual(['A1:E1', 'B8:C9']);
    expect(cellAt(sheets[0], 'A1')).toStrictEqual({ kind: 'string', value: '学生基本信息修改情况统计表' });
    expect(cellAt(sheets[0], 'B1')).toBeUndefined();
    expect(cellAt(sheets[0], 'B8')).toStrictEqual({ kind: 'string', value: '备注' });
  });

  it('keeps numbers, text-formatted strings, dates, booleans and errors', () => {
    const s = sheets[0];
    expect(cellAt(s, 'B3')).toStrictEqual({ kind: 'number', value: 2233001200123 });
    expect(String(cellAt(s, 'B3')?.value)).toBe('2233001200123');
    expect(cellAt(s, 'C3')).toStrictEqual({ kind: 'string', value: '0123', numberFormat: '@' });
    expect(cellAt(s, 'D3')).toStrictEqual({ kind: 'number', value: 36526, numberFormat: 'yyyy-mm-dd' });
    expect(cellAt(s, 'E3')).toStrictEqual({ kind: 'boolean', value: true });
    expect(cellAt(s, 'F3')).toStrictEqual({ kind: 'error', value: '#N/A' });
    expect(cellAt(s, 'L3')).toStrictEqual({ kind: 'string', value: '张三' });
    expect(cellAt(s, 'M3')).toStrictEqual({ kind: 'string', value: '学信网' });
    expect(cellAt(s, 'O3')).toStrictEqual({ kind: 'string', value: '<&>"\' 空格 ' });
  });

  it('keeps formula texts and cached results of every kind', () => {
    const s = sheets[0];
    expect(cellAt(s, 'G3')).toStrictEqual({ kind: 'string', value: '2233001200123', formula: 'B3&""' });
    expect(cellAt(s, 'H3')).toStrictEqual({ kind: 'error', value: '#N/A', formula: 'VLOOKUP(B3,Z:Z,1,0)' });
    expect(cellAt(s, 'I3')).toStrictEqual({ kind: 'boolean', value: true, formula: 'B3>0' });
    expect(cellAt(s, 'J3')).toStrictEqual({ kind: 'number', value: 0, formula: 'A3-1' });
    expect(cellAt(s, 'K3')).toStrictEqual({
      kind: 'number',
      value: 45352,
      numberFormat: 'yyyy"年"m"月"d"日"',
      formula: 'TODAY()',
    });
    expect(cellAt(s, 'N3')).toStrictEqual({ kind: 'empty', value: null, formula: 'NOW()' });
  });

  it('gives every cell of a shared formula its own formula text', () => {
    const s = sheets[0];
    expect(cellAt(s, 'A4')).toStrictEqual({ kind: 'number', value: 1, formula: 'ROW()-3' });
    expect(cellAt(s, 'A5')).toStrictEqual({ kind: 'number', value: 2, formula: 'ROW()-3' });
    expect(cellAt(s, 'A6')).toStrictEqual({ kind: 'number', value: 3, formula: 'ROW()-3' });
  });

  it('has dense rows ending at the last cell', () => {
    const s = sheets[0];
    // row 9 holds only followers of the merged B8:C9, so the rows end at row 8
    expect(s.rows).toHaveLength(8);
    expect(s.rows[6]).toBeUndefined();
    const row1 = s.rows[0];
    expect(row1).toHaveLength(1);
    const row3 = s.rows[2] ?? [];
    expect(row3).toHaveLength(15);
    expect(Object.keys(s.rows[4] ?? []).length).toBe((s.rows[4] ?? []).length);
  });
});

describe('files written by other tools', () => {
  it('reads a shared formula translated to each cell (relative and absolute references)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = 3;
    ws.getCell('B1').value = { formula: 'A1*2+$A$1', result: 3 };
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 5 };
    ws.getCell('B3').value = { sharedFormula: 'B1', result: 7 };
    const [s] = await readBoth(await writeWorkbook(wb, nextFile('shared')));
    expect(cellAt(s, 'B3')).toStrictEqual({ kind: 'number', value: 7, formula: 'A3*2+$A$1' });
  });

  it('reads a built-in Chinese date format (numFmtId 31) as a date format', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 2, 1));
    ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
    const file = await writeWorkbook(wb, nextFile('numfmt31'));
    // Excel stores this format only as the built-in id 31, without its code.
    await editZip(file, async (zip) => {
      const styles = await zip.file('xl/styles.xml')!.async('string');
      const m = /<numFmt numFmtId="(\d+)" formatCode="[^"]*"\/>/.exec(styles);
      expect(m).not.toBeNull();
      const id = m![1];
      const edited = styles
        .replace(m![0], '')
        .replace(/<numFmts count="\d+">\s*<\/numFmts>/, '')
        .split(`numFmtId="${id}"`)
        .join('numFmtId="31"');
      zip.file('xl/styles.xml', edited);
    });
    expect(await zipText(file, 'xl/styles.xml')).not.toContain('formatCode="yyyy');
    const [s] = await readBoth(file);
    expect(cellAt(s, 'A1')).toStrictEqual({ kind: 'number', value: 45352, numberFormat: 'yyyy"年"m"月"d"日"' });
  });

  it('reads dates of a 1904-system workbook as 1900-system serials', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = new Date(Date.UTC(2000, 0, 1));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const file = await writeWorkbook(wb, nextFile('d1904'));
    expect(await zipText(file, 'xl/workbook.xml')).toContain('date1904="1"');
    const [s] = await readBoth(file);
    expect(cellAt(s, 'A1')).toStrictEqual({ kind: 'number', value: 36526, numberFormat: 'yyyy-mm-dd' });
  });

  it('keeps Chinese text whole across inflate chunk boundaries (ExcelJS WorkbookReader garbles it)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    const expected: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const name = `学生姓名张三李四王五${i}`;
      expected.push(name);
      ws.addRow([name, `备注说明${i * 7}`]);
    }
    const [s] = await readBoth(await writeWorkbook(wb, nextFile('utf8')));
    expect(s.rows.map((r) => r?.[0]?.value)).toEqual(expected);
  });

  it('reads inline strings and sheets written by the ExcelJS streaming writer', async () => {
    const file = nextFile('streamed');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    const ws = writer.addWorksheet('名单');
    ws.addRow(['学号', '姓名']).commit();
    ws.addRow([2233001200123, '刘洋']).commit();
    ws.mergeCells('A4:B4');
    ws.getCell('A4').value = '经办人：';
    ws.commit();
    await writer.commit();
    const [s] = await readBoth(file);
    expect(s.rows[1]).toStrictEqual([
      { kind: 'number', value: 2233001200123 },
      { kind: 'string', value: '刘洋' },
    ]);
    expect(s.merges).toEqual(['A4:B4']);
  });

  it('drops the formula of a hyperlinked formula cell in both readers, like ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('A2').value = 1;
    const file = await writeWorkbook(wb, nextFile('hyper'));
    // Turn A2 into a formula cell that carries the hyperlink of A1 as well.
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      const edited = xml
        .replace(/<c r="A2"([^>]*)><v>1<\/v><\/c>/, '<c r="A2"$1><f>1+0</f><v>1</v></c>')
        .replace(/<hyperlink ref="A1" r:id="(\w+)"\/>/, '<hyperlink ref="A1" r:id="$1"/><hyperlink ref="A2" r:id="$1"/>');
      expect(edited).toContain('<f>1+0</f>');
      expect(edited).toContain('ref="A2"');
      zip.file('xl/worksheets/sheet1.xml', edited);
    });
    const [s] = await readBoth(file);
    expect(cellAt(s, 'A2')).toStrictEqual({ kind: 'number', value: 1 });
  });
});

describe('streaming reader options', () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (let i = 1; i <= 2500; i++) ws.addRow([i, `学生${i}`]);
    file = await writeWorkbook(wb, nextFile('progress'));
  });

  it('calls onRows every 1,000 rows', async () => {
    const calls: number[] = [];
    const sheets = await readSheetsStreaming(file, { onRows: (n) => calls.push(n) });
    expect(calls).toEqual([1000, 2000]);
    expect(sheets[0].rows).toHaveLength(2500);
  });

  it('passes an error of the onRows callback through unchanged', async () => {
    const stop = new Error('cancelled');
    await expect(
      readSheetsStreaming(file, {
        onRows: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
  });

  it('refuses a sheet longer than maxRows (both readers)', async () => {
    await expectInputError(readSheetsStreaming(file, { maxRows: 100 }), 'too-many-rows', file);
    await expectInputError(loadWorkbook(file, { maxRows: 100 }), 'too-many-rows', file);
    await expect(readSheetsStreaming(file, { maxRows: 2500 })).resolves.toHaveLength(1);
  });
});

describe('empty and broken workbooks', () => {
  it('reports a workbook without any cell as empty (both readers)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const styled = wb.addWorksheet('Sheet2');
    styled.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    const file = await writeWorkbook(wb, nextFile('empty'));
    await expectInputError(readSheetsStreaming(file), 'empty', file);
    await expectInputError(loadWorkbook(file), 'empty', file);
  });

  it('reports a cut-off sheet as corrupt (streaming reader; ExcelJS itself reads what is there)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = 1;
    const file = await writeWorkbook(wb, nextFile('badxml'));
    await editZip(file, (zip) => {
      zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>');
    });
    await expectInputError(readSheetsStreaming(file), 'corrupt', file);
  });

  it('refuses for `fix` a worksheet stored under a part name ExcelJS would silently drop', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = '学号';
    const file = await writeWorkbook(wb, nextFile('partname'));
    await editZip(file, async (zip) => {
      const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      zip.remove('xl/worksheets/sheet1.xml');
      zip.file('xl/worksheets/data.xml', sheet);
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      zip.file('xl/_rels/workbook.xml.rels', rels.replace('worksheets/sheet1.xml', 'worksheets/data.xml'));
      const types = await zip.file('[Content_Types].xml')!.async('string');
      zip.file('[Content_Types].xml', types.replace('/xl/worksheets/sheet1.xml', '/xl/worksheets/data.xml'));
    });
    const [s] = await readSheetsStreaming(file);
    expect(s.rows[0]).toStrictEqual([{ kind: 'string', value: '学号' }]);
    await expectInputError(loadWorkbook(file), 'unsupported-content', file);
  });
});

describe('namespace-prefixed sheets', () => {
  it('are refused by both readers instead of being read (and saved) as empty', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = '学号';
    const file = await writeWorkbook(wb, nextFile('prefixed'));
    await editZip(file, async (zip) => {
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      const prefixed = xml
        .replace(/<(\/?)(?=[A-Za-z])/g, '<$1x:')
        .replace('<x:worksheet ', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ');
      expect(prefixed).toContain('<x:sheetData>');
      zip.file('xl/worksheets/sheet1.xml', prefixed);
    });
    await expectInputError(readSheetsStreaming(file), 'unsupported-content', file);
    await expectInputError(loadWorkbook(file), 'unsupported-content', file);
  });
});

describe('streaming and full readers agree on generated workbooks', () => {
  const numberFormats = [undefined, '@', '0', '0.00', 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '#,##0'];
  const valueArb: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('刘洋', ' 张 三 ', '１２３', 'x\u200b', '男', '汉族', '<&>'),
    fc.boolean(),
    fc
      .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((ms) => new Date(Math.floor(ms / 86400000) * 86400000)),
    fc.constantFrom<ExcelJS.CellValue>({ error: '#N/A' }, { error: '#VALUE!' }, { error: '#REF!' }),
    fc.record({ formula: fc.constantFrom('A1+1', 'ROW()', 'IF(A1="","",A1)'), result: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ formula: fc.constant('B1&"x"'), result: fc.constantFrom('ax', '学号x') }),
    fc.record({ formula: fc.constant('A1>1'), result: fc.boolean() }),
    fc.constant<ExcelJS.CellValue>({ formula: 'VLOOKUP(A1,C:D,2,0)', result: { error: '#N/A' } }),
    fc.constant<ExcelJS.CellValue>({ richText: [{ text: '王', font: { italic: true } }, { text: '五' }] }),
    fc.constant<ExcelJS.CellValue>({ text: '链接', hyperlink: 'https://example.org' }),
  );
  const sheetArb = fc.record({
    cells: fc.array(
      fc.record({
        row: fc.integer({ min: 1, max: 30 }),
        col: fc.integer({ min: 1, max: 8 }),
        value: valueArb,
        numFmt: fc.constantFrom(...numberFormats),
      }),
      { maxLength: 60 },
    ),
    mergeRows: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
  });

  it('returns identical SheetInput from both readers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 2 }), async (sheetSpecs) => {
        const wb = new ExcelJS.Workbook();
        sheetSpecs.forEach((spec, i) => {
          const ws = wb.addWorksheet(`表${i + 1}`);
          ws.getCell('A1').value = '标题';
          for (const c of spec.cells) {
            const cell = ws.getCell(c.row, c.col);
            cell.value = c.value;
            if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
          }
          for (const r of spec.mergeRows) ws.mergeCells(r, 2, r, 4);
        });
        const file = nextFile('prop');
        await writeWorkbook(wb, file);
        const streamed = await readSheetsStreaming(file);
        const { sheets } = await loadWorkbook(file);
        expect(streamed).toStrictEqual(sheets);
        expect(streamed.map((s) => s.name)).toEqual(sheetSpecs.map((_, i) => `表${i + 1}`));
      }),
      { numRuns: 25, seed: 20240301 },
    );
  });
});
