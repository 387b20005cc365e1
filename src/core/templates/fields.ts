/**
 * Canonical fields and the header texts registrars use for them (DOMAIN.md §4). Header text is compared
 * after removing spaces, full-width/half-width differences, brackets and required-markers.
 */
import type { TextMode } from '../engine/prepare';

export type Field =
  | 'seq'
  | 'branchName'
  | 'studentId'
  | 'name'
  | 'idCard'
  | 'gender'
  | 'ethnicity'
  | 'centreCode'
  | 'centreName'
  | 'subjectCode'
  | 'subjectName'
  | 'reason'
  | 'enrollmentTerm'
  | 'major'
  | 'registrationNo'
  | 'item'
  | 'oldValue'
  | 'newValue'
  | 'changeType'
  | 'remark'
  | 'status'
  // The platform's student list (graduation-precheck, seed 002: 学生照片管理 / 毕业申请).
  | 'graduationPhoto'
  | 'chsiPhoto'
  | 'identityDoubt'
  | 'identityCheck';

/** Header synonyms: the first is the template's own header text. */
export const FIELD_HEADERS: Readonly<Record<Field, readonly string[]>> = {
  seq: ['序号', '编号', '序'],
  branchName: ['分部名称', '分部', '省级电大名称', '分部名'],
  studentId: ['学号', '学号全码', '学生学号', '学籍号'],
  name: ['姓名', '学生姓名', '学员姓名'],
  idCard: ['身份证号', '证件号', '身份证号码', '证件号码', '身份证', '公民身份号码', '身份证件号'],
  gender: ['性别'],
  ethnicity: ['民族'],
  centreCode: ['学习中心代码', '中心代码', '学习中心编码', '教学点代码', '学习中心编号'],
  centreName: ['学习中心名称', '学习中心', '教学点名称', '教学点'],
  subjectCode: ['免考科目代码', '科目代码', '免考课程代码'],
  subjectName: ['免考科目名称', '免考科目', '科目名称', '课程名称', '免考课程', '免考课程名称'],
  reason: ['免考原因', '原因', '免考理由'],
  enrollmentTerm: ['入学年度学期', '入学学期', '入学批次', '入学年度', '年级', '入学时间'],
  major: ['专业', '专业名称', '报读专业'],
  registrationNo: ['注册证号', '学历证书电子注册号', '电子注册号', '毕业证书电子注册号', '证书编号', '毕业证书编号'],
  item: ['修改项目', '修改项', '变更项目', '更正项目', '修改内容', '更改项目', '更改内容'],
  oldValue: ['原信息', '修改前信息', '原内容', '修改前', '变更前信息', '原值', '更改前', '更改前信息', '更正前信息'],
  newValue: ['修改后信息', '新信息', '修改后', '变更后信息', '修改后内容', '新值', '更改后', '更改后信息', '更正后信息'],
  changeType: ['修改类型', '变更类型', '修改性质', '类型'],
  remark: ['备注', '说明'],
  status: ['学籍状态', '学生状态'],
  graduationPhoto: ['毕业照片状态', '毕业照片', '是否有毕业照片', '毕业照片上传状态'],
  chsiPhoto: ['学信网照片', '学信网照片状态', '学信网学历照片', '学历照片', '学信网照片是否存在'],
  identityDoubt: ['身份存疑', '是否身份存疑', '身份存疑状态', '照片存疑'],
  identityCheck: ['身份核验', '身份核验状态', '身份核验结果', '身份复核', '身份复核状态'],
};

/** Human names of the fields, for messages. */
export const FIELD_LABEL: Readonly<Record<Field, string>> = Object.fromEntries(
  Object.entries(FIELD_HEADERS).map(([k, v]) => [k, v[0]]),
) as Record<Field, string>;

/** Items a correction sheet may change (seed 003 §五, DOMAIN.md §2 T3), with the names registrars use. */
/** How a field's cells are read: its text mode, and whether it is a code or ID (must be text; a formula is worth a warning). */
export interface FieldSpec {
  mode: TextMode;
  /** A code or ID: must be text, a formula is worth a warning. */
  isCode: boolean;
}

