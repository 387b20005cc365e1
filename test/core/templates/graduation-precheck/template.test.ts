/** The pre-check roster as a template of the engine: recognised, its rules on the right cells, nothing else misread. */
import { analyseSheet } from '../../../../src/core/engine/check';
import { parseBatch } from '../../../../src/core/templates/graduation-precheck/batch';
import { precheckOptions } from '../../../../src/core/templates/graduation-precheck/rows';
import { PROFILE, REPORT_DATE, makeSid, rules, sheetOf, wdRecords, wdSheet, WD_HEADER } from '../../../helpers/rules';
import { PC_FULL_HEADER, PC_HEADER, pcRecord, pcRecords, pcSheet } from '../../../helpers/roster';
import type { SheetInput } from '../../../../src/core/types';

const B202307 = parseBatch('202307')!;
const check = (sheet: SheetInput, o: { batch?: string; template?: 'graduation-precheck'; keys?: string[] } = {}) =>
  analyseSheet(sheet, PROFILE, {
    reportDate: REPORT_DATE,
    ...(o.template ? { template: o.template } : {}),
    templateOptions: precheckOptions({
      batch: o.batch ? parseBatch(o.batch)! : B202307,
      ...(o.keys ? { photoKeys: new Set(o.keys), photoFolder: '照片' } : {}),
    }),
  });

describe('recognising the platform\'s student list', () => {
  it('reads the export as graduation-precheck: header row 1, every student a record, nothing wrong', () => {
    const a = check(pcSheet(pcRecords(5)));
    expect(a.report.template).toBe('graduation-precheck');
    expect(a.report.headerRow).toBe(1);
    expect(a.report.records).toBe(5);
    expect(rules(a)).toEqual([]);
  });

  it('with the optional 身份证号 and 身份存疑 columns too', () => {
    const a = check(pcSheet(pcRecords(3), { header: PC_FULL_HEADER }));
    expect(a.report.template).toBe('graduation-precheck');
    expect(rules(a)).toEqual([]);
  });

  it('a 学号 | 姓名 | 分部 | 毕业照片状态 list is the pre-check\'s, not a withdrawal roster', () => {
    const a = check(pcSheet(pcRecords(2), { header: ['序号', '学号', '姓名', '分部', '毕业照片状态'] }));
    expect(a.report.template).toBe('graduation-precheck');
  });

  it('by its title or sheet name when its own columns are missing', () => {
    const header = ['序号', '学号', '姓名', '分部', '入学年度学期'];
    expect(check(pcSheet(pcRecords(2), { header, title: '2023年7月毕业资格预审名单' })).report.template).toBe('graduation-precheck');
    expect(check(pcSheet(pcRecords(2), { header, name: '毕业申请' })).report.template).toBe('graduation-precheck');
    // Without either it is a roster of students with 序号 and 分部: the withdrawal roster.
    expect(check(pcSheet(pcRecords(2), { header })).report.template).toBe('withdrawal');
  });

  it('a withdrawal roster with extra 学籍状态 and 入学年度学期 columns stays a withdrawal roster', () => {
    const header = [...WD_HEADER, '入学年度学期', '学籍状态'];
    const rows = wdRecords(3).map((r) => ({ ...r, 入学年度学期: '2021春季', 学籍状态: '在籍' }));
    const a = check(wdSheet(rows, { header }));
    expect(a.report.template).toBe('withdrawal');
  });

  it('has no end row, order or 序号 of its own: a filtered export is fine', () => {
    const recs = [pcRecord(4, { 序号: 5 }), pcRecord(1, { 序号: 2 }), pcRecord(2, { 序号: 3 })];
    const a = check(pcSheet(recs, { after: [['合计：3人']] }));
    expect(a.report.records).toBe(3);
    expect(rules(a)).toEqual([]);
  });

  it('a list forced to the template with only 学号 | 姓名 | 入学年度学期', () => {
    const a = check(sheetOf('名单', [['学号', '姓名', '入学年度学期'], [makeSid(50001, { year: 2021 }), '王伟', '2021秋季']]), { template: 'graduation-precheck' });
    expect(a.report.template).toBe('graduation-precheck');
    expect(rules(a)).toEqual(['graduation.too-early@C2']);
  });
});

