/**
 * Evidence folders of a 学生基本信息修改情况统计表 (seed 003 §五(二), DOMAIN.md §2 T3): one folder per student named
 * 学号姓名 (毕业生: 注册证号姓名), the documents its rows need by the evidence table, the image rules — on generated
 * images.
 */
import {
  checkEvidenceFiles,
  evidenceRoster,
  evidenceStemOf,
  requiredEvidence,
  type InspectedFile,
} from '../../../src/core/evidence';
import { DEFAULT_PROFILE } from '../../../src/core/profile/default-profile';
import type { FileIssue, FilesReport } from '../../../src/core/types';
import type { SheetInput } from '../../../src/core/types';
import { check, coRecord, coSheet, grRecord, GR_HEADER, makeName, makeRegNo, makeSid, type Rec } from '../../helpers/rules';
import { inspected, padded, png, scanJpeg, scanPng, textBytes } from './fixtures';

function run(sheet: SheetInput, files: InspectedFile[], directories: string[] = []): FilesReport {
  const roster = evidenceRoster([sheet], [check(sheet)]);
  if (!roster) throw new Error('not a roster');
  return checkEvidenceFiles({ file: '修改表.xlsx', folder: '证明材料' }, roster, { files, directories }, DEFAULT_PROFILE);
}
const issues = (r: FilesReport): FileIssue[] => r.files.flatMap((f) => f.issues);
const only = (r: FilesReport, rule: string) => issues(r).filter((i) => i.rule === rule);
const labels = (groups: { label: string }[]) => groups.map((g) => g.label.replace(/（.*$/, ''));

describe('the evidence table (DOMAIN.md §2 T3)', () => {
  const req = (item: string, changeType: '录入错误' | '信息变更' | null, newValue = '', graduate = false) =>
    requiredEvidence({ item: item as never, changeType, oldValue: '', newValue }, graduate);

  test('性别, 民族 changed: 身份证', () => {
    expect(labels(req('性别', '信息变更'))).toEqual(['身份证']);
    expect(labels(req('民族', '信息变更'))).toEqual(['身份证']);
  });

  test('姓名 changed: 身份证 + 户口本 or 公安证明', () => {
    const g = req('姓名', '信息变更');
    expect(g.map((x) => x.stems)).toEqual([['身份证'], ['户口本', '公安证明']]);
  });

  test('身份证号, 出生日期 changed: 身份证 + 更正告知函 or 变更证明 or 公安证明', () => {
    for (const item of ['身份证号', '出生日期']) {
      expect(req(item, '信息变更').map((x) => x.stems)).toEqual([['身份证'], ['更正告知函', '变更证明', '公安证明']]);
    }
  });

  test('any 录入错误 of 姓名/性别/身份证号/民族/出生日期: 身份证 + 报名登记表', () => {
    for (const item of ['姓名', '性别', '身份证号', '民族', '出生日期']) {
      expect(req(item, '录入错误').map((x) => x.stems)).toEqual([['身份证'], ['报名登记表']]);
    }
  });

  test('入学文化程度: 专科以上 学历网查 or 学历认证, below 专科 毕业证书, by the new value', () => {
    expect(req('入学文化程度', '信息变更', '本科').map((x) => x.stems)).toEqual([['学历网查', '学历认证']]);
    expect(req('入学文化程度', '录入错误', '专科').map((x) => x.stems)).toEqual([['学历网查', '学历认证']]);
    expect(req('入学文化程度', '录入错误', '高中').map((x) => x.stems)).toEqual([['毕业证书']]);
    expect(req('入学文化程度', '录入错误', '中专').map((x) => x.stems)).toEqual([['毕业证书']]);
    expect(req('入学文化程度', '录入错误', '').map((x) => x.stems)).toEqual([['学历网查', '学历认证', '毕业证书']]);
  });

  test('a graduate adds 毕业生登记表', () => {
    expect(req('民族', '录入错误', '', true).map((x) => x.stems)).toEqual([['身份证'], ['报名登记表'], ['毕业生登记表']]);
  });

  test('no 修改类型: what both kinds need, plus one of what either adds', () => {
    expect(req('性别', null).map((x) => x.stems)).toEqual([['身份证']]);
    expect(req('姓名', null).map((x) => x.stems)).toEqual([['身份证'], ['户口本', '公安证明', '报名登记表']]);
  });

  test('a name that starts with the stem counts', () => {
    expect(evidenceStemOf('身份证正反面')).toEqual({ stem: '身份证', spaced: false });
    expect(evidenceStemOf('毕业生登记表1')).toEqual({ stem: '毕业生登记表', spaced: false });
    expect(evidenceStemOf('毕业证书')).toEqual({ stem: '毕业证书', spaced: false });
    expect(evidenceStemOf('身 份证')).toEqual({ stem: '身份证', spaced: true });
    expect(evidenceStemOf('IMG_0001')).toBeNull();
  });
});

