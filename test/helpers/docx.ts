/**
 * Reading a .docx back for the tests (its XML, with jszip): the body's paragraphs and tables in order, with the raw XML
 * of each, the footer's text and fields, the styles and the page size. Nothing is rendered: tests need no LibreOffice.
 */
import JSZip from 'jszip';

export interface DocxParagraph {
  kind: 'p';
  text: string;
  xml: string;
}

export interface DocxTable {
  kind: 'table';
  /** Cell texts, row by row. */
  rows: string[][];
  xml: string;
}

export interface DocxContent {
  body: (DocxParagraph | DocxTable)[];
  /** The paragraphs with text (empty ones left out), in order. */
  texts: string[];
  tables: string[][][];
  document: string;
  styles: string;
  footer: string;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

function text(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]!)).join('');
}

function table(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])));
}

export async function readDocx(bytes: Uint8Array): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`${name} missing from the .docx`);
    return f.async('string');
  };
  const document = await read('word/document.xml');
  const styles = await read('word/styles.xml');
  const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n));
  const footer = footerName ? await read(footerName) : '';
  const inner = /<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!;
  const body: (DocxParagraph | DocxTable)[] = [];
  for (const m of inner.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p\/>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const xml = m[0];
    body.push(xml.startsWith('<w:tbl>') ? { kind: 'table', rows: table(xml), xml } : { kind: 'p', text: text(xml), xml });
  }
  return {
    body,
    texts: body.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '').map((b) => b.text),
    tables: body.filter((b): b is DocxTable => b.kind === 'table').map((b) => b.rows),
    document,
    styles,
    footer,
  };
}

/** Runs of a paragraph whose East Asian font is `font`. */
export function hasEastAsiaFont(xml: string, font: string): boolean {
  return new RegExp(`<w:rFonts[^>]*w:eastAsia="${font}"`).test(xml);
}

/** Paragraphs drawn as a line to write on (a bottom border, no text). */
export function ruledLines(c: DocxContent): number {
  return c.body.filter((b) => b.kind === 'p' && b.text === '' && /<w:pBdr>[\s\S]*<w:bottom /.test(b.xml)).length;
}
