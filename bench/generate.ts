/** Big generated sheets for the benchmark: 10% of rows carry a defect. Fake students only. */
import ExcelJS from 'exceljs';
import { makeStudent, rng } from '../scripts/fake/students';
import { idCardCheckChar } from '../src/core/cells/id-card';

export type BenchKind = 'correction' | 'withdrawal';

const DEFECT_EVERY = 10;

/** The ID as it was wrongly entered: another birth day, with its own valid check character. */
function oldId(id: string): string {
  const day = Number(id.slice(12, 14));
  const first17 = id.slice(0, 12) + String(day === 1 ? 2 : day - 1).padStart(2, '0') + id.slice(14, 17);
  return first17 + idCardCheckChar(first17);
}

/**
 * Write `rows` records with ExcelJS's streaming writer (the big files are never held whole). `student(j)`: which
 * student the j-th record is (default j) — the merge benchmark deals one run of students out over many files.
 */
export async function writeBenchSheet(path: string, kind: BenchKind, rows: number, seed = 7, student: (j: number) => number = (j) => j): Promise<void> {
  const r = rng(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet(kind === 'withdrawal' ? '退学' : '在籍生');
  if (kind === 'withdrawal') ws.addRow(['序号', '分部名称', '学号全码', '学生姓名']).commit();
  else {
    ws.addRow(['国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表']).commit();
    ws.addRow(['序号', '学号', '姓名', '修改项目', '原信息', '修改后信息', '修改类型', '备注']).commit();
  }
  // Unique ascending 学号 (the serial carries the row index; the year changes every 49,999 rows).
  for (let j = 0; j < rows; j++) {
    const i = student(j);
    const year = 2015 + Math.floor(i / 49_999);
    const s = makeStudent(r, i, { year });
    const studentId = `${String(year % 100)}130012${String(1 + (i % 49_999)).padStart(5, '0')}`;
    const defect = i % DEFECT_EVERY === 5 ? Math.floor(i / DEFECT_EVERY) % 4 : -1;
    let sid: string | number = studentId;
    let name = s.name;
    if (defect === 0) sid = Number(studentId); // stored as a number
    if (defect === 1) name = `${name} `; // trailing space
    const row =
      kind === 'withdrawal'
        ? [j + 1, '河北分部', sid, name]
        : [j + 1, sid, name, '身份证号', oldId(s.idCard), defect === 2 ? s.idCard.slice(0, 17) + (s.idCard.endsWith('1') ? '2' : '1') : s.idCard, '录入错误', defect === 3 ? '汉' : null];
    if (kind === 'correction' && defect === 3) {
      row[3] = '民族';
      row[4] = '回族';
      row[5] = '汉';
    }
    const added = ws.addRow(row);
    added.eachCell((c) => {
      if (typeof c.value === 'string') c.numFmt = '@';
    });
    added.commit();
  }
  ws.addRow([kind === 'withdrawal' ? '经办人：' : '主管领导（签字）：　　经手人（签字）：　　（加盖公章）']).commit();
  ws.commit();
  await wb.commit();
}
