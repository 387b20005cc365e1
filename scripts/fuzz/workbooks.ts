/**
 * Seeded odd workbooks for the fuzz test and `npm run fuzz` (issue 14): the three templates with every defect the
 * rules know, and what registrars' files also hold — title rows, extra columns with formulas (own-row, cross-row,
 * =NA()), error values, booleans, dates, hyperlinks, notes, merges in the records and in 备注 blocks, data
 * validations, records after the footer, blank rows, duplicates, other sheets (empty, unknown, a second roster, a
 * taken sheet name), a stray value far away, workbook protection, and now and then bytes that are no workbook at
 * all. Fake students only. The same seed gives the same bytes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { makeStudent, rng, type FakeStudent } from '../fake/students';
import { columnLetters } from '../../src/files/sheet-builder';

type Rand = () => number;

const WD_HEADER = ['序号', '分部名称', '学号全码', '学生姓名'];
const EX_HEADER = ['学习中心代码', '学号', '姓名', '免考科目代码', '免考原因', '身份证号', '民族'];
const CO_HEADER = ['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注'];
const REASONS = ['已具有国民教育系列本科以上学历（含本科）', '非英语专业，入学注册时年满40周岁', '3', '计算机等级考试', '不知道'];

function pick<T>(r: Rand, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const fullwidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** A value as a registrar might have typed or pasted it: mostly right, sometimes not. */
function messy(r: Rand, v: string, code: boolean): ExcelJS.CellValue {
  const x = r();
  if (x < 0.05 && code && /^\d{1,15}$/.test(v)) return Number(v);
  if (x < 0.09) return fullwidth(v);
  if (x < 0.13) return ` ${v}\u00a0`;
  if (x < 0.15) return { error: pick(r, ['#N/A', '#VALUE!', '#REF!']) as ExcelJS.CellErrorValue['error'] };
  if (x < 0.16) return '';
  if (x < 0.17) return r() < 0.5 ? true : 12.5;
  return v;
}

interface Built {
  ws: ExcelJS.Worksheet;
  /** Sheet rows of the records. */
  recordRows: number[];
}

