/**
 * 毕业生基本信息修改情况统计表 (seed 003 §五(一)3): by 注册证号 (51161…); graduates correct only 姓名 / 性别 / 身份证号 /
 * 民族 (rules/correction.ts checkItem), and only what was entered wrong while enrolled — never an 信息变更.
 */
import { graduateChange } from '../../rules/correction';
import { correctionTemplate } from '../correction/template';
import { GRADUATE_REQUIRED } from '../correction/fields';

export const correctionGraduate = correctionTemplate({
  id: 'correction-graduate',
  title: '毕业生基本信息修改情况统计表',
  layout: 'graduate',
  required: GRADUATE_REQUIRED,
  key: 'registrationNo',
  rule: (rec, _ctx, changeType) => {
    if (changeType === '信息变更') rec.cells.changeType!.drafts.push(graduateChange());
  },
});
