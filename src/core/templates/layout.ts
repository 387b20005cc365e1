/** A template's layout section of the profile, resolved into the one shape the exporter reads (export/layout-types.ts). */
import type { TemplateId } from '../types';
import type { ExportColumn } from '../export/profile';
import type { PrintLayout } from '../export/print';
import type { MarkerRow, ResolvedLayout } from '../export/layout-types';

/** What every layout section holds. */
export interface LayoutSection {
  fileName: string;
  titleRows: readonly string[];
  columns: readonly ExportColumn[];
  print: PrintLayout;
}

/** What a template sets besides its section: the sheet's name, the closing row and the legend sheet. */
export interface LayoutExtras {
  sheetName: string;
  marker: MarkerRow;
  legendSheet: string | null;
}

export function resolveSection(template: TemplateId, l: LayoutSection, x: LayoutExtras): ResolvedLayout {
  return {
    template,
    sheetName: x.sheetName,
    fileName: l.fileName,
    titleRows: l.titleRows,
    columns: l.columns,
    marker: x.marker,
    legendSheet: x.legendSheet,
    print: l.print,
  };
}
