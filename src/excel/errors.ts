/**
 * Typed errors of the Excel adapter (ARCHITECTURE.md, Office.js rule 8): every failure of an Office.js call becomes
 * an `ExcelAdapterError` with a stable `code`, the operation that failed, and one Chinese sentence for the task
 * pane. Nothing is swallowed: every public function of `src/excel` either succeeds or throws one of these.
 *
 * Messages name a sheet at most, never a cell value (student data stays out of error text). `officeCode` and
 * `cause` keep the original `OfficeExtension.Error` (code, message, debugInfo) for debugging.
 */

export type AdapterErrorCode =
  /** ExcelApi 1.9 is missing: Excel 2016/2019 or an old build. */
  | 'unsupported-host'
  /** Not running inside Excel at all (no `Excel` global). */
  | 'no-excel'
  | 'sheet-not-found'
  /** The user is typing in a cell (InvalidOperationInCellEditMode). */
  | 'cell-edit-mode'
  /** Request or response above Excel on the web's 5 MB limit even after shrinking. */
  | 'payload-too-large'
  /** Protected sheet, read-only workbook, or no permission. */
  | 'access-denied'
  | 'merged-range'
  /** Excel is busy (Conflict, ActivityLimitReached, RequestAborted …). */
  | 'busy'
  /** Excel rejected an argument (InvalidArgument, InvalidReference …). */
  | 'invalid-request'
  /** The operation is not available in this Excel (ApiNotFound, NotImplemented, UnsupportedOperation …). */
  | 'unsupported-operation'
  /** The sheet cannot be edited through the API (chart sheet, dialog sheet). */
  | 'unsupported-sheet'
  /** mergeUndoGroup was refused because an operation cannot be undone (handled internally by retrying without). */
  | 'undo-group'
  /** A patch or snapshot names something that is not a cell, or a snapshot that does not fit the sheet. */
  | 'invalid-input'
  | 'open-workbook-failed'
  | 'excel-error'
  /** A bug of the add-in (a property read before load, an object used after its batch failed …). */
  | 'internal';

export type AdapterOperation =
  | 'list-sheets'
  | 'read'
  | 'highlight'
  | 'clear-highlights'
  | 'select'
  | 'snapshot'
  | 'apply'
  | 'restore'
  | 'open-workbook'
  | 'events'
  | 'requirements';

const OPERATION_LABEL: Record<AdapterOperation, string> = {
  'list-sheets': '读取工作表列表',
  read: '读取工作表',
  highlight: '标记问题单元格',
  'clear-highlights': '清除标记',
  select: '定位单元格',
  snapshot: '备份将要修改的单元格',
  apply: '写入修复',
  restore: '撤销修复',
  'open-workbook': '打开导出的工作簿',
  events: '监听表格修改',
  requirements: '检查 Excel 版本',
};

export interface AdapterErrorDetails {
  operation: AdapterOperation;
  /** The Office.js error code (`OfficeExtension.Error.code`), when there was one. */
  officeCode?: string;
  sheet?: string;
  cause?: unknown;
}

export class ExcelAdapterError extends Error {
  override readonly name = 'ExcelAdapterError';
  readonly code: AdapterErrorCode;
  readonly operation: AdapterOperation;
  readonly officeCode: string | undefined;
  readonly sheet: string | undefined;

  constructor(code: AdapterErrorCode, message: string, details: AdapterErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.operation = details.operation;
    this.officeCode = details.officeCode;
    this.sheet = details.sheet;
  }
}

/** The Office.js error code of anything thrown, if it has one (`OfficeExtension.Error` and look-alikes). */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

/** Whether Excel refused a request or response for its size (Excel on the web: 5 MB each way). */
export function isPayloadLimitError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** Whether `getRanges` (or another call) rejected an argument: used to retry with shorter address strings. */
export function isInvalidArgumentError(e: unknown): boolean {
  return officeErrorCode(e) === 'InvalidArgument';
}

export function isUndoNotSupportedError(e: unknown): boolean {
  return officeErrorCode(e) === 'UndoNotSupported';
}

function sheetPhrase(sheet: string | undefined): string {
  return sheet === undefined ? '工作表' : `工作表“${sheet}”`;
}

