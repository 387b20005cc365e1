/**
 * The layout of each template as the profile gives it (DOMAIN.md §2, §7), resolved into one shape: sheet name,
 * title rows, columns, file-name pattern, and the row that closes the table (the terminator of 免考信息表, the
 * signature row of the others). Each template resolves its own (templates/<id>/index.ts `layout`); the built-in
 * values are in templates/<id>/profile.ts.
 */
import type { TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { templateOf } from '../templates/registry';
import type { ResolvedLayout } from './layout-types';

export type { MarkerRow, ResolvedLayout } from './layout-types';

export function resolveLayout(profile: Profile, template: TemplateId): ResolvedLayout {
  return templateOf(template).layout(profile);
}