describe('the pre-check rules on their cells (columns of PC_HEADER: D 入学年度学期, E 学籍状态, N 毕业照片状态, O 学信网照片)', () => {
  it('each reason on the cell to look at', () => {
    const a = check(
      pcSheet([
        pcRecord(0, { 入学年度学期: '2021秋季', 学号: makeSid(50001, { year: 2021 }) }),
        pcRecord(1, { 入学年度学期: '2015春季', 学号: makeSid(2, { year: 2015 }) }),
        pcRecord(2, { 入学年度学期: '2015秋季', 学号: makeSid(50003, { year: 2015 }) }),
        pcRecord(3, { 学籍状态: '休学' }),
        pcRecord(4, { 毕业照片状态: '未上传' }),
        pcRecord(5, { 学信网照片: '不存在' }),
      ]),
    );
    expect(rules(a)).toEqual([
      'graduation.too-early@D2',
      'graduation.expired@D3',
      'graduation.expiring@D4',
      'graduation.status@E5',
      'graduation.photo-missing@N6',
      'graduation.chsi-photo@O7',
    ]);
  });

  it('身份存疑 on its cell (Q with the full header)', () => {
    const a = check(pcSheet([pcRecord(0, { 身份存疑: '是' })], { header: PC_FULL_HEADER }));
    expect(rules(a)).toEqual(['graduation.identity-doubt@Q2']);
  });

  it('reads the entry term in every form, with its own nonstandard warning', () => {
    for (const [text, rule] of [
      ['2021春', 'ok'],
      ['21春', 'ok'],
      ['202103', 'ok'],
      ['2021年春季', 'ok'],
      ['2021.3', 'ok'],
      ['2021秋', 'too-early'],
      ['21秋', 'too-early'],
      ['202109', 'too-early'],
      ['2021年秋季', 'too-early'],
      ['2021.9', 'too-early'],
    ] as const) {
      const got = rules(check(pcSheet([pcRecord(0, { 入学年度学期: text })])));
      const want = ['enrollment-term.nonstandard@D2', ...(rule === 'too-early' ? ['graduation.too-early@D2'] : [])];
      expect([text, got.filter((r) => !r.startsWith('enrollment-term.mismatch'))]).toEqual([text, want]);
    }
  });

  it('derives the term from the 学号 when there is no 入学年度学期 column, reporting on the 学号', () => {
    const header = PC_HEADER.filter((h) => h !== '入学年度学期');
    const a = check(pcSheet([pcRecord(0, { 学号: makeSid(50001, { year: 2021 }) }), pcRecord(1)], { header }));
    expect(rules(a)).toEqual(['graduation.too-early@B2']);
    expect(a.report.issues[0]!.message).toMatch(/^按学号，入学年度学期为2021秋季/);
  });

  it('an unreadable term falls back to the 学号; neither readable is graduation.entry-unknown', () => {
    const a = check(pcSheet([pcRecord(0, { 入学年度学期: '下学期' }), pcRecord(1, { 入学年度学期: '', 学号: '12345' })]));
    expect(rules(a)).toEqual(['enrollment-term.format@D2', 'student-id.format@B3', 'graduation.entry-unknown@B3']);
  });

  it('202401 ← 2021秋季 passes', () => {
    expect(rules(check(pcSheet([pcRecord(0, { 入学年度学期: '2021秋季', 学号: makeSid(50001, { year: 2021 }) })]), { batch: '202401' }))).toEqual([]);
  });

  it('defaults to the next batch after the report date (2026-11-22 → 202701: 2025春季 is too early, 2024秋季 not)', () => {
    const sheet = pcSheet([
      pcRecord(0, { 入学年度学期: '2025春季', 学号: makeSid(1, { year: 2025 }) }),
      pcRecord(1, { 入学年度学期: '2024秋季', 学号: makeSid(50002, { year: 2024 }) }),
    ]);
    const a = analyseSheet(sheet, PROFILE, { reportDate: REPORT_DATE });
    expect(rules(a)).toEqual(['graduation.too-early@D2']);
    expect(a.report.issues[0]!.message).toMatch(/2027年1月批次只接收2024秋季及以前入学的学生/);
  });

  it('a photo folder without the student\'s photo: on the 学号 cell; a photo named by 学号 or 身份证号 counts', () => {
    const recs = pcRecords(3);
    const keys = [String(recs[0]!['学号']), String(recs[1]!['身份证号'])];
    const a = check(pcSheet(recs, { header: PC_FULL_HEADER }), { keys });
    expect(rules(a)).toEqual(['graduation.photo-missing@B4']);
  });
});
