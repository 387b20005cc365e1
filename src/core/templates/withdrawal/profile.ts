/** 学信网退学汇总名单's profile section (DOMAIN.md §7): sheet name, signature row, exported layout, and the built-in layout. */
import { z } from 'zod';
import { col, defaultPrint, layoutFor, layoutShape, sheetNameSchema } from '../../export/profile';
import { WITHDRAWAL_REQUIRED } from './fields';

/** The roster's sheet name is `withdrawal.sheetName` (the checker's sheet.name rule reads it too). */
export const withdrawalLayoutSchema = layoutFor(WITHDRAWAL_REQUIRED, {
  fileName: layoutShape.fileName,
  titleRows: layoutShape.titleRows,
  columns: layoutShape.columns,
  print: layoutShape.print,
});

export const withdrawalProfileSchema = z.object({
  /** 陕西 2022 notice: the sheet is named 退学. */
  sheetName: sheetNameSchema.nullable(),
  /** The row right after the last student. */
  signature: z.string().min(1),
  /** The exported layout (its sheet is named `sheetName` above, or Sheet1 when null): see export/profile.ts. */
  layout: withdrawalLayoutSchema,
}).strict();

export type WithdrawalLayout = z.infer<typeof withdrawalLayoutSchema>;

// ---------------------------------------------------------------- the built-in layout

/** T2 学信网退学汇总名单 [public, 陕西 2022]: 序号 | 分部名称 | 学号全码 | 学生姓名; no title row. */
export const DEFAULT_WITHDRAWAL_LAYOUT: WithdrawalLayout = {
  fileName: '{分部名称}学信网退学汇总名单.xlsx',
  titleRows: [],
  columns: [col('seq', '序号', 6, false), col('branchName', '分部名称', 16), col('studentId', '学号全码', 16), col('name', '学生姓名', 12)],
  // 'auto': four narrow columns (about 9 cm) print portrait.
  print: defaultPrint('auto'),
};
