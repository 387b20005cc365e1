/**
 * 免考信息表's profile section (DOMAIN.md §7): subjects, reasons, the terminator row, the sort key and the exported
 * layout, with the built-in layout.
 */
import { z } from 'zod';
import { col, defaultPrint, layoutFor, layoutShape, sheetNameSchema } from '../../export/profile';
import { EXEMPTION_REQUIRED } from './fields';

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

export const exemptionLayoutSchema = layoutFor(EXEMPTION_REQUIRED, {
  ...layoutShape,
  /** The reasons legend (免考原因 "参照表后备注填写") on its own sheet of this name; null = no legend sheet. */
  legendSheet: sheetNameSchema.nullable(),
}).refine((l) => l.legendSheet === null || l.legendSheet.toLowerCase() !== l.sheetName.toLowerCase(), {
  path: ['legendSheet'],
  message: '备注工作表不能与免考信息表同名',
});

export const exemptionProfileSchema = z.object({
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
}).strict();

export type ExemptionLayout = z.infer<typeof exemptionLayoutSchema>;
export type ExemptionReason = z.infer<typeof exemptionReasonSchema>;

// ---------------------------------------------------------------- the built-in layout

/**
 * T1 免考信息表: the seed names 《河北电大免考信息表》; columns [ours, DOMAIN.md §2 T1].
 * Seed 003 vs DOMAIN.md: the seed says "免考原因，参照表后备注填写" — notes *after* the table — and "填表结束，最后一行填写
 * /记录行结束/". DOMAIN.md moves the notes to a second sheet 备注. Where the two could be read differently the seed
 * decides, and its "最后一行" is the binding part: nothing may follow the terminator, so the built-in layout keeps the
 * legend off the table's sheet (as DOMAIN.md does), while a school's own template (--template-file) keeps its 备注 block
 * after the table exactly where the school put it ("表后备注").
 * No title row: the header is row 1, as in a table meant for import (the terminator row says as much).
 */
export const DEFAULT_EXEMPTION_LAYOUT: ExemptionLayout = {
  sheetName: '免考信息表',
  fileName: '河北电大免考信息表.xlsx',
  titleRows: [],
  columns: [
    col('centreCode', '学习中心代码', 14),
    col('studentId', '学号', 16),
    col('name', '姓名', 12),
    col('subjectCode', '免考科目代码', 14),
    col('reason', '免考原因', 58),
  ],
  legendSheet: '备注',
  // 'auto': these columns (114 characters, about 21 cm) are wider than a portrait page, so it prints landscape; a
  // school that drops the long 免考原因 column gets portrait without touching this.
  print: defaultPrint('auto'),
};
