/**
 * The profile: every [ours] choice of DOMAIN.md, so a school can change it without code (DOMAIN.md §7).
 * Validated with zod; a bad profile is rejected with a message naming the field.
 */
import { z } from 'zod';
import { correctionLayoutsSchema, exemptionLayoutSchema, sheetNameSchema, withdrawalLayoutSchema } from '../export/profile';
import { evidenceProfileSchema, photosProfileSchema } from '../evidence/profile';
import { writtenReportProfileSchema } from '../written-report/profile';
import { precheckProfileSchema } from '../templates/graduation-precheck/profile';
import { profileIssuesText } from './messages';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD');

export const exemptionSubjectSchema = z.object({
  /** The code written in 免考科目代码 (seed 003: 大学英语B = 71, 计算机应用基础 = 69). */
  code: z.string().regex(/^\d+$/, '科目代码应为数字'),
  /** Names a registrar writes for this subject; the first is the official one. */
  names: z.array(z.string().min(1)).min(1),
}).strict();

export const exemptionReasonSchema = z.object({
  /** Reference number, as registrars sometimes write it in the cell. */
  id: z.number().int().positive(),
  text: z.string().min(1),
  /** Subject codes the reason exempts. */
  subjects: z.array(z.string()).min(1),
  /** Extra checks: 'age-40' (入学注册时年满40周岁), 'minority' (少数民族). */
  check: z.enum(['age-40', 'minority']).optional(),
}).strict();

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
    }).strict(),
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
    }).strict(),
    withdrawal: z.object({
      /** 陕西 2022 notice: the sheet is named 退学. */
      sheetName: sheetNameSchema.nullable(),
      /** The row right after the last student. */
      signature: z.string().min(1),
      /** The exported layout (its sheet is named `sheetName` above, or Sheet1 when null): see export/profile.ts. */
      layout: withdrawalLayoutSchema,
    }).strict(),
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
    }).strict(),
    /**
     * What one file may hold before it is refused (exit 2, naming the limit) or its report is cut short: memory
     * follows these, never the sheet's coordinates (issue 14: peak ≤ 1 GB for any input with the defaults).
     */
    limits: z.object({
      /** `xueji fix` and `xueji export` refuse sheets with more rows than this (the fixed copy is built whole). */
      fixMaxRows: z.number().int().positive(),
      /** Non-empty cells in all sheets of a file (also: entries of its shared-string table, merged cells). */
      cells: z.number().int().positive(),
      /** Issues a report lists per file; the rest are counted per rule (`omitted`), never dropped from the summary. */
      issues: z.number().int().positive(),
      /** Bytes of XML a file may inflate to (all parts read): a zip bomb is refused, not parsed. */
      inflatedBytes: z.number().int().positive(),
      /** Memory the `xueji` process may use, in MB (its heap is capped at 3/4 of it; cli/launcher.ts). */
      memoryMB: z.number().int().min(256),
    }).strict(),
    /** Withdrawal scans and correction evidence (DOMAIN.md §2 T2/T3): see evidence/profile.ts. */
    evidence: evidenceProfileSchema,
    /** Graduation photos (DOMAIN.md §3): see evidence/profile.ts. */
    photos: photosProfileSchema,
    /** The written reports (xueji report, DOMAIN.md §3 "The paper side"): see written-report/profile.ts. */
    writtenReport: writtenReportProfileSchema,
    /** The graduation pre-check (DOMAIN.md §3 T5): see templates/graduation-precheck/profile.ts. */
    precheck: precheckProfileSchema,
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
  // reportInput: the message names the wrong value ("应为数字，现为文字"), not just the field.
  const result = profileSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ProfileError(`配置文件有误：${profileIssuesText(result.error.issues)}`);
}

