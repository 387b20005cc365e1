/**
 * The columns only the platform's student list has (seed 002: 一平台 学生照片管理 / 毕业申请 pages, DOMAIN.md §3 T5):
 * 毕业照片状态, 学信网照片, 身份存疑 / 身份核验. The list's other columns are fields every template knows (序号, 学号,
 * 姓名, 入学年度学期, 学籍状态, 分部, 学习中心, 专业名称, 身份证号); 分校/学院, 学生类别, 专业层次, 班级 and
 * 入学照片状态 are read by no rule and stay unmapped.
 */
export const PRECHECK_FIELD_HEADERS = {
  graduationPhoto: ['毕业照片状态', '毕业照片', '是否有毕业照片', '毕业照片上传状态'],
  chsiPhoto: ['学信网照片', '学信网照片状态', '学信网学历照片', '学历照片', '学信网照片是否存在'],
  identityDoubt: ['身份存疑', '是否身份存疑', '身份存疑状态', '照片存疑'],
  identityCheck: ['身份核验', '身份核验状态', '身份核验结果', '身份复核', '身份复核状态'],
} as const;

export type PrecheckField = keyof typeof PRECHECK_FIELD_HEADERS;

/** The columns whose presence says "this is the platform's student list" (one of them opens the gate). */
export const PRECHECK_OWN_FIELDS: readonly PrecheckField[] = ['graduationPhoto', 'chsiPhoto', 'identityDoubt', 'identityCheck'];
