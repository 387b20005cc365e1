/**
 * The export layouts in the profile (DOMAIN.md §7): the default follows DOMAIN.md §2, every [ours] value can be changed,
 * and a layout that could not be read back by the checker is rejected with a message naming the field.
 */
import { DEFAULT_PROFILE, defaultProfileJson, mergeProfile } from '../../../src/core/profile/default-profile';
import { ProfileError } from '../../../src/core/profile/schema';
import { TEMPLATE_SPECS } from '../../../src/core/templates/specs';
import { matchHeader } from '../../../src/core/templates/fields';
import { resolveLayout } from '../../../src/core/export/layouts';
import { SUBMISSION_TEMPLATE_IDS as TEMPLATE_IDS } from '../../../src/core/types';

function rejects(overrides: unknown, path: string, words: RegExp): void {
  let caught: unknown;
  try {
    mergeProfile(overrides);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ProfileError);
  const msg = (caught as ProfileError).message;
  expect(msg).toContain(`字段 ${path}：`);
  expect(msg).toMatch(words);
}

describe('the default layouts', () => {
  it.each(TEMPLATE_IDS)('%s: every required column, each header read back as its field, codes as text', (t) => {
    const l = resolveLayout(DEFAULT_PROFILE, t);
    const fields = l.columns.map((c) => c.field);
    for (const f of TEMPLATE_SPECS[t].required) expect(fields).toContain(f);
    for (const c of l.columns) {
      expect(matchHeader(c.header)).toEqual({ kind: 'field', field: c.field });
      expect(c.text).toBe(c.field !== 'seq');
    }
  });

  it('are printed with the default profile (xueji profile --print-default)', () => {
    const json = defaultProfileJson() as { exemption: { layout: unknown }; withdrawal: { layout: unknown; sheetName: string }; correction: { layouts: Record<string, unknown> } };
    expect(json.exemption.layout).toMatchObject({ sheetName: '免考信息表', fileName: '河北电大免考信息表.xlsx', legendSheet: '备注', titleRows: [] });
    expect(json.withdrawal).toMatchObject({ sheetName: '退学', signature: '经办人：', layout: { fileName: '{分部名称}学信网退学汇总名单.xlsx' } });
    expect(Object.keys(json.correction.layouts)).toEqual(['new', 'enrolled', 'graduate']);
    expect(json.correction.layouts.enrolled).toMatchObject({
      fileName: '国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表.xlsx',
      titleRows: ['国家开放大学(原中央广播电视大学)在籍生基本信息修改情况统计表'],
    });
  });

  it('the printed default, merged again, is the default', () => {
    expect(mergeProfile(defaultProfileJson())).toEqual(DEFAULT_PROFILE);
  });
});

describe('a bad layout is rejected, naming the field', () => {
  const cols = (over: object) => ({
    withdrawal: {
      layout: {
        columns: [
          { field: 'seq', header: '序号', text: false, width: 6 },
          { field: 'branchName', header: '分部名称', text: true, width: 16 },
          { field: 'studentId', header: '学号全码', text: true, width: 16 },
          { field: 'name', header: '学生姓名', text: true, width: 12 },
          over,
        ],
      },
    },
  });

  it('a header the checker would not read back as that column', () => {
    rejects(cols({ field: 'remark', header: '联系电话', text: true, width: 10 }), 'withdrawal.layout.columns.4.header', /联系电话.*备注/);
  });

  it('a header that reads back as another field', () => {
    rejects(cols({ field: 'remark', header: '学号', text: true, width: 10 }), 'withdrawal.layout.columns.4.header', /学号.*备注/);
  });

  it('a code column not written as text', () => {
    rejects(
      { exemption: { layout: { columns: [
        { field: 'centreCode', header: '学习中心代码', text: false, width: 14 },
        { field: 'studentId', header: '学号', text: true, width: 16 },
        { field: 'name', header: '姓名', text: true, width: 12 },
        { field: 'subjectCode', header: '免考科目代码', text: true, width: 14 },
        { field: 'reason', header: '免考原因', text: true, width: 40 },
      ] } } },
      'exemption.layout.columns.0.text',
      /文本/,
    );
  });

  it('a required column left out', () => {
    rejects(
      { withdrawal: { layout: { columns: [{ field: 'seq', header: '序号', text: false, width: 6 }, { field: 'studentId', header: '学号', text: true, width: 16 }, { field: 'name', header: '姓名', text: true, width: 12 }] } } },
      'withdrawal.layout.columns',
      /分部名称/,
    );
  });

  it('a column twice', () => {
    rejects(cols({ field: 'name', header: '姓名', text: true, width: 10 }), 'withdrawal.layout.columns.4.field', /两次/);
  });

  it('an unknown field', () => {
    rejects(cols({ field: 'phone', header: '电话', text: true, width: 10 }), 'withdrawal.layout.columns.4.field', /应为 .* 之一，现为文字“phone”/);
  });

  it.each([
    [{ correction: { layouts: { new: { fileName: '新生.xls' } } } }, 'correction.layouts.new.fileName', /\.xlsx/],
    [{ correction: { layouts: { new: { fileName: '新生/修改.xlsx' } } } }, 'correction.layouts.new.fileName', /Windows/],
    [{ withdrawal: { layout: { fileName: '{学校名称}退学.xlsx' } } }, 'withdrawal.layout.fileName', /\{学校名称\}/],
    [{ correction: { layouts: { graduate: { titleRows: ['{年级}毕业生'] } } } }, 'correction.layouts.graduate.titleRows.0', /\{年级\}/],
    [{ exemption: { layout: { sheetName: '免考信息表（河北广播电视大学开放教育学院2026年春季学期第一批）' } } }, 'exemption.layout.sheetName', /31/],
    [{ exemption: { layout: { sheetName: '免考/信息' } } }, 'exemption.layout.sheetName', /不能含有/],
    [{ exemption: { layout: { legendSheet: '免考信息表' } } }, 'exemption.layout.legendSheet', /同名/],
    [{ withdrawal: { sheetName: '退学[1]' } }, 'withdrawal.sheetName', /不能含有/],
    [{ exemption: { layout: { columns: [] } } }, 'exemption.layout.columns', /至少要有 1 项/],
    [{ correction: { layouts: { enrolled: { colour: 'red' } } } }, 'correction.layouts.enrolled', /colour/],
  ])('%j', (overrides, path, words) => rejects(overrides, path, words));
});

it('a valid school layout is accepted and used', () => {
  const p = mergeProfile({ correction: { layouts: { new: { sheetName: '新生', fileName: '{报送日期}新生信息修改.xlsx', titleRows: ['新生信息修改', '填报单位：{分部名称}'] } } } });
  const l = resolveLayout(p, 'correction-new');
  expect([l.sheetName, l.fileName, l.titleRows]).toEqual(['新生', '{报送日期}新生信息修改.xlsx', ['新生信息修改', '填报单位：{分部名称}']]);
  expect(resolveLayout(p, 'correction-enrolled').sheetName).toBe('在籍生信息修改');
});

it('withdrawal.sheetName null (no sheet name required) exports a sheet named Sheet1', () => {
  expect(resolveLayout(mergeProfile({ withdrawal: { sheetName: null } }), 'withdrawal').sheetName).toBe('Sheet1');
});
