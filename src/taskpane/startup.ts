/**
 * Which screen the pane shows once office.js is ready: the app inside Excel with ExcelApi 1.9, otherwise a Chinese
 * explanation (ARCHITECTURE.md, Office.js rules 0–1). Kept apart from index.tsx so it is tested without Office.
 */
import type { Unsupported } from './components/NotSupported';

/** The ExcelApi set the pane needs (RangeAreas, conditional formats on them, suspendScreenUpdatingUntilNextSync). */
export const REQUIRED_EXCEL_API = '1.9';

export interface OfficeLike {
  HostType?: { Excel?: unknown };
  context?: { requirements?: { isSetSupported?: (name: string, version?: string) => boolean } };
}

export type Screen = { kind: 'app' } | { kind: 'unsupported'; why: Unsupported };

export function chooseScreen(office: OfficeLike | undefined, info: { host?: unknown } | undefined): Screen {
  if (!office) return { kind: 'unsupported', why: 'no-office' };
  const excel = office.HostType?.Excel ?? 'Excel';
  if (!info || info.host !== excel) return { kind: 'unsupported', why: 'not-excel' };
  const isSetSupported = office.context?.requirements?.isSetSupported;
  // A host that cannot answer is given the benefit of the doubt: the port reports what it cannot do.
  if (typeof isSetSupported === 'function' && !isSetSupported.call(office.context!.requirements, 'ExcelApi', REQUIRED_EXCEL_API)) {
    return { kind: 'unsupported', why: 'old-excel' };
  }
  return { kind: 'app' };
}
