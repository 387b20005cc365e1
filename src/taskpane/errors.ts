/**
 * Every error the pane shows is a `PaneError`: typed (a stable `code`), in Chinese, and tied to the action that
 * failed. Errors from the port (Office.js inside Excel, ExcelJS in the workbench) are wrapped, never swallowed
 * (ARCHITECTURE.md, Office.js rule 8). Nothing here logs: a message can name a sheet, and a sheet can hold students.
 */

/** What the pane was doing when something failed. */
export type PaneAction =
  | 'start'
  | 'list'
  | 'read'
  | 'analyse'
  | 'highlight'
  | 'clear-highlight'
  | 'select'
  | 'apply'
  | 'restore'
  | 'export'
  | 'subscribe'
  | 'render'
  | 'other';

export const ACTION_LABEL: Readonly<Record<PaneAction, string>> = {
  start: '启动任务窗格',
  list: '获取工作表列表',
  read: '读取工作表',
  analyse: '分析表格',
  highlight: '标记有问题的单元格',
  'clear-highlight': '清除标记',
  select: '定位单元格',
  apply: '写入修复',
  restore: '撤销修复',
  export: '导出',
  subscribe: '监听表格修改',
  render: '显示任务窗格',
  other: '操作',
};

export type PaneErrorCode =
  /** The port (Excel or the workbench) rejected a call. */
  | 'port'
  /** The exporter is not there yet (src/core/export, src/files/export-xlsx). */
  | 'export-not-ready'
  /** Something the pane did not expect (a bug): still shown, never hidden. */
  | 'unexpected';

export class PaneError extends Error {
  override readonly name = 'PaneError';
  constructor(
    readonly code: PaneErrorCode,
    message: string,
    readonly action: PaneAction,
    /** The original error's code and text (often English, from Office.js), for whoever helps the registrar. */
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

/** Office.js error codes (OfficeExtension.ErrorCodes / Excel.ErrorCodes) in words a registrar understands. */
const OFFICE_CODE_TEXT: Readonly<Record<string, string>> = {
  AccessDenied: '没有权限修改（工作表可能受保护，或工作簿以只读方式打开）',
  ActivityLimitReached: 'Excel 暂时繁忙，请稍后再试',
  ApiNotFound: '此版本的 Excel 不支持所需的功能，请升级到 Microsoft 365 或 Office 2021 及以上版本',
  Conflict: '工作簿正被其他人同时编辑，请稍后再试',
  GeneralException: 'Excel 内部错误，请稍后再试',
  InsertDeleteConflict: '插入或删除单元格时发生冲突，请稍后再试',
  InvalidArgument: '参数无效（单元格地址或数据不被 Excel 接受）',
  InvalidBinding: '表格区域已变化，请重新校验',
  InvalidOperation: 'Excel 不允许此操作',
  InvalidOperationInCellEditMode: 'Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再试一次',
  InvalidReference: '引用的区域无效（工作表可能已被删除或改名）',
  InvalidSelection: '当前选择的区域无效',
  ItemAlreadyExists: '同名的工作表或条件格式已存在',
  ItemNotFound: '找不到工作表或单元格（可能已被删除或改名），请重新校验',
  NotImplemented: '此版本的 Excel 尚未实现所需的功能',
  RequestAborted: '请求被中断，请再试一次',
  RequestPayloadSizeLimitExceeded: '一次传送的数据过多（网页版 Excel 限制每次 5 MB）',
  ResponsePayloadSizeLimitExceeded: 'Excel 返回的数据过多（网页版 Excel 限制每次 5 MB）',
  ServiceNotAvailable: 'Excel 服务暂时不可用，请稍后再试',
  Unauthenticated: '登录已失效，请重新登录后再试',
  UnsupportedOperation: 'Excel 不支持此操作',
  UnsupportedSheet: '此类工作表（如图表工作表或宏表）不受支持',
  FilteredRangeConflict: '工作表处于筛选状态，请先清除筛选再试',
  MergedRangeConflict: '要写入的单元格处于合并区域中，请先取消合并',
};

const HAS_CJK = /[\u3400-\u9fff]/;

function textOf(e: unknown): { code: string | null; message: string } {
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; message?: unknown; name?: unknown };
    const code = typeof o.code === 'string' && o.code ? o.code : null;
    const message = typeof o.message === 'string' ? o.message : String(e);
    return { code, message };
  }
  return { code: null, message: String(e) };
}

/** Wrap anything thrown while doing `action` into a PaneError with a Chinese message. */
export function toPaneError(e: unknown, action: PaneAction): PaneError {
  if (e instanceof PaneError) return e;
  const { code, message } = textOf(e);
  const detail = [code, message].filter((s): s is string => !!s && s !== 'undefined').join('：') || null;
  const label = ACTION_LABEL[action];
  // A port that already speaks Chinese (our adapters' typed errors do: "读取工作表失败：…") is shown as it is.
  if (HAS_CJK.test(message)) {
    const officeCode = (e as { officeCode?: unknown } | null)?.officeCode;
    const extra = [code, typeof officeCode === 'string' ? officeCode : null].filter(Boolean).join(' / ') || null;
    return new PaneError('port', /失败[：:]/.test(message) ? message : `${label}失败：${message}`, action, extra);
  }
  const known = code ? OFFICE_CODE_TEXT[code] : undefined;
  if (known) return new PaneError('port', `${label}失败：${known}`, action, detail);
  const isBug = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
  return new PaneError(
    isBug ? 'unexpected' : 'port',
    `${label}失败：${isBug ? '任务窗格内部错误，请把下方的详细信息告诉技术支持' : '发生未知错误，请再试一次；如果一再出现，请把下方的详细信息告诉技术支持'}`,
    action,
    detail,
  );
}
