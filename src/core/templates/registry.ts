/**
 * Every template the checker knows, in order of precedence: where a sheet's title names two, or a header fits two
 * families equally, the earlier one wins. The engine iterates this list and never names a template; a new template
 * is a folder templates/<id>/ whose index.ts exports a TemplateDefinition, and one line here (docs/architecture.md).
 */
import type { TemplateId } from '../types';
import type { HeaderFamily, TemplateDefinition } from './definition';
import { correctionNew } from './correction-new';
import { correctionEnrolled } from './correction-enrolled';
import { correctionGraduate } from './correction-graduate';
import { exemption } from './exemption';
import { withdrawal } from './withdrawal';
import { graduationPrecheck } from './graduation-precheck';

export const TEMPLATES: readonly TemplateDefinition[] = [
  correctionNew,
  correctionEnrolled,
  correctionGraduate,
  exemption,
  withdrawal,
  graduationPrecheck,
];

const BY_ID = new Map<TemplateId, TemplateDefinition>(TEMPLATES.map((t) => [t.id, t]));

/** The definition of a template; a template id without one is a bug of ours, said as one. */
export function templateOf(id: TemplateId): TemplateDefinition {
  const t = BY_ID.get(id);
  if (!t) throw new Error(`template ${id} is not in templates/registry.ts`);
  return t;
}

/** The header families, each once, in the order their first template stands in the registry. */
export const FAMILIES: readonly HeaderFamily[] = [...new Set(TEMPLATES.map((t) => t.family))];
