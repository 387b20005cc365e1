/**
 * Evidence files and graduation photos against a roster (DOMAIN.md §2 T2/T3, §3, §5 `evidence.*`/`photo.*`). Pure:
 * callers hand over inspected files (src/files/images.ts) and the folders they saw; the command line walks a
 * folder, the task pane and the workbench list the files the user picked.
 */
import type { Profile } from '../profile/schema';
import type { FilesReport } from '../types';
import type { FolderListing } from './types';
import type { ReportMeta } from './report';
import type { EvidenceRoster } from './roster';
import { checkWithdrawalScans } from './withdrawal-scans';
import { checkCorrectionEvidence } from './correction-evidence';

export * from './types';
export { DEFAULT_EVIDENCE, DEFAULT_PHOTOS, type EvidenceLimits, type PhotoLimits } from './profile';
export { evidenceRoster, photoRoster, isEnrolled, type EvidenceRoster, type PhotoRoster, type PhotoRow } from './roster';
export { checkWithdrawalScans } from './withdrawal-scans';
export { checkCorrectionEvidence, requiredEvidence, evidenceStemOf, EVIDENCE_STEMS } from './correction-evidence';
export { checkPhotos, photoContentDrafts, type PhotoCheck, type PhotoMember } from './photos';
export { measurePhoto, measureBackground, whiteStrips, headTop, colourName, type Box } from './photo-measure';
export { photoPixelDrafts, backgroundDraft, headPositionDraft, headWindow } from './photo-rules';
export { summariseFiles, type ReportMeta } from './report';
export { isIgnorable, isIgnorablePath } from './names';

/** `xueji files`: withdrawal scans for a withdrawal roster, evidence folders for correction sheets. */
export function checkEvidenceFiles(meta: ReportMeta, roster: EvidenceRoster, listing: FolderListing, profile: Profile): FilesReport {
  return roster.kind === 'withdrawal'
    ? checkWithdrawalScans(meta, roster, listing, profile)
    : checkCorrectionEvidence(meta, roster, listing, profile);
}
export { describeFix, matchPhotoSources, planPhotoFixes, photoFixReport, unfixedEntries, type PhotoFixJob, type PhotoFixPlan, type PhotoFixResult } from './photo-fix-report';
export { planCrop, type CropPlan } from './photo-fix-plan';
export { searchQuality, type QualityResult } from './quality-search';
