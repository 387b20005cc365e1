/**
 * The pre-check's rules on one student's row (DOMAIN.md §3 T5), made once per check: the batch (the caller's, or the
 * next after the report date) and, with `precheck --photos`, the keys the photo folder holds. The rules themselves
 * are pure, in rules.ts; this reads them the row's cells and puts each issue on the cell it names.
 */
import type { Ymd } from '../../cells/dates';
import type { Profile } from '../../profile/schema';
import { termOfStudentId } from '../../rules/enrollment-term';
import type { Prepared } from '../../engine/prepare';
import { ok, type RecordRow, type RowContext, type TemplateOptions } from '../../engine/row';
import { nextBatchOn, type Batch } from './batch';
import { batchRules, precheckRow, type PrecheckContext, type PrecheckRowInput } from './rules';

/** What a pre-check is run for: its batch (default: the next after the report date) and the photo folder. */
export interface PrecheckOptions {
  batch?: Batch;
  /** The 学号 and 身份证号 the photo folder has photos of (`precheck --photos`); absent: no folder given. */
  photoKeys?: ReadonlySet<string>;
  /** The folder's name, for messages. */
  photoFolder?: string;
}

/** The check options that run the pre-check with `o` (CheckOptions.templateOptions). */
export function precheckOptions(o: PrecheckOptions): TemplateOptions {
  return { 'graduation-precheck': o };
}

function text(p: Prepared | undefined): string | null {
  return ok(p) ? p.fixed || p.text : null;
}

/** The pre-check of one student per row, for one batch (RowRules.forCheck). */
export function precheckRows(options: unknown, profile: Profile, today: Ymd): (rec: RecordRow, ctx: RowContext) => void {
  // Only precheckOptions() builds this entry: it is a PrecheckOptions or absent.
  const o = (options ?? {}) as PrecheckOptions;
  const ctx: PrecheckContext = { batch: o.batch ?? nextBatchOn(today, batchRules(profile.precheck)), profile: profile.precheck, dates: new Map() };
  const keys = o.photoKeys;
  const folder = o.photoFolder ?? '';
  // One input for the sheet's rows, refilled per row (precheckRow reads it during the call only).
  const input: PrecheckRowInput = {
    term: undefined,
    termOfId: undefined,
    status: null,
    photoStatus: null,
    chsiPhoto: null,
    identityDoubt: null,
    identityCheck: null,
    photoInFolder: undefined,
    photoFolder: folder,
  };
  return (rec, row) => {
    const c = rec.cells;
    const sid = keys ? text(c.studentId) : null;
    const idc = keys ? text(c.idCard) : null;
    input.term = row.term;
    // Only read when the row states no term of its own.
    input.termOfId = !row.term && rec.studentId ? termOfStudentId(rec.studentId) : undefined;
    input.status = text(c.status);
    input.photoStatus = text(c.graduationPhoto);
    input.chsiPhoto = text(c.chsiPhoto);
    input.identityDoubt = text(c.identityDoubt);
    input.identityCheck = text(c.identityCheck);
    input.photoInFolder = keys ? (sid !== null && keys.has(sid)) || (idc !== null && keys.has(idc.toUpperCase())) : undefined;
    const drafts = precheckRow(input, ctx);
    for (const d of drafts) (c[d.at] ?? c.studentId ?? c.name)?.drafts.push(d.draft);
  };
}
