/**
 * 汇总 (DOMAIN.md §3): the same template from many 学习中心 becomes one submission — every record once, sorted by the
 * template's key, 序号 renumbered, one terminator / signature row — written by the export builder (export/build.ts), so
 * it is in the profile's layout and print-ready like any export.
 *
 * Every issue of the submission names the file, sheet and row it comes from (types.ts `MergeIssue`):
 * - what each input's own check left after its fixes (as `xueji export` of that file would list it);
 * - a record whose identity (mergeFacts: 学号; 学号 + 科目; 学号 + 修改项目) an earlier input sheet already has:
 *   `row.duplicate`, naming both files and rows;
 * - whatever else the check of the merged file finds that no input had on its own — the rules across rows meeting
 *   records of different centres (双改 split over two files, two 分部 in one roster) — traced back to its input row.
 */
import type { Issue, TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { Ymd } from '../cells/dates';
import { address, parseAddress } from '../engine/a1';
import { analyseSheet } from '../engine/check';
import { issueOrder } from '../engine/issue';
import { buildExportWorkbook, exportSheetToInput } from '../export/build';
import { resolveLayout, type ResolvedLayout } from '../export/layouts';
import { stableSortByKey } from '../export/records';
import type { ExportRecord, ExportValue, ExportWorkbook, SheetExport } from '../export/types';
import { FIELD_LABEL, type Field } from '../templates/fields';
import { templateOf } from '../templates/registry';
import { mergeFacts, type MergeFacts } from './template';
import type { MergedSubmission, MergeIssue, MergeOutcome, MergeRefusal, PreparedSource, SourceRef, SourceSheet } from './types';

export interface MergeOptions {
  reportDate: Ymd;
  /** The template every input was read as (`--template`); else each is recognised and the first one's is taken. */
  template?: TemplateId;
}

function templateLabel(t: TemplateId): string {
  return `${templateOf(t).title}（${t}）`;
}

/** How many inputs a message names per template before it says "等 N 个". */
const NAMED_PER_GROUP = 3;

/** Why these inputs make no single submission, or null when they do. */
function refusal(sources: readonly PreparedSource[], profile: Profile, options: MergeOptions): MergeRefusal | null {
  const empty = sources.find((s) => s.sheets.length === 0);
  const read = empty?.skipped.find((k) => k.template);
  if (empty && read?.template) {
    // The pre-check's student list (DOMAIN.md §3 T5) is read, never handed in: there is no submission to merge it into.
    const message = `文件“${empty.file}”是${templateLabel(read.template)}，无法汇总：${read.reason}`;
    return { kind: 'not-submitted', file: empty.file, template: read.template, message };
  }
  if (empty) {
    const what = options.template
      ? `${templateLabel(options.template)}的表头`
      : '可识别的表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表）';
    return { kind: 'no-template', file: empty.file, message: `文件“${empty.file}”中没有${what}，无法汇总` };
  }
  const groups: { template: TemplateId; sheets: { file: string; sheet: string }[] }[] = [];
  for (const src of sources) {
    for (const s of src.sheets) {
      const t = s.prepared.template;
      let g = groups.find((x) => x.template === t);
      if (!g) groups.push((g = { template: t, sheets: [] }));
      g.sheets.push({ file: s.file, sheet: s.sheet });
    }
  }
  if (groups.length > 1) {
    const several = new Set(sources.filter((s) => s.sheets.length > 1).map((s) => s.file));
    const where = (x: { file: string; sheet: string }) => (several.has(x.file) ? `${x.file}「${x.sheet}」` : x.file);
    const parts = groups.map((g) => {
      const named = g.sheets.slice(0, NAMED_PER_GROUP).map(where).join('、');
      const more = g.sheets.length > NAMED_PER_GROUP ? ` 等 ${g.sheets.length} 个` : '';
      return `${named}${more} 是${templateLabel(g.template)}`;
    });
    return { kind: 'mixed-templates', groups, message: `所给文件不是同一种表格，不能汇总成一份：${parts.join('；')}。请把同一种表格的文件分别汇总` };
  }
  const records = sources.reduce((n, src) => n + src.sheets.reduce((k, s) => k + s.prepared.records.length, 0), 0);
  const limit = profile.limits.fixMaxRows;
  if (records > limit) {
    return {
      kind: 'too-many-rows',
      records,
      limit,
      message: `汇总后共 ${records.toLocaleString('en-US')} 行记录，超过了处理上限 ${limit.toLocaleString('en-US')} 行（配置项 limits.fixMaxRows），请分批汇总，或在配置文件中调高 limits.fixMaxRows`,
    };
  }
  return null;
}

function valueText(v: ExportValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? v.error : String(v);
}

/** "A.xlsx 工作表「退学」第5行". */
export function sourceLabel(r: { file: string; sheet: string; sourceRow: number }): string {
  return `${r.file} 工作表「${r.sheet}」第${r.sourceRow}行`;
}

/** Where the merged file's records come from, and where a field of a record is, in the merged file and in its input. */
class Provenance {
  /** Merged column (0-based) of each field the layout writes. */
  private readonly columnOf = new Map<Field, number>();
  /** Per input sheet: its rows → the indices of the merged records they gave. */
  private readonly byRow: Map<number, number[]>[];

  constructor(
    readonly sheets: readonly SourceSheet[],
    readonly records: readonly ExportRecord[],
    /** The input sheet (index into `sheets`) of each merged record. */
    readonly sheetOf: readonly number[],
    readonly firstRow: number,
    readonly layout: ResolvedLayout,
  ) {
    layout.columns.forEach((c, i) => {
      if (!this.columnOf.has(c.field)) this.columnOf.set(c.field, i);
    });
    this.byRow = sheets.map(() => new Map());
    records.forEach((r, i) => {
      const m = this.byRow[sheetOf[i]!]!;
      const list = m.get(r.sourceRow);
      if (list) list.push(i);
      else m.set(r.sourceRow, [i]);
    });
  }

  /** The merged record a row of an input gave: for a wide correction row, the one of the item in `cell`'s column. */
  indexOf(k: number, sourceRow: number, cell: string | null): number | undefined {
    const list = this.byRow[k]!.get(sourceRow);
    if (!list) return undefined;
    const wide = this.sheets[k]!.columns.wide;
    if (list.length > 1 && cell !== null && wide.length) {
      const col = parseAddress(cell).col;
      const item = wide.find((w) => w.col === col)?.item;
      const hit = item === undefined ? undefined : list.find((i) => this.records[i]!.values.item === item);
      if (hit !== undefined) return hit;
    }
    return list[0];
  }

  /** The merged cell of a field of record `i`, with its header text; null when the layout has no such column. */
  mergedCell(i: number, field: string | null): { cell: string; column: string } | null {
    const col = field === null ? undefined : this.columnOf.get(field as Field);
    if (col === undefined) return null;
    return { cell: address(this.firstRow + i, col), column: this.layout.columns[col]!.header };
  }

  /** The input cell of a field of record `i`, when its sheet has that column (the wide layout: the item's 原 / 新). */
  sourceCell(i: number, field: string | null): string | null {
    if (field === null) return null;
    const s = this.sheets[this.sheetOf[i]!]!;
    const rec = this.records[i]!;
    const col = s.columns.fields.get(field as Field);
    if (col !== undefined) return address(rec.sourceRow, col);
    const side = field === 'oldValue' ? 'old' : field === 'newValue' || field === 'item' ? 'new' : null;
    const w = side === null ? undefined : s.columns.wide.find((x) => x.side === side && x.item === rec.values.item);
    return w === undefined ? null : address(rec.sourceRow, w.col);
  }

  ref(i: number, field: string | null): SourceRef {
    const s = this.sheets[this.sheetOf[i]!]!;
    return { file: s.file, sheet: s.sheet, sourceRow: this.records[i]!.sourceRow, sourceCell: this.sourceCell(i, field), row: this.firstRow + i };
  }

  /** An issue at merged record `i` (null: none), told from the input's side too. */
  issueAt(i: number | undefined, k: number, base: Issue, sourceRow: number | null, sourceCell: string | null): MergeIssue {
    const s = this.sheets[k]!;
    const at = i === undefined ? null : this.mergedCell(i, base.field);
    return {
      ...base,
      cell: at?.cell ?? null,
      row: i === undefined ? null : this.firstRow + i,
      column: at?.column ?? null,
      file: s.file,
      sheet: s.sheet,
      sourceRow,
      sourceCell,
    };
  }
}

/** A record's identity for `row.duplicate` (the key and the template's identity fields); null without a key. */
function identityOf(rec: ExportRecord, facts: MergeFacts): string | null {
  if (!rec.key) return null;
  let id = rec.key;
  for (const f of facts.identity) id += `\u0000${valueText(rec.values[f])}`;
  return id;
}

/**
 * A record whose identity an earlier input sheet has: `row.duplicate` on its key cell, naming both. Duplicates within
 * one input sheet were reported by that sheet's own check (on the later row), so they are not reported again.
 */
function duplicates(p: Provenance, facts: MergeFacts): MergeIssue[] {
  const seen = new Map<string, { first: number; sheets: Set<number> }>();
  const out: MergeIssue[] = [];
  p.records.forEach((rec, i) => {
    const id = identityOf(rec, facts);
    if (id === null) return;
    const k = p.sheetOf[i]!;
    const before = seen.get(id);
    if (!before) {
      seen.set(id, { first: i, sheets: new Set([k]) });
      return;
    }
    if (before.sheets.has(k)) return;
    before.sheets.add(k);
    const first = p.ref(before.first, facts.key);
    const here = p.ref(i, facts.key);
    const shown = [rec.key, ...facts.identity.map((f) => valueText(rec.values[f])).filter((t) => t !== '')].join('，');
    const base: Issue = {
      cell: null,
      row: null,
      column: null,
      field: facts.key,
      rule: 'row.duplicate',
      severity: 'error',
      message: `${facts.duplicateWhat}重复出现（${shown}）：${sourceLabel(first)} 和 ${sourceLabel(here)}，汇总文件中只能保留一行，请从其中一个文件中删除`,
      fix: null,
    };
    out.push({ ...p.issueAt(i, k, base, rec.sourceRow, here.sourceCell), related: [first] });
  });
  return out;
}

/** How many other rows a message names before it says "等". */
const NAMED_RELATED = 5;

/**
 * The check of the merged file itself, each issue told from the input row it comes from; what an input's own check or
 * the duplicates above already said of that row (same rule) is not said again. An issue about a student whose records
 * come from several inputs names the others (`related`): 双改 split over two centres' files says where the other half is.
 */
function mergedFileIssues(p: Provenance, book: ExportWorkbook, facts: MergeFacts, profile: Profile, options: MergeOptions, known: Set<string>): MergeIssue[] {
  const input = exportSheetToInput(book.sheets[0]!);
  const analysis = analyseSheet(input, profile, { reportDate: options.reportDate, template: facts.template, issueLimit: Number.POSITIVE_INFINITY, keepFixes: false });
  let byKey: Map<string, number[]> | null = null;
  const out: MergeIssue[] = [];
  for (const issue of analysis.report.issues) {
    const i = issue.row === null ? -1 : issue.row - p.firstRow;
    if (i < 0 || i >= p.records.length) {
      // Not about a record (the layout itself): said as it is, from no input.
      out.push({ ...issue, file: null, sheet: null, sourceRow: null, sourceCell: null });
      continue;
    }
    const k = p.sheetOf[i]!;
    const rec = p.records[i]!;
    const seenKey = `${k}:${rec.sourceRow}:${issue.rule}`;
    if (known.has(seenKey)) continue;
    known.add(seenKey);
    const item: MergeIssue = { ...issue, file: p.sheets[k]!.file, sheet: p.sheets[k]!.sheet, sourceRow: rec.sourceRow, sourceCell: p.sourceCell(i, issue.field) };
    if (rec.key) {
      byKey ??= indexByKey(p.records);
      const others = byKey.get(rec.key)!.filter((j) => p.sheetOf[j] !== k);
      if (others.length) {
        item.related = others.map((j) => p.ref(j, facts.key));
        const named = item.related.slice(0, NAMED_RELATED).map(sourceLabel).join('、');
        item.message += `（该生在其他文件中的记录：${named}${others.length > NAMED_RELATED ? ` 等 ${others.length} 行` : ''}）`;
      }
    }
    out.push(item);
  }
  return out;
}

function indexByKey(records: readonly ExportRecord[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!r.key) return;
    const list = m.get(r.key);
    if (list) list.push(i);
    else m.set(r.key, [i]);
  });
  return m;
}

