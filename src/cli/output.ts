/**
 * Writing reports of any size (issue 14 item 2): JSON streamed piece by piece (one `JSON.stringify` of a
 * million issues is longer than a string may be), the readable report capped with a count of what it leaves out,
 * no `Math.max(...list)` over a list as long as the sheet, and cell text made harmless for a terminal.
 */
import type { OmittedIssues } from '../core/types';
import { ruleTitle } from '../core/rules/catalog';

/** The readable report lists at most this many issues per sheet; `--json` lists up to the profile's `limits.issues`. */
export const TEXT_ISSUES_PER_SHEET = 1000;

/** The largest `f(item)` (0 for none), without spreading the list into arguments. */
export function maxOf<T>(items: readonly T[], f: (item: T) => number): number {
  let m = 0;
  for (const it of items) {
    const v = f(it);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Text from a cell or a file name, safe to print: a tab, a line break or another control character would break the
 * report's lines, and a bidirectional control (U+202E …) would reorder what follows it on the terminal. Each is
 * shown as its escape (\t, \n, \u202E); everything else is unchanged.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    switch (ch) {
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    }
  });
}

/** "……另有 N 个问题未逐条列出：title ×n [rule]，…", or '' when nothing was left out. */
export function omittedText(shownLeftOut: number, omitted: OmittedIssues | undefined, limit: number): string {
  const byRule = new Map<string, number>();
  for (const [rule, n] of Object.entries(omitted?.rules ?? {})) byRule.set(rule, n);
  const total = shownLeftOut + (omitted?.issues ?? 0);
  if (total === 0) return '';
  // Counted by the rule's Chinese title, the id in brackets (as the issue lines, issue 9).
  const parts = [...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${ruleTitle(r)} ×${n.toLocaleString('en-US')} [${r}]`);
  const where = omitted ? `超出配置项 limits.issues（${limit.toLocaleString('en-US')} 个）的不在报告中，` : '';
  return `    ……另有 ${total.toLocaleString('en-US')} 个问题未逐条列出（${where}--json 可查看列出的全部问题）${parts.length ? `：${parts.join('，')}` : ''}`;
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, in pieces of about 64 KB: the whole text never exists
 * as one string, so a report of any length can be printed. `indent` starts it deeper (an element of an array being
 * written one element at a time), and then no line break follows it.
 */
export function writeJson(value: unknown, write: (text: string) => void, indent = ''): void {
  let buf = '';
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= 65536) {
      write(buf);
      buf = '';
    }
  };
  const visit = (v: unknown, indent: string): void => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      const inner = indent + '  ';
      if (Array.isArray(v)) {
        if (v.length === 0) return out('[]');
        out('[\n');
        v.forEach((item, i) => {
          out(inner);
          if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out('null');
          else visit(item, inner);
          out(i < v.length - 1 ? ',\n' : '\n');
        });
        return out(`${indent}]`);
      }
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
      if (entries.length === 0) return out('{}');
      out('{\n');
      entries.forEach(([k, x], i) => {
        out(`${inner}${JSON.stringify(k)}: `);
        visit(x, inner);
        out(i < entries.length - 1 ? ',\n' : '\n');
      });
      return out(`${indent}}`);
    }
    out(JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`));
  };
  visit(value, indent);
  if (indent === '') out('\n');
  if (buf) write(buf);
}

/**
 * Reports of several files as one JSON array, each written as soon as it is ready (one file: the object alone, as
 * `xueji check --json` always printed it). `add` then `end`.
 */
export function jsonReportWriter(files: number, write: (text: string) => void): { add: (report: unknown) => void; end: () => void } {
  let n = 0;
  return {
    add(report) {
      if (files === 1) return writeJson(report, write);
      write(n++ === 0 ? '[\n  ' : ',\n  ');
      writeJson(report, write, '  ');
    },
    end() {
      if (files === 1) return;
      write(n === 0 ? '[]\n' : '\n]\n');
    },
  };
}
