/** The Excel adapter: the only code in the project that calls Office.js. */
export { ExcelPort, createExcelPort, type ExcelPortOptions, type ExcelPortDiagnostics } from './excel-port';
export { ExcelAdapterError, toAdapterError, type AdapterErrorCode, type AdapterOperation } from './errors';
export { detectCapabilities, REQUIRED_EXCEL_API, type Capabilities } from './requirements';
export { browserDownload, base64Encode } from './open-workbook';
export { HIGHLIGHT_COLORS } from './highlight';
export type { ExcelSnapshot, ExcelCellState } from './write';
