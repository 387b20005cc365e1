/**
 * The table rules of a sheet once its records are checked (DOMAIN.md §5): blank rows between records, the order by the
 * key, 序号, the end marker (the template's terminator or signature row, and records below it), merged cells in the
 * records. Each fixable table rule carries the fix the planner (plan.ts) makes of it, or says why there is none.
 */
import type { Fix, Issue, SheetInput } from '../types';
import type { Profile } from '../profile/schema';
import type { Field } from '../templates/fields';
import type { TemplateDefinition } from '../templates/definition';
import type { HeaderInfo } from './header-types';
import { isBlankRow, rowLead, type Layout } from './records';
import type { RecordKey } from './row';
import { err, makeIssue, warn } from './issue';
import { address, type RangeRef } from './a1';
import { mayRefuse, planTable, type TablePlan, type TableSteps } from './plan';
import { MAX_ROW } from './formula-refs';

/** What the table rules read of the check: the sheet, its records, and how the checker labels and lists issues. */
export interface TableInput {
  sheet: SheetInput;
  profile: Profile;
  header: HeaderInfo;
  layout: Layout;
  rows: readonly RecordKey[];
  spec: TemplateDefinition;
  /** Some 序号 is wrong (the checker found it row by row). */
  renumber: boolean;
  merged: readonly RangeRef[];
  /** The user's header text of a field's column. */
  label(f: Field): string;
  /** An issue into the report (the checker keeps the budget). */
  add(issue: Issue): void;
}

/** Table rules: blank rows, order, 序号, end marker, merged cells. Returns which table fixes apply. */
export function checkTable(input: TableInput): TableSteps {
  return new TableChecker(input).run();
}

class TableChecker {
  private readonly sheet: SheetInput;
  private readonly profile: Profile;
  private readonly header: HeaderInfo;
  private readonly layout: Layout;
  private readonly rows: readonly RecordKey[];
  private readonly spec: TemplateDefinition;
  private readonly renumber: boolean;
  private readonly merged: readonly RangeRef[];

  constructor(private readonly input: TableInput) {
    this.sheet = input.sheet;
    this.profile = input.profile;
    this.header = input.header;
    this.layout = input.layout;
    this.rows = input.rows;
    this.spec = input.spec;
    this.renumber = input.renumber;
    this.merged = input.merged;
  }

  private add(issue: Issue): void {
    this.input.add(issue);
  }

  private label(f: Field): string {
    return this.input.label(f);
  }

