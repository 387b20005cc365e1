/** Building report issues. Messages are Chinese: the registrar reads them. */
import type { Issue, Patch, Severity } from '../types';

export interface Located {
  row: number;
  col: number;
  addr: string;
}

export interface IssueDraft {
  rule: string;
  severity: Severity;
  message: string;
  /** The cell fix, when the rule is fixable: every fixable issue of a cell carries the cell's final value. */
  fixable?: boolean;
}

export function makeIssue(
  at: Located | null,
  column: string | null,
  field: string | null,
  draft: IssueDraft,
  patches: Patch[] | null,
): Issue {
  return {
    cell: at ? at.addr : null,
    row: at ? at.row : null,
    column,
    field,
    rule: draft.rule,
    severity: draft.severity,
    message: draft.message,
    fix: patches ? { patches } : null,
  };
}

export function err(rule: string, message: string, fixable = false): IssueDraft {
  return { rule, severity: 'error', message, fixable };
}

export function warn(rule: string, message: string, fixable = false): IssueDraft {
  return { rule, severity: 'warning', message, fixable };
}

/** Report order: by row (sheet-wide issues first), then by column (A before AA). */
export function issueOrder(a: Issue, b: Issue): number {
  const ra = a.row ?? 0;
  const rb = b.row ?? 0;
  if (ra !== rb) return ra - rb;
  return (a.cell ?? '').length - (b.cell ?? '').length || (a.cell ?? '').localeCompare(b.cell ?? '');
}
