/**
 * Profile keys of the written reports (DOMAIN.md §3 "The paper side", §7): the one [ours] value is who writes them.
 * The notices name no unit ("各教学点"), so by default the reports say 本教学点 and leave a line to write the name on.
 */
import { z } from 'zod';

export const writtenReportProfileSchema = z
  .object({
    /** The 教学点 / 学习中心 that files the reports (printed in the text and by the seal); null: "本教学点" and a blank. */
    unit: z.string().trim().min(1).max(60).nullable(),
  })
  .strict();

export type WrittenReportProfile = z.infer<typeof writtenReportProfileSchema>;

export const DEFAULT_WRITTEN_REPORT: WrittenReportProfile = { unit: null };
