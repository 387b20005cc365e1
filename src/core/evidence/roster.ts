/**
 * The roster rows the file checks need, read from an analysed sheet (withdrawal, correction) or, for graduation
 * photos, from any sheet with a 学号 (or 身份证号) column. Values are read cleaned the way the checker cleans them
 * (no spaces, half-width, numbers as text, look-alike dots as ·), so a file is matched against what the cell
 * should hold; the cell's own problems are `xueji check`'s business.
 */
import { isSubmission, type Cell, type RosterSheetInfo, type SheetInput, type TemplateId } from '../types';
import type { Profile } from '../profile/schema';
import type { SheetAnalysis } from '../engine/check';
import { prepareCell, type TextMode } from '../engine/prepare';
import { mapLabels, HEADER_SCAN_ROWS, type HeaderInfo } from '../engine/header';
import { locateRecords } from '../engine/records';
import { cellText } from '../engine/cell-text';
import { address } from '../engine/a1';
import { normaliseNameDots } from '../cells/name';
import { FIELD_LABEL, normaliseHeader, type CorrectionItem, type Field } from '../templates/fields';
import { isCorrection, TEMPLATE_SPECS } from '../templates/specs';
import { checkChangeType, checkItem, type ChangeType } from '../rules/correction';
import type { RowRef } from './report';

function read(sheet: SheetInput, row: number, col: number | undefined, mode: TextMode, label: string): { text: string; usable: boolean } {
  if (col === undefined) return { text: '', usable: false };
  const raw: Cell | undefined = sheet.rows[row - 1]?.[col];
  const p = prepareCell(raw, row, col, { mode, isCode: mode === 'code', label });
  return { text: p.fixed || p.text, usable: !p.unusable && !p.empty };
}

/**
 * A name as a file name carries it: NFC, like the names of the files walked (a compatibility ideograph such as
 * U+F900 would otherwise read "金金 与 金金 不一致"), with the name dots made one.
 */
function rosterName(text: string): string {
  return normaliseNameDots(text.normalize('NFC'));
}

/** A 身份证号 or 学号 as a file name carries it: digits, upper-case X. */
export function normaliseKey(text: string): string {
  return /^\d{17}[xX]$/.test(text) ? text.toUpperCase() : text;
}

function refOf(sheet: SheetInput, header: HeaderInfo, field: Field, row: number): RowRef {
  const col = header.fields.get(field)!;
  return { sheet: sheet.name, row, cell: address(row, col), column: header.labels[col] ?? FIELD_LABEL[field], field };
}

// ---------------------------------------------------------------- withdrawal (T2)

export interface WithdrawalRow {
  ref: RowRef;
  /** 学号全码; '' when the cell is empty or unreadable. */
  key: string;
  name: string;
  branch: string;
}

export function withdrawalRows(sheet: SheetInput, a: SheetAnalysis): WithdrawalRow[] {
  const h = a.header!;
  return a.rows.map(({ row, key }) => ({
    ref: refOf(sheet, h, 'studentId', row),
    key: normaliseKey(key),
    name: rosterName(read(sheet, row, h.fields.get('name'), 'compact', '姓名').text),
    branch: read(sheet, row, h.fields.get('branchName'), 'compact', '分部名称').text,
  }));
}

// ---------------------------------------------------------------- correction (T3)

export interface CorrectionChange {
  item: CorrectionItem;
  /** null when the row's 修改类型 is empty or unreadable. */
  changeType: ChangeType | null;
  oldValue: string;
  newValue: string;
}

export interface CorrectionRow {
  ref: RowRef;
  /** 学号 (新生/在籍生) or 注册证号 (毕业生); '' when unreadable. */
  key: string;
  name: string;
  changes: CorrectionChange[];
  graduate: boolean;
}

export function correctionRows(sheet: SheetInput, a: SheetAnalysis): CorrectionRow[] {
  const h = a.header!;
  const template = h.template;
  const keyField = TEMPLATE_SPECS[template].key;
  return a.rows.map(({ row, key }) => {
    const ct = read(sheet, row, h.fields.get('changeType'), 'compact', '修改类型');
    const changeType = ct.usable ? (checkChangeType(ct.text).parsed ?? null) : null;
    const changes: CorrectionChange[] = [];
    const itemCol = h.fields.get('item');
    if (itemCol !== undefined) {
      const it = read(sheet, row, itemCol, 'compact', '修改项目');
      const item = it.usable ? checkItem(it.text, template).parsed : undefined;
      if (item) {
        changes.push({
          item,
          changeType,
          oldValue: read(sheet, row, h.fields.get('oldValue'), 'text', '原信息').text,
          newValue: read(sheet, row, h.fields.get('newValue'), 'text', '修改后信息').text,
        });
      }
    }
    const pairs = new Map<CorrectionItem, { old: string; new: string }>();
    for (const w of h.wide) {
      const v = cellText(sheet.rows[row - 1]?.[w.col]).trim();
      const p = pairs.get(w.item) ?? { old: '', new: '' };
      p[w.side] = v;
      pairs.set(w.item, p);
    }
    for (const [item, p] of pairs) {
      if (!p.old && !p.new) continue;
      if (!checkItem(item, template).parsed) continue;
      changes.push({ item, changeType, oldValue: p.old, newValue: p.new });
    }
    return {
      ref: refOf(sheet, h, keyField, row),
      key: normaliseKey(key),
      name: rosterName(read(sheet, row, h.fields.get('name'), 'compact', '姓名').text),
      changes,
      graduate: template === 'correction-graduate',
    };
  });
}

