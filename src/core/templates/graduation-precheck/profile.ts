/**
 * The profile section `precheck` of the graduation pre-check (DOMAIN.md §3 T5, §7): the numbers of the date rules
 * (from the notices, so a school can follow a later notice without code), the cell values that mean "not 在籍",
 * "no photo", "no 学信网 photo" and "identity in doubt", the reminders shown with a batch (deadlines are reminders,
 * not rules: DOMAIN.md §3), and the layout of the export (two sheets, 可申请毕业 and 暂不能申请).
 */
import { z } from 'zod';
import { printLayoutSchema } from '../../export/print';
import { defaultPrint, sheetNameSchema } from '../../export/profile';

/** Placeholders of the titles, the file name and the reminders. */
export const PRECHECK_PLACEHOLDERS = ['{批次}', '{批次代码}', '{上一年}', '{下一批次}', '{报送日期}'] as const;

function unknownPlaceholder(s: string): string | null {
  for (const m of s.matchAll(/\{[^{}]*\}/g)) if (!(PRECHECK_PLACEHOLDERS as readonly string[]).includes(m[0])) return m[0];
  return null;
}

const withPlaceholders = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const bad = unknownPlaceholder(s);
    if (bad) ctx.addIssue({ code: 'custom', message: `不认识的占位符 ${bad}，可用：${PRECHECK_PLACEHOLDERS.join(' ')}` });
  });

/** What a column of the export holds: a roster field, or the pre-check's own words. */
export const PRECHECK_COLUMN_VALUES = [
  'seq',
  'studentId',
  'name',
  'idCard',
  'enrollmentTerm',
  'status',
  'branchName',
  'centreName',
  'major',
  /** The reasons the student may not apply, in words (暂不能申请). */
  'reasons',
  /** Warnings worth knowing (可申请毕业: the 学籍 runs out before the next batch). */
  'notes',
  /** The sheet row the student came from. */
  'sourceRow',
] as const;
export type PrecheckColumnValue = (typeof PRECHECK_COLUMN_VALUES)[number];

const CODE_VALUES: ReadonlySet<PrecheckColumnValue> = new Set(['studentId', 'idCard']);

export const precheckColumnSchema = z
  .object({
    value: z.enum(PRECHECK_COLUMN_VALUES),
    header: z.string().min(1),
    /** Written as text (number format `@`); codes and IDs must be. */
    text: z.boolean(),
    width: z.number().min(1).max(255),
  })
  .strict()
  .refine((c) => !CODE_VALUES.has(c.value) || c.text, { path: ['text'], message: '学号、身份证号必须写成文本（text: true），否则会丢失数字' });

const columnsSchema = z
  .array(precheckColumnSchema)
  .min(1)
  .refine((cols) => cols.some((c) => c.value === 'studentId'), '缺少“学号”列');

export const precheckLayoutSchema = z
  .object({
    /** File-name pattern (placeholders {批次} {批次代码} {报送日期}). */
    fileName: z
      .string()
      .regex(/\.xlsx$/, '文件名应以 .xlsx 结尾')
      .max(200)
      .pipe(withPlaceholders),
    /** The students who may apply in the batch. */
    apply: z.object({ sheetName: sheetNameSchema, title: withPlaceholders, columns: columnsSchema }).strict(),
    /** The students who may not, each with the reasons in words. */
    refuse: z.object({ sheetName: sheetNameSchema, title: withPlaceholders, columns: columnsSchema }).strict(),
    print: printLayoutSchema,
  })
  .strict()
  .refine((l) => l.apply.sheetName.toLowerCase() !== l.refuse.sheetName.toLowerCase(), {
    path: ['refuse', 'sheetName'],
    message: '两个工作表不能同名',
  });

const values = z.array(z.string().min(1)).min(1);

export const precheckProfileSchema = z
  .object({
    /** seed 000 / 002: 毕业证书发证日期统一为…1月20日 / 7月20日. */
    certificateDay: z.number().int().min(1).max(28),
    /** seed 001: 最短学习时间不得低于二年半 — semesters from entry, the entry semester included. */
    minSemesters: z.number().int().min(1).max(20),
    /** seed 000 §四7: 学生学籍从入学注册8年内有效. */
    validityYears: z.number().int().min(1).max(20),
    /** seed 002: only students 在籍 apply (others: graduation.status). A blank 学籍状态 is not judged. */
    enrolledStatuses: values,
    /** 毕业照片状态 values meaning the platform has no graduation photo (seed 002: 毕业照片状态 未上传). */
    photoMissing: values,
    /** 学信网照片 values meaning 学信网 lacks the 学历照片 (seed 002: 学信网照片不存在). */
    chsiPhotoMissing: values,
    /** 身份存疑 column: values meaning 学信网 doubts the identity (seed 002: 身份存疑; 附件2: 平台提示照片存疑). */
    identityDoubt: values,
    /** 身份核验 column: values meaning the identity is not (yet) confirmed. */
    identityUnverified: values,
    /** Deadlines of the notices, shown with a batch of the given months (reminders, not rules). */
    reminders: z.array(z.object({ months: z.array(z.union([z.literal(1), z.literal(7)])).min(1), text: withPlaceholders }).strict()),
    layout: precheckLayoutSchema,
  })
  .strict();

export type PrecheckProfile = z.infer<typeof precheckProfileSchema>;
export type PrecheckLayout = z.infer<typeof precheckLayoutSchema>;
export type PrecheckColumn = z.infer<typeof precheckColumnSchema>;

const col = (value: PrecheckColumnValue, header: string, width: number, text = true): PrecheckColumn => ({ value, header, text, width });

/** The columns both sheets share [ours]: who the student is and what the pre-check read. */
const COMMON = [
  col('seq', '序号', 6, false),
  col('studentId', '学号', 16),
  col('name', '姓名', 10),
  col('enrollmentTerm', '入学年度学期', 13),
  col('status', '学籍状态', 9),
  col('centreName', '学习中心', 18),
  col('major', '专业名称', 16),
];

export const DEFAULT_PRECHECK: PrecheckProfile = {
  certificateDay: 20,
  minSemesters: 5,
  validityYears: 8,
  enrolledStatuses: ['在籍'],
  photoMissing: ['未上传', '无', '否', '不存在', '缺少', '没有'],
  chsiPhotoMissing: ['不存在', '无', '否', '缺少', '没有', '未上传'],
  identityDoubt: ['是', '存疑', '身份存疑', '照片存疑', '待复核', '复核中'],
  identityUnverified: ['否', '未通过', '不通过', '存疑', '身份存疑', '照片存疑', '待核验', '未核验', '待复核', '复核中'],
  reminders: [
    {
      months: [1],
      // seed 000 §三3: 计划2021年1月毕业的学生课程免修免考申请提交的截止时间为2020年12月12日 …
      text: '计划{批次}毕业的学生，课程免修免考申请须在{上一年}年12月12日前提交；之后提交的，应按{下一批次}及以后的批次申请毕业。',
    },
  ],
  layout: {
    fileName: '{批次代码}毕业资格预审.xlsx',
    apply: { sheetName: '可申请毕业', title: '{批次}毕业资格预审：可申请毕业的学生', columns: [...COMMON, col('notes', '提示', 36)] },
    refuse: { sheetName: '暂不能申请', title: '{批次}毕业资格预审：暂不能申请的学生', columns: [...COMMON, col('reasons', '原因', 48)] },
    // [ours] A4, one page wide, the header repeated; margins and footer as the other exports.
    print: defaultPrint('auto'),
  },
};