// Row 3: 民族 录入错误 → 身份证 + 报名登记表. Row 4: 姓名 信息变更 → 身份证 + 户口本/公安证明.
// Row 5: 入学文化程度 高中 → 毕业证书. (Title on row 1, header on row 2, 学号 in column B.)
const records: Rec[] = [
  coRecord(0),
  coRecord(1, { 修改项目: '姓名', 原信息: makeName(1), 修改后信息: '李新名', 修改类型: '信息变更' }),
  coRecord(2, { 修改项目: '入学文化程度', 原信息: '初中', 修改后信息: '高中', 修改类型: '录入错误' }),
];
const SHEET = coSheet(records);
const folder = (i: number) => `${makeSid(i + 1)}${makeName(i)}`;

function goodFiles(): InspectedFile[] {
  return [
    inspected(`${folder(0)}/身份证正反面.jpg`, scanJpeg()),
    inspected(`${folder(0)}/报名登记表.png`, scanPng()),
    inspected(`${folder(1)}/身份证.jpg`, scanJpeg()),
    inspected(`${folder(1)}/户口本曾用名页.jpg`, scanJpeg()),
    inspected(`${folder(2)}/毕业证书.jpg`, scanJpeg()),
  ];
}

test('every folder with what its rows need: no issue', () => {
  const r = run(SHEET, goodFiles());
  expect(issues(r)).toEqual([]);
  expect(r.template).toBe('correction-enrolled');
  expect(r.files.find((f) => f.path === folder(0))).toMatchObject({ kind: 'directory', exists: true, row: 3 });
});

describe('evidence.missing: per row, on its 学号 cell', () => {
  test('a document missing from the folder', () => {
    const files = goodFiles().filter((f) => !f.path.endsWith('户口本曾用名页.jpg'));
    const m = only(run(SHEET, files), 'evidence.missing');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: 'B4', row: 4, path: folder(1), severity: 'error' });
    expect(m[0]!.message).toContain('户口本（曾用名页）或公安证明');
    expect(m[0]!.message).not.toContain('身份证（');
  });

  test('公安证明 stands in for 户口本', () => {
    const files = goodFiles().map((f) => (f.path.endsWith('户口本曾用名页.jpg') ? inspected(`${folder(1)}/公安证明.jpg`, scanJpeg()) : f));
    expect(only(run(SHEET, files), 'evidence.missing')).toEqual([]);
  });

  test('the whole folder missing: one issue per row, naming the folder and every document', () => {
    const files = goodFiles().filter((f) => !f.path.startsWith(folder(0)));
    const m = only(run(SHEET, files), 'evidence.missing');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: 'B3', path: folder(0) });
    expect(m[0]!.message).toContain('身份证');
    expect(m[0]!.message).toContain('报名登记表');
    expect(run(SHEET, files).files.find((f) => f.path === folder(0))).toMatchObject({ exists: false, kind: 'directory' });
  });

  test('两行 of one student share one folder, each row reports what it lacks', () => {
    const recs = [coRecord(0), coRecord(0, { 序号: 2, 修改项目: '性别', 原信息: '男', 修改后信息: '女', 修改类型: '信息变更' })];
    const sheet = coSheet(recs);
    const m = only(run(sheet, [inspected(`${folder(0)}/报名登记表.jpg`, scanJpeg())]), 'evidence.missing');
    expect(m.map((i) => i.cell)).toEqual(['B3', 'B4']);
  });
});

describe('evidence.name', () => {
  test('a folder named with a "+" or a space belongs to its student, not missing', () => {
    for (const sep of ['+', ' ']) {
      const bad = `${makeSid(1)}${sep}${makeName(0)}`;
      const files = goodFiles().map((f) => (f.path.startsWith(folder(0)) ? inspected(f.path.replace(folder(0), bad), scanJpeg()) : f));
      const r = run(SHEET, files);
      const n = only(r, 'evidence.name');
      expect(n).toHaveLength(1);
      expect(n[0]).toMatchObject({ cell: 'B3', path: bad });
      expect(n[0]!.message).toContain(`应命名为“${folder(0)}”`);
      expect(only(r, 'evidence.missing')).toEqual([]);
    }
  });

  test('a 姓名 change: the folder may carry the new name', () => {
    const files = goodFiles().map((f) => (f.path.startsWith(folder(1)) ? inspected(f.path.replace(folder(1), `${makeSid(2)}李新名`), scanJpeg()) : f));
    expect(issues(run(SHEET, files))).toEqual([]);
  });

  test('an image not named by its content', () => {
    const files = [...goodFiles(), inspected(`${folder(2)}/IMG_0001.jpg`, scanJpeg())];
    const n = only(run(SHEET, files), 'evidence.name');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ cell: 'B5', path: `${folder(2)}/IMG_0001.jpg` });
  });
});

