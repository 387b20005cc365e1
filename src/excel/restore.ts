/**
 * 撤销: put back exactly what a snapshot holds (ARCHITECTURE.md, Office.js rule 5). Add-in edits may clear Excel's
 * own undo stack (every build before ExcelApi 1.20), so the task pane's 撤销 never relies on it: it writes the
 * snapshot's values, formulas and number formats back with the same three-step writer as a fix (text entered
 * under `@` first, then the original format), then renames the sheet back if the fix renamed it.
 */
/// <reference types="office-js" />
import { renameSheet, statesToWrites, writeCells, type ExcelSnapshot, type WriteStats } from './write';

/** Restore a snapshot taken by `applyPatches` (or any port snapshot: cells without the extra fields are constants). */
export async function restoreSnapshot(context: Excel.RequestContext, snapshot: ExcelSnapshot): Promise<WriteStats> {
  const writes = statesToWrites(snapshot.cells);
  const stats = await writeCells(context, snapshot.sheet, writes);
  if (snapshot.renamedFrom !== undefined && snapshot.renamedFrom !== snapshot.sheet) {
    await renameSheet(context, snapshot.sheet, snapshot.renamedFrom);
  }
  return stats;
}
