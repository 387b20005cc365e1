/**
 * Fake students for examples, tests and benchmarks: random but valid identifiers (GB 11643 check
 * characters, real birth dates), made-up names. Never real people's data. Deterministic for a seed.
 */
import { idCardCheckChar } from '../../src/core/cells/id-card';

/** mulberry32: a tiny seeded PRNG so the examples are the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅鑫波斌宇浩凯健俊帆帅旭宁晨欣怡佳琪雪悦子涵梓轩一诺思彤嘉懿';
const REGIONS = ['130102', '130104', '130203', '130302', '130402', '130503', '130602', '130702', '130802', '130902', '131002', '131102'];
export const MINORITY = ['回族', '满族', '蒙古族', '壮族', '土家族', '苗族'];

export interface FakeStudent {
  studentId: string;
  name: string;
  idCard: string;
  gender: '男' | '女';
  ethnicity: string;
  centreCode: string;
  birth: { y: number; m: number; d: number };
  entry: { year: number; season: '春季' | '秋季' };
}

function pick<T>(r: () => number, list: readonly T[] | string): T {
  return list[Math.floor(r() * list.length)] as T;
}

export function fakeName(r: () => number): string {
  const n = r() < 0.7 ? 2 : 1;
  let s = pick<string>(r, SURNAMES);
  for (let i = 0; i < n; i++) s += pick<string>(r, GIVEN);
  return s;
}

export function fakeIdCard(r: () => number, birth: { y: number; m: number; d: number }, male: boolean): string {
  const seq = Math.floor(r() * 499) * 2 + (male ? 1 : 0);
  const first17 = pick<string>(r, REGIONS) + birth.y + String(birth.m).padStart(2, '0') + String(birth.d).padStart(2, '0') + String(seq).padStart(3, '0');
  return first17 + idCardCheckChar(first17);
}

/** 学号: YY + 分部 130 (河北) + 类别 + serial (spring < 50000 ≤ autumn). */
export function makeStudent(r: () => number, index: number, opts: { year?: number; branch?: string; minAge?: number } = {}): FakeStudent {
  const year = opts.year ?? 2019 + Math.floor(r() * 6);
  const autumn = r() < 0.5;
  const serial = (autumn ? 50001 : 1) + (index % 49998);
  const category = pick(r, ['012', '014', '014', '044']);
  const branch = opts.branch ?? '130';
  const studentId = String(year % 100).padStart(2, '0') + branch + category + String(serial).padStart(5, '0');
  const minAge = opts.minAge ?? 19;
  const by = year - minAge - Math.floor(r() * 20);
  const birth = { y: by, m: 1 + Math.floor(r() * 12), d: 1 + Math.floor(r() * 28) };
  const male = r() < 0.5;
  return {
    studentId,
    name: fakeName(r),
    idCard: fakeIdCard(r, birth, male),
    gender: male ? '男' : '女',
    ethnicity: r() < 0.9 ? '汉族' : pick(r, MINORITY),
    centreCode: `${branch}08${String(1 + Math.floor(r() * 9)).padStart(2, '0')}`.padEnd(7, '1'),
    birth,
    entry: { year, season: autumn ? '秋季' : '春季' },
  };
}