/**
 * The inputs (each read by `prepareSource`, in the order given) as one submission, or why they cannot be one. The
 * template is the first input's (every input must be it); the layout is the profile's for it.
 */
export function mergeSources(sources: readonly PreparedSource[], profile: Profile, options: MergeOptions): MergeOutcome {
  const refused = refusal(sources, profile, options);
  if (refused) return { kind: 'refused', refusal: refused };
  const sheets = sources.flatMap((s) => s.sheets);
  const template = sheets[0]!.prepared.template;
  const facts = mergeFacts(template);
  const { merged, sheetOf } = combineRecords(sheets, profile, facts);
  const records = merged.records;
  const book = buildExportWorkbook(merged, profile, { reportDate: options.reportDate });
  const p = new Provenance(sheets, records, sheetOf, book.firstRecordRow, resolveLayout(profile, template));
  const issues = mergeIssues(p, sheets, book, facts, profile, options);

  let errors = 0;
  let fixable = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    if (i.fix) fixable++;
  }
  const origins = records.map((r, i) => ({ file: sheets[sheetOf[i]!]!.file, sheet: sheets[sheetOf[i]!]!.sheet, sourceRow: r.sourceRow }));
  return {
    kind: 'merged',
    template,
    merged,
    book,
    origins,
    report: {
      file: book.fileName,
      output: null,
      template,
      sources: sheets.map((s) => ({
        file: s.file,
        sheet: s.sheet,
        template: s.prepared.template,
        headerRow: s.headerRow,
        records: s.prepared.records.length,
        fixed: s.prepared.fixed,
      })),
      skipped: sources.flatMap((src) => src.skipped.map((x) => ({ file: src.file, sheet: x.sheet, reason: x.reason }))),
      sheets: [{ sheet: book.sheets[0]!.name, template, headerRow: book.firstRecordRow - 1, records: records.length, issues }],
      summary: { errors, warnings: issues.length - errors, fixable },
    },
  };
}

