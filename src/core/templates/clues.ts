/**
 * What names a template outside its header (DOMAIN.md §2 T3, issue 9): the title rows above the header and the sheet's
 * name. A sheet titled 新生 / 在籍生 / 毕业生 …统计表, 免考信息表 or 退学汇总名单 is that template, whatever its header
 * shows; the sheet name only picks the variant of a correction sheet and lets a bare roster be a 退学 roster.
 * One row per template, so a template's own clues can move with it.
 */
import type { TemplateId } from '../types';
import { PRECHECK_SHEET_NAME, PRECHECK_TITLE } from './graduation-precheck/clues';

export interface TemplateClue {
  template: TemplateId;
  /** Matched against the text of the title rows (spaces removed). */
  title: RegExp;
  /** Matched against the sheet's name (and, for the variant, the title too). */
  name: RegExp;
}

/** In order of precedence: the correction variants name their status, the others their subject. */
export const TEMPLATE_CLUES: readonly TemplateClue[] = [
  // seed 003 §五: 《国家开放大学(原中央广播电视大学)新生 / 在籍生 / 毕业生 基本信息修改情况统计表》
  { template: 'correction-new', title: /新生.{0,20}(修改|更正|变更|统计表)/, name: /新生/ },
  { template: 'correction-enrolled', title: /在籍生?.{0,20}(修改|更正|变更|统计表)/, name: /在籍/ },
  { template: 'correction-graduate', title: /毕业生.{0,20}(修改|更正|变更|统计表)/, name: /毕业生/ },
  // seed 003 §一: 《河北电大免考信息表》
  { template: 'exemption', title: /免考(信息|名单|汇总|申请|登记)|免考.{0,6}表/, name: /免考/ },
  // seed 003 §三, 陕西 2022: 学信网退学汇总名单, sheet 退学
  // A note such as "转学、退学不在本表填报" names no template: only a roster's title does.
  { template: 'withdrawal', title: /退学.{0,6}(名单|汇总|统计表|信息表)/, name: /退学/ },
  // DOMAIN.md §3 T5: the platform's student list (seed 002: 学生照片管理, 毕业申请).
  { template: 'graduation-precheck', title: PRECHECK_TITLE, name: PRECHECK_SHEET_NAME },
];

function compact(text: string): string {
  return text.replace(/[\s\u00a0\u3000]/g, '');
}

/** The template the title rows name, or null. The earliest mention wins. */
export function templateOfTitle(titles: string): TemplateId | null {
  const text = compact(titles);
  let best: { template: TemplateId; at: number } | null = null;
  for (const c of TEMPLATE_CLUES) {
    const m = c.title.exec(text);
    if (m && (!best || m.index < best.at)) best = { template: c.template, at: m.index };
  }
  return best?.template ?? null;
}

/** The correction variant the sheet name or the title names (the earliest mention), or null. */
export function correctionVariantOf(clues: string): TemplateId | null {
  const text = compact(clues);
  let best: { template: TemplateId; at: number } | null = null;
  for (const c of TEMPLATE_CLUES) {
    if (!c.template.startsWith('correction')) continue;
    const m = c.name.exec(text);
    if (m && (!best || m.index < best.at)) best = { template: c.template, at: m.index };
  }
  return best?.template ?? null;
}

/** Whether the sheet's name or title calls it a 退学 roster (a bare 学号 | 姓名 list is one then). */
export function namesWithdrawal(clues: string): boolean {
  return TEMPLATE_CLUES.find((c) => c.template === 'withdrawal')!.name.test(compact(clues));
}

/** Whether the sheet's name or title calls it the pre-check's student list. */
export function namesPrecheck(clues: string): boolean {
  const c = compact(clues);
  return PRECHECK_SHEET_NAME.test(c) || PRECHECK_TITLE.test(c);
}
