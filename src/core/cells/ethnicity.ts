/**
 * 民族: one of the 56 groups of GB 3304 (DOMAIN.md §1); "汉" → "汉族" and other short forms are a fix.
 * Order and names follow GB/T 3304-1991 codes 01–56.
 */

export const ETHNIC_GROUPS: readonly string[] = Object.freeze([
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
]);

const VALID: ReadonlySet<string> = new Set(ETHNIC_GROUPS);

/**
 * Short form → canonical: every name without its 族 ('汉', '蒙古', '维吾尔'); appending 族 gives exactly one
 * name, so it is unambiguous. Plus the two abbreviations in everyday use on forms: 蒙族, 维族.
 */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map<string, string>([
  ...ETHNIC_GROUPS.map((g): [string, string] => [g.slice(0, -1), g]),
  ['蒙族', '蒙古族'],
  ['维族', '维吾尔族'],
]);

export type EthnicityCheck = { status: 'valid' } | { status: 'fixable'; canonical: string } | { status: 'invalid' };

const VALID_RESULT: EthnicityCheck = Object.freeze({ status: 'valid' as const });
const INVALID_RESULT: EthnicityCheck = Object.freeze({ status: 'invalid' as const });

export function normaliseEthnicity(s: string): EthnicityCheck {
  if (VALID.has(s)) return VALID_RESULT;
  const canonical = SHORT_FORMS.get(s);
  return canonical ? { status: 'fixable', canonical } : INVALID_RESULT;
}
