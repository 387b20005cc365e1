/**
 * The rule catalogue (DOMAIN.md §5): one row per rule id — severity, whether it is fixable, its Chinese title (what
 * the task pane, the text report and the `fix` summary lead with), what it means, and the notice it comes from.
 * docs/rules.md is rendered from it (scripts/rules-doc.ts) and a test keeps the two equal; another test checks that
 * every rule id the code emits is here.
 *
 * Sources: seed 000 = 国家开放大学《关于2021年1月毕业生毕业审核和证书办理相关工作的通知》; seed 001 = 陕西开放大学
 * 《开放教育毕业审核及证书颁发工作规程》; seed 002 = 国开生命健康学院《关于做好2023年7月毕业生毕业审核和证书办理相关
 * 工作的通知》; seed 003 = 《电大学籍管理工作流程》(河北); seed 004 = 辽宁开放大学《平台毕业管理功能操作及毕业全流程说明》;
 * 陕西2022 = 陕西开放大学学信网退学名单通知 (public); ours = our reconstruction, the value lives in the profile.
 */

export type RuleSeverity = 'error' | 'warning' | 'error/warning';

export interface RuleEntry {
  id: string;
  severity: RuleSeverity;
  /** 'yes': the checker proposes the exact fix; 'partly': for the forms `fixNote` names; 'no': a person must. */
  fixable: 'yes' | 'partly' | 'no';
  fixNote?: string;
  /** Short Chinese title: the heading of the rule's issues. */
  title: string;
  /** What the rule means, in Chinese. */
  meaning: string;
  /** The notice (or standard) it comes from. */
  source: string;
  /** False for ids the specification defines that no code emits yet (they are listed, marked as such). */
  emitted: boolean;
}

type Row = Omit<RuleEntry, 'emitted'> & { emitted?: boolean };

/** What fixes the photo rules that a new copy cures (DOMAIN.md §3 T4: format, size, dimensions, border, name). */
const PHOTOS_FIX = '`xueji photos --fix`（或附件检查的“修正照片”）生成合格的副本';