export const FIELD_SPECS: Readonly<Record<Field, FieldSpec>> = {
  seq: { mode: 'code', isCode: false },
  branchName: { mode: 'compact', isCode: false },
  studentId: { mode: 'code', isCode: true },
  name: { mode: 'compact', isCode: false },
  idCard: { mode: 'code', isCode: true },
  gender: { mode: 'compact', isCode: false },
  ethnicity: { mode: 'compact', isCode: false },
  centreCode: { mode: 'code', isCode: true },
  centreName: { mode: 'text', isCode: false },
  subjectCode: { mode: 'code', isCode: true },
  subjectName: { mode: 'compact', isCode: false },
  reason: { mode: 'text', isCode: false },
  enrollmentTerm: { mode: 'compact', isCode: false },
  major: { mode: 'text', isCode: false },
  registrationNo: { mode: 'code', isCode: true },
  item: { mode: 'compact', isCode: false },
  oldValue: { mode: 'text', isCode: false },
  newValue: { mode: 'text', isCode: false },
  changeType: { mode: 'compact', isCode: false },
  remark: { mode: 'text', isCode: false },
  status: { mode: 'compact', isCode: false },
  graduationPhoto: { mode: 'compact', isCode: false },
  chsiPhoto: { mode: 'compact', isCode: false },
  identityDoubt: { mode: 'compact', isCode: false },
  identityCheck: { mode: 'compact', isCode: false },
};

export const CORRECTION_ITEMS = ['姓名', '性别', '身份证号', '民族', '出生日期', '入学文化程度'] as const;
export type CorrectionItem = (typeof CORRECTION_ITEMS)[number];

const ITEM_SYNONYMS: Readonly<Record<string, CorrectionItem>> = {
  姓名: '姓名',
  学生姓名: '姓名',
  性别: '性别',
  身份证号: '身份证号',
  身份证号码: '身份证号',
  身份证: '身份证号',
  证件号: '身份证号',
  证件号码: '身份证号',
  公民身份号码: '身份证号',
  身份证件号: '身份证号',
  民族: '民族',
  出生日期: '出生日期',
  出生年月: '出生日期',
  出生年月日: '出生日期',
  入学文化程度: '入学文化程度',
  文化程度: '入学文化程度',
  入学前学历: '入学文化程度',
  入学前文化程度: '入学文化程度',
  原学历: '入学文化程度',
  入学学历: '入学文化程度',
};

/** Items that are 学籍异动 and never belong on this sheet (DOMAIN.md §2 T3). */
export const FOREIGN_ITEMS: readonly string[] = ['转学', '转专业', '转学习中心', '学历上网', '照片', '退学', '休学', '复学'];

const normalised = new Map<string, string>();
const NORMALISED_CACHE_LIMIT = 10_000;
const PLAIN_RE = /^[\u4e00-\u9fff0-9A-Z]*$/;

/**
 * Normalise header text for comparison: no spaces, half-width, no brackets or markers. The same few texts
 * (修改项目, 录入错误 …) repeat on every row, so results are cached.
 */
export function normaliseHeader(text: string): string {
  if (PLAIN_RE.test(text)) return text;
  let hit = normalised.get(text);
  if (hit === undefined) {
    hit = normaliseHeaderUncached(text);
    if (normalised.size < NORMALISED_CACHE_LIMIT) normalised.set(text, hit);
  }
  return hit;
}

function normaliseHeaderUncached(text: string): string {
  let s = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    let c = ch;
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    if (/[\s\u00a0\u3000\u200b-\u200d\ufeff*＊:：()[\]【】〔〕<>《》"'“”‘’]/u.test(c)) continue;
    s += c.toUpperCase();
  }
  return s;
}

/** Header text with any bracketed part dropped: 免考原因（参照表后备注填写） → 免考原因. */
export function stripBracketed(text: string): string {
  return text.replace(/[（(【[〔][^）)】\]〕]*[）)】\]〕]/g, '');
}

