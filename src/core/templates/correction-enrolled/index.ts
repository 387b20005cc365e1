/** 在籍生基本信息修改情况统计表 (seed 003 §五): corrections of enrolled students, by 学号. */
import { correctionTemplate } from '../correction/template';
import { CORRECTION_REQUIRED } from '../correction/fields';

export const correctionEnrolled = correctionTemplate({
  id: 'correction-enrolled',
  title: '在籍生基本信息修改情况统计表',
  layout: 'enrolled',
  required: CORRECTION_REQUIRED,
  key: 'studentId',
  rule: null,
});
