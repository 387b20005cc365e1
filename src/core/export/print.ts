/**
 * How every exported 统计表 / 名单 / 免考信息表 prints (DOMAIN.md §3 "The paper side", seed 003 §五(二)1: the 统计表 is
 * printed, signed by the 主管领导 and the 经手人 and stamped): A4, an orientation that fits the columns, one page wide,
 * the header row(s) repeated on every page and frozen on screen, margins, and a footer "第 N 页 共 M 页".
 *
 * The profile part (`print` in each template's layout) holds the [ours] choices — orientation, margins, footer text —
 * and `printPlan` turns it, with the rows of the written table, into what the file layer writes: plain data, so the
 * built-in layout and the school-template fill are printed by one function (files/print-setup.ts).
 */
import { z } from 'zod';

/** A4 (ISO 216), in centimetres. Fixed: the notices ask for A4 and every school printer has it. */
export const A4_CM = { width: 21.0, height: 29.7 } as const;

/** Placeholders of the footer text: the page number and the number of pages. */
export const FOOTER_PLACEHOLDERS = ['{页码}', '{总页数}'] as const;

const marginCm = z.number().min(0).max(5);

export const printLayoutSchema = z
  .object({
    /**
     * 'auto': portrait when the table's columns fit across an A4 portrait page between the margins, else landscape.
     * Every page is scaled to one page wide either way.
     */
    orientation: z.enum(['auto', 'portrait', 'landscape']),
    /** Page margins in centimetres; header / footer: the distance of the page header / footer from the edge. */
    margins: z
      .object({ top: marginCm, bottom: marginCm, left: marginCm, right: marginCm, header: marginCm, footer: marginCm })
      .strict()
      .refine((m) => m.header < m.top, { path: ['header'], message: '页眉边距应小于上边距，否则页眉会压住表格' })
      .refine((m) => m.footer < m.bottom, { path: ['footer'], message: '页脚边距应小于下边距，否则页码会压住表格' })
      .refine((m) => m.left + m.right < A4_CM.width - 5, { path: ['left'], message: '左右边距之和过大，A4 纸上放不下表格' }),
    /** The footer, centred on every page; {页码} = the page number, {总页数} = the number of pages. '' = no footer. */
    footer: z
      .string()
      .max(120)
      .superRefine((s, ctx) => {
        for (const m of s.matchAll(/\{[^{}]*\}/g)) {
          if (!(FOOTER_PLACEHOLDERS as readonly string[]).includes(m[0])) {
            ctx.addIssue({ code: 'custom', message: `不认识的占位符 ${m[0]}，可用：${FOOTER_PLACEHOLDERS.join(' ')}` });
          }
        }
      }),
  })
  .strict();

export type PrintLayout = z.infer<typeof printLayoutSchema>;
export type PrintOrientation = PrintLayout['orientation'];
export type Margins = PrintLayout['margins'];

/** What one written sheet's page setup is: the file layer writes exactly this. */
export interface PrintPlan {
  /** 'auto' is decided by the file layer from the sheet's real column widths (a school template has its own). */
  orientation: PrintOrientation;
  margins: Margins;
  /** The footer in Excel's header/footer code ('&C第 &P 页 共 &N 页'), or '' for none. */
  footer: string;
  /** The header row(s), 1-based and inclusive: repeated at the top of every printed page. */
  repeatRows: { first: number; last: number };
  /** Rows frozen on screen: rows 1..freezeRows stay visible while scrolling (titles and header). */
  freezeRows: number;
  /** The table (header and records): rows 1-based inclusive, columns 0-based inclusive. */
  table: { top: number; bottom: number; left: number; right: number };
}

/**
 * The footer text as Excel's header/footer code, centred (&C): {页码} → &P, {总页数} → &N, and a literal '&' doubled
 * (Excel reads a single '&' as the start of a code).
 */
export function footerCode(text: string): string {
  if (!text) return '';
  const escaped = text.replace(/&/g, '&&').replace(/\{页码\}/g, '&P').replace(/\{总页数\}/g, '&N');
  return `&C${escaped}`;
}

/**
 * A column's printed width in centimetres, from its width in Excel's character units: Excel draws a column
 * trunc(7·w + 0.5) pixels wide with its default font (Calibri 11, 7-pixel digits), at 96 pixels per inch.
 */
export function columnWidthCm(width: number): number {
  return (Math.trunc(width * 7 + 0.5) / 96) * 2.54;
}

/** The orientation a sheet prints in: 'auto' → portrait when its columns fit an A4 portrait page, else landscape. */
export function resolveOrientation(orientation: PrintOrientation, widths: readonly number[], margins: Margins): 'portrait' | 'landscape' {
  if (orientation !== 'auto') return orientation;
  const total = widths.reduce((s, w) => s + columnWidthCm(w), 0);
  return total <= A4_CM.width - margins.left - margins.right ? 'portrait' : 'landscape';
}

/** The plan of one sheet: its header rows first..last, its records below them, across columns left..right. */
export function printPlan(
  layout: PrintLayout,
  rows: { headerFirst: number; headerLast: number; lastRecord: number },
  columns: { left: number; right: number },
): PrintPlan {
  return {
    orientation: layout.orientation,
    margins: { ...layout.margins },
    footer: footerCode(layout.footer),
    repeatRows: { first: rows.headerFirst, last: rows.headerLast },
    freezeRows: rows.headerLast,
    table: { top: rows.headerFirst, bottom: Math.max(rows.headerLast, rows.lastRecord), left: columns.left, right: columns.right },
  };
}