  /** Table rules: blank rows, order, 序号, end marker, merged cells. Returns which table fixes apply. */
  run(): TableSteps {
    const L = this.layout;
    const steps: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false };
    const tableIssues: { rule: keyof TableSteps; issue: Issue }[] = [];
    // One issue per run of blank rows (a stray value at the sheet's last row leaves a million of them behind it).
    for (let i = 0; i < L.blankRows.length; ) {
      const first = L.blankRows[i]!;
      let j = i;
      while (j + 1 < L.blankRows.length && L.blankRows[j + 1] === L.blankRows[j]! + 1) j++;
      const last = L.blankRows[j]!;
      const what = first === last ? `第${first}行是记录中间的空行` : `第${first}–${last}行是记录中间的空行（共 ${last - first + 1} 行）`;
      steps.removeBlank = true;
      tableIssues.push({ rule: 'removeBlank', issue: makeIssue(at(first, L.firstCol), null, null, err('row.blank', `${what}，应删除`, true), null) });
      i = j + 1;
    }
    if (this.spec.sorted(this.profile)) {
      const keyField = this.spec.key;
      for (let i = 1; i < this.rows.length; i++) {
        const a = this.rows[i - 1]!;
        const b = this.rows[i]!;
        if (a.key && b.key && b.key < a.key) {
          steps.sort = true;
          const col = this.header.fields.get(keyField)!;
          const by = keyField === 'studentId' ? '学号' : '注册证号（51161开头）';
          tableIssues.push({
            rule: 'sort',
            issue: makeIssue(at(b.row, col), this.label(keyField), keyField, err('table.unsorted', `记录应按${by}升序排列：第${b.row}行排在了第${a.row}行（${a.key}）之后`, true), null),
          });
          break;
        }
      }
    }
    steps.renumber = this.renumber;
    this.checkMarker(steps, tableIssues);
    this.checkMerged();
    // Each table rule's fix is the list of every cell that table fix rewrites (DOMAIN.md §6), planned once
    // per rule and shared by that rule's issues (one plan per blank row would be quadratic).
    const plans = new Map<keyof TableSteps, Fix | string>();
    const refusable = tableIssues.length > 0 && mayRefuse(this.sheet, this.header, L);
    for (const t of tableIssues) {
      let fix = plans.get(t.rule);
      if (fix === undefined) {
        fix = this.tableFix(t.rule, steps, refusable);
        plans.set(t.rule, fix);
      }
      if (typeof fix === 'string') {
        steps[t.rule] = false;
        t.issue.message += `（无法自动修复：${fix}）`;
      } else {
        t.issue.fix = fix;
      }
      this.add(t.issue);
    }
    return steps;
  }

  /**
   * The fix of one table rule, or why it cannot be made (issue 14 item 4: "[可修复]" must mean fixable — a fix that
   * would cut a merge or change a formula is not offered). When nothing on the sheet could make it refuse (no formula,
   * merge or anchored object below the header, far from Excel's last row), the plan is made when first read: the pane
   * plans its own fixes and never reads it, and a live re-check of a 100,000-row sheet must not rebuild it on every
   * edit (issue 10); the JSON report reads it like any other.
   */
  private tableFix(rule: keyof TableSteps, steps: TableSteps, refusable: boolean): Fix | string {
    const L = this.layout;
    const opts = { maxPatches: this.profile.limits.issues };
    const only: TableSteps = { removeBlank: false, sort: false, renumber: false, marker: false, [rule]: true };
    const plan = (s: TableSteps) => planTable(this.sheet, this.profile, this.header, L, this.rows, new Map(), s, opts);
    if (!refusable) return lazyFix(() => plan(only));
    let made = plan(only);
    // Alone it may not fit (a signature row below a record in Excel's last row) where, with the sheet's other
    // table fixes, it does: `fix` applies them together, so it is fixable.
    const all = { ...steps, [rule]: true };
    if (made.refused !== null && Object.entries(all).some(([k, on]) => on && k !== rule)) {
      const together = plan(all);
      if (together.refused === null) made = together;
    }
    return made.refused ?? fixOf(made);
  }

  private checkMarker(steps: TableSteps, out: { rule: keyof TableSteps; issue: Issue }[]): void {
    const L = this.layout;
    const spec = this.spec.table.marker;
    // A list with no end row of its own (marker null) is read as it comes.
    if (L.records.length === 0 || !spec) return;
    const last = L.records[L.records.length - 1]!;
    // Records after the end close up with the others when fixed: the marker belongs below them all.
    const expected = L.recordsAfterEnd.length ? this.header.headerRow + 1 + L.records.length : last + 1;
    // A sheet filled to Excel's last row has no row for the marker: the issue is on the last record, not fixable.
    const where = at(Math.min(expected, MAX_ROW), L.firstCol);
    const terminator = L.markerKind === 'terminator';
    const t = spec.text(this.profile);
    const name = terminator ? `“${t}”` : `签字行（${spec.signers}）`;
    let msg: string | null = null;
    if (L.recordsAfterEnd.length) {
      // issue 14: a student below the footer is never dropped — say where they are and what stands above them.
      const first = L.recordsAfterEnd[0]!;
      // (A loop, not Math.min(...rows): the footer rows may be a million.)
      let endRow = L.marker !== null && L.marker < first ? L.marker : Infinity;
      for (const r of L.footerRows) if (r < first && r < endRow) endRow = r;
      const end = endRow === L.marker ? `${name}（第${endRow}行）` : `第${endRow}行“${this.lead(endRow)}”`;
      msg = `${rowList(L.recordsAfterEnd)}在${end}之后，看起来是学生记录：${name}之后不能再有记录。修复时这些行移入表格，${name}放在最后一条记录的下一行（第${expected}行）`;
    } else if (L.marker === null && expected > MAX_ROW) {
      msg = `表格已用到 Excel 的最后一行，最后一条记录之后放不下${name}，请把表格拆分后再报送`;
    } else if (L.marker === null) {
      const standing = this.standing(expected, expected + 1, name, false);
      msg = terminator
        ? `表格最后一条记录的下一行（第${expected}行第一列）应填写“${t}”${standing}`
        : `最后一条记录的下一行（第${expected}行）应为${name}${standing}`;
    } else if (L.marker !== expected) {
      msg = `${name}应紧接在最后一条记录的下一行（第${expected}行）${this.standing(expected, L.marker, name, true)}`;
    }
    if (!msg) return;
    steps.marker = true;
    const draft = terminator ? err('table.terminator', msg, true) : warn('table.signature-row', msg, true);
    out.push({ rule: 'marker', issue: makeIssue(where, null, null, draft, null) });
  }

  /** The first text of a sheet row, shortened for a message. */
  private lead(row: number): string {
    const t = rowLead(this.sheet.rows[row - 1]).replace(/\s+/g, ' ');
    return t.length > 20 ? `${t.slice(0, 20)}…` : t;
  }

  /** What stands in rows [from, to) where the end marker belongs (issue 9: a 说明 line is not a blank row). */
  private standing(from: number, to: number, name: string, gap: boolean): string {
    const texts: number[] = [];
    let blanks = 0;
    for (let r = from; r < to; r++) {
      if (isBlankRow(this.sheet.rows[r - 1])) blanks++;
      else texts.push(r);
    }
    if (!texts.length) return gap ? '，中间不能有空行' : '';
    const more = texts.length > 1 ? `等${texts.length}行` : '';
    return `；现在第${texts[0]}行是“${this.lead(texts[0]!)}”${more}${blanks ? '（另有空行）' : ''}，应放在${name}之后`;
  }

  private checkMerged(): void {
    const L = this.layout;
    if (!L.records.length) return;
    const top = L.records[0]!;
    const bottom = L.records[L.records.length - 1]!;
    for (const m of this.merged) {
      if (m.bottom < top || m.top > bottom) continue;
      this.add(
        makeIssue(at(m.top, m.left), null, null, err('cell.merged', `记录区域中有合并单元格（${address(m.top, m.left)}:${address(m.bottom, m.right)}），请取消合并后逐行填写`), null),
      );
    }
  }
}

