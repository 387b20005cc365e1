/**
 * The layout of each template as the profile gives it (DOMAIN.md §2, §7), resolved into one shape: sheet name,
 * title rows, columns, file-name pattern, and the row that closes the table (the terminator of 免考信息表, the
 * signature row of the others). The built-in values are in export/profile.ts.
 */
import type { SubmissionTemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { ExportColumn } from './profile';
import type { PrintLayout } from './print';

export interface MarkerRow {
  /** 'terminator': `/记录行结束/` in the first column (seed 003); 'signature': 经办人 / 主管领导·经手人·公章. */
  kind: 'terminator' | 'signature';
  text: string;
}

export interface ResolvedLayout {
  template: SubmissionTemplateId;
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

/** Excel's own name for a first sheet: used when the profile sets no roster sheet name (withdrawal.sheetName null). */
const FALLBACK_SHEET = 'Sheet1';

export function resolveLayout(profile: Profile, template: SubmissionTemplateId): ResolvedLayout {
  switch (template) {
    case 'exemption': {
      const l = profile.exemption.layout;
      return {
        template,
        sheetName: l.sheetName,
        fileName: l.fileName,
        titleRows: l.titleRows,
        columns: l.columns,
        marker: { kind: 'terminator', text: profile.exemption.terminator },
        legendSheet: l.legendSheet,
        print: l.print,
      };
    }
    case 'withdrawal': {
      const l = profile.withdrawal.layout;
      return {
        template,
        sheetName: profile.withdrawal.sheetName ?? FALLBACK_SHEET,
        fileName: l.fileName,
        titleRows: l.titleRows,
        columns: l.columns,
        marker: { kind: 'signature', text: profile.withdrawal.signature },
        legendSheet: null,
        print: l.print,
      };
    }
    case 'correction-new':
    case 'correction-enrolled':
    case 'correction-graduate': {
      const variant = template === 'correction-new' ? 'new' : template === 'correction-enrolled' ? 'enrolled' : 'graduate';
      const l = profile.correction.layouts[variant];
      return {
        template,
        sheetName: l.sheetName,
        fileName: l.fileName,
        titleRows: l.titleRows,
        columns: l.columns,
        marker: { kind: 'signature', text: profile.correction.signature },
        legendSheet: null,
        print: l.print,
      };
    }
  }
}
