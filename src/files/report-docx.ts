/**
 * Typesets a written report (core/written-report/document.ts) as a .docx with the `docx` library — what schools edit,
 * print, sign and stamp (DOMAIN.md §3): A4 portrait, 宋体 body (Times New Roman for Latin letters and digits), 黑体
 * titles and headings, tables with thin borders whose header row repeats on every page, ruled lines to write on,
 * signatures right of centre, a footer "第 N 页 共 M 页". Browser-safe (bytes out, no file system): the pane loads
 * this module, and with it `docx`, only when 生成书面报告 is clicked.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, ReportDocument } from '../core/written-report/document';

/** A4 in twentieths of a point (twips): 210 × 297 mm. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
/** Word's standard margins for a Chinese document: 2.54 cm top and bottom, 3.17 cm left and right. */
const MARGINS = { top: 1440, bottom: 1440, left: 1797, right: 1797 } as const;
const TEXT_WIDTH = A4_TWIPS.width - MARGINS.left - MARGINS.right;

export const BODY_FONT = '宋体';
export const TITLE_FONT = '黑体';
const LATIN_FONT = 'Times New Roman';

/** Half-points: 小二 18 pt (title), 小四 12 pt (body), 五号 10.5 pt (tables). */
const SIZE = { title: 36, body: 24, table: 21 } as const;

const font = (eastAsia: string) => ({ ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia, cs: LATIN_FONT });

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function run(text: string, o: IRunOptions = {}): TextRun {
  return new TextRun({ text, ...o });
}

function title(text: string, first: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: !first,
    spacing: { before: 240, after: 480 },
    children: [run(text, { font: font(TITLE_FONT), size: SIZE.title })],
  });
}

function cell(text: string, o: { bold?: boolean; width: number; center: boolean }): TableCell {
  return new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { size: SIZE.table, bold: o.bold })],
      }),
    ],
  });
}

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const sum = b.widths.reduce((s, w) => s + w, 0);
  const widths = b.widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  // Counts and numbers centred; names, codes and texts as they read.
  const centred = b.header.map((h) => /^(序号|批次|人数|合计|信息变更|信息录入错误|修改类型未注明|修改类型|入学学期)$/.test(h));
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: b.header.map((h, i) => cell(h, { bold: true, width: widths[i]!, center: true })),
    }),
    ...b.rows.map(
      (r, k) =>
        new TableRow({
          cantSplit: true,
          children: r.map((v, i) => cell(v, { bold: b.total === true && k === b.rows.length - 1, width: widths[i]!, center: centred[i]! })),
        }),
    ),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows,
  });
}

function blockContent(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, children: [run(b.text, { font: font(TITLE_FONT) })] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
          // Two characters of first-line indent: 2 × 12 pt.
          indent: b.indent ? { firstLine: 480 } : undefined,
          spacing: { line: 360, after: 120 },
          children: [run(b.text)],
        }),
      ];
    case 'table':
      // A little room after a table before the next paragraph.
      return [table(b), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case 'lines':
      // Word and LibreOffice draw consecutive paragraphs with the same borders as one group: the `between` border
      // gives each its own line, the `bottom` one closes the group.
      return Array.from(
        { length: b.count },
        () => new Paragraph({ spacing: { line: 640, lineRule: LineRuleType.EXACT }, border: { between: { ...THIN, space: 1 }, bottom: { ...THIN, space: 1 } }, children: [] }),
      );
    case 'signature':
      // Right of centre, where a signature and a seal go; room above each line to sign.
      return b.lines.map(
        (text, i) => new Paragraph({ indent: { left: Math.round(TEXT_WIDTH * 0.45) }, spacing: { before: i === 0 ? 720 : 360 }, keepLines: true, keepNext: i < b.lines.length - 1, children: [run(text)] }),
      );
  }
}

function footer(): Footer {
  const parts: ParagraphChild[] = [
    run('第 '),
    run('', { children: [PageNumber.CURRENT] }),
    run(' 页 共 '),
    run('', { children: [PageNumber.TOTAL_PAGES] }),
    run(' 页'),
  ];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: parts })] });
}

export function reportDocx(doc: ReportDocument): Document {
  const children = doc.parts.flatMap((part, i) => [title(part.title, i === 0), ...part.blocks.flatMap(blockContent)]);
  return new Document({
    creator: 'xueji',
    title: doc.parts[0]?.title ?? '',
    styles: {
      default: {
        document: { run: { font: font(BODY_FONT), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: A4_TWIPS.width, height: A4_TWIPS.height }, margin: { ...MARGINS, header: 851, footer: 992 } } },
        footers: { default: footer() },
        children,
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function reportDocxBytes(doc: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocx(doc)));
}
