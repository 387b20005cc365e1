/**
 * Profile keys of the file checks (DOMAIN.md §3, §7): `evidence` (withdrawal scans, correction evidence) and
 * `photos` (graduation photos). Limits are bytes read the conservative way (DOMAIN.md §3 "Units": 50 KB = 50,000
 * bytes, 1 MB = 1,000,000, 10 MB = 10,000,000, 40 MB = 40,000,000); a school may relax them in its profile.
 * Kept here so `profile/schema.ts` and `profile/default-profile.ts` only gain one line each.
 */
import { z } from 'zod';

const bytes = z.number().int().positive();
const share = z.number().min(0).max(1);
const channel = z.number().int().min(0).max(255);

export const evidenceProfileSchema = z
  .object({
    /** seed 003: 每张图片大小控制在10MB以内 / 文件大小：10M以内. */
    maxBytes: bytes,
    /** seed 003: 分辨率在200*200以上 (both sides at least this many pixels). */
    minWidth: z.number().int().positive(),
    minHeight: z.number().int().positive(),
    /** [public] The signed summary of a withdrawal batch, scanned as `分部名称学信网退学汇总表N.jpg`, ≤ 1 MB. */
    summaryScan: z
      .object({
        /** What comes between the 分部名称 and the batch number N. */
        stem: z.string().min(1),
        maxBytes: bytes,
        /** Report its absence (evidence.missing) when the folder holds no summary scan. */
        required: z.boolean(),
      })
      .strict(),
  })
  .strict();

export const photosProfileSchema = z
  .object({
    /** seed 002: photos named by 学号; seed 004: by 身份证号 (written with an upper-case X, DOMAIN.md §3). */
    nameBy: z.enum(['studentId', 'idCard']),
    /** seed 002: 宽度为480px，高度为640px. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** seed 002: 每张照片大小不能超过50KB (小于等于 50KB). */
    maxBytes: bytes,
    /** seed 002: zip文件最大只支持40M以下 — larger batches are split into several zips. */
    zipMaxBytes: bytes,
    /** seed 002: 只能导入"在籍"的学生. 学籍状态 values that go into the batch; a blank status counts as 在籍. */
    enrolledStatuses: z.array(z.string().min(1)).min(1),
    /** DOMAIN.md §3: the frame whose pixels are tested (pixels from each edge). */
    frame: z.number().int().min(1).max(64),
    /**
     * Which edges make up the background frame (DOMAIN.md §3: the top edge and the sides — the bottom edge is where
     * the shoulders are).
     */
    frameSides: z.array(z.enum(['top', 'bottom', 'left', 'right'])).min(1),
    /** DOMAIN.md §3: the side bands run from the top down to this share of the height (60 %: above the shoulders). */
    sideDepth: z.number().gt(0).max(1),
    /** DOMAIN.md §3: a pixel is blue when B ≥ minBlue, B − R ≥ minBlueOverRed and B ≥ G. */
    minBlue: channel,
    minBlueOverRed: channel,
    /** DOMAIN.md §3: the background is blue when at least this share of the frame's pixels are blue. */
    minBlueShare: share,
    /** DOMAIN.md §3: a pixel is near-white when all channels are ≥ this. */
    nearWhite: channel,
    /** DOMAIN.md §3: a frame row or column at least this share near-white is a white border. */
    minWhiteShare: share,
    /**
     * [public 学信网 spec] The top of the head lies this many pixels below the top edge (of a photo `height` high;
     * scaled for other heights). Outside: `photo.head-position` (warning).
     */
    headTopMin: z.number().int().min(0),
    headTopMax: z.number().int().min(0),
    /** [ours] A row is the head's when this share of its middle third differs from the background… */
    headRowShare: share,
    /** [ours] … by more than this on some channel (0–255). */
    headColourDistance: channel,
    /** DOMAIN.md §3: `photos --fix` encodes at the highest JPEG quality ≥ this that fits `maxBytes`; below it is an error. */
    minQuality: z.number().int().min(1).max(100),
    /** Photos larger than this are not decoded (their pixels are not tested; they already fail photo.size). */
    decodeMaxBytes: bytes,
  })
  .strict()
  .refine((p) => p.headTopMin <= p.headTopMax, { message: '头顶位置的下限（headTopMin）不能大于上限（headTopMax）', path: ['headTopMin'] })
  .refine((p) => p.zipMaxBytes >= p.maxBytes + 1024, {
    message: '压缩包上限（zipMaxBytes）至少要比单张照片上限（maxBytes）大 1024 字节，否则一张照片也放不进压缩包',
    path: ['zipMaxBytes'],
  });

export type EvidenceLimits = z.infer<typeof evidenceProfileSchema>;
export type PhotoLimits = z.infer<typeof photosProfileSchema>;

/** The defaults: DOMAIN.md §2 T2/T3 and §3, read the conservative way. */
export const DEFAULT_EVIDENCE: EvidenceLimits = {
  maxBytes: 10_000_000,
  minWidth: 200,
  minHeight: 200,
  summaryScan: { stem: '学信网退学汇总表', maxBytes: 1_000_000, required: true },
};

export const DEFAULT_PHOTOS: PhotoLimits = {
  nameBy: 'studentId',
  width: 480,
  height: 640,
  maxBytes: 50_000,
  zipMaxBytes: 40_000_000,
  enrolledStatuses: ['在籍'],
  frame: 4,
  frameSides: ['top', 'left', 'right'],
  sideDepth: 0.6,
  minBlue: 150,
  minBlueOverRed: 60,
  minBlueShare: 0.9,
  nearWhite: 235,
  minWhiteShare: 0.95,
  headTopMin: 50,
  headTopMax: 110,
  headRowShare: 0.05,
  headColourDistance: 48,
  minQuality: 60,
  decodeMaxBytes: 1_000_000,
};
