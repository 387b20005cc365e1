/**
 * The profile: every [ours] choice of DOMAIN.md, so a school can change it without code (DOMAIN.md §7).
 * Validated with zod; a bad profile is rejected with a message naming the field.
 */
import { z } from 'zod';
import { correctionLayoutsSchema, exemptionLayoutSchema, sheetNameSchema, withdrawalLayoutSchema } from '../export/profile';
import { evidenceProfileSchema, photosProfileSchema } from '../evidence/profile';
import { writtenReportProfileSchema } from '../written-report/profile';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD');

export const exemptionSubjectSchema = z.object({
  /** The code written in 免考科目代码 (seed 003: 大学英语B = 71, 计算机应用基础 = 69). */
  code: z.string().regex(/^\d+$/, '科目代码应为数字'),
  /** Names a registrar writes for this subject; the first is the official one. */
  names: z.array(z.string().min(1)).min(1),
});

export const exemptionReasonSchema = z.object({
  /** Reference number, as registrars sometimes write it in the cell. */
  id: z.number().int().positive(),
  text: z.string().min(1),
  /** Subject codes the reason exempts. */
  subjects: z.array(z.string()).min(1),
  /** Extra checks: 'age-40' (入学注册时年满40周岁), 'minority' (少数民族). */
  check: z.enum(['age-40', 'minority']).optional(),
});

export const profileSchema = z
  .object({
    name: z.string().min(1),
    /** Report date for date rules (新生 window); absent = today. --report-date wins. */
    reportDate: isoDate.optional(),
    centreCode: z.object({
      /** seed 003: 必须是8位，不足8位的用0补足. */
      length: z.number().int().min(3).max(12),
      /** Which side the zeros go: [ours], left by default. */
      pad: z.enum(['left', 'right']),
    }),
    exemption: z.object({
      subjects: z.array(exemptionSubjectSchema).min(1),
      reasons: z.array(exemptionReasonSchema).min(1),
      /** What the export writes in 免考原因: the reason's text (default) or its number. */
      writeReason: z.enum(['text', 'number']),
      /** Sort key of the table; null = no order is required (no notice asks for one). */
      sortBy: z.enum(['studentId', 'none']),
      /** The row right after the last record (seed 003: 最后一行填写"/记录行结束/"). */
      terminator: z.string().min(1),
      /** The exported layout (xueji export): see export/profile.ts. */
      layout: exemptionLayoutSchema,
    }),
    withdrawal: z.object({
      /** 陕西 2022 notice: the sheet is named 退学. */
      sheetName: sheetNameSchema.nullable(),
      /** The row right after the last student. */
      signature: z.string().min(1),
      /** The exported layout (its sheet is named `sheetName` above, or Sheet1 when null): see export/profile.ts. */
      layout: withdrawalLayoutSchema,
    }),
    correction: z.object({
      /** Text of the signature row: 主管领导 and 经手人 sign, and the seal (seed 003 §五(二)1). */
      signature: z.string().min(1),
      /**
       * 新生 corrections are filed within the first semester (seed 003 §五(一)1): spring intake until
       * 31 August, autumn intake until the end of February = the end of the 6th month counting the
       * entry month.
       */
      newStudentWindowMonths: z.number().int().min(1).max(24),
      /** The exported layout of each variant (新生 / 在籍生 / 毕业生): see export/profile.ts. */
      layouts: correctionLayoutsSchema,
    }),
    limits: z.object({
      /** `xueji fix` refuses sheets with more rows than this (the whole workbook is held in memory). */
      fixMaxRows: z.number().int().positive(),
    }),
    /** Withdrawal scans and correction evidence (DOMAIN.md §2 T2/T3): see evidence/profile.ts. */
    evidence: evidenceProfileSchema,
    /** Graduation photos (DOMAIN.md §3): see evidence/profile.ts. */
    photos: photosProfileSchema,
    /** The written reports (xueji report, DOMAIN.md §3 "The paper side"): see written-report/profile.ts. */
    writtenReport: writtenReportProfileSchema,
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type ExemptionReason = z.infer<typeof exemptionReasonSchema>;

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** Parse a profile object; the error names each bad field by its path (e.g. `centreCode.length`). */
export function parseProfile(input: unknown): Profile {
  const result = profileSchema.safeParse(input);
  if (result.success) return result.data;
  const parts = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '（整个配置）';
    return `字段 ${path}：${translateZodMessage(issue)}`;
  });
  throw new ProfileError(`配置文件有误：${parts.join('；')}`);
}

function translateZodMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项' : `类型不对，应为 ${issue.expected}`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`;
    case 'invalid_value':
      return `取值应为 ${issue.values.map(String).join(' / ')} 之一`;
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}
