/**
 * What names a template outside its header (DOMAIN.md §2 T3, issue 9): the title rows above the header and the sheet's
 * name. A sheet titled 新生 / 在籍生 / 毕业生 …统计表, 免考信息表 or 退学汇总名单 is that template, whatever its header
 * shows; the sheet name only picks the variant of a correction sheet (correction/family.ts) and lets a bare roster be
 * a 退学 roster (withdrawal/index.ts). Each template's clue is in its own folder (`clue`).
 */
import type { TemplateId } from '../types';
import { compactClue } from './clue-text';
import { TEMPLATES } from './registry';

export { correctionVariantOf } from './correction/family';

/** The template the title rows name, or null. The earliest mention wins; on a tie, the earlier template in the registry. */
export function templateOfTitle(titles: string): TemplateId | null {
  const text = compactClue(titles);
  let best: { template: TemplateId; at: number } | null = null;
  for (const t of TEMPLATES) {
    const m = t.clue.title.exec(text);
    if (m && (!best || m.index < best.at)) best = { template: t.id, at: m.index };
  }
  return best?.template ?? null;
}
