/**
 * The profile: every [ours] choice of DOMAIN.md, so a school can change it without code (DOMAIN.md §7).
 * Validated with zod; a bad profile is rejected with a message naming the field.
 */
import { z } from 'zod';
import { exemptionProfileSchema } from '../templates/exemption/profile';
import { withdrawalProfileSchema } from '../templates/withdrawal/profile';
import { correctionProfileSchema } from '../templates/correction/profile';
import { precheckProfileSchema } from '../templates/graduation-precheck/profile';
import { evidenceProfileSchema, photosProfileSchema } from '../evidence/profile';
import { writtenReportProfileSchema } from '../written-report/profile';
import { profileIssuesText } from './messages';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD');

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
    /** 免考信息表: templates/exemption/profile.ts. */
    exemption: exemptionProfileSchema,
    /** 学信网退学汇总名单: templates/withdrawal/profile.ts. */
    withdrawal: withdrawalProfileSchema,
    /** 学生基本信息修改情况统计表: templates/correction/profile.ts. */
    correction: correctionProfileSchema,
    /** 毕业资格预审 (DOMAIN.md §3 T5): templates/graduation-precheck/profile.ts. */
    precheck: precheckProfileSchema,
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
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type { ExemptionReason } from '../templates/exemption/profile';

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