describe('evidence.unmatched', () => {
  test('a folder of nobody, a loose file at the top, a document the rows do not need, a sub-folder', () => {
    const files = [
      ...goodFiles(),
      inspected(`${makeSid(90)}${makeName(60)}/身份证.jpg`, scanJpeg()),
      inspected('说明.jpg', scanJpeg()),
      inspected(`${folder(2)}/户口本.jpg`, scanJpeg()),
      inspected(`${folder(2)}/旧材料/身份证.jpg`, scanJpeg()),
    ];
    const u = only(run(SHEET, files), 'evidence.unmatched');
    expect(u.map((i) => [i.path, i.cell])).toEqual([
      [`${folder(2)}/户口本.jpg`, 'B5'],
      [`${folder(2)}/旧材料`, 'B5'],
      [`${makeSid(90)}${makeName(60)}`, null],
      ['说明.jpg', null],
    ]);
    expect(u.every((i) => i.severity === 'warning')).toBe(true);
  });

  test('an empty folder of nobody is reported too', () => {
    const u = only(run(SHEET, goodFiles(), ['空文件夹']), 'evidence.unmatched');
    expect(u.map((i) => i.path)).toEqual(['空文件夹']);
  });
});

describe('image rules inside the folders', () => {
  test('format by content, size, resolution', () => {
    const files = goodFiles();
    files[0] = inspected(`${folder(0)}/身份证正反面.jpg`, scanPng());
    files[1] = inspected(`${folder(0)}/报名登记表.jpg`, textBytes());
    files[2] = inspected(`${folder(1)}/身份证.jpg`, padded(scanJpeg(), 10_000_000));
    files[3] = inspected(`${folder(1)}/户口本曾用名页.png`, png(150, 150, () => [255, 255, 255]));
    const r = run(SHEET, files);
    expect(only(r, 'evidence.format').map((i) => [i.path, i.cell])).toEqual([
      [`${folder(0)}/报名登记表.jpg`, 'B3'],
      [`${folder(0)}/身份证正反面.jpg`, 'B3'],
    ]);
    expect(only(r, 'evidence.size').map((i) => i.path)).toEqual([`${folder(1)}/身份证.jpg`]);
    expect(only(r, 'evidence.resolution').map((i) => i.path)).toEqual([`${folder(1)}/户口本曾用名页.png`]);
    expect(only(r, 'evidence.missing')).toEqual([]);
  });
});

describe('graduates: folders named 注册证号姓名, and 毕业生登记表', () => {
  const sheet = coSheet([grRecord(0)], { header: GR_HEADER, variant: 'graduate' });
  const gfolder = `${makeRegNo(1)}${makeName(0)}`;

  test('without 毕业生登记表: missing, on the 注册证号 cell', () => {
    const files = [inspected(`${gfolder}/身份证.jpg`, scanJpeg()), inspected(`${gfolder}/报名登记表.jpg`, scanJpeg())];
    const r = run(sheet, files);
    expect(r.template).toBe('correction-graduate');
    const m = only(r, 'evidence.missing');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: 'B3', field: 'registrationNo' });
    expect(m[0]!.message).toContain('毕业生登记表');
  });

  test('with it: clean', () => {
    const files = [
      inspected(`${gfolder}/身份证.jpg`, scanJpeg()),
      inspected(`${gfolder}/报名登记表.jpg`, scanJpeg()),
      inspected(`${gfolder}/毕业生登记表.jpg`, scanJpeg()),
    ];
    expect(issues(run(sheet, files))).toEqual([]);
  });

  test('a folder named by 学号 instead is nobody’s (and the student’s folder is missing)', () => {
    const r = run(sheet, [inspected(`${makeSid(1)}${makeName(0)}/身份证.jpg`, scanJpeg())]);
    expect(only(r, 'evidence.unmatched')).toHaveLength(1);
    expect(only(r, 'evidence.missing')[0]).toMatchObject({ path: gfolder });
  });
});
