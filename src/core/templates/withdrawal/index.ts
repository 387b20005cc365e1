/**
 * T2 学信网退学汇总名单 (seed 003 §三, 陕西 2022, DOMAIN.md §2): 序号 | 分部名称 | 学号 | 姓名, one 分部 per roster,
 * sorted by 学号, on a sheet named 退学, closed by the 经办人 row. The profile section is in profile.ts.
 */
import type { TemplateClue, TemplateDefinition } from '../definition';
import { resolveSection } from '../layout';
import { compactClue } from '../clue-text';
import { WITHDRAWAL_REQUIRED } from './fields';

/** Excel's own name for a first sheet: used when the profile sets no roster sheet name (withdrawal.sheetName null). */
const FALLBACK_SHEET = 'Sheet1';

// seed 003 §三, 陕西 2022: 学信网退学汇总名单, sheet 退学. A note such as "转学、退学不在本表填报" names no template: only a
// roster's title does.
const CLUE: TemplateClue = { title: /退学.{0,6}(名单|汇总|统计表|信息表)/, name: /退学/ };

export const withdrawal: TemplateDefinition = {
  id: 'withdrawal',
  title: '学信网退学汇总名单',
  required: WITHDRAWAL_REQUIRED,
  key: 'studentId',
  sorted: () => true, // seed 003: 名单按学号升序排列
  clue: CLUE,
  family: {
    name: 'withdrawal',
    // A bare 学号 | 姓名 list is a roster when its sheet name or title calls it a 退学 roster.
    gate: (m, clues) =>
      m.fields.has('studentId') && m.fields.has('name') && (m.fields.has('branchName') || m.fields.has('seq') || CLUE.name.test(compactClue(clues))),
    evidence: (m) => (m.fields.has('branchName') ? 1 : 0),
    required: WITHDRAWAL_REQUIRED,
    variant: () => 'withdrawal',
  },
  rows: { duplicate: '同一学号' },
  table: {
    marker: { kind: 'signature', text: (p) => p.withdrawal.signature, signers: '经办人' },
    oneBranch: true,
    sheetName: (p) => p.withdrawal.sheetName,
  },
  layout: (profile) =>
    resolveSection('withdrawal', profile.withdrawal.layout, {
      sheetName: profile.withdrawal.sheetName ?? FALLBACK_SHEET,
      marker: { kind: 'signature', text: profile.withdrawal.signature },
      legendSheet: null,
    }),
};