// ---------------------------------------------------------------- the roster of a files check

export type EvidenceRoster =
  | { kind: 'withdrawal'; sheets: RosterSheetInfo[]; rows: WithdrawalRow[] }
  | { kind: 'correction'; template: TemplateId; sheets: RosterSheetInfo[]; rows: CorrectionRow[] };

/**
 * The rows `xueji files` checks against: every sheet of the first recognised family (withdrawal rosters, or
 * correction sheets — a workbook may hold the 新生, 在籍生 and 毕业生 variants side by side). Null when no sheet is
 * either. Exemption sheets need no files.
 */
export function evidenceRoster(sheets: readonly SheetInput[], analyses: readonly SheetAnalysis[]): EvidenceRoster | null {
  // 免考信息表 need no files; the pre-check's student list is checked against photos by `precheck --photos`.
  const matched = analyses.filter((a) => a.header && a.report.template && a.report.template !== 'exemption' && isSubmission(a.report.template));
  if (!matched.length) return null;
  const first = matched[0]!.report.template!;
  const family = matched.filter((a) => isCorrection(a.report.template!) === isCorrection(first));
  const info = family.map((a) => ({
    sheet: a.report.sheet,
    template: a.report.template!,
    headerRow: a.report.headerRow!,
    records: a.report.records,
  }));
  const sheetOf = (a: SheetAnalysis) => sheets.find((s) => s.name === a.report.sheet)!;
  if (isCorrection(first)) {
    return { kind: 'correction', template: first, sheets: info, rows: family.flatMap((a) => correctionRows(sheetOf(a), a)) };
  }
  return { kind: 'withdrawal', sheets: info, rows: family.flatMap((a) => withdrawalRows(sheetOf(a), a)) };
}

// ---------------------------------------------------------------- graduation photos

export interface PhotoRow {
  ref: RowRef;
  /** 学号 or 身份证号 (upper-case X), per the profile; '' when the cell is empty or unreadable. */
  key: string;
  /** 学籍状态 as written (cleaned); null when the roster has no such column. */
  status: string | null;
  name: string | null;
  /** Both identifiers, when the roster has their columns ('' otherwise): `photos --fix` takes sources named by either. */
  studentId: string;
  idCard: string;
}

export interface PhotoRoster {
  sheet: RosterSheetInfo;
  keyField: 'studentId' | 'idCard';
  hasStatus: boolean;
  rows: PhotoRow[];
}

/**
 * The first sheet with the naming column (学号, or 身份证号 when photos are named by it): its header row is the
 * first of the first 20 rows that holds that column; records run to a footer row (经办人 …) or the end, blank
 * rows skipped. Null when no sheet has the column.
 */
export function photoRoster(sheets: readonly SheetInput[], profile: Profile): PhotoRoster | null {
  const keyField = profile.photos.nameBy;
  for (const sheet of sheets) {
    const limit = Math.min(HEADER_SCAN_ROWS, sheet.rows.length);
    for (let r = 0; r < limit; r++) {
      const labels = (sheet.rows[r] ?? []).map((c) => cellText(c).trim());
      const m = mapLabels(labels);
      if (!m.fields.has(keyField)) continue;
      // The record layout of a roster ends like a withdrawal roster's: at a 经办人/备注 … row or the end.
      const header: HeaderInfo = { ...m, template: 'withdrawal', firstRow: r + 1, headerRow: r + 1, clues: '' };
      const layout = locateRecords(sheet, header, profile);
      const keyLabel = keyField === 'idCard' ? '身份证号' : '学号';
      const rows: PhotoRow[] = layout.records.map((row) => {
        const k = read(sheet, row, m.fields.get(keyField), 'code', keyLabel);
        const st = m.fields.has('status') ? read(sheet, row, m.fields.get('status'), 'compact', '学籍状态').text : null;
        const nm = m.fields.has('name') ? rosterName(read(sheet, row, m.fields.get('name'), 'compact', '姓名').text) : null;
        const id = (field: 'studentId' | 'idCard', label: string) => {
          const v = read(sheet, row, m.fields.get(field), 'code', label);
          return v.usable ? normaliseKey(v.text) : '';
        };
        return {
          ref: refOf(sheet, header, keyField, row),
          key: k.usable ? normaliseKey(k.text) : '',
          status: st,
          name: nm,
          studentId: id('studentId', '学号'),
          idCard: id('idCard', '身份证号'),
        };
      });
      return {
        sheet: { sheet: sheet.name, template: 'graduation-photos', headerRow: r + 1, records: rows.length },
        keyField,
        hasStatus: m.fields.has('status'),
        rows,
      };
    }
  }
  return null;
}

/** Whether a 学籍状态 lets the student into the batch (seed 002: only 在籍); blank counts as 在籍. */
export function isEnrolled(status: string | null, profile: Profile): boolean {
  if (status === null || status === '') return true;
  const s = normaliseHeader(status);
  return profile.photos.enrolledStatuses.some((e) => normaliseHeader(e) === s);
}
