/**
 * zod issues → one Chinese sentence each, for a school editing its profile by hand (DOMAIN.md §7). The one place
 * that turns any profile problem into words: a wrong value says what it should be and what it is
 * ("centreCode.length 应为数字，现为文字"); only a value that is really absent is "缺少此项"; a key that is not
 * ours is refused at any depth. A schema's own Chinese message (a refine, a `.max(31, '…')`) is used as written.
 * Pure.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** What a JSON value is, in the words a registrar reads in the file. */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '列表（[…]）';
  switch (typeof v) {
    case 'string':
      return `文字“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
    case 'number':
      return `数字 ${String(v)}`;
    case 'boolean':
      return `${String(v)}`;
    case 'object':
      return '对象（{…}）';
    default:
      return typeof v;
  }
}

const EXPECTED: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字（加引号）',
  boolean: 'true 或 false',
  array: '列表（[…]）',
  object: '对象（{…}）',
  null: 'null',
};

function hasChinese(s: string): boolean {
  return /[\u4e00-\u9fff]/.test(s);
}

function bound(issue: { origin: string; inclusive?: boolean }, n: number | bigint, small: boolean): string {
  const value = String(n);
  switch (issue.origin) {
    case 'string':
      return small ? `至少要有 ${value} 个字` : `最多 ${value} 个字`;
    case 'array':
    case 'set':
      return small ? `至少要有 ${value} 项` : `最多 ${value} 项`;
    default:
      if (small) return issue.inclusive === false ? `应大于 ${value}` : `不能小于 ${value}`;
      return issue.inclusive === false ? `应小于 ${value}` : `不能大于 ${value}`;
  }
}

/** What is wrong with the value at the issue's path, Chinese ("应为数字，现为文字“八”"). */
function whatIsWrong(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  const own = hasChinese(issue.message) ? issue.message : null;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (input === undefined) return `缺少此项（应为${expected}）`;
      if (issue.expected === 'int' && typeof input === 'number') return `应为整数，现为 ${String(input)}`;
      return `应为${expected}，现为${jsonTypeName(input)}`;
    }
    case 'unrecognized_keys':
      return `有不认识的项 ${issue.keys.join('、')}（拼写错误？xueji profile --print-default 列出全部配置项）`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join(' / ')} 之一${input === undefined ? '（缺少此项）' : `，现为${jsonTypeName(input)}`}`;
    case 'too_small':
      return `${own ?? bound(issue, issue.minimum, true)}${typeof input === 'number' ? `，现为 ${String(input)}` : ''}`;
    case 'too_big':
      return `${own ?? bound(issue, issue.maximum, false)}${typeof input === 'number' ? `，现为 ${String(input)}` : ''}`;
    case 'invalid_format':
      return `${own ?? '格式不对'}${typeof input === 'string' ? `，现为${jsonTypeName(input)}` : ''}`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    default:
      return own ?? '取值不对';
  }
}

/**
 * One issue as one Chinese clause: `字段 centreCode.length：应为数字，现为文字“八”`; an unknown key at the top is
 * `配置中有不认识的项 centerCode…`. Parse with `reportInput: true`, or a wrong value cannot be named.
 */
export function profileIssueText(issue: Issue): string {
  const what = whatIsWrong(issue);
  return issue.path.length ? `字段 ${issue.path.map(String).join('.')}：${what}` : `配置中${what}`;
}

/** The first few issues, joined; how many more there are. */
export function profileIssuesText(issues: readonly Issue[], max = 5): string {
  const parts = issues.slice(0, max).map(profileIssueText);
  if (issues.length > max) parts.push(`另有 ${issues.length - max} 处问题`);
  return parts.join('；');
}