const HEADER_INDEX = new Map<string, Field>();
for (const [field, names] of Object.entries(FIELD_HEADERS) as [Field, readonly string[]][]) {
  for (const n of names) {
    const key = normaliseHeader(n);
    if (!HEADER_INDEX.has(key)) HEADER_INDEX.set(key, field);
  }
}
const ITEM_INDEX = new Map<string, CorrectionItem>(
  Object.entries(ITEM_SYNONYMS).map(([k, v]) => [normaliseHeader(k), v]),
);

export function itemFromText(text: string): CorrectionItem | null {
  return ITEM_INDEX.get(normaliseHeader(text)) ?? null;
}

/** A column of the wide correction layout: 原姓名 / 新姓名, 修改前身份证号 / 修改后身份证号. */
export interface WideColumn {
  side: 'old' | 'new';
  item: CorrectionItem;
}

const OLD_MARKS = ['原', '修改前', '变更前', '更正前', '更改前', '旧'];
const NEW_MARKS = ['新', '修改后', '变更后', '更正后', '更改后', '现'];

/** The side a group header names on its own: 原 / 原信息 / 修改前 … or 新 / 修改后信息 / 更正后 … (DOMAIN.md §2 T3). */
export function sideFromText(text: string): WideColumn['side'] | null {
  for (const candidate of [text, stripBracketed(text)]) {
    const key = normaliseHeader(candidate).replace(/(信息|内容|值)$/, '');
    if (!key) continue;
    if (OLD_MARKS.includes(key)) return 'old';
    if (NEW_MARKS.includes(key)) return 'new';
  }
  return null;
}

/** An item header on its own (姓名, 身份证号码, 出生年月 …), brackets and notes ignored. */
export function itemOfHeader(text: string): CorrectionItem | null {
  return itemFromText(text) ?? itemFromText(stripBracketed(text));
}

/**
 * A column under a two-row header: its group cell (merged, or written once over blank neighbours) and its own
 * sub-header. Both ways round are the wide layout — an item over 原 | 新 (or 修改前 | 修改后, 原信息 | 修改后信息),
 * or 原信息 / 修改后信息 (修改前 / 修改后, 原 / 新) over the items; otherwise the two texts are read as one header.
 */
export function matchGrouped(group: string, sub: string): HeaderMatch | null {
  const groupSide = sideFromText(group);
  const subItem = itemOfHeader(sub);
  if (groupSide && subItem) return { kind: 'wide', wide: { side: groupSide, item: subItem } };
  const groupItem = itemOfHeader(group);
  const subSide = sideFromText(sub);
  if (groupItem && subSide) return { kind: 'wide', wide: { side: subSide, item: groupItem } };
  return sub ? matchHeader(group + sub) : null;
}

export type HeaderMatch = { kind: 'field'; field: Field } | { kind: 'wide'; wide: WideColumn };

export function matchHeader(text: string): HeaderMatch | null {
  for (const candidate of [text, stripBracketed(text)]) {
    const key = normaliseHeader(candidate);
    if (!key) continue;
    const field = HEADER_INDEX.get(key);
    if (field) return { kind: 'field', field };
    const wide = matchWide(key);
    if (wide) return { kind: 'wide', wide };
  }
  return null;
}

function matchWide(key: string): WideColumn | null {
  for (const [side, marks] of [
    ['old', OLD_MARKS],
    ['new', NEW_MARKS],
  ] as const) {
    for (const m of marks) {
      let rest: string | null = null;
      if (key.startsWith(m)) rest = key.slice(m.length);
      else if (key.endsWith(m)) rest = key.slice(0, key.length - m.length);
      if (rest) {
        const item = ITEM_INDEX.get(rest.replace(/^(的|信息)|信息$/g, '')) ?? ITEM_INDEX.get(rest);
        if (item) return { side, item };
      }
    }
  }
  return null;
}
