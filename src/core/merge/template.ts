/**
 * What merging asks of a template — and nothing more: its name, the key records are sorted by and whether the profile
 * sorts it, and what makes two records the same (DOMAIN.md §5 `row.duplicate`: 学号; (学号, 科目) in T1; (key, 修改项目)
 * in T3). Its layout, 序号 and end row come from the export builder (export/build.ts), unchanged.
 */
import type { SubmissionTemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Field } from '../templates/fields';
import { templateOf } from '../templates/registry';

export interface MergeFacts {
  template: SubmissionTemplateId;
  /** Chinese name, for people. */
  title: string;
  /** The field that identifies a record and orders the table (学号 / 注册证号). */
  key: Field;
  /** Whether the profile sorts this template by its key (a merged submission is sorted as a single one is). */
  sorted: (profile: Profile) => boolean;
  /** The fields besides the key that, with it, identify a record: one identity twice is `row.duplicate`. */
  identity: readonly Field[];
  /** How the check names a duplicate (the same words as for duplicates within one sheet). */
  duplicateWhat: string;
}

/** What merging reads of a template, from its definition in the registry (templates/<id>/). */
export function mergeFacts(template: SubmissionTemplateId): MergeFacts {
  const t = templateOf(template);
  return {
    template,
    title: t.title,
    key: t.key,
    sorted: (profile) => t.sorted(profile),
    identity: t.rows.identity ?? [],
    duplicateWhat: t.rows.duplicate,
  };
}
