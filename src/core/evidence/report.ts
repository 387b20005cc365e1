/**
 * Building the report of `xueji files` / `xueji photos` (DOMAIN.md §6 with `files` in place of `sheets`): one entry
 * per file or folder looked at, or expected and absent; every issue carries its `path` and, when it belongs to a
 * roster row, that row's `sheet`/`row`/`cell`.
 */
import type { FileEntryReport, FileIssue, FilesReport, FilesTemplate, RosterSheetInfo, Summary } from '../types';
import type { IssueDraft } from '../engine/issue';
import type { InspectedFile } from './types';

/** Where a roster row is: the key cell the user must look at. */
export interface RowRef {
  sheet: string;
  row: number;
  /** A1 address of the row's key cell (学号, 注册证号 or 身份证号). */
  cell: string;
  /** The user's header text of that column. */
  column: string | null;
  field: string;
}

export class EntryBook {
  private readonly entries = new Map<string, FileEntryReport>();

  /** The entry of an inspected file (created on first use). */
  file(f: InspectedFile, ref: RowRef | null = null): FileEntryReport {
    const e = this.get(f.path, 'file', true);
    e.size = f.size;
    e.type = f.type;
    e.width = f.width;
    e.height = f.height;
    if (ref && e.row === null) e.row = ref.row;
    return e;
  }

  directory(path: string, ref: RowRef | null = null, exists = true): FileEntryReport {
    const e = this.get(path, 'directory', exists);
    if (ref && e.row === null) e.row = ref.row;
    return e;
  }

  /** A file that should exist and does not. */
  missingFile(path: string, ref: RowRef | null): FileEntryReport {
    const e = this.get(path, 'file', false);
    if (ref && e.row === null) e.row = ref.row;
    return e;
  }

  issue(entry: FileEntryReport, ref: RowRef | null, d: IssueDraft): void {
    const issue: FileIssue = {
      cell: ref ? ref.cell : null,
      row: ref ? ref.row : null,
      column: ref ? ref.column : null,
      field: ref ? ref.field : null,
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      fix: null,
      path: entry.path,
      sheet: ref ? ref.sheet : null,
    };
    entry.issues.push(issue);
  }

  /** Entries by roster row (rows first), then by path. */
  list(): FileEntryReport[] {
    return [...this.entries.values()].sort(
      (a, b) => (a.row ?? Infinity) - (b.row ?? Infinity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  }

  private get(path: string, kind: 'file' | 'directory', exists: boolean): FileEntryReport {
    let e = this.entries.get(path);
    if (!e) {
      e = { path, kind, exists, size: null, type: null, width: null, height: null, row: null, issues: [] };
      this.entries.set(path, e);
    }
    return e;
  }
}

export function summariseFiles(files: readonly FileEntryReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const i of f.issues) {
      if (i.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings, fixable: 0 };
}

export interface ReportMeta {
  /** The roster's base name. */
  file: string;
  /** The folder's base name. */
  folder: string;
}

export function filesReport(meta: ReportMeta, template: FilesTemplate, roster: RosterSheetInfo[], book: EntryBook): FilesReport {
  const files = book.list();
  return { file: meta.file, folder: meta.folder, template, roster, files, summary: summariseFiles(files) };
}

/** 12,345,678 字节（约 12.3 MB）: exact bytes and the conservative unit (1 MB = 1,000,000 bytes). */
export function formatBytes(n: number): string {
  const exact = `${n.toLocaleString('en-US')} 字节`;
  if (n >= 1_000_000) return `${exact}（约 ${(n / 1_000_000).toFixed(1)} MB）`;
  if (n >= 1_000) return `${exact}（约 ${(n / 1_000).toFixed(1)} KB）`;
  return exact;
}

/** 10 MB, 50 KB, 1234 字节: a limit as registrars read it (conservative units). */
export function formatLimit(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000} MB（${n.toLocaleString('en-US')} 字节）`;
  if (n % 1_000 === 0) return `${n / 1_000} KB（${n.toLocaleString('en-US')} 字节）`;
  return `${n.toLocaleString('en-US')} 字节`;
}
