/**
 * What merging asks of a template — and nothing more: its name, the key records are sorted by and whether the profile
 * sorts it, and what makes two records the same (DOMAIN.md §5 `row.duplicate`: 学号; (学号, 科目) in T1; (key, 修改项目)
 * in T3). Its layout, 序号 and end row come from the export builder (export/build.ts), unchanged. The merge reads a
 * template only through `mergeFacts`, so when the templates' knowledge moves into one registry (issue 13) this file is
 * the one place that changes.
 */
import type { TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Field } from '../templates/fields';
import { TEMPLATE_SPECS } from '../templates/specs';

export interface MergeFacts {
  template: TemplateId;
  /** Chinese name, for people. */
  title: string;
  /** The field that identifies a record and orders the table (学号 / 注册证号). */
  key: Field;
  /** Whether the profile sorts this template by its key (a merged submission is sorted as a single one is). */
  sorted: (profile: Profile) => boolean;
  /** The fields besides the key that, with it, identify a record: one identity twice is `row.duplicate`. */
  identity: readonly Field[];
  /** How the check names a duplicate (engine/check.ts says the same of duplicates within one sheet). */
  duplicateWhat: string;
}

/** The duplicate identity of each template (DOMAIN.md §5 `row.duplicate`). */
const IDENTITY: Readonly<Record<TemplateId, { identity: readonly Field[]; what: string }>> = {
  exemption: { identity: ['subjectCode'], what: '同一学号同一科目' },
  withdrawal: { identity: [], what: '同一学号' },
  'correction-new': { identity: ['item'], what: '同一学生同一修改项目' },
  'correction-enrolled': { identity: ['item'], what: '同一学生同一修改项目' },
  'correction-graduate': { identity: ['item'], what: '同一学生同一修改项目' },
};

export function mergeFacts(template: TemplateId): MergeFacts {
  const spec = TEMPLATE_SPECS[template];
  const id = IDENTITY[template];
  return { template, title: spec.title, key: spec.key, sorted: spec.sorted, identity: id.identity, duplicateWhat: id.what };
}
