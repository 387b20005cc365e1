/** Shared set-up for the Excel adapter tests. */
import { ExcelPort, type ExcelPortOptions } from '../../src/excel/excel-port';
import type { ExcelRun } from '../../src/excel/run';
import { FakeExcel, type FakeCell, type SheetModel } from './fake-excel';

export function portFor(fake: FakeExcel, options: ExcelPortOptions = {}): ExcelPort {
  return new ExcelPort({
    run: fake.run as ExcelRun,
    isSetSupported: fake.isSetSupported,
    pause: async () => undefined,
    createWorkbook: null,
    download: () => false,
    ...options,
  });
}

/** A deep copy of everything the user owns in the formatting of a sheet: cell fills, number formats, rules. */
export function formattingState(sheet: SheetModel): { fills: string; formats: string; rules: string } {
  const fills: string[] = [];
  const formats: string[] = [];
  sheet.rows.forEach((row, i) =>
    row?.forEach((c: FakeCell | undefined, j) => {
      if (c?.fill) fills.push(`${i + 1}:${j}=${c.fill}`);
      if (c?.fmt) formats.push(`${i + 1}:${j}=${c.fmt}`);
    }),
  );
  return { fills: fills.join('|'), formats: formats.join('|'), rules: JSON.stringify(sheet.cfs) };
}

/** Everything about the cells of a sheet (value, type, formula, format, fill). */
export function cellState(sheet: SheetModel): string {
  const out: string[] = [];
  sheet.rows.forEach((row, i) =>
    row?.forEach((c, j) => {
      if (!c) return;
      if (c.v === null && !c.f && (!c.fmt || c.fmt === 'General') && !c.fill) return;
      out.push(`${i + 1}:${j}=${JSON.stringify([c.v, typeof c.v, c.err ?? false, c.f ?? null, c.fmt ?? 'General', c.fill ?? null])}`);
    }),
  );
  return out.join('\n');
}

export { FakeExcel };
