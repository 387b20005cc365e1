/**
 * One correction sheet (新生 / 在籍生 / 毕业生, seed 003 §五) as a template: what the three variants share — the header
 * family, the change rules (rows.ts), the 双改 and duplicate claims, the signature row, the profile section and its
 * layouts — and what each variant sets: its id, title, key, required columns and own row rule.
 */
import type { TemplateId } from '../../types';
import type { Field } from '../fields';
import { itemFromText } from '../fields';
import { cellText } from '../../engine/cell-text';
import type { TemplateDefinition } from '../definition';
import { resolveSection } from '../layout';
import { CORRECTION_CLUES, correctionFamily } from './family';
import { checkCorrectionRow, type VariantRule } from './rows';

type Variant = keyof typeof CORRECTION_CLUES;

export interface CorrectionVariant {
  id: Variant;
  title: string;
  /** The variant's layout in the profile (correction.layouts.<layout>). */
  layout: 'new' | 'enrolled' | 'graduate';
  required: readonly Field[];
  key: 'studentId' | 'registrationNo';
  rule: VariantRule | null;
}

/** In a wide layout the 修改项目 / 原信息 / 修改后信息 columns are not there: the 原/新 pairs stand for them. */
const LONG_ONLY: ReadonlySet<Field> = new Set(['item', 'oldValue', 'newValue']);

export function correctionTemplate(v: CorrectionVariant): TemplateDefinition {
  const id: TemplateId = v.id;
  return {
    id,
    title: v.title,
    required: v.required,
    key: v.key,
    sorted: () => true, // seed 003 §五(二)1(2): 新生、在籍生按学号升序；毕业生按注册证号（51161开头）升序
    clue: CORRECTION_CLUES[v.id],
    family: correctionFamily,
    rows: {
      requiredColumns: (header) => (header.wide.length > 0 ? v.required.filter((f) => !LONG_ONLY.has(f)) : v.required),
      // A 身份证号 change: its 原信息 / 修改后信息 are IDs, prepared as the ID column is (lost digits, numbers, spaces).
      cellSpecs: (raw, header) => {
        const itemCol = header.fields.get('item');
        if (itemCol === undefined || itemFromText(cellText(raw[itemCol])) !== '身份证号') return null;
        return {
          oldValue: { mode: 'code', isCode: true, label: '原身份证号' },
          newValue: { mode: 'code', isCode: true, label: '修改后的身份证号' },
        };
      },
      check: (rec, ctx) => checkCorrectionRow(id, v.rule, rec, ctx),
      claims: (rec) => rec.changes.map((ch) => ch.item ?? ch.itemCell?.text ?? ''),
      identity: ['item'],
      duplicate: '同一学生同一修改项目',
    },
    table: {
      marker: { kind: 'signature', text: (p) => p.correction.signature, signers: '主管领导、经手人签字和公章' },
    },
    layout: (profile) => {
      const l = profile.correction.layouts[v.layout];
      return resolveSection(id, l, { sheetName: l.sheetName, marker: { kind: 'signature', text: profile.correction.signature }, legendSheet: null });
    },
  };
}
