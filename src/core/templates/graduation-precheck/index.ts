/**
 * T5 毕业资格预审名单 (DOMAIN.md §3 T5, seed 002): the platform's student list (序号 | 学号 | 姓名 | 入学年度学期 | 学籍状态 |
 * … | 毕业照片状态 | 学信网照片, optionally 身份证号 and 身份存疑), checked against a graduation batch. It is read as the
 * platform exports it, never handed in: no order, 序号 or end row is asked of it, and it has no export layout — its
 * result is the pre-check's own two-sheet workbook (export.ts, core/precheck/). The rules are in rules.ts (pure) and
 * rows.ts, the batch arithmetic in batch.ts, the profile section in profile.ts.
 */
import type { TemplateClue, TemplateDefinition } from '../definition';
import type { HeaderMapping } from '../../engine/header-types';
import { compactClue } from '../clue-text';
import { PRECHECK_OWN_FIELDS, PRECHECK_REQUIRED } from './fields';
import { precheckRows } from './rows';

// A title such as 2023年7月毕业资格预审 or 毕业申请名单, the platform page it was exported from (学生照片管理), or a sheet
// named so. The export's own sheets carry the title 毕业资格预审 and read back as this template.
const CLUE: TemplateClue = {
  title: /毕业资格预审|毕业(申请|预审|初审)(名单|学生)|学生照片管理|毕业照片(状态|管理|查询)/,
  name: /预审|毕业申请|照片管理/,
};

function namesPrecheck(clues: string): boolean {
  const c = compactClue(clues);
  return CLUE.name.test(c) || CLUE.title.test(c);
}

function ownColumns(m: HeaderMapping): number {
  return PRECHECK_OWN_FIELDS.filter((x) => m.fields.has(x)).length;
}

export const graduationPrecheck: TemplateDefinition = {
  id: 'graduation-precheck',
  title: '毕业资格预审名单',
  required: PRECHECK_REQUIRED,
  key: 'studentId',
  sorted: () => false,
  clue: CLUE,
  family: {
    name: 'precheck',
    // A 学号 | 姓名 list with a column only the platform's student list has (毕业照片状态, 学信网照片, 身份存疑 …), or one
    // whose title or sheet name says so: a withdrawal roster with a 学籍状态 column stays a withdrawal roster.
    gate: (m, clues) => m.fields.has('studentId') && m.fields.has('name') && (ownColumns(m) > 0 || namesPrecheck(clues)),
    // Its own columns, 学籍状态 and 入学年度学期; the platform's own columns count twice (they say more than a 分部 or
    // 序号 column, which the list has too), and a title or sheet name that names the list once more.
    evidence: (m, clues) =>
      2 * ownColumns(m) + (m.fields.has('status') ? 1 : 0) + (m.fields.has('enrollmentTerm') ? 1 : 0) + (namesPrecheck(clues) ? 1 : 0),
    required: PRECHECK_REQUIRED,
    variant: () => 'graduation-precheck',
  },
  rows: { forCheck: precheckRows, duplicate: '同一学号' },
  table: { marker: null, sequence: false },
  notSubmitted: '毕业资格预审名单不是报送表格，请用 xueji precheck（或“毕业资格预审”）导出预审结果',
};
