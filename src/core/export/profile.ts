/**
 * Profile keys of the export (DOMAIN.md §2, §7): the layout of each submission template — sheet name, title rows,
 * columns (field, header text, text format, width) and file-name pattern. Each template's own layout schema and
 * built-in layout are in templates/<id>/profile.ts, made of these parts. The marker rows (terminator, signature), the
 * reason list, `writeReason`, the exemption sort key, the centre-code length and pad side and the report date are the
 * existing keys the checker reads: the exporter reads the very same ones, so check and export can never disagree.
 *
 * Every layout a profile gives is validated against what the checker can read back: each header text must be one
 * the checker recognises as that column's field, the template's required columns must be there, and codes and IDs
 * must be text columns (so no zero and no digit can be lost when the school opens the file).
 */
import { z } from 'zod';
import { FIELD_HEADERS, FIELD_LABEL, FIELD_SPECS, matchHeader, type Field } from '../templates/fields';
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

export const layoutShape = {
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

/** The layout of one template, checked against what the checker requires of that template (its `required` columns). */
export function layoutFor<T extends z.ZodRawShape>(required: readonly Field[], shape: T) {
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
      for (const f of required) {
        if (!fields.includes(f)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `缺少必需的“${FIELD_LABEL[f]}”列` });
      }
    });
}

export type ExportColumn = z.infer<typeof exportColumnSchema>;

// ---------------------------------------------------------------- parts of the built-in layouts (DOMAIN.md §2)

export const col = (field: Field, header: string, width: number, text = true): ExportColumn => ({ field, header, text, width });

/**
 * Printing [ours]: margins a little narrower than Excel's "normal" ones (a wide table keeps a readable scale), the
 * footer "第 N 页 共 M 页" (a signed 统计表 of several pages must show that none is missing).
 */
export function defaultPrint(orientation: PrintLayout['orientation']): PrintLayout {
  return {
    orientation,
    margins: { top: 2, bottom: 2, left: 1.5, right: 1.5, header: 0.8, footer: 0.8 },
    footer: '第 {页码} 页 共 {总页数} 页',
  };
}
