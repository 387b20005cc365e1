/**
 * The correction sheets' header family (DOMAIN.md §2 T3): 新生 / 在籍生 / 毕业生 share one header; the title or the
 * sheet's name picks the variant, else the key does (注册证号 without 学号: 毕业生), else 在籍生.
 */
import type { TemplateId } from '../../types';
import type { HeaderFamily, TemplateClue } from '../definition';
import type { HeaderMapping } from '../../engine/header-types';
import { compactClue } from '../clue-text';
import { CORRECTION_REQUIRED } from './fields';

// seed 003 §五: 《国家开放大学(原中央广播电视大学)新生 / 在籍生 / 毕业生 基本信息修改情况统计表》. In order of precedence:
// the variants name their status.
export const CORRECTION_CLUES = {
  'correction-new': { title: /新生.{0,20}(修改|更正|变更|统计表)/, name: /新生/ },
  'correction-enrolled': { title: /在籍生?.{0,20}(修改|更正|变更|统计表)/, name: /在籍/ },
  'correction-graduate': { title: /毕业生.{0,20}(修改|更正|变更|统计表)/, name: /毕业生/ },
} as const satisfies Record<string, TemplateClue>;

/** Columns only the correction sheets have (each wide 原/新 item counts too). */
const EVIDENCE = ['item', 'oldValue', 'newValue', 'changeType', 'registrationNo'] as const;

function widePairs(m: HeaderMapping): number {
  return new Set(m.wide.map((w) => w.item)).size;
}

/** The correction variant the sheet name or the title names (the earliest mention), or null. */
export function correctionVariantOf(clues: string): TemplateId | null {
  const text = compactClue(clues);
  let best: { template: TemplateId; at: number } | null = null;
  for (const [template, c] of Object.entries(CORRECTION_CLUES) as [TemplateId, TemplateClue][]) {
    const m = c.name.exec(text);
    if (m && (!best || m.index < best.at)) best = { template, at: m.index };
  }
  return best?.template ?? null;
}

export const correctionFamily: HeaderFamily = {
  name: 'correction',
  gate: (m) => {
    const f = m.fields;
    return (f.has('studentId') || f.has('registrationNo')) && (f.has('item') || f.has('oldValue') || f.has('newValue') || widePairs(m) > 0);
  },
  evidence: (m) => EVIDENCE.filter((x) => m.fields.has(x)).length + widePairs(m),
  required: CORRECTION_REQUIRED,
  variant: (m, clues) => {
    const named = correctionVariantOf(clues);
    if (named) return named;
    if (m.fields.has('registrationNo') && !m.fields.has('studentId')) return 'correction-graduate';
    return 'correction-enrolled';
  },
};
