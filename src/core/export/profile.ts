/**
 * Profile keys of the export (DOMAIN.md §2, §7): the layout of each submission template — sheet name, title rows,
 * columns (field, header text, text format, width) and file-name pattern. Kept here so `profile/schema.ts` and
 * `profile/default-profile.ts` only gain a line per template section. The marker rows (terminator, signature), the
 * reason list, `writeReason`, the exemption sort key, the centre-code length and pad side and the report date are the
 * existing keys the checker reads: the exporter reads the very same ones, so check and export can never disagree.
 *
 * Every layout a profile gives is validated against what the checker can read back: each header text must be one
 * the checker recognises as that column's field, the template's required columns must be there, and codes and IDs
 * must be text columns (so no zero and no digit can be lost when the school opens the file).
 */
import { z } from 'zod';
import type { TemplateId } from '../types';
import { FIELD_HEADERS, FIELD_LABEL, matchHeader, type Field } from '../templates/fields';
import { FIELD_SPECS, TEMPLATE_SPECS } from '../templates/specs';
import { printLayoutSchema, type PrintLayout } from './print';

export const EXPORT_FIELDS = Object.keys(FIELD_HEADERS) as [Field, ...Field[]];

/** Placeholders a file name or a title row may hold. */
export const PLACEHOLDERS = ['{分部名称}', '{报送日期}', '{工作表名}'] as const;

/** Characters Windows forbids in a file name (a profile's own text may not use them; values are sanitised). */
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
/** Characters Excel forbids in a sheet name. */
const SHEET_FORBIDDEN = /[:\\/?*[\]]/;

function unknownPlaceholder(s: string): string | null {
  for (const m of s.matchAll(/\{[^{}]*\}/g)) if (!(PLACEHOLDERS as readonly string[]).includes(m[0])) return m[0];
  return null;
}

export const sheetNameSchema = z
  .string()
  .min(1)
  .max(31, '工作表名称最多31个字符（Excel 的限制）')
  .refine((s) => !SHEET_FORBIDDEN.test(s), '工作表名称不能含有 : \\ / ? * [ ]')
  .refine((s) => !s.startsWith("'") && !s.endsWith("'"), "工作表名称不能以 ' 开头或结尾");

const fileNameSchema = z
  .string()
  .regex(/\.xlsx$/, '文件名应以 .xlsx 结尾')
  .max(200)
  .refine((s) => !WINDOWS_FORBIDDEN.test(s.replace(/\{[^{}]*\}/g, '')), '文件名不能含有 < > : " / \\ | ? * 等 Windows 不允许的字符')
  .superRefine((s, ctx) => {
    const bad = unknownPlaceholder(s);
    if (bad) ctx.addIssue({ code: 'custom', message: `不认识的占位符 ${bad}，可用：${PLACEHOLDERS.join(' ')}` });
  });

const titleRowSchema = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const bad = unknownPlaceholder(s);
    if (bad) ctx.addIssue({ code: 'custom', message: `不认识的占位符 ${bad}，可用：${PLACEHOLDERS.join(' ')}` });
  });

export const exportColumnSchema = z
  .object({
    /** Our canonical field (DOMAIN.md §4): where the value comes from; `seq` is renumbered 1..n. */
    field: z.enum(EXPORT_FIELDS),
    /** The header text written in the file. */
    header: z.string().min(1),
    /** Written as text (number format `@`). Codes and IDs must be. */
    text: z.boolean(),
    /** Column width in Excel's character units. */
    width: z.number().min(1).max(255),
  })
  .strict()
  .superRefine((c, ctx) => {
    const m = matchHeader(c.header);
    if (!m || m.kind !== 'field' || m.field !== c.field) {
      ctx.addIssue({
        code: 'custom',
        path: ['header'],
        message: `表头“${c.header}”读回时不会被识别为“${FIELD_LABEL[c.field]}”列，可用：${FIELD_HEADERS[c.field].join('、')}`,
      });
    }
    if (FIELD_SPECS[c.field].isCode && !c.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `“${FIELD_LABEL[c.field]}”是代码或证件号，必须写成文本（text: true），否则会丢失前导0或数字` });
    }
  });

const layoutShape = {
  /** Name of the exported sheet. */
  sheetName: sheetNameSchema,
  /** File-name pattern; placeholders {分部名称} {报送日期} {工作表名}. */
  fileName: fileNameSchema,
  /** Rows above the header, each merged across the table (placeholders allowed). */
  titleRows: z.array(titleRowSchema).max(5),
  /** The columns, in order. */
  columns: z.array(exportColumnSchema).min(1),
  /** How the file prints: orientation, margins, footer (A4, one page wide, header repeated: see print.ts). */
  print: printLayoutSchema,
};

/** The layout of one template, checked against what the checker requires of that template. */
function layoutFor<T extends z.ZodRawShape>(template: TemplateId, shape: T) {
  return z
    .object(shape)
    .strict()
    .superRefine((layout, ctx) => {
      const columns = (layout as unknown as { columns: { field: Field }[] }).columns;
      const fields = columns.map((c) => c.field);
      fields.forEach((f, i) => {
        if (fields.indexOf(f) !== i) {
          ctx.addIssue({ code: 'custom', path: ['columns', i, 'field'], message: `“${FIELD_LABEL[f]}”列出现了两次` });
        }
      });
      for (const f of TEMPLATE_SPECS[template].required) {
        if (!fields.includes(f)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `缺少必需的“${FIELD_LABEL[f]}”列` });
      }
    });
}

