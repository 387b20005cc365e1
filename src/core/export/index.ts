/** The export's pure side: checked sheets → submission records → abstract workbooks (see build.ts). */
export * from './types';
export { prepareExports, extractRecords, exportValue, stableSortByKey, RESOLVED_BY_LAYOUT } from './records';
export { buildExportWorkbook, exportFileName, exportSheetToInput, nameContext, recordValue, type BuildContext } from './build';
export { matchTemplateSheet, planFill, variantClue, type FillPlan, type TemplateMatch, type TemplateRow } from './template-fill';
export { resolveLayout, type ResolvedLayout, type MarkerRow } from './layouts';
export { expandPattern, fileNameFor, sanitiseFileName, uniqueFileNames, type NameContext } from './file-name';
export type { ExportColumn } from './profile';
export type { ExemptionLayout } from '../templates/exemption/profile';
export type { WithdrawalLayout } from '../templates/withdrawal/profile';
export type { CorrectionLayouts } from '../templates/correction/profile';
