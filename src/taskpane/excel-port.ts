/**
 * The one place the pane meets src/excel: the Excel adapter's WorkbookPort, with its out-of-band errors routed to
 * the pane. The app itself never imports src/excel (it runs over any port: the browser workbench brings its own).
 */
import type { WorkbookPort } from '../core/port';
import { createExcelPort } from '../excel';
import type { PortErrorChannel } from './port-errors';

export function createPort(errors: PortErrorChannel): WorkbookPort {
  return createExcelPort({
    // A change event the adapter could not handle: the live re-check may have missed edits (重新校验 is there).
    onEventError: (e) => errors.emit(e, 'subscribe'),
    // Excel.createWorkbook failed and the file was offered as a download instead: said, not hidden.
    onOpenFailed: (e) => errors.emit(e, 'export'),
  });
}
