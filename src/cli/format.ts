/** The readable table `xueji check` prints by default. */
import type { FileReport, Issue, SheetReport, TemplateId } from '../core/types';
import { TEMPLATE_SPECS } from '../core/templates/specs';
import { ruleTitle } from '../core/rules/catalog';
import { basename } from 'node:path';
import { TEXT_ISSUES_PER_SHEET, maxOf, omittedText, terminalText } from './output';

export function templateName(t: TemplateId | null): string {
  return t ? `${TEMPLATE_SPECS[t].title}（${t}）` : '未识别';
}

/** How each input is named in a verb's output: its base name, or the path as given when two inputs share one. */
export function fileLabels(files: readonly string[]): string[] {
  const names = files.map((f) => basename(f));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return names.map((n, i) => (count.get(n)! > 1 ? files[i]! : n));
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000) ? 2 : 1;
  }
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

const SEVERITY = { error: '错误', warning: '警告' } as const;

/**
 * One issue for people (issue 9): the rule's Chinese title first, then what is wrong, [可修复] when a fix exists,
 * and the rule id in brackets at the end (for looking it up in docs/rules.md).
 */
function issueLine(i: Issue, titleWidth: number): string {
  const cell = padEnd(i.cell ?? '—', 7);
  const fix = i.fix ? '  [可修复]' : '';
  return `    ${cell} ${SEVERITY[i.severity]}  ${padEnd(ruleTitle(i.rule), titleWidth)}  ${terminalText(i.message)}${fix}  [${i.rule}]`;
}

/** `issueLimit`: the profile's `limits.issues`, named when a long report left issues out. */
export function formatSheet(s: SheetReport, issueLimit = 0): string {
  const head = `  工作表「${terminalText(s.sheet)}」  模板：${templateName(s.template)}  表头：${s.headerRow ? `第${s.headerRow}行` : '—'}  记录：${s.records} 条`;
  if (!s.issues.length && !s.omitted) return `${head}\n    ✓ 未发现问题\n`;
  // A long report shows its first issues and counts the rest (issue 14): the terminal is not the place for 100,000.
  const shown = s.issues.length > TEXT_ISSUES_PER_SHEET ? s.issues.slice(0, TEXT_ISSUES_PER_SHEET) : s.issues;
  const titleWidth = maxOf(shown, (i) => displayWidth(ruleTitle(i.rule)));
  const more = omittedText(s.issues.length - shown.length, s.omitted, issueLimit);
  return `${head}\n${shown.map((i) => issueLine(i, titleWidth)).join('\n')}${shown.length && more ? '\n' : ''}${more}\n`;
}

export function formatReport(r: FileReport, issueLimit = 0): string {
  const sheets = r.sheets.length ? r.sheets.map((s) => formatSheet(s, issueLimit)).join('') : '  （没有可检查的工作表）\n';
  const s = r.summary;
  return `${r.file}\n${sheets}  合计：错误 ${s.errors} 个，警告 ${s.warnings} 个，其中可自动修复 ${s.fixable} 个\n`;
}
