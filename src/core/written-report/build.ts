/**
 * From the registrar's files to the written reports, in one call for the command line and the pane: the correction
 * sheets give the 信息修改书面报告 (with its 情况说明 when rows were filed late), the rosters the 学信网退学书面报告;
 * a report is null when no sheet feeds it.
 */
import type { Ymd } from '../cells/dates';
import type { Profile } from '../profile/schema';
import { collectReportInputs, type ReportInputs, type ReportSource } from './inputs';
import { countCorrections, countWithdrawals, type CorrectionCounts, type WithdrawalCounts } from './counts';
import { correctionDocument, withdrawalDocument, type ReportDocument } from './document';

export interface WrittenReports {
  inputs: ReportInputs;
  correction: { counts: CorrectionCounts; document: ReportDocument } | null;
  withdrawal: { counts: WithdrawalCounts; document: ReportDocument } | null;
}

export function buildWrittenReports(sources: readonly ReportSource[], profile: Profile, reportDate: Ymd): WrittenReports {
  const inputs = collectReportInputs(sources, profile, { reportDate });
  const ctx = { reportDate, unit: profile.writtenReport.unit };
  let correction: WrittenReports['correction'] = null;
  if (inputs.corrections.length) {
    const counts = countCorrections(inputs.corrections, profile);
    correction = { counts, document: correctionDocument(counts, ctx) };
  }
  let withdrawal: WrittenReports['withdrawal'] = null;
  if (inputs.rosters.length) {
    const counts = countWithdrawals(inputs.rosters);
    withdrawal = { counts, document: withdrawalDocument(counts, ctx) };
  }
  return { inputs, correction, withdrawal };
}
