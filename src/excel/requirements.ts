/**
 * Which Excel API sets this Excel offers (ARCHITECTURE.md, Office.js rules 0–1). The manifest asks only for
 * ExcelApi 1.1 so that old Excel still opens the pane and hears why it cannot work; ExcelApi 1.9 (RangeAreas,
 * conditional formats on them, getSpecialCells, suspendScreenUpdatingUntilNextSync) is required here at run time.
 * Newer sets are detected with `Office.context.requirements.isSetSupported` and used where they help:
 *
 * | set  | used for |
 * |------|----------|
 * | 1.13 | `Range.getMergedAreasOrNullObject` — merged cells in the records (`cell.merged`); without it merges are not read |
 * | 1.14 | `WorksheetChangedEventArgs.triggerSource` — tells the add-in's own writes from the user's |
 * | 1.20 | `Excel.run({ mergeUndoGroup: true })` — one fix is one step of Excel's own undo |
 * | 1.12 | detected and reported only: nothing in 1.12 makes reading, marking or writing better here |
 */
/// <reference types="office-js" />
import { adapterError } from './errors';

export type IsSetSupported = (name: string, version: string) => boolean;

export interface Capabilities {
  /** ExcelApi 1.9: required. */
  api19: boolean;
  api112: boolean;
  /** ExcelApi 1.13: `getMergedAreasOrNullObject`. */
  mergedAreas: boolean;
  /** ExcelApi 1.14: `triggerSource` on change events. */
  triggerSource: boolean;
  /** ExcelApi 1.20: `mergeUndoGroup`. */
  mergeUndoGroup: boolean;
  /** ExcelApi 1.8: `Excel.createWorkbook` (always true where 1.9 is). */
  createWorkbook: boolean;
}

export const REQUIRED_EXCEL_API = '1.9';

/** `Office.context.requirements.isSetSupported`, read lazily; answers false outside Office. */
export function officeIsSetSupported(): IsSetSupported {
  return (name, version) => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    const req = office?.context?.requirements;
    return req !== undefined && req.isSetSupported(name, version);
  };
}

export function detectCapabilities(isSetSupported: IsSetSupported = officeIsSetSupported()): Capabilities {
  const has = (v: string): boolean => {
    try {
      return isSetSupported('ExcelApi', v);
    } catch {
      // isSetSupported itself failing means the host cannot tell: treat the set as absent (the safe side).
      return false;
    }
  };
  return {
    api19: has('1.9'),
    api112: has('1.12'),
    mergedAreas: has('1.13'),
    triggerSource: has('1.14'),
    mergeUndoGroup: has('1.20'),
    createWorkbook: has('1.8'),
  };
}

/** Throw the typed, Chinese `unsupported-host` error unless ExcelApi 1.9 is there. */
export function assertSupported(caps: Capabilities): void {
  if (!caps.api19) throw adapterError('unsupported-host', 'requirements');
}
