/**
 * The layout of each template as the profile gives it (DOMAIN.md §2, §7), resolved into one shape: sheet name,
 * title rows, columns, file-name pattern, and the row that closes the table (the terminator of 免考信息表, the
 * signature row of the others). Each template resolves its own (templates/<id>/index.ts `layout`); the built-in
 * values are in templates/<id>/profile.ts.
 */
import type { SubmissionTemplateId } from '../types';
import type { Profile } from '../profile/schema';
import { templateOf } from '../templates/registry';
import type { ResolvedLayout } from './layout-types';

export type { MarkerRow, ResolvedLayout } from './layout-types';

export function resolveLayout(profile: Profile, template: SubmissionTemplateId): ResolvedLayout {
  const layout = templateOf(template).layout;
  // A submission's id with no layout is a bug of ours (test/core/templates/registry.test.ts pins that none has).
  if (!layout) throw new Error(`template ${template} has no export layout`);
  return layout(profile);
}
