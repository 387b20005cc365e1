/**
 * The layout of an exported file, one shape for every template (export/layouts.ts resolves it from the profile through
 * the template's own `layout`). Types only: the templates import them without importing the exporter.
 */
import type { TemplateId } from '../types';
import type { ExportColumn } from './profile';
import type { PrintLayout } from './print';

export interface MarkerRow {
  /** 'terminator': `/记录行结束/` in the first column (seed 003); 'signature': 经办人 / 主管领导·经手人·公章. */
  kind: 'terminator' | 'signature';
  text: string;
}

export interface ResolvedLayout {
  template: TemplateId;
  sheetName: string;
  fileName: string;
  titleRows: readonly string[];
  columns: readonly ExportColumn[];
  marker: MarkerRow;
  /** The 免考原因 legend's sheet (exemption only), or null. */
  legendSheet: string | null;
  /** How the file prints (the legend sheet too). */
  print: PrintLayout;
}
