/**
 * The pre-check's rules for one student (DOMAIN.md §3 T5, §5 `graduation.*`): what the platform's student list says
 * about the student, against one batch. Pure: the engine hands over what it read from the row's cells (the entry term
 * in any readable form, or the 学号's; the 学籍状态, 毕业照片状态, 学信网照片 and 身份存疑 texts, cleaned) and, with
 * `precheck --photos`, whether the folder holds the student's photo. Each draft names the cell it belongs on.
 */
import type { Term } from '../../cells/enrollment-term';
import { formatTerm } from '../../cells/enrollment-term';
import { daysInMonth, type Ymd } from '../../cells/dates';
import { err, warn, type IssueDraft } from '../../engine/issue';
import { normaliseHeader } from '../fields';
import { batchLabel, certificateDate, dateVerdict, type Batch, type BatchRules } from './batch';
import type { PrecheckProfile } from './profile';

/** The cell a pre-check issue is reported on (DOMAIN.md §4: the cell the registrar must look at or change). */
export type PrecheckTarget = 'enrollmentTerm' | 'studentId' | 'status' | 'graduationPhoto' | 'chsiPhoto' | 'identityDoubt' | 'identityCheck';

export interface PrecheckDraft {
  at: PrecheckTarget;
  draft: IssueDraft;
}

export interface PrecheckRowInput {
  /** The entry term the 入学年度学期 cell states (any readable form); undefined when absent, blank or unreadable. */
  term: Term | undefined;
  /** The entry term the 学号 holds (year and serial), when the 学号 is readable. */
  termOfId: Term | undefined;
  /** Cleaned cell texts; null when the column is absent or the cell blank. */
  status: string | null;
  photoStatus: string | null;
  chsiPhoto: string | null;
  /** A 身份存疑 column (是 / 否 …) */
  identityDoubt: string | null;
  /** A 身份核验 column (通过 / 未通过 / 待复核 …). */
  identityCheck: string | null;
  /** With a photo folder (`precheck --photos`): whether it holds the student's photo; undefined without one. */
  photoInFolder?: boolean;
  /** The folder's name, for the message. */
  photoFolder?: string;
}

/** The batch a check is run for, with the profile's numbers. */
export interface PrecheckContext {
  batch: Batch;
  profile: PrecheckProfile;
  /**
   * The date rules' draft per entry term and cell (datedDraft), kept for the check's rows: a roster of 100,000 has a
   * few dozen entry terms, and the drafts (read, never changed, by the engine) can be shared.
   */
  dates?: Map<number, PrecheckDraft | null>;
}

export function batchRules(p: PrecheckProfile): BatchRules {
  return { certificateDay: p.certificateDay, minSemesters: p.minSemesters, validityYears: p.validityYears };
}

/** Whether a cleaned cell text is one of the profile's values (compared without spaces, brackets or width). */
export function isOneOf(text: string, values: readonly string[]): boolean {
  return normalisedSet(values).has(normaliseHeader(text));
}

/** The profile's lists, normalised once (a 100,000-row roster asks four of them per row). */
const NORMALISED = new WeakMap<readonly string[], ReadonlySet<string>>();

function normalisedSet(values: readonly string[]): ReadonlySet<string> {
  let set = NORMALISED.get(values);
  if (!set) {
    set = new Set(values.map(normaliseHeader));
    NORMALISED.set(values, set);
  }
  return set;
}

function ymdText(d: Ymd): string {
  return `${d.y}年${d.m}月${d.d}日`;
}

/** The last day the 学籍 is valid: the day before the anniversary (March 1 → end of February, September 1 → August 31). */
function lastValidDay(expiry: Ymd): Ymd {
  if (expiry.d > 1) return { ...expiry, d: expiry.d - 1 };
  const y = expiry.m === 1 ? expiry.y - 1 : expiry.y;
  const m = expiry.m === 1 ? 12 : expiry.m - 1;
  return { y, m, d: daysInMonth(y, m) };
}

/** dateDraft, once per entry term and cell when the context keeps them (`dates`). */
function datedDraft(entry: Term, at: 'enrollmentTerm' | 'studentId', ctx: PrecheckContext): PrecheckDraft | null {
  if (!ctx.dates) return dateDraft(entry, at, ctx);
  const key = entry.year * 4 + (entry.season === '春季' ? 0 : 2) + (at === 'studentId' ? 1 : 0);
  let d = ctx.dates.get(key);
  if (d === undefined) {
    d = dateDraft(entry, at, ctx);
    ctx.dates.set(key, d);
  }
  return d;
}

