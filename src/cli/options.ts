/** Shared options of the verbs: --profile, --report-date, --template. Bad ones exit 2 with a Chinese reason. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { mergeProfile } from '../core/profile/default-profile';
import { ProfileError, type Profile } from '../core/profile/schema';
import { parseIsoDate, type Ymd } from '../core/cells/dates';
import { TEMPLATE_IDS, type TemplateId } from '../core/types';
import { EXIT_UNUSABLE, type CliIO } from './io';

/** An error the command line reports as one Chinese line with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_UNUSABLE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The one line for a bug of ours, printed on stderr: the error's type only — no message or stack, which may hold a
 * cell's text (XUEJI_DEBUG=1 prints the stack for a developer). Returns the line without the "xueji：" prefix.
 */
export function internalErrorMessage(e: unknown, io: CliIO, file?: string): string {
  const name = e instanceof Error ? e.name : typeof e;
  const message = `内部错误（${name}）${file ? `，处理“${file}”时` : ''}，请把命令和文件情况报告给开发者`;
  io.stderr(`xueji：${message}。\n`);
  if (process.env.XUEJI_DEBUG) io.stderr(String((e as Error)?.stack) + '\n');
  return message;
}

export function loadProfile(path: string | undefined): Profile {
  if (!path) return mergeProfile({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取配置文件“${basename(path)}”：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '没有读取权限或不是文件'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CliError(`配置文件“${basename(path)}”不是有效的 JSON`);
  }
  try {
    return mergeProfile(json);
  } catch (e) {
    if (e instanceof ProfileError) throw new CliError(`${basename(path)}：${e.message}`);
    throw e;
  }
}

export function reportDate(flag: string | undefined, profile: Profile, today: string): Ymd {
  const text = flag ?? profile.reportDate ?? today;
  const d = parseIsoDate(text);
  if (!d) throw new CliError(`报送日期“${text}”无效，应写成 YYYY-MM-DD，例如 2026-03-15`);
  return d;
}

export function templateOption(flag: string | undefined): TemplateId | undefined {
  if (flag === undefined) return undefined;
  if ((TEMPLATE_IDS as readonly string[]).includes(flag)) return flag as TemplateId;
  throw new CliError(`不认识的模板“${flag}”，可选：${TEMPLATE_IDS.join('、')}`);
}
