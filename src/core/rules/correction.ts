/**
 * 学生基本信息修改情况统计表 (seed 003 §五): items, new values valid for their item, no 双改,
 * graduates only 姓名/性别/身份证号/民族 and only changes made while enrolled, 新生 within the first semester.
 */
import { CORRECTION_ITEMS, FOREIGN_ITEMS, itemFromText, normaliseHeader, type CorrectionItem } from '../templates/fields';
import type { TemplateId } from '../types';
import { err, warn, type IssueDraft } from '../engine/issue';
import { addMonths, endOfMonth, excelSerialToYmd, formatYmd, parseLooseDate, type Ymd } from '../cells/dates';
import { termStartYmd, type Term } from '../cells/enrollment-term';
import { checkIdCard, type IdCard } from './id-card';
import { checkGender } from './gender';
import { checkEthnicity } from './ethnicity';
import { checkName } from './name';
import type { Outcome } from './outcome';

/** seed 003 §五(一)3: 毕业生 — only these may be corrected. */
export const GRADUATE_ITEMS: readonly CorrectionItem[] = ['姓名', '性别', '身份证号', '民族'];

export function checkItem(text: string, template: TemplateId): Outcome<CorrectionItem> {
  const item = itemFromText(text);
  const k = normaliseHeader(text);
  if (!item) {
    if (FOREIGN_ITEMS.some((f) => k.includes(f))) {
      return { drafts: [err('correction.item', `“${text}”属于学籍异动，不在本表办理，请走学籍异动流程`)] };
    }
    return { drafts: [err('correction.item', `修改项目“${text}”无法识别，应为${CORRECTION_ITEMS.join('、')}之一`)] };
  }
  if (template === 'correction-graduate' && !GRADUATE_ITEMS.includes(item)) {
    return { drafts: [err('correction.item', `毕业生只能更正${GRADUATE_ITEMS.join('、')}，不能更正${item}`)] };
  }
  return { drafts: [], parsed: item };
}

export const CHANGE_TYPES = ['录入错误', '信息变更'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export function checkChangeType(text: string): Outcome<ChangeType> {
  const k = normaliseHeader(text);
  if (k === '录入错误' || k === '录错' || k === '录入有误') return { drafts: [], parsed: '录入错误' };
  if (k === '信息变更' || k === '变更') return { drafts: [], parsed: '信息变更' };
  return { drafts: [err('correction.change-type', `修改类型应为“录入错误”或“信息变更”，当前为“${text}”`)] };
}

/** Education levels accepted as 入学文化程度. */
export const EDUCATION_LEVELS = [
  '初中', '高中', '中专', '职高', '技校', '中技', '普通高中', '高中及同等学力', '中专及同等学力',
  '专科', '大专', '高职', '本科', '硕士研究生', '博士研究生', '研究生',
];

export interface NewValueResult extends Outcome {
  /** The 身份证号 the new value states (item 身份证号), for the student's other changes. */
  idCard?: IdCard;
  birth?: Ymd;
}

/**
 * The new value must itself be valid for its item. Fixable forms keep their own rule (汉 → 汉族 is
 * ethnicity.invalid); what cannot be fixed becomes correction.new-value.
 */
export function checkNewValue(
  item: CorrectionItem,
  text: string,
  dateSerial: number | null,
  today: Ymd,
): NewValueResult {
  const label = `修改后的${item}`;
  const asNewValue = (o: Outcome<unknown>): IssueDraft[] =>
    o.drafts.map((d) => (d.fixable || d.severity === 'warning' || d.rule === 'cell.precision-lost' ? d : err('correction.new-value', d.message)));
  switch (item) {
    case '身份证号': {
      const o = checkIdCard(text, today, label);
      return { drafts: asNewValue(o), canonical: o.canonical, idCard: o.parsed };
    }
    case '性别': {
      const o = checkGender(text, label);
      return { drafts: asNewValue(o), canonical: o.canonical };
    }
    case '民族': {
      const o = checkEthnicity(text, label);
      return { drafts: asNewValue(o), canonical: o.canonical };
    }
    case '姓名': {
      const o = checkName(text, label);
      return { drafts: asNewValue(o), canonical: o.canonical };
    }
    case '出生日期': {
      const d = dateSerial !== null ? excelSerialToYmd(dateSerial) : parseLooseDate(text);
      if (!d) return { drafts: [err('correction.new-value', `${label}“${text}”不是有效日期，应写成 YYYY-MM-DD`)] };
      return { drafts: [], birth: d, canonical: dateSerial !== null ? formatYmd(d) : undefined };
    }
    case '入学文化程度': {
      const k = normaliseHeader(text);
      if (!EDUCATION_LEVELS.some((l) => normaliseHeader(l) === k)) {
        return { drafts: [err('correction.new-value', `${label}“${text}”不是可识别的文化程度（如 高中、中专、专科、本科）`)] };
      }
      return { drafts: [] };
    }
  }
}

export function doubleChange(): IssueDraft {
  return err('correction.double-change', '同一学生不能在一次申请中同时修改姓名和身份证号（不允许“双改”）');
}

export function graduateChange(): IssueDraft {
  return warn(
    'correction.graduate-change',
    '毕业生“信息变更”：只受理在籍期间发生的变更，毕业后发生的个人信息变更不予修改',
  );
}

/**
 * The last day a 新生 correction may be filed (seed 003 §五(一)1 "在新生入学第一学期内"): the end of the `months`-th month
 * counting the entry month (profile `correction.newStudentWindowMonths`, 6: spring → 31 August, autumn → end of February).
 */
export function newStudentWindowEnd(term: Term, months: number): Ymd {
  const start = termStartYmd(term);
  const last = addMonths(start.y, start.m, months - 1);
  return endOfMonth(last.y, last.m);
}

export function newStudentLate(windowEnd: Ymd, reportDate: Ymd): IssueDraft {
  return warn(
    'correction.new-student-window',
    `新生信息修改应在入学第一学期内提交（截至 ${formatYmd(windowEnd)}），报送日期 ${formatYmd(reportDate)} 已超期：需提交由主管校长审批签字并加盖学校公章的书面报告`,
  );
}