/** The Chinese sentence for a code (after the operation label). */
export function reasonFor(code: AdapterErrorCode, sheet?: string, officeCode?: string): string {
  switch (code) {
    case 'unsupported-host':
      return '当前 Excel 版本过旧，助手需要 ExcelApi 1.9 及以上（Microsoft 365、Office 2021/2024 或网页版 Excel）。请升级 Excel，或改用浏览器工作台处理文件。';
    case 'no-excel':
      return '没有在 Excel 中运行，无法操作当前工作簿。请在 Excel 中打开助手，或改用浏览器工作台。';
    case 'sheet-not-found':
      return `找不到${sheetPhrase(sheet)}，它可能已被重命名或删除。请重新选择工作表后再试。`;
    case 'cell-edit-mode':
      return 'Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。';
    case 'payload-too-large':
      return '数据量超出了 Excel 单次请求的上限（5 MB），已自动分块重试仍未成功。请减少选中的行或列后再试。';
    case 'access-denied':
      return `${sheetPhrase(sheet)}受保护或工作簿为只读，无法修改。请撤销工作表保护（审阅 → 撤销工作表保护）或另存一份后再试。`;
    case 'merged-range':
      return '要修改的单元格位于合并单元格中。请先取消合并后再试。';
    case 'busy':
      return 'Excel 正忙（可能正在计算、保存或有其他加载项在操作）。请稍候几秒再试。';
    case 'invalid-request':
      return 'Excel 拒绝了这次操作（参数无效）。请重新校验后再试；若反复出现，请把“查看详情”中的信息反馈给管理员。';
    case 'unsupported-operation':
      return '当前 Excel 不支持这项操作。请升级到最新版 Microsoft 365 或改用浏览器工作台。';
    case 'unsupported-sheet':
      return `${sheetPhrase(sheet)}不是普通工作表（例如图表工作表），无法处理。`;
    case 'undo-group':
      return 'Excel 无法把这次修改合并为一步撤销。';
    case 'invalid-input':
      return '要处理的单元格地址无效。请重新校验后再试。';
    case 'open-workbook-failed':
      return '无法在 Excel 中打开导出的工作簿，也无法下载。请改用浏览器工作台导出。';
    case 'excel-error':
      return `Excel 返回了错误${officeCode ? `（${officeCode}）` : ''}。请稍后重试；若反复出现，请重新打开工作簿。`;
    case 'internal':
      return '助手内部出错。请重新打开任务窗格后再试，并把“查看详情”中的信息反馈给管理员。';
  }
}

/** The full message: “<operation>失败：<reason>”. */
export function adapterMessage(code: AdapterErrorCode, operation: AdapterOperation, sheet?: string, officeCode?: string): string {
  return `${OPERATION_LABEL[operation]}失败：${reasonFor(code, sheet, officeCode)}`;
}

export function adapterError(
  code: AdapterErrorCode,
  operation: AdapterOperation,
  extra: { sheet?: string; officeCode?: string; cause?: unknown } = {},
): ExcelAdapterError {
  return new ExcelAdapterError(code, adapterMessage(code, operation, extra.sheet, extra.officeCode), {
    operation,
    ...extra,
  });
}

/** Office.js error codes (OfficeExtension.ErrorCodes, Excel.ErrorCodes) → adapter codes. */
const CODE_MAP: Record<string, AdapterErrorCode> = {
  ItemNotFound: 'sheet-not-found',
  InvalidOperationInCellEditMode: 'cell-edit-mode',
  RequestPayloadSizeLimitExceeded: 'payload-too-large',
  ResponsePayloadSizeLimitExceeded: 'payload-too-large',
  AccessDenied: 'access-denied',
  MergedRangeConflict: 'merged-range',
  Conflict: 'busy',
  ActivityLimitReached: 'busy',
  RequestAborted: 'busy',
  TooManyIncompleteRequests: 'busy',
  InvalidArgument: 'invalid-request',
  InvalidReference: 'invalid-request',
  InvalidSelection: 'invalid-request',
  InvalidOperation: 'invalid-request',
  InvalidBinding: 'invalid-request',
  ApiNotFound: 'unsupported-operation',
  NotImplemented: 'unsupported-operation',
  UnsupportedOperation: 'unsupported-operation',
  UnsupportedFeature: 'unsupported-operation',
  UnsupportedSheet: 'unsupported-sheet',
  UndoNotSupported: 'undo-group',
  PropertyNotLoaded: 'internal',
  ValueNotLoaded: 'internal',
  InvalidObjectPath: 'internal',
  InvalidRequestContext: 'internal',
  RunMustReturnPromise: 'internal',
};

/**
 * Map anything thrown during an operation to an `ExcelAdapterError` (an adapter error passes through unchanged).
 * Errors without an Office.js code are bugs of the add-in (`internal`), never silently dropped.
 */
export function toAdapterError(e: unknown, operation: AdapterOperation, sheet?: string): ExcelAdapterError {
  if (e instanceof ExcelAdapterError) return e;
  const officeCode = officeErrorCode(e);
  const code: AdapterErrorCode =
    officeCode === undefined ? 'internal' : (CODE_MAP[officeCode] ?? 'excel-error');
  // ItemNotFound outside a sheet lookup would be misleading as "sheet not found": only say so when we know the sheet.
  const finalCode = code === 'sheet-not-found' && sheet === undefined ? 'excel-error' : code;
  return adapterError(finalCode, operation, { sheet, officeCode, cause: e });
}
