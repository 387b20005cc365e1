/** The written reports' pure side (DOMAIN.md §3 "The paper side"): inputs → counts → documents. */
export { collectReportInputs, type ReportInputs, type ReportSource, type CorrectionTable, type RosterBatch } from './inputs';
export { countCorrections, countWithdrawals, type CorrectionCounts, type WithdrawalCounts, type ChangeLine } from './counts';
export {
  correctionDocument,
  withdrawalDocument,
  correctionSummary,
  withdrawalSummary,
  chineseDate,
  CORRECTION_REPORT_FILE,
  WITHDRAWAL_REPORT_FILE,
  type Block,
  type ReportDocument,
  type DocumentContext,
} from './document';
export { buildWrittenReports, type WrittenReports } from './build';