export const exemptionLayoutSchema = layoutFor('exemption', {
  ...layoutShape,
  /** The reasons legend (免考原因 "参照表后备注填写") on its own sheet of this name; null = no legend sheet. */
  legendSheet: sheetNameSchema.nullable(),
}).refine((l) => l.legendSheet === null || l.legendSheet.toLowerCase() !== l.sheetName.toLowerCase(), {
  path: ['legendSheet'],
  message: '备注工作表不能与免考信息表同名',
});

/** The roster's sheet name is `withdrawal.sheetName` (the checker's sheet.name rule reads it too). */
export const withdrawalLayoutSchema = layoutFor('withdrawal', {
  fileName: layoutShape.fileName,
  titleRows: layoutShape.titleRows,
  columns: layoutShape.columns,
  print: layoutShape.print,
});

export const correctionLayoutsSchema = z
  .object({
    new: layoutFor('correction-new', layoutShape),
    enrolled: layoutFor('correction-enrolled', layoutShape),
    graduate: layoutFor('correction-graduate', layoutShape),
  })
  .strict();

export type ExportColumn = z.infer<typeof exportColumnSchema>;
export type ExemptionLayout = z.infer<typeof exemptionLayoutSchema>;
export type WithdrawalLayout = z.infer<typeof withdrawalLayoutSchema>;
export type CorrectionLayouts = z.infer<typeof correctionLayoutsSchema>;

// ---------------------------------------------------------------- the built-in layouts (DOMAIN.md §2)

const col = (field: Field, header: string, width: number, text = true): ExportColumn => ({ field, header, text, width });

/**
 * Printing [ours]: margins a little narrower than Excel's "normal" ones (a wide table keeps a readable scale), the
 * footer "第 N 页 共 M 页" (a signed 统计表 of several pages must show that none is missing).
 */
function print(orientation: PrintLayout['orientation']): PrintLayout {
  return {
    orientation,
    margins: { top: 2, bottom: 2, left: 1.5, right: 1.5, header: 0.8, footer: 0.8 },
    footer: '第 {页码} 页 共 {总页数} 页',
  };
}

/**
 * T1 免考信息表: the seed names 《河北电大免考信息表》; columns [ours, DOMAIN.md §2 T1].
 * Seed 003 vs DOMAIN.md: the seed says "免考原因，参照表后备注填写" — notes *after* the table — and "填表结束，最后一行填写
 * /记录行结束/". DOMAIN.md moves the notes to a second sheet 备注. Where the two could be read differently the seed
 * decides, and its "最后一行" is the binding part: nothing may follow the terminator, so the built-in layout keeps the
 * legend off the table's sheet (as DOMAIN.md does), while a school's own template (--template-file) keeps its 备注 block
 * after the table exactly where the school put it ("表后备注").
 * No title row: the header is row 1, as in a table meant for import (the terminator row says as much).
 */
export const DEFAULT_EXEMPTION_LAYOUT: ExemptionLayout = {
  sheetName: '免考信息表',
  fileName: '河北电大免考信息表.xlsx',
  titleRows: [],
  columns: [
    col('centreCode', '学习中心代码', 14),
    col('studentId', '学号', 16),
    col('name', '姓名', 12),
    col('subjectCode', '免考科目代码', 14),
    col('reason', '免考原因', 58),
  ],
  legendSheet: '备注',
  // 'auto': these columns (114 characters, about 21 cm) are wider than a portrait page, so it prints landscape; a
  // school that drops the long 免考原因 column gets portrait without touching this.
  print: print('auto'),
};

/** T2 学信网退学汇总名单 [public, 陕西 2022]: 序号 | 分部名称 | 学号全码 | 学生姓名; no title row. */
export const DEFAULT_WITHDRAWAL_LAYOUT: WithdrawalLayout = {
  fileName: '{分部名称}学信网退学汇总名单.xlsx',
  titleRows: [],
  columns: [col('seq', '序号', 6, false), col('branchName', '分部名称', 16), col('studentId', '学号全码', 16), col('name', '学生姓名', 12)],
  // 'auto': four narrow columns (about 9 cm) print portrait.
  print: print('auto'),
};

const CORRECTION_TAIL = [
  col('name', '姓名', 12),
  col('item', '修改项目', 14),
  col('oldValue', '原信息', 24),
  col('newValue', '修改后信息', 24),
  col('changeType', '修改类型', 12),
  col('remark', '备注', 20),
];

/**
 * T3 学生基本信息修改情况统计表 (seed 003 §五): the title is the table's name; columns [ours, from the public CPS
 * correction table]. The seed names the 新生 and 在籍生 tables; for graduates it says only "对应的《…学生基本信息修改情况
 * 统计表》", so the 毕业生 title follows the other two [ours].
 */
function correctionLayout(kind: '新生' | '在籍生' | '毕业生'): CorrectionLayouts['new'] {
  const title = `国家开放大学(原中央广播电视大学)${kind}基本信息修改情况统计表`;
  const key = kind === '毕业生' ? col('registrationNo', '注册证号', 22) : col('studentId', '学号', 16);
  return {
    sheetName: `${kind}信息修改`,
    fileName: `${title}.xlsx`,
    titleRows: [title],
    columns: [col('seq', '序号', 6, false), key, ...CORRECTION_TAIL],
    // DOMAIN.md §3: correction sheets print landscape (eight columns with 原信息 and 修改后信息 side by side).
    print: print('landscape'),
  };
}

export const DEFAULT_CORRECTION_LAYOUTS: CorrectionLayouts = {
  new: correctionLayout('新生'),
  enrolled: correctionLayout('在籍生'),
  graduate: correctionLayout('毕业生'),
};
