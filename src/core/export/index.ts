/** The export's pure side: checked sheets → submission records → abstract workbooks (see build.ts). */
export * from './types';
export { prepareExports, extractRecords, exportValue, stableSortByKey, RESOLVED_BY_LAYOUT } from './records';
export { buildExportWorkbook, exportFileName, exportSheetToInput, nameContext, recordValue, type BuildContext } from './build';
export { matchTemplateSheet, planFill, variantClue, type FillPlan, type TemplateMatch, type TemplateRow } from './template-fill';
export { resolveLayout, type ResolvedLayout, type MarkerRow } from './layouts';
export { expandPattern, fileNameFor, sanitiseFileName, uniqueFileNames, type NameContext } from './file-name';
export type { ExportColumn, ExemptionLayout, WithdrawalLayout, CorrectionLayouts } from './profile';
