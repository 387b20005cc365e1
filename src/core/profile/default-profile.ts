/** The built-in default profile: follows DOMAIN.md exactly (the Hebei exemption layout, seed 003). */
import { parseProfile, type Profile } from './schema';
import { DEFAULT_EXEMPTION_LAYOUT } from '../templates/exemption/profile';
import { DEFAULT_WITHDRAWAL_LAYOUT } from '../templates/withdrawal/profile';
import { DEFAULT_CORRECTION_LAYOUTS } from '../templates/correction/profile';
import { DEFAULT_EVIDENCE, DEFAULT_PHOTOS } from '../evidence/profile';
import { DEFAULT_WRITTEN_REPORT } from '../written-report/profile';
import { DEFAULT_PRECHECK } from '../templates/graduation-precheck/profile';

const RAW_DEFAULT = {
  name: '默认配置（河北电大免考信息表 / 陕西退学名单 / 国开学生基本信息修改情况统计表）',
  centreCode: { length: 8, pad: 'left' },
  exemption: {
    subjects: [
      { code: '71', names: ['大学英语B', '大学英语（B）', '大学英语(B)', '大学英语B（1）', '大学英语B(1)', '英语B'] },
      { code: '69', names: ['计算机应用基础', '计算机应用基础（统设）', '计算机应用'] },
    ],
    reasons: [
      { id: 1, text: '已具有国民教育系列本科以上学历（含本科）', subjects: ['71', '69'] },
      { id: 2, text: '非计算机类专业，获全国计算机等级考试一级或以上证书', subjects: ['69'] },
      { id: 3, text: '非英语专业，获大学英语四级（CET-4）或以上证书', subjects: ['71'] },
      { id: 4, text: '非英语专业，获全国公共英语等级考试（PETS）三级或以上证书', subjects: ['71'] },
      { id: 5, text: '非英语专业，省级成人学位英语考试合格', subjects: ['71'] },
      { id: 6, text: '非英语专业，入学注册时年满40周岁', subjects: ['71'], check: 'age-40' },
      { id: 7, text: '非英语专业，户籍在少数民族聚居地区的少数民族学生', subjects: ['71'], check: 'minority' },
    ],
    writeReason: 'text',
    sortBy: 'none',
    terminator: '/记录行结束/',
    layout: DEFAULT_EXEMPTION_LAYOUT,
  },
  withdrawal: { sheetName: '退学', signature: '经办人：', layout: DEFAULT_WITHDRAWAL_LAYOUT },
  correction: {
    signature: '主管领导（签字）：　　　　　　经手人（签字）：　　　　　　（加盖公章）',
    newStudentWindowMonths: 6,
    layouts: DEFAULT_CORRECTION_LAYOUTS,
  },
  precheck: DEFAULT_PRECHECK,
  limits: { fixMaxRows: 200000, cells: 8000000, issues: 100000, inflatedBytes: 1000000000, memoryMB: 1024 },
  evidence: DEFAULT_EVIDENCE,
  photos: DEFAULT_PHOTOS,
  writtenReport: DEFAULT_WRITTEN_REPORT,
};

export const DEFAULT_PROFILE: Profile = parseProfile(RAW_DEFAULT);

/** A plain copy of the default profile, e.g. for `xueji profile --print-default`. */
export function defaultProfileJson(): unknown {
  return JSON.parse(JSON.stringify(DEFAULT_PROFILE));
}

/** Overlay a school's partial profile on the default, then validate the result. */
export function mergeProfile(overrides: unknown): Profile {
  return parseProfile(deepMerge(defaultProfileJson(), overrides));
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
    return out;
  }
  return over;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
