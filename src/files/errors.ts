/**
 * Typed errors of the file layer. Every message is one line of Simplified Chinese for the registrar and names the
 * file only by its base name: no cell value, sheet content or full path ever reaches a message (student data and
 * folder names stay private). `cause` keeps the underlying error for debugging; it is not meant to be shown.
 */

/** Why an input file cannot be used. The command line maps every code to exit code 2 ("input unusable"). */
export type InputErrorCode =
  | 'not-found'
  | 'not-a-file'
  | 'xls'
  | 'csv'
  | 'not-xlsx'
  | 'encrypted'
  | 'corrupt'
  | 'empty'
  | 'unsupported-content'
  | 'same-as-input'
  | 'too-many-rows'
  | 'too-many-cells'
  | 'too-large';

export class XuejiInputError extends Error {
  override readonly name = 'XuejiInputError';

  constructor(
    public readonly code: InputErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why an output file could not be written (the input is never touched). */
export type OutputErrorCode = 'output-dir-missing' | 'output-is-directory' | 'output-exists' | 'name-too-long' | 'write-failed';

export class XuejiOutputError extends Error {
  override readonly name = 'XuejiOutputError';

  constructor(
    public readonly code: OutputErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The last path segment, for either separator, so that messages never show folder names. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p.length > 0);
  return parts.length > 0 ? parts[parts.length - 1] : path;
}

/** Refinements of a code's standard message, chosen by what the bytes turned out to be. */
export type InputErrorVariant =
  | 'wps-et'
  | 'html'
  | 'xml-2003'
  | 'zero-bytes'
  | 'word'
  | 'powerpoint'
  | 'xlsb'
  | 'ods'
  | 'nonstandard-sheet'
  | 'no-permission'
  | 'symlink-loop'
  | 'unreadable'
  | 'oversized-text'
  | 'beyond-excel';

/** The standard Chinese message of each code, for the file `path` (only its base name is used). */
export function inputErrorMessage(
  code: InputErrorCode,
  path: string,
  variant?: InputErrorVariant,
  limit?: number,
): string {
  const f = `“${baseName(path)}”`;
  const n = limit === undefined ? '' : limit.toLocaleString('en-US');
  switch (code) {
    case 'not-found':
      switch (variant) {
        case 'no-permission':
          return `没有权限读取文件${f}，请检查文件权限后再试`;
        case 'symlink-loop':
          return `${f}是循环的符号链接（快捷方式指向自己），找不到实际的文件`;
        case 'unreadable':
          return `无法读取文件${f}（路径过长、磁盘出错或不是普通文件），请把文件复制到本机文件夹后再试`;
        default:
          return `找不到文件${f}，请检查文件名和路径是否正确`;
      }
    case 'not-a-file':
      return `${f}是文件夹或特殊文件，不是 Excel 文件，请指定一个 .xlsx 文件`;
    case 'xls':
      return variant === 'wps-et'
        ? `文件${f}是 WPS 表格格式（.et），请在 WPS 或 Excel 中另存为 .xlsx 后再试`
        : `文件${f}是旧版 Excel 97-2003 格式（.xls），请在 Excel 中另存为 .xlsx 后再试`;
    case 'csv':
      return `文件${f}是 CSV 或纯文本文件，不是 Excel 工作簿，请在 Excel 中打开后另存为 .xlsx 再试`;
    case 'not-xlsx':
      switch (variant) {
        case 'html':
          return `文件${f}实际是网页（HTML）格式，不是真正的 Excel 工作簿，请在 Excel 中打开后另存为 .xlsx 再试`;
        case 'xml-2003':
          return `文件${f}是 Excel 2003 XML 表格格式，请在 Excel 中打开后另存为 .xlsx 再试`;
        case 'zero-bytes':
          return `文件${f}是空文件（0 字节），不是有效的 .xlsx 文件`;
        case 'word':
          return `文件${f}是 Word 文档，不是 Excel 工作簿，请选择 .xlsx 文件`;
        case 'powerpoint':
          return `文件${f}是 PowerPoint 演示文稿，不是 Excel 工作簿，请选择 .xlsx 文件`;
        default:
          return `文件${f}不是 Excel 工作簿（.xlsx），请在 Excel 中打开后另存为 .xlsx 再试`;
      }
    case 'encrypted':
      return `文件${f}已设置打开密码，请在 Excel 中取消密码后另存再试`;
    case 'corrupt':
      if (variant === 'oversized-text') return `文件${f}中有一段 16 MB 以上、不含任何标记的内容，不是正常的 Excel 表格（可能是损坏或恶意构造的文件）`;
      if (variant === 'beyond-excel') return `文件${f}中的行或单元格超出了 Excel 的范围（最多 1,048,576 行、16,384 列），不是正常的 Excel 表格（可能是损坏或恶意构造的文件）`;
      return `文件${f}已损坏或不是有效的 .xlsx 文件`;
    case 'empty':
      return `文件${f}中没有任何数据，所有工作表都是空的`;
    case 'unsupported-content':
      switch (variant) {
        case 'xlsb':
          return `文件${f}是 Excel 二进制工作簿格式（.xlsb），请在 Excel 中另存为 .xlsx 后再试`;
        case 'ods':
          return `文件${f}是 OpenDocument 表格格式（.ods），请另存为 .xlsx 后再试`;
        default:
          return `文件${f}的工作表存储方式不受支持，请在 Excel 中打开后另存为 .xlsx 再试`;
      }
    case 'same-as-input':
      return `输出文件${f}与输入文件是同一个文件，为保护原始数据不会覆盖它，请另指定输出文件名`;
    case 'too-many-rows':
      return limit !== undefined
        ? `文件${f}中有工作表超过 ${n} 行（配置项 limits.fixMaxRows），超出了处理上限，请拆分后再试，或在配置文件中调高 limits.fixMaxRows`
        : `文件${f}中的行数超出了处理上限，请拆分后再试`;
    case 'too-many-cells':
      return `文件${f}的单元格（或共享字符串、合并单元格）超过 ${n} 个（配置项 limits.cells），超出了处理上限，请拆分后再试，或在配置文件中调高 limits.cells`;
    case 'too-large':
      return `文件${f}解压后超过 ${n} 字节（配置项 limits.inflatedBytes），可能是损坏或恶意构造的文件；确属正常的大表格，可在配置文件中调高 limits.inflatedBytes`;
  }
}

/** `new XuejiInputError(code, standard message)`. */
export function inputError(
  code: InputErrorCode,
  path: string,
  options?: { variant?: InputErrorVariant; cause?: unknown; limit?: number },
): XuejiInputError {
  const message = inputErrorMessage(code, path, options?.variant, options?.limit);
  return options?.cause !== undefined
    ? new XuejiInputError(code, message, { cause: options.cause })
    : new XuejiInputError(code, message);
}

/** Why a list of patches cannot be written into a worksheet (nothing is written then). */
export type PatchErrorCode = 'bad-address' | 'merged-follower' | 'array-formula';

export class XuejiPatchError extends Error {
  override readonly name = 'XuejiPatchError';

  constructor(
    public readonly code: PatchErrorCode,
    message: string,
  ) {
    super(message);
  }
}
