import { precheckRow, isOneOf, type PrecheckRowInput } from '../../../../src/core/templates/graduation-precheck/rules';
import { DEFAULT_PRECHECK } from '../../../../src/core/templates/graduation-precheck/profile';
import { parseBatch } from '../../../../src/core/templates/graduation-precheck/batch';
import type { Term } from '../../../../src/core/cells/enrollment-term';

const ctx = (code = '202307', profile = DEFAULT_PRECHECK) => ({ batch: parseBatch(code)!, profile });
const term = (year: number, season: '春季' | '秋季'): Term => ({ year, season });
const clean: PrecheckRowInput = {
  term: term(2021, '春季'),
  termOfId: term(2021, '春季'),
  status: '在籍',
  photoStatus: '已上传',
  chsiPhoto: '存在',
  identityDoubt: '否',
  identityCheck: null,
};
const rules = (row: Partial<PrecheckRowInput>, c = ctx()) => precheckRow({ ...clean, ...row }, c).map((d) => `${d.draft.rule}@${d.at}`);

describe('precheckRow', () => {
  it('says nothing about a student who may apply', () => {
    expect(rules({})).toEqual([]);
  });

  it('202307 ← 2021春季 passes, 2021秋季 is too early (on the 入学年度学期 cell)', () => {
    expect(rules({ term: term(2021, '春季') })).toEqual([]);
    expect(rules({ term: term(2021, '秋季') })).toEqual(['graduation.too-early@enrollmentTerm']);
    const [d] = precheckRow({ ...clean, term: term(2021, '秋季') }, ctx());
    expect(d!.draft.message).toBe('入学年度学期为2021秋季，到2023年7月只有4个学期，不足最短学习年限5个学期（二年半）：2023年7月批次只接收2021春季及以前入学的学生');
  });

  it('202401 ← 2021秋季 passes', () => {
    expect(rules({ term: term(2021, '秋季') }, ctx('202401'))).toEqual([]);
  });

  it('reads the term from the 学号 when the cell has none, and says so on the 学号 cell', () => {
    expect(rules({ term: undefined, termOfId: term(2022, '春季') })).toEqual(['graduation.too-early@studentId']);
    const [d] = precheckRow({ ...clean, term: undefined, termOfId: term(2022, '春季') }, ctx());
    expect(d!.draft.message).toMatch(/^按学号，入学年度学期为2022春季，到2023年7月只有3个学期/);
  });

  it('the cell wins over the 学号 (the mismatch is enrollment-term.mismatch\'s business)', () => {
    expect(rules({ term: term(2021, '春季'), termOfId: term(2022, '秋季') })).toEqual([]);
  });

  it('a student entered after the batch is told so', () => {
    const [d] = precheckRow({ ...clean, term: term(2024, '春季') }, ctx());
    expect(d!.draft.message).toMatch(/晚于2023年7月批次/);
  });

  it('cannot judge without any entry term: graduation.entry-unknown on the 学号 cell', () => {
    expect(rules({ term: undefined, termOfId: undefined })).toEqual(['graduation.entry-unknown@studentId']);
  });

  it('expired: 2015春季 at 202307, saying the last valid day', () => {
    expect(rules({ term: term(2015, '春季') })).toEqual(['graduation.expired@enrollmentTerm']);
    const [d] = precheckRow({ ...clean, term: term(2015, '春季') }, ctx());
    expect(d!.draft.message).toBe(
      '入学年度学期为2015春季，学籍自入学注册起8年内有效，已于2023年2月28日到期，早于2023年7月批次的证书日期2023年7月20日：学籍已过期，不能申请毕业',
    );
    expect(d!.draft.severity).toBe('error');
  });

  it('expiring: 2015秋季 at 202307 is a warning naming the next batch; 2016春季 at 202401 ends on 29 February', () => {
    const [d] = precheckRow({ ...clean, term: term(2015, '秋季') }, ctx());
    expect(d!.draft.rule).toBe('graduation.expiring');
    expect(d!.draft.severity).toBe('warning');
    expect(d!.draft.message).toBe('入学年度学期为2015秋季，学籍有效期至2023年8月31日，在下一批次（2024年1月）之前到期：2023年7月是该生最后一次申请毕业的机会');
    const [e] = precheckRow({ ...clean, term: term(2016, '春季') }, ctx('202401'));
    expect(e!.draft.message).toMatch(/学籍有效期至2024年2月29日，在下一批次（2024年7月）之前到期/);
  });

  it('graduation.status: anything but 在籍; a blank status is not judged', () => {
    for (const s of ['毕业', '退学', '休学', '注销']) expect(rules({ status: s })).toEqual(['graduation.status@status']);
    expect(rules({ status: null })).toEqual([]);
  });

  it('graduation.photo-missing from the 毕业照片状态 column or the photo folder', () => {
    expect(rules({ photoStatus: '未上传' })).toEqual(['graduation.photo-missing@graduationPhoto']);
    expect(rules({ photoStatus: '已上传', photoInFolder: false, photoFolder: '照片' })).toEqual(['graduation.photo-missing@studentId']);
    expect(rules({ photoStatus: '已上传', photoInFolder: true })).toEqual([]);
    const [both] = precheckRow({ ...clean, photoStatus: '未上传', photoInFolder: false, photoFolder: '照片' }, ctx());
    expect(both!.at).toBe('graduationPhoto');
    expect(both!.draft.message).toMatch(/毕业照片状态为“未上传”.*；照片文件夹“照片”中也没有该生的照片/);
    expect(rules({ photoStatus: null, photoInFolder: false, photoFolder: '照片' })).toEqual(['graduation.photo-missing@studentId']);
  });

  it('graduation.chsi-photo: 学信网照片 不存在 / 无', () => {
    expect(rules({ chsiPhoto: '不存在' })).toEqual(['graduation.chsi-photo@chsiPhoto']);
    expect(rules({ chsiPhoto: '无' })).toEqual(['graduation.chsi-photo@chsiPhoto']);
    expect(rules({ chsiPhoto: '存在' })).toEqual([]);
  });

  it('graduation.identity-doubt: 身份存疑 是 / 存疑, or 身份核验 未通过 / 待复核 (but 身份核验 是 is no doubt)', () => {
    expect(rules({ identityDoubt: '是' })).toEqual(['graduation.identity-doubt@identityDoubt']);
    expect(rules({ identityDoubt: '存疑' })).toEqual(['graduation.identity-doubt@identityDoubt']);
    expect(rules({ identityDoubt: '否' })).toEqual([]);
    expect(rules({ identityDoubt: null, identityCheck: '未通过' })).toEqual(['graduation.identity-doubt@identityCheck']);
    expect(rules({ identityDoubt: null, identityCheck: '待复核' })).toEqual(['graduation.identity-doubt@identityCheck']);
    expect(rules({ identityDoubt: null, identityCheck: '是' })).toEqual([]);
    expect(rules({ identityDoubt: null, identityCheck: '通过' })).toEqual([]);
  });

  it('lists every reason of a student at once', () => {
    expect(rules({ term: term(2022, '春季'), status: '休学', photoStatus: '未上传', chsiPhoto: '不存在', identityDoubt: '是' })).toEqual([
      'graduation.too-early@enrollmentTerm',
      'graduation.status@status',
      'graduation.photo-missing@graduationPhoto',
      'graduation.chsi-photo@chsiPhoto',
      'graduation.identity-doubt@identityDoubt',
    ]);
  });

  it('compares values without spaces, brackets or width, and follows the profile', () => {
    expect(isOneOf('未 上传', ['未上传'])).toBe(true);
    expect(isOneOf('（未上传）', ['未上传'])).toBe(true);
    expect(rules({ photoStatus: '待补' }, ctx('202307', { ...DEFAULT_PRECHECK, photoMissing: ['待补'] }))).toEqual(['graduation.photo-missing@graduationPhoto']);
  });
});