const ROWS: Row[] = [
  // ---------------------------------------------------------------- the sheet and its table
  { id: 'sheet.unknown-template', severity: 'error/warning', fixable: 'no', title: '无法识别模板', meaning: '前20行中找不到任何模板的表头；整个文件都认不出时是错误，文件中另有工作表已识别时是警告（此表不检查）', source: 'ours' },
  { id: 'sheet.name', severity: 'warning', fixable: 'yes', title: '工作表名称', meaning: '工作表名称与模板要求不同（退学名单应为“退学”），修复时改名；本文件已有（或另一张表也要改成）这个名称、或有公式按名称引用这张表时不改名，说明原因', source: '陕西2022：工作表命名为“退学”' },
  { id: 'header.missing-column', severity: 'error', fixable: 'no', title: '缺少必需的列', meaning: '模板要求的列不存在；标题写明了模板（如“新生…统计表”）时，按该模板报告缺少的列', source: 'seed 003 §一、§三、§五；ours（列顺序）' },
  { id: 'header.duplicate-column', severity: 'error', fixable: 'no', title: '重复的列', meaning: '两列对应同一个字段（如“学号”和“学号全码”），不知道该用哪一列', source: 'ours' },
  { id: 'row.blank', severity: 'error', fixable: 'yes', title: '记录中间的空行', meaning: '两条记录之间有空行，连续的空行算一处（“第5–9行是记录中间的空行（共 5 行）”），修复时删除空行、下面的记录上移', source: 'ours' },
  { id: 'row.duplicate', severity: 'error', fixable: 'no', title: '重复的记录', meaning: '同一学号（免考表为同一学号同一科目，修改表为同一学生同一修改项目）出现两次，标在后出现的行', source: 'ours' },
  { id: 'table.unsorted', severity: 'error', fixable: 'yes', title: '记录顺序', meaning: '记录没有按学号（毕业生按注册证号）升序排列，修复时整行一起重排（公式随行移动、错误值仍是错误值）', source: 'seed 003 §三(一)2、§五(二)1(2)：按学号升序' },
  { id: 'table.sequence', severity: 'error', fixable: 'yes', title: '序号不连续', meaning: '序号不是从1起连续编号，修复时重编', source: '陕西2022：序号' },
  { id: 'table.terminator', severity: 'error', fixable: 'yes', title: '“/记录行结束/”行', meaning: '免考信息表最后一条记录的下一行应填写“/记录行结束/”：缺少、位置不对，或它下面还有像学生记录的行（这些行照样检查，修复时移入表格）', source: 'seed 003 §一5：最后一行填写“/记录行结束/”' },
  { id: 'table.signature-row', severity: 'warning', fixable: 'yes', title: '签字行', meaning: '最后一条记录之后应紧接签字行（退学名单“经办人”，修改表主管领导、经手人签字和公章）：缺少、中间隔着空行或说明，或它下面还有像学生记录的行', source: '陕西2022：名单后紧接经办人；seed 003 §五(二)1：主管领导和经手人签字、加盖公章' },
  { id: 'withdrawal.mixed-branch', severity: 'warning', fixable: 'no', title: '多个分部', meaning: '一份退学名单中出现了多个分部名称，每个分部应分别报送', source: 'ours（陕西2022：名单以分部名称命名）' },
  // ---------------------------------------------------------------- cells
  { id: 'cell.required', severity: 'error', fixable: 'no', title: '必填项为空', meaning: '必填的单元格为空（修改表的宽表中，一行没有填写任何修改后的信息也算）', source: 'ours（各模板的必填列）' },
  { id: 'cell.whitespace', severity: 'error', fixable: 'yes', title: '空格或不可见字符', meaning: '单元格中有空格、不间断空格或零宽字符等看不见的字符，修复时删除', source: '陕西2022：不得有空格' },
  { id: 'cell.fullwidth', severity: 'error', fixable: 'yes', title: '全角数字或字母', meaning: '学号、代码等含全角数字或字母（从网页复制时常见），修复时改为半角', source: 'ours（Excel 常见问题）' },
  { id: 'cell.number-stored', severity: 'error', fixable: 'yes', title: '代码存成了数字', meaning: '学号、代码等以数字形式存储但数字还完整，修复时写成文本（学习中心代码同时补0）', source: 'seed 003 §一2；ours' },
  { id: 'cell.precision-lost', severity: 'error', fixable: 'no', title: '数字位数已丢失', meaning: '身份证号等以数字形式存储（或显示成科学计数法、末三位成了000），Excel 只保留15位，后几位已丢失：原信息和修改后信息中的身份证号同样处理；不会“猜”末位，须从原始资料重新粘贴', source: 'ours（Excel 常见问题）' },
  { id: 'cell.formula', severity: 'warning', fixable: 'no', title: '由公式计算的代码', meaning: '学号、身份证号、代码由公式算出，提交前应“选择性粘贴为数值”', source: 'ours' },
  { id: 'cell.error-value', severity: 'error', fixable: 'no', title: '错误值', meaning: '单元格是 #N/A、#VALUE! 等错误值', source: 'ours' },
  { id: 'cell.merged', severity: 'error', fixable: 'no', title: '记录中的合并单元格', meaning: '记录区域中有合并单元格，应取消合并后逐行填写', source: 'ours' },
  // ---------------------------------------------------------------- identifiers
  { id: 'student-id.format', severity: 'error', fixable: 'no', title: '学号格式', meaning: '学号不是13位数字', source: '国开学号编码规则（public）' },
  { id: 'student-id.category', severity: 'warning', fixable: 'no', title: '学号类别代码', meaning: '学号第7–9位的学生类别代码不在已知类别中（012、014、044、054、064）', source: '国开学号编码规则（public）' },
  { id: 'student-id.branch', severity: 'warning', fixable: 'no', title: '学号分部代码', meaning: '学号第3–5位的分部代码不在已知分部代码中', source: '国开分部代码（public）' },
  { id: 'id-card.format', severity: 'error', fixable: 'partly', fixNote: '末位小写 x 改为大写 X', title: '身份证号格式', meaning: '身份证号不是18位（或15位）应有的样子', source: 'GB 11643-1999' },
  { id: 'id-card.checksum', severity: 'error', fixable: 'no', title: '身份证号校验码', meaning: '按 GB 11643 计算的校验码与末位不符，多半有数字录错', source: 'GB 11643-1999' },
  { id: 'id-card.birthdate', severity: 'error', fixable: 'no', title: '身份证号出生日期', meaning: '身份证号中的出生日期不是真实存在的过去日期', source: 'GB 11643-1999' },
  { id: 'id-card.legacy', severity: 'warning', fixable: 'no', title: '15位身份证号', meaning: '15位旧身份证号，请核对学生现用的18位号码', source: 'GB 11643-1999' },
  { id: 'gender.invalid', severity: 'error', fixable: 'partly', fixNote: 'M/F、1/2 改为男/女', title: '性别写法', meaning: '性别不是“男”或“女”', source: 'ours' },
  { id: 'gender.mismatch', severity: 'error', fixable: 'no', title: '性别与身份证号不符', meaning: '性别与身份证号第17位（奇数男、偶数女）不一致，标在性别单元格', source: 'GB 11643-1999' },
  { id: 'ethnicity.invalid', severity: 'error', fixable: 'partly', fixNote: '“汉”等简称改为全称', title: '民族写法', meaning: '民族不是56个民族之一的全称', source: 'GB 3304' },
  { id: 'name.invalid', severity: 'error', fixable: 'partly', fixNote: '•、．、・ 改为间隔点 ·', title: '姓名中的字符', meaning: '姓名中有姓名不能有的字符', source: 'ours（陕西2022：不得有空格）' },
  { id: 'centre-code.format', severity: 'error', fixable: 'no', title: '学习中心代码格式', meaning: '学习中心代码含非数字字符，或补0后位数仍不对', source: 'seed 003 §一2' },
  { id: 'centre-code.unpadded', severity: 'error', fixable: 'yes', title: '学习中心代码位数不足', meaning: '学习中心代码不足配置的位数（默认8位），修复时补0并写成文本', source: 'seed 003 §一2：必须是8位，不足8位的用0补足' },
  { id: 'centre-code.branch-mismatch', severity: 'warning', fixable: 'no', title: '学习中心与学号分部不符', meaning: '学习中心代码所属分部与学号中的分部不同（转学学生保留原分部学号，非转学请核对）', source: 'ours（国开代码规则）' },
  { id: 'enrollment-term.format', severity: 'error', fixable: 'no', title: '入学学期无法识别', meaning: '入学年度学期无法读出年份和春秋季（如“2021年”“下学期”）', source: 'ours' },
  { id: 'enrollment-term.nonstandard', severity: 'warning', fixable: 'yes', title: '入学学期写法', meaning: '入学年度学期能读懂但不是标准写法（2021春、21秋、202109、2021年秋季、2021.9、日期），修复时改为“2021春季/2021秋季”；年龄、期限等规则照样按它计算', source: 'ours；seed 002/004 批次写法' },
  { id: 'enrollment-term.mismatch', severity: 'warning', fixable: 'no', title: '入学学期与学号不符', meaning: '入学年度学期与学号中的年份和春秋季（流水号）不一致', source: '国开学号编码规则（public）' },
  { id: 'registration-no.format', severity: 'error', fixable: 'no', title: '注册证号格式', meaning: '注册证号不是以51161开头、层次为05/06的18位数字', source: 'seed 003 §五(二)1(2)：51161开头的毕业生电子注册号' },
  { id: 'registration-no.legacy', severity: 'warning', fixable: 'no', title: '17位注册证号', meaning: '17位旧式注册证号，请核对', source: 'ours（public）' },
  // ---------------------------------------------------------------- 免考信息表
  { id: 'exemption.subject-code', severity: 'error', fixable: 'partly', fixNote: '按科目名称填写 71/69', title: '免考科目代码', meaning: '免考科目代码为空、不是统考科目代码，或与科目名称不符', source: 'seed 003 §一3：大学英语B为71，计算机应用基础为69' },
  { id: 'exemption.reason', severity: 'error', fixable: 'no', title: '免考原因', meaning: '免考原因对应不上表后备注所列的原因，或可对应多条', source: 'seed 003 §一4：参照表后备注填写' },
  { id: 'exemption.reason-subject', severity: 'error', fixable: 'no', title: '免考原因与科目不符', meaning: '该原因不能免考这个科目（如计算机等级证书不能免大学英语B）', source: '国开统考免考规定（public）' },
  { id: 'exemption.age-under-40', severity: 'error', fixable: 'no', title: '未满40周岁', meaning: '原因为“入学注册时年满40周岁”，但按身份证号和入学学期（任何能读懂的写法）计算不满40周岁', source: '国开统考免考规定（public）' },
  { id: 'exemption.han-ethnicity', severity: 'error', fixable: 'no', title: '汉族不适用此原因', meaning: '原因为“少数民族聚居地区的少数民族学生”，但该生民族为汉族', source: '国开统考免考规定（public）' },
  // ---------------------------------------------------------------- 学生基本信息修改情况统计表
  { id: 'correction.item', severity: 'error', fixable: 'no', title: '修改项目', meaning: '修改项目无法识别、属于学籍异动（转学、转专业、退学等），或毕业生不能更正该项', source: 'seed 003 §二、§五(一)3' },
  { id: 'correction.change-type', severity: 'error', fixable: 'no', title: '修改类型', meaning: '修改类型应为“录入错误”或“信息变更”', source: 'seed 003 §五(一)、§五(二)1(1)' },
  { id: 'correction.unchanged', severity: 'error', fixable: 'no', title: '修改前后相同', meaning: '原信息与修改后信息相同（宽表中一行的各项都没有变化）', source: 'ours' },
  { id: 'correction.double-change', severity: 'error', fixable: 'no', title: '姓名和身份证号同时修改', meaning: '同一学生一次申请中既改姓名又改身份证号（不允许“双改”）', source: '国开学籍信息修改规定（public）' },
  { id: 'correction.graduate-change', severity: 'warning', fixable: 'no', title: '毕业生信息变更', meaning: '毕业生的“信息变更”：只受理在籍期间发生的变更', source: 'seed 003 §五(一)3' },
  { id: 'correction.new-student-window', severity: 'warning', fixable: 'no', title: '新生修改期限', meaning: '新生修改超过入学第一学期（按入学学期，没有时按学号），需主管校长审批签字的书面报告', source: 'seed 003 §五(一)1、§五(二)1(1)' },
  { id: 'correction.new-value', severity: 'error', fixable: 'no', title: '修改后信息无效', meaning: '修改后信息本身不是该项的有效值，或修改后的记录自相矛盾（新性别与新的或未改的身份证号、新出生日期与身份证号中的出生日期不符），标在本次修改的单元格', source: 'seed 003 §五；ours（修改后的记录自洽）' },
  // ---------------------------------------------------------------- attachments (xueji files)
  { id: 'evidence.missing', severity: 'error', fixable: 'no', title: '缺少附件', meaning: '名单中某行应有的扫描件、证明材料或文件夹不存在', source: 'seed 003 §三(一)、§五(二)2–3' },
  { id: 'evidence.unmatched', severity: 'warning', fixable: 'no', title: '多余的附件', meaning: '文件或文件夹对应不上名单中的任何一行，或该行不需要这份材料', source: 'seed 003 §三(一)、§五(二)2' },
  { id: 'evidence.name', severity: 'error', fixable: 'no', title: '附件命名', meaning: '文件名不符合要求（学号与姓名之间有“+”或空格、名称与内容不符等）', source: 'seed 003 §三(一)3(3)、§五(二)4(8)' },
  { id: 'evidence.format', severity: 'error', fixable: 'no', title: '附件格式', meaning: '文件内容不是 JPG/PNG 图片，或扩展名与内容不符，或图片已损坏', source: 'seed 003 §三(一)3(2)、§五(二)4(7)' },
  { id: 'evidence.size', severity: 'error', fixable: 'no', title: '附件大小', meaning: '文件超过大小上限（申请表、证明材料 10 MB，汇总表扫描件 1 MB）', source: 'seed 003 §三(一)3(4)、§五(二)4(6)' },
  { id: 'evidence.resolution', severity: 'error', fixable: 'no', title: '附件分辨率', meaning: '图片小于 200×200 像素', source: 'seed 003 §三(一)3(4)、§五(二)4(3)' },
  // ---------------------------------------------------------------- graduation photos (xueji photos)
  { id: 'photo.missing', severity: 'error', fixable: 'no', title: '缺少毕业照片', meaning: '名单中的学生没有照片', source: 'seed 002 附件3' },
  { id: 'photo.unmatched', severity: 'warning', fixable: 'no', title: '多余的照片', meaning: '照片对应不上名单中的任何学生', source: 'seed 002 附件3' },
  { id: 'photo.format', severity: 'error', fixable: 'partly', fixNote: PHOTOS_FIX, title: '照片格式', meaning: '照片内容不是 JPG（平台只匹配 .jpg 文件）或已损坏', source: 'seed 003 §六；学信网照片规格（public）' },
  { id: 'photo.size', severity: 'error', fixable: 'partly', fixNote: PHOTOS_FIX, title: '照片大小', meaning: '照片超过 50 KB', source: '学信网照片规格（public）' },
  { id: 'photo.dimensions', severity: 'error', fixable: 'partly', fixNote: PHOTOS_FIX, title: '照片尺寸', meaning: '照片不是宽480 × 高640像素（不得横向、不得变形）', source: 'seed 003 §六：照片尺寸640*480，不得横向' },
  { id: 'photo.background', severity: 'error', fixable: 'no', title: '照片底色', meaning: '照片背景（上边和左右两边上部 60%）不是蓝底，白底也是此规则；说明量到的颜色。底色不能自动修正', source: '学信网照片规格（public）' },
  { id: 'photo.border', severity: 'error', fixable: 'partly', fixNote: PHOTOS_FIX, title: '照片白边', meaning: '照片边缘有白边（扫描留白、贴图）：近白的边条，里面紧接着是非白的背景', source: 'seed 003 §六：扫描的照片不能有白边' },
  { id: 'photo.name', severity: 'error', fixable: 'partly', fixNote: PHOTOS_FIX, title: '照片命名', meaning: '照片名称不是学号（或配置的身份证号）加小写 .jpg，或同一学生有多张', source: 'seed 002 附件3；seed 004' },
  { id: 'photo.head-position', severity: 'warning', fixable: 'no', title: '头部位置', meaning: '头顶不在照片上边缘以下 50–110 像素', source: '学信网照片规格（public）' },
  // ---------------------------------------------------------------- graduation pre-check (DOMAIN §3 T5)
  { id: 'graduation.too-early', severity: 'error', fixable: 'no', title: '未满最短学习年限', meaning: '从入学到本批次不足5个学期（最短二年半，入学学期算在内）：7月批次只接收两年前春季及以前入学的学生，1月批次只接收三年前秋季及以前入学的学生（202307 ← 2021春季，202401 ← 2021秋季）；没有入学年度学期时按学号', source: 'seed 001 第八条3（最短学习时间不得低于二年半）、seed 002 二1（202307：2021年春季及之前入学）' },
  { id: 'graduation.expired', severity: 'error', fixable: 'no', title: '学籍已过期', meaning: '学籍自入学注册（春季3月1日、秋季9月1日）起8年内有效，在本批次的证书日期（批次月份的20日）之前已到期', source: 'seed 000 §四7（学籍从入学注册8年内有效）、§四5 / seed 002 七4（证书日期20日）' },
  { id: 'graduation.expiring', severity: 'warning', fixable: 'no', title: '最后一次毕业机会', meaning: '学籍在下一批次的证书日期之前到期：本批次是该生最后一次申请毕业的机会', source: 'seed 000 §四7' },
  { id: 'graduation.status', severity: 'error', fixable: 'no', title: '学籍状态', meaning: '学籍状态不是“在籍”（毕业、退学、休学等）；学籍状态为空的不判断', source: 'seed 002 附件3（只能导入“在籍”的学生）' },
  { id: 'graduation.photo-missing', severity: 'error', fixable: 'no', title: '缺少毕业照片', meaning: '毕业照片状态为“未上传”，或 `xueji precheck --photos` 给出的照片文件夹中没有该生的照片（以学号或身份证号命名）', source: 'seed 002 四2(2)（未提交的学生将不能进入本批毕业初审名单）、附件2' },
  { id: 'graduation.chsi-photo', severity: 'error', fixable: 'no', title: '学信网缺少学历照片', meaning: '学信网照片为“不存在”或“无”：学信网缺少学历照片的学生不能通过总部毕业审核', source: 'seed 000 §三1、seed 002 四2(3)、附件2' },
  { id: 'graduation.identity-doubt', severity: 'error', fixable: 'no', title: '身份存疑', meaning: '学信网反馈身份存疑（身份存疑列为“是/存疑”，或身份核验列为“未通过/待复核”等）：复核完成前不能通过毕业审核', source: 'seed 002 四1、附件2（平台提示照片存疑）' },
  { id: 'graduation.entry-unknown', severity: 'error', fixable: 'no', title: '无法确定入学学期', meaning: '入学年度学期为空或无法识别，学号也读不出入学学期：无法判断能否申请本批次毕业（列入暂不能申请）', source: 'ours（DOMAIN.md §3 T5：入学年度学期，或由学号推出）' },
];

export const RULES: readonly RuleEntry[] = ROWS.map((r) => ({ emitted: true, ...r }));

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleEntry(id: string): RuleEntry | undefined {
  return BY_ID.get(id);
}

/** The Chinese title of a rule (the id itself for an id the catalogue does not know). */
export function ruleTitle(id: string): string {
  return BY_ID.get(id)?.title ?? id;
}
