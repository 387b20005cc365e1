/**
 * 新生基本信息修改情况统计表 (seed 003 §五(一)1): corrections of new students, filed within their first semester
 * (profile `correction.newStudentWindowMonths`).
 */
import { compareYmd } from '../../cells/dates';
import { termOfStudentId } from '../../rules/enrollment-term';
import { newStudentLate, newStudentWindowEnd } from '../../rules/correction';
import { correctionTemplate } from '../correction/template';
import { CORRECTION_REQUIRED } from '../correction/fields';

export const correctionNew = correctionTemplate({
  id: 'correction-new',
  title: '新生基本信息修改情况统计表',
  layout: 'new',
  required: CORRECTION_REQUIRED,
  key: 'studentId',
  rule: (rec, ctx) => {
    // The first semester runs from the entry term the row states (any readable form), else the 学号's.
    const c = rec.cells;
    const entry = ctx.term ?? (rec.studentId ? termOfStudentId(rec.studentId) : undefined);
    if (entry && c.studentId) {
      const end = newStudentWindowEnd(entry, ctx.profile.correction.newStudentWindowMonths);
      if (compareYmd(ctx.today, end) > 0) c.studentId.drafts.push(newStudentLate(end, ctx.today));
    }
  },
});
