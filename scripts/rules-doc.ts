/**
 * docs/rules.md, rendered from the rule catalogue (src/core/rules/catalog.ts): `npm run docs:rules` writes it, and
 * test/docs/rules-doc.test.ts fails when the file and the catalogue disagree.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type RuleEntry } from '../src/core/rules/catalog';

const SEVERITY: Record<RuleEntry['severity'], string> = { error: '错误', warning: '警告', 'error/warning': '错误/警告' };

const GROUPS: { title: string; prefixes: string[]; note?: string }[] = [
  { title: '工作表和整表', prefixes: ['sheet.', 'header.', 'row.', 'table.', 'withdrawal.'] },
  { title: '单元格', prefixes: ['cell.'] },
  { title: '学号、身份证号和其他字段', prefixes: ['student-id.', 'id-card.', 'gender.', 'ethnicity.', 'name.', 'centre-code.', 'enrollment-term.', 'registration-no.'] },
  { title: '免考信息表', prefixes: ['exemption.'] },
  { title: '学生基本信息修改情况统计表', prefixes: ['correction.'] },
  { title: '附件（`xueji files`）', prefixes: ['evidence.'] },
  { title: '毕业照片（`xueji photos`）', prefixes: ['photo.'] },
  { title: '毕业资格预审', prefixes: ['graduation.'] },
];

function fixText(r: RuleEntry): string {
  if (r.fixable === 'yes') return '✓';
  if (r.fixable === 'partly') return `部分：${r.fixNote ?? ''}`;
  return '';
}

/** Table cells hold no pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderRulesDoc(rules: readonly RuleEntry[] = RULES): string {
  const out: string[] = [
    '# 规则一览',
    '',
    '<!-- 本文件由 `npm run docs:rules` 从 src/core/rules/catalog.ts 生成，请改那里再重新生成；测试会检查两者一致。 -->',
    '',
    '`xueji check`、任务窗格和浏览器工作台报告的每个问题都有一个**规则 id**（如 `cell.whitespace`）。id 是稳定的：',
    'JSON 报告（见 [report-format.md](report-format.md)）、测试和其他工具都按它匹配，含义不会改变；新规则用新的 id。',
    '文字报告和任务窗格先显示规则的中文名称，id 放在行末的方括号里。',
    '',
    '- **级别**：错误（报送前必须改）或警告（请核对）。有错误时命令的退出码为 1。',
    '- **可修复**：✓ 表示 `xueji fix` / “一键修复”会给出确切的修改（先预览，原文件不动，可撤销）；“部分”表示只修所列的写法。',
    '  整表的修复（空行、顺序、序号、结束行 / 签字行、工作表名称）会让内容走样时不提供——移动会拆开合并单元格、改变公式的含义、',
    '  让批注 / 超链接 / 图片挂到别的记录上、超出 Excel 的最后一行，或工作表名已被占用——这时问题不标“可修复”，说明里写明原因（“（无法自动修复：…）”）。',
    '- **来源**：规则出自哪份通知或标准。seed 000–004 是项目收集的原始通知：000 国家开放大学《关于2021年1月毕业生毕业审核和证书办理相关工作的通知》，',
    '  001 陕西开放大学《开放教育毕业审核及证书颁发工作规程》，002 国开生命健康学院《关于做好2023年7月毕业生毕业审核和证书办理相关工作的通知》，',
    '  003《电大学籍管理工作流程》（河北），004 辽宁开放大学《平台毕业管理功能操作及毕业全流程说明》；“陕西2022”是陕西开放大学学信网退学名单的公开通知；',
    '  public 是国家开放大学系统公开的规定或编码规则；ours 是没有公开来源时我们的约定（这些取值都在配置文件里，学校可以改）。',
    '',
  ];
  for (const g of GROUPS) {
    const rows = rules.filter((r) => g.prefixes.some((p) => r.id.startsWith(p)));
    if (!rows.length) continue;
    out.push(`## ${g.title}`, '', '| 规则 id | 名称 | 级别 | 可修复 | 含义 | 来源 |', '|---|---|---|---|---|---|');
    for (const r of rows) {
      const planned = r.emitted ? '' : '（规格已定义，尚未实现）';
      out.push(`| \`${r.id}\` | ${cell(r.title)} | ${SEVERITY[r.severity]} | ${cell(fixText(r))} | ${cell(r.meaning)}${planned} | ${cell(r.source)} |`);
    }
    out.push('');
  }
  const grouped = new Set(GROUPS.flatMap((g) => rules.filter((r) => g.prefixes.some((p) => r.id.startsWith(p)))).map((r) => r.id));
  const loose = rules.filter((r) => !grouped.has(r.id));
  if (loose.length) throw new Error(`rules without a group in docs/rules.md: ${loose.map((r) => r.id).join(', ')}`);
  return out.join('\n');
}

if (require.main === module) {
  // Compiled to build/scripts/: the project folder is two levels up.
  const file = join(__dirname, '..', '..', 'docs', 'rules.md');
  writeFileSync(`${file}.tmp`, renderRulesDoc());
  renameSync(`${file}.tmp`, file);
  process.stdout.write(`已写入 ${file}\n`);
}
