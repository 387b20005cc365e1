/**
 * The clipboard's tab-separated text, as Excel and WPS put a copied block there and read one back: rows end in
 * CR LF (or LF), cells are separated by tabs, and a cell holding a tab, a line break or a quote is quoted with its
 * quotes doubled.
 */

/** Parse a copied block into rows of cell texts (the trailing line break Excel adds is not an empty row). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * The widest row of a block, in cells. A loop, never `Math.max(...rows)`: spreading a pasted block of 200,000 rows
 * into arguments overflows the call stack (issue 14).
 */
export function blockWidth(rows: readonly (readonly string[])[]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** Rows of cell texts as Excel copies them (quoted where needed, CR LF after each row). */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  const quote = (s: string) => (/[\t\r\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(quote).join('\t') + '\r\n').join('');
}
