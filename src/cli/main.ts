/** The `xueji` command line: check, fix, export, files, photos, profile. */
import { Command, CommanderError } from 'commander';
import { runCheck } from './check';
import { runFix } from './fix';
import { runExport } from './export';
import { runFiles } from './files';
import { runPhotos } from './photos';
import { defaultProfileJson } from '../core/profile/default-profile';
import { EXIT_INTERNAL, EXIT_UNUSABLE, processIO, type CliIO } from './io';
import { CliError, internalErrorMessage } from './options';
import pkg from '../../package.json';
import { installSignalHandlers } from './signals';

const COMMANDER_MESSAGES: Record<string, (e: CommanderError) => string> = {
  'commander.missingArgument': () => '缺少文件参数，例如：xueji check 名单.xlsx',
  'commander.unknownCommand': (e) => `不认识的命令 ${quoted(e.message)}${suggestion(e.message)}，可用：check、fix、export、files、photos、profile`,
  'commander.unknownOption': (e) => `不认识的选项 ${quoted(e.message)}${suggestion(e.message)}`,
  'commander.optionMissingArgument': (e) => `选项缺少取值：${e.message.replace(/^error: /, '')}`,
  'commander.missingMandatoryOptionValue': (e) => `缺少必需的选项：${e.message.replace(/^error: /, '')}`,
};

/** The quoted word of commander's message: unknown command 'chek' → 'chek'. */
function quoted(message: string): string {
  return /'[^']*'/.exec(message)?.[0] ?? '';
}

/** Commander's "(Did you mean check?)" in Chinese. */
function suggestion(message: string): string {
  const m = /Did you mean (.+?)\?\)/.exec(message);
  return m ? `（是否想输入 ${m[1]}？）` : '';
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('xueji')
    .description('学籍表格助手：校验、修复国家开放大学学籍表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表）')
    .version(pkg.version, '-v, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示命令的帮助')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });

  program
    .command('check')
    .description('检查 .xlsx 文件的每个工作表，列出每个有问题的单元格（退出码：0 无错误，1 有错误，2 文件无法使用）')
    .argument('<files...>', '要检查的 .xlsx 文件')
    .option('--json', '输出 JSON 报告（格式见 DOMAIN.md §6）')
    .option('--template <id>', '指定模板，不自动识别：exemption、withdrawal、correction-new、correction-enrolled、correction-graduate')
    .option('--profile <file>', '学校自己的配置文件（JSON）')
    .option('--report-date <YYYY-MM-DD>', '报送日期（用于新生修改期限等日期规则，默认今天）')
    .action(async (files: string[], flags) => setExit(await runCheck(files, flags, io)));

  program
    .command('fix')
    .description('把所有可自动修复的问题修好，写入副本（原文件不会被修改）')
    .argument('<file>', '要修复的 .xlsx 文件')
    .option('-o, --output <file>', '输出文件（.xlsx，没写扩展名时自动补上），不能与原文件相同，已存在时须加 --force')
    .option('--dry-run', '只显示将要做的修改，不写文件')
    .option('--force', '输出文件已存在时覆盖它（否则拒绝，以免覆盖）')
    .option('--template <id>', '指定模板，不自动识别')
    .option('--profile <file>', '学校自己的配置文件（JSON）')
    .option('--report-date <YYYY-MM-DD>', '报送日期')
    .action(async (file: string, flags) => setExit(await runFix(file, flags, io)));

  program
    .command('files')
    .description('核对附件：退学名单的退学申请表扫描件，或信息修改统计表的学生证明材料文件夹（退出码：0 无错误，1 有错误，2 无法使用）')
    .argument('<roster>', '名单（.xlsx）：学信网退学汇总名单或学生基本信息修改情况统计表')
    .option('--dir <folder>', '存放扫描件或学生文件夹的文件夹')
    .option('--json', '输出 JSON 报告（格式见 DOMAIN.md §6，files 数组）')
    .option('--template <id>', '指定名单的模板，不自动识别')
    .option('--profile <file>', '学校自己的配置文件（JSON）')
    .action(async (roster: string, flags) => setExit(await runFiles(roster, flags, io)));

  program
    .command('photos')
    .description('核对毕业照片并打包上传用的 zip（包内无文件夹，超过上限自动分成多个）（退出码：0 无错误，1 有错误，2 无法使用）')
    .argument('<roster>', '名单（.xlsx），含学号（或身份证号）列，可含学籍状态列')
    .option('--dir <folder>', '存放照片的文件夹')
    .option('-o, --output <file>', '输出的压缩包（.zip），超过上限时另有 -2、-3… 的分包')
    .option('--json', '输出 JSON 报告（格式见 DOMAIN.md §6，files 数组）')
    .option('--profile <file>', '学校自己的配置文件（JSON）')
    .action(async (roster: string, flags) => setExit(await runPhotos(roster, flags, io)));

  program
    .command('export')
    .description('按学校要求的模板导出报送文件：自动修正后写入 -o 指定的文件夹（原文件不会被修改）（退出码：0 已导出，1 仍有无法修复的错误，2 无法使用）')
    .argument('<file>', '已检查的 .xlsx 文件')
    .option('-o, --output <dir>', '导出文件所在的文件夹（须已存在）')
    .option('--profile <file>', '学校自己的配置文件（JSON），可改导出格式')
    .option('--template-file <file>', '学校下发的空白模板（.xlsx）：把记录填进这个模板，保留它的标题、样式和备注')
    .option('--force', '仍有无法自动修复的错误时也导出，并列出这些行')
    .option('--template <id>', '指定模板，不自动识别')
    .option('--report-date <YYYY-MM-DD>', '报送日期（用于日期规则和文件名中的 {报送日期}，默认今天）')
    .action(async (file: string, flags) => setExit(await runExport(file, flags, io)));

  program
    .command('profile')
    .description('配置文件：--print-default 打印内置默认配置，学校可以在它的基础上修改')
    .option('--print-default', '打印内置默认配置（JSON）')
    .action((flags: { printDefault?: boolean }) => {
      if (!flags.printDefault) throw new CliError('请加 --print-default，例如：xueji profile --print-default > 我校配置.json');
      io.stdout(JSON.stringify(defaultProfileJson(), null, 2) + '\n');
      setExit(0);
    });
  return program;
}

/** Run the command line; returns the exit code. Never throws for user errors. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => (exit = code));
  if (argv.length === 0) {
    io.stderr(`xueji：缺少命令。\n${program.helpInformation()}`);
    return EXIT_UNUSABLE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const translate = COMMANDER_MESSAGES[e.code];
      io.stderr(`xueji：${translate ? translate(e) : e.message}\n`);
      return EXIT_UNUSABLE;
    }
    if (e instanceof CliError) {
      io.stderr(`xueji：${e.message}\n`);
      return e.exitCode;
    }
    // A bug of ours: say so in Chinese, without student data and without a stack trace.
    internalErrorMessage(e, io);
    return EXIT_INTERNAL;
  }
}

export { installSignalHandlers } from './signals';

if (require.main === module) {
  installSignalHandlers();
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