/** The date rules: too early, expired, expiring (on the 入学年度学期 cell, or the 学号 when the term comes from it). */
function dateDraft(entry: Term, at: PrecheckTarget, ctx: PrecheckContext): PrecheckDraft | null {
  const rules = batchRules(ctx.profile);
  const v = dateVerdict(entry, ctx.batch, rules);
  // Most students pass: the words are made only for a draft.
  if (v.kind === 'ok') return null;
  const b = batchLabel(ctx.batch);
  const whose = at === 'studentId' ? `按学号，入学年度学期为${formatTerm(entry)}` : `入学年度学期为${formatTerm(entry)}`;
  switch (v.kind) {
    case 'too-early': {
      const studied = v.semesters > 0 ? `到${b}只有${v.semesters}个学期` : `晚于${b}批次`;
      return {
        at,
        draft: err(
          'graduation.too-early',
          `${whose}，${studied}，不足最短学习年限${rules.minSemesters}个学期（二年半）：${b}批次只接收${formatTerm(v.latest)}及以前入学的学生`,
        ),
      };
    }
    case 'expired':
      return {
        at,
        draft: err(
          'graduation.expired',
          `${whose}，学籍自入学注册起${rules.validityYears}年内有效，已于${ymdText(lastValidDay(v.expiry))}到期，早于${b}批次的证书日期${ymdText(certificateDate(ctx.batch, rules))}：学籍已过期，不能申请毕业`,
        ),
      };
    case 'expiring':
      return {
        at,
        draft: warn(
          'graduation.expiring',
          `${whose}，学籍有效期至${ymdText(lastValidDay(v.expiry))}，在下一批次（${batchLabel(v.following)}）之前到期：${b}是该生最后一次申请毕业的机会`,
        ),
      };
    default:
      return null;
  }
}

/** Every pre-check issue of one student, in the order the columns usually come. */
export function precheckRow(row: PrecheckRowInput, ctx: PrecheckContext): PrecheckDraft[] {
  const p = ctx.profile;
  const out: PrecheckDraft[] = [];
  const entry = row.term ?? row.termOfId;
  if (entry) {
    const dated = datedDraft(entry, row.term ? 'enrollmentTerm' : 'studentId', ctx);
    if (dated) out.push(dated);
  }
  else {
    out.push({
      at: 'studentId',
      draft: err('graduation.entry-unknown', '入学年度学期为空或无法识别，学号也读不出入学学期：无法判断能否申请本批次毕业，请补全入学年度学期'),
    });
  }
  if (row.status !== null && !isOneOf(row.status, p.enrolledStatuses)) {
    out.push({ at: 'status', draft: err('graduation.status', `学籍状态为“${row.status}”，不是“${p.enrolledStatuses.join('、')}”：只有在籍学生可以申请毕业`) });
  }
  const statusMissing = row.photoStatus !== null && isOneOf(row.photoStatus, p.photoMissing);
  const folderMissing = row.photoInFolder === false;
  if (statusMissing || folderMissing) {
    const folder = `照片文件夹“${row.photoFolder ?? ''}”中也没有该生的照片（以学号或身份证号命名）`;
    const message = statusMissing
      ? `毕业照片状态为“${row.photoStatus}”：须先在平台上传毕业照片（学籍管理→学生照片管理），未提交的学生不能进入毕业初审名单${folderMissing ? `；${folder}` : ''}`
      : `${folder.replace('中也没有', '中没有')}：须先采集毕业照片并上传平台`;
    out.push({ at: statusMissing ? 'graduationPhoto' : 'studentId', draft: err('graduation.photo-missing', message) });
  }
  if (row.chsiPhoto !== null && isOneOf(row.chsiPhoto, p.chsiPhotoMissing)) {
    out.push({
      at: 'chsiPhoto',
      draft: err('graduation.chsi-photo', `学信网照片为“${row.chsiPhoto}”：学信网缺少学历照片的学生不能通过总部毕业审核，请联系学生查询学信网，没有则及时采集`),
    });
  }
  // seed 002 四1: 对学信网反馈身份存疑的学生，不能通过总部、学院毕业审核 (附件2: 平台提示照片存疑 → 身份复核表 …).
  const doubt =
    row.identityDoubt !== null && isOneOf(row.identityDoubt, p.identityDoubt)
      ? { at: 'identityDoubt' as const, value: row.identityDoubt }
      : row.identityCheck !== null && isOneOf(row.identityCheck, p.identityUnverified)
        ? { at: 'identityCheck' as const, value: row.identityCheck }
        : null;
  if (doubt) {
    out.push({
      at: doubt.at,
      draft: err('graduation.identity-doubt', `学信网反馈身份存疑（“${doubt.value}”）：完成学籍学历注册信息复核（身份复核表等材料报学院）之前不能通过毕业审核`),
    });
  }
  return out;
}
