/**
 * What each template requires (DOMAIN.md §2), by id: its definition (templates/<id>/index.ts, listed in
 * templates/registry.ts). The columns the checker understands when present are in `FIELD_SPECS` (fields.ts).
 */
import type { TemplateId } from '../types';
import type { TemplateDefinition } from './definition';
import { TEMPLATES } from './registry';

export { FIELD_SPECS, type FieldSpec } from './fields';

export type TemplateSpec = TemplateDefinition;

export const TEMPLATE_SPECS: Readonly<Record<TemplateId, TemplateSpec>> = Object.fromEntries(TEMPLATES.map((t) => [t.id, t])) as Record<TemplateId, TemplateSpec>;

/** Whether a template is one of the correction sheets (the exporter and the evidence check read their changes). */
export function isCorrection(t: TemplateId): boolean {
  return TEMPLATE_SPECS[t].family.name === 'correction';
}
