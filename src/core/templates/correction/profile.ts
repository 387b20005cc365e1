/**
 * The correction sheets' profile section (DOMAIN.md §7): the signature row, the 新生 window and the exported layout of
 * each variant (新生 / 在籍生 / 毕业生), with the built-in layouts.
 */
import { z } from 'zod';
import { col, defaultPrint, layoutFor, layoutShape } from '../../export/profile';
import { CORRECTION_REQUIRED, GRADUATE_REQUIRED } from './fields';

export const correctionLayoutsSchema = z
  .object({
    new: layoutFor(CORRECTION_REQUIRED, layoutShape),
    enrolled: layoutFor(CORRECTION_REQUIRED, layoutShape),
    graduate: layoutFor(GRADUATE_REQUIRED, layoutShape),
  })
  .strict();

export const correctionProfileSchema = z.object({
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
}).strict();

export type CorrectionLayouts = z.infer<typeof correctionLayoutsSchema>;

// ---------------------------------------------------------------- the built-in layouts

const CORRECTION_TAIL = [
  col('name', '姓名', 12),
  col('item', '修改项目', 14),
  col('oldValue', '原信息', 24),
  col('newValue', '修改后信息', 24),
  col('changeType', '修改类型', 12),
  col('remark', '备注', 20),
];

/**
 * T3 学生基本信息修改情况统计表 (seed 003 §五): the title is the table's name; columns [ours, from the public CPS
 * correction table]. The seed names the 新生 and 在籍生 tables; for graduates it says only "对应的《…学生基本信息修改情况
 * 统计表》", so the 毕业生 title follows the other two [ours].
 */
function correctionLayout(kind: '新生' | '在籍生' | '毕业生'): CorrectionLayouts['new'] {
  const title = `国家开放大学(原中央广播电视大学)${kind}基本信息修改情况统计表`;
  const key = kind === '毕业生' ? col('registrationNo', '注册证号', 22) : col('studentId', '学号', 16);
  return {
    sheetName: `${kind}信息修改`,
    fileName: `${title}.xlsx`,
    titleRows: [title],
    columns: [col('seq', '序号', 6, false), key, ...CORRECTION_TAIL],
    // DOMAIN.md §3: correction sheets print landscape (eight columns with 原信息 and 修改后信息 side by side).
    print: defaultPrint('landscape'),
  };
}

export const DEFAULT_CORRECTION_LAYOUTS: CorrectionLayouts = {
  new: correctionLayout('新生'),
  enrolled: correctionLayout('在籍生'),
  graduate: correctionLayout('毕业生'),
};