/**
 * Every input sheet's records as one export: in input order, then sorted as the template is (stable: one key's records
 * keep the order of the inputs); `sheetOf[i]` is the input sheet of merged record i.
 */
function combineRecords(
  sheets: readonly SourceSheet[],
  profile: Profile,
  facts: MergeFacts,
): { merged: SheetExport; sheetOf: number[] } {
  const all: ExportRecord[] = [];
  const from = new Map<ExportRecord, number>();
  sheets.forEach((s, k) => {
    for (const r of s.prepared.records) {
      all.push(r);
      from.set(r, k);
    }
  });
  const records = facts.sorted(profile) ? stableSortByKey(all) : all;
  const branchNames: string[] = [];
  for (const r of records) {
    const b = r.values.branchName;
    if (typeof b === 'string' && b && !branchNames.includes(b)) branchNames.push(b);
  }
  const merged: SheetExport = {
    sheet: sheets[0]!.sheet,
    template: facts.template,
    records,
    fields: new Set(sheets.flatMap((s) => [...s.prepared.fields])),
    errors: [],
    warnings: [],
    fixed: sheets.reduce((n, s) => n + s.prepared.fixed, 0),
    branchNames,
  };
  return { merged, sheetOf: records.map((r) => from.get(r)!) };
}

/** The inputs' own issues traced to the merged file, the cross-file duplicates and the merged file's own, in place order. */
function mergeIssues(
  p: Provenance,
  sheets: readonly SourceSheet[],
  book: ExportWorkbook,
  facts: MergeFacts,
  profile: Profile,
  options: MergeOptions,
): MergeIssue[] {
  const issues: MergeIssue[] = [];
  const known = new Set<string>();
  sheets.forEach((s, k) => {
    for (const issue of [...s.prepared.errors, ...s.prepared.warnings]) {
      const i = issue.row === null ? undefined : p.indexOf(k, issue.row, issue.cell);
      issues.push(p.issueAt(i, k, { ...issue, fix: null }, issue.row, issue.cell));
      if (i !== undefined) known.add(`${k}:${p.records[i]!.sourceRow}:${issue.rule}`);
    }
  });
  for (const d of duplicates(p, facts)) {
    issues.push(d);
    known.add(`${p.sheetOf[d.row! - p.firstRow]}:${d.sourceRow}:${d.rule}`);
  }
  issues.push(...mergedFileIssues(p, book, facts, profile, options, known));
  return issues.sort(issueOrder);
}

/** "7 行记录（按学号升序，序号 1–7，最后一行“经办人：”）": what the merged file holds, in the profile's layout. */
export function mergeStory(m: MergedSubmission, profile: Profile): string {
  const layout = resolveLayout(profile, m.template);
  const facts = mergeFacts(m.template);
  const n = m.merged.records.length;
  const order = facts.sorted(profile) ? `按${FIELD_LABEL[facts.key]}升序` : '按所给文件的顺序';
  const seq = n > 0 && layout.columns.some((c) => c.field === 'seq') ? `，序号 1–${n}` : '';
  return `${n} 行记录（${order}${seq}，最后一行“${layout.marker.text}”）`;
}
