/** Workbooks the browser tests open: generated rosters of fictional students (test/helpers), written to a temp folder. */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeName, makeSid } from '../helpers/rules';

/** Unique ascending 学号 for row i (the year moves on every 49,999 students). */
export function rosterSid(i: number): string {
  return makeSid(1 + (i % 49_999), { year: 2015 + Math.floor(i / 49_999) });
}

const made: string[] = [];

/** Remove the workbooks written so far (call in afterAll). */
export function removeWorkbooks(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A 退学 roster (序号 | 分部名称 | 学号全码 | 学生姓名, 学号 as text) of `rows` students and the 经办人 row; the
 * students at `spaced` (0-based) have a space in their name (a fixable error each).
 */
export async function writeRoster(rows: number, spaced: readonly number[] = [], name = '退学'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'xueji-browser-'));
  made.push(dir);
  const path = join(dir, `退学名单-${rows}.xlsx`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']);
  const gaps = new Set(spaced);
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow([i + 1, '河北分部', rosterSid(i), gaps.has(i) ? `${makeName(i)} ` : makeName(i)]);
    row.getCell(3).numFmt = '@';
  }
  ws.addRow(['经办人：']);
  await wb.xlsx.writeFile(path);
  return path;
}