function rosterSheet(wb: ExcelJS.Workbook, r: Rand, name: string, students: FakeStudent[], template: 'withdrawal' | 'exemption' | 'correction'): Built {
  const ws = wb.addWorksheet(name);
  const header = template === 'withdrawal' ? WD_HEADER : template === 'exemption' ? EX_HEADER : CO_HEADER;
  const extra = r() < 0.4;
  const width = header.length + (extra ? 1 : 0);
  let row = 1;
  const titles = r() < 0.5 ? Math.floor(r() * 3) : 0;
  for (let t = 0; t < titles; t++) {
    ws.getCell(row, 1).value = template === 'correction' ? '国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表' : `名单标题${t + 1}`;
    if (r() < 0.7) ws.mergeCells(row, 1, row, width);
    row++;
  }
  header.forEach((h, i) => (ws.getCell(row, i + 1).value = h));
  if (extra) ws.getCell(row, width).value = '核对';
  row++;
  const recordRows: number[] = [];
  const order = students.map((_, i) => i);
  if (r() < 0.35) order.sort(() => r() - 0.5);
  for (const i of order) {
    if (r() < 0.06) row++; // a blank row inside the records
    const s = students[i]!;
    const values: ExcelJS.CellValue[] =
      template === 'withdrawal'
        ? [messy(r, String(i + 1), false), messy(r, '河北分部', false), messy(r, s.studentId, true), messy(r, s.name, false)]
        : template === 'exemption'
          ? [messy(r, s.centreCode, true), messy(r, s.studentId, true), messy(r, s.name, false), messy(r, pick(r, ['71', '69', '']), true), messy(r, pick(r, REASONS), false), messy(r, s.idCard, true), messy(r, pick(r, ['汉族', '汉', '回族']), false)]
          : [
              messy(r, String(i + 1), false),
              messy(r, s.studentId, true),
              messy(r, s.name, false),
              pick(r, ['民族', '性别', '姓名', '身份证号', '转专业']),
              messy(r, pick(r, ['满族', '女', s.name]), false),
              messy(r, pick(r, ['汉族', 'M', s.name, s.idCard]), false),
              pick(r, ['录入错误', '信息变更', '']),
              r() < 0.2 ? '补' : null,
            ];
    values.forEach((v, c) => {
      if (v !== null && v !== '') ws.getCell(row, c + 1).value = v;
    });
    if (extra) {
      const x = r();
      const nameCol = template === 'withdrawal' ? 'D' : 'C';
      ws.getCell(row, width).value =
        x < 0.5
          ? { formula: `LEN(${nameCol}${row})`, result: s.name.length }
          : x < 0.62
            ? { formula: 'NA()', result: { error: '#N/A' } }
            : x < 0.7
              ? { formula: `ROW()-1`, result: row - 1 }
              : x < 0.76
                ? { formula: `${columnLetters(width)}${row - 1}&"*"`, result: '*' }
                : x < 0.85
                  ? new Date(Date.UTC(2020 + Math.floor(r() * 5), Math.floor(r() * 12), 1 + Math.floor(r() * 27)))
                  : '已核对';
    }
    if (r() < 0.012) ws.getCell(row, 3).note = '请核对';
    if (r() < 0.012) {
      const c = ws.getCell(row, template === 'withdrawal' ? 4 : 3);
      if (typeof c.value === 'string') c.value = { text: c.value, hyperlink: 'https://example.org/x' };
    }
    recordRows.push(row);
    row++;
    if (r() < 0.03) {
      // The same student twice.
      values.forEach((v, c) => {
        if (v !== null && v !== '') ws.getCell(row, c + 1).value = v;
      });
      recordRows.push(row);
      row++;
    }
  }
  // A merge inside the records (分部名称 / a code column) — a fix must not cut it.
  if (recordRows.length >= 3 && r() < 0.08) {
    const top = recordRows[0]!;
    const col = template === 'withdrawal' ? 2 : 1;
    for (let k = top + 1; k <= top + 2; k++) ws.getCell(k, col).value = null;
    ws.mergeCells(top, col, top + 2, col);
  }
  // The end of the table.
  const marker = template === 'exemption' ? '/记录行结束/' : template === 'withdrawal' ? '经办人：' : '主管领导（签字）：　　经手人（签字）：　　（加盖公章）';
  const end = r();
  if (end < 0.55) ws.getCell(row++, 1).value = marker;
  else if (end < 0.7) {
    row += 2;
    ws.getCell(row++, 1).value = marker;
  }
  if (r() < 0.05 && students.length) {
    // A record after the footer.
    const s = students[0]!;
    ws.getCell(row, 2).value = s.studentId;
    ws.getCell(row, 3).value = s.name;
    row++;
  }
  if (r() < 0.3) {
    ws.getCell(row, 1).value = '备注：1、本表由学习中心填写';
    if (r() < 0.5) ws.mergeCells(row, 1, row, width);
    row++;
    ws.getCell(row, 1).value = '2、学号须为13位';
    row++;
  }
  if (r() < 0.15) {
    for (let k = recordRows[0] ?? row; k < (recordRows[0] ?? row) + 60; k++) {
      ws.getCell(k, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"河北分部,北京分部"'] };
    }
  }
  if (r() < 0.02) ws.getCell(pick(r, ['A1048576', 'XFD6', 'AA3000', 'XFD1048576'])).value = '孤立的值';
  return { ws, recordRows };
}


/** The bytes of the workbook of `seed` (an .xlsx, or now and then something that is not). */
export async function fuzzWorkbook(seed: number): Promise<Buffer> {
  const r = rng(seed * 2654435761);
  const wb = new ExcelJS.Workbook();
  const template = pick(r, ['withdrawal', 'withdrawal', 'exemption', 'correction'] as const);
  const n = Math.floor(r() * 24);
  const students = Array.from({ length: n }, (_, i) => makeStudent(r, i, { year: 2016 + (i % 5) }));
  students.sort((a, b) => (a.studentId < b.studentId ? -1 : 1));
  const name = template === 'withdrawal' && r() < 0.6 ? '退学' : pick(r, ['Sheet1', '名单', '免考信息', '在籍生']);
  if (r() < 0.08) wb.addWorksheet('空表');
  rosterSheet(wb, r, name, students, template);
  if (r() < 0.15) wb.addWorksheet('说明').getCell('A1').value = '本表用于报送';
  if (r() < 0.08 && template === 'withdrawal') rosterSheet(wb, r, name === '退学' ? 'Sheet2' : '退学', students.slice(0, 3), 'withdrawal');
  let bytes: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
  if (r() < 0.05) {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'));
    bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
  const damage = r();
  if (damage < 0.02) return bytes.subarray(0, Math.floor(bytes.length * r()));
  if (damage < 0.03) return Buffer.from('序号,学号\n1,2013001200001\n');
  return bytes;
}