/** A table rule's fix from its plan: its patches, or only their number when there are more than a report lists. */
function fixOf(plan: TablePlan): Fix {
  return plan.count > plan.patches.length ? { patches: [], omittedPatches: plan.count } : { patches: plan.patches };
}

/**
 * A fix planned on first read, then kept (enumerable: JSON and comparisons see `patches`, and `omittedPatches` when
 * the plan is too large to list — undefined, so left out of JSON, otherwise). Only for plans that cannot refuse.
 */
function lazyFix(plan: () => TablePlan): Fix {
  let made: Fix | undefined;
  const fix = () => {
    if (made) return made;
    const p = plan();
    // mayRefuse said it could not: a refusal here is a bug of ours, said as one (never an empty fix passed off as one).
    if (p.refused !== null) throw new Error('a table plan refused although mayRefuse allowed it');
    return (made = fixOf(p));
  };
  return Object.defineProperties({} as Fix, {
    patches: { enumerable: true, get: () => fix().patches },
    omittedPatches: { enumerable: true, get: () => fix().omittedPatches },
  });
}

/** 第5、7、9行 — at most five rows named, then how many more. */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 5).join('、');
  return rows.length > 5 ? `第${shown}行等 ${rows.length} 行` : `第${shown}行`;
}

/** A cell's place for an issue: row, column and A1 address. */
export function at(row: number, col: number) {
  return { row, col, addr: address(row, col) };
}
