/** The `xueji` command line: check, fix, export, report, merge, files, photos, precheck, profile. */
import { Command, CommanderError, Help } from 'commander';
import { displayWidth } from './format';
import { runCheck } from './check';
import { runFix } from './fix';
import { runExport } from './export';
import { runFiles } from './files';
import { runPhotos } from './photos';
import { runReport } from './report';
import { runMerge } from './merge';
import { runPhotosFix } from './photos-fix';
import { runPrecheckVerb } from './precheck';
import { defaultProfileJson } from '../core/profile/default-profile';
import { EXIT_INTERNAL, EXIT_UNUSABLE, processIO, type CliIO } from './io';
import { CliError, internalErrorMessage } from './options';
import pkg from '../../package.json';
import { installSignalHandlers } from './signals';

const COMMANDER_MESSAGES: Record<string, (e: CommanderError) => string> = {
  'commander.missingArgument': () => '缺少文件参数，例如：xueji check 名单.xlsx',
  'commander.unknownCommand': (e) => `不认识的命令 ${quoted(e.message)}${suggestion(e.message)}，可用：check、fix、export、report、merge、files、photos、precheck、profile`,
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

/** Commander's help headings in Chinese (issue 9). */
const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

/**
 * Chinese help: the headings and the usage line's [options] / [command] translated, and widths counted as a
 * terminal shows them (a CJK character takes two columns) so that the descriptions line up.
 */
const CHINESE_HELP: Partial<Help> = {
  styleTitle: (title: string) => HELP_TITLES[title] ?? title,
  displayWidth: (text: string) => displayWidth(text),
  commandUsage(this: Help, cmd: Command) {
    return Help.prototype.commandUsage.call(this, cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
  },
  subcommandTerm(this: Help, cmd: Command) {
    return Help.prototype.subcommandTerm.call(this, cmd).replace('[options]', '[选项]');
  },
  boxWrap: (text: string, width: number) => wrapColumns(text, width),
};

/**
 * Wrap text to a width in terminal columns. Chinese has no spaces to break at: break anywhere, except inside a run
 * of Latin letters, digits and punctuation (an option name, a file name) and around brackets and punctuation.
 */
export function wrapColumns(text: string, width: number): string {
  if (width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      for (const ch of line) {
        if (displayWidth(cur + ch) > width) {
          const word = /[\x21-\x7e]+$/.exec(cur);
          // No line starts with closing punctuation (）、，。): the last character goes down with it.
          let cut = word && word.index > 0 && /[\x21-\x7e]/.test(ch) ? word.index : /[）】」』、，。：；！？]/.test(ch) ? cur.length - 1 : cur.length;
          // …and none ends with opening punctuation: （ goes down with what it opens.
          if (cut > 1 && /[（【「『]/.test(cur[cut - 1]!)) cut--;
          out.push(cur.slice(0, cut).trimEnd());
          cur = cur.slice(cut).trimStart();
        }
        cur += ch;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .configureHelp(CHINESE_HELP)
    .name('xueji')
    .description('学籍表格助手：校验、修复、导出、汇总国家开放大学学籍表格（免考信息表、学信网退学汇总名单、学生基本信息修改情况统计表），生成书面报告，毕业资格预审，核对和修正毕业照片')
    .version(pkg.version, '-v, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示命令的帮助')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .addHelpText('after', '\n规则一览见项目中的 docs/rules.md，JSON 报告的格式见 docs/report-format.md。');

  program
    .command('check')
    .description('检查 .xlsx 文件的每个工作表，列出每个有问题的单元格（退出码：0 无错误，1 有错误，2 文件无法使用）')
    .argument('<文件...>', '要检查的 .xlsx 文件')
    .option('--json', '输出 JSON 报告（格式见 docs/report-format.md）')
    .option('--template <模板ID>', '指定模板，不自动识别：exemption、withdrawal、correction-new、correction-enrolled、correction-graduate')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON）')
    .option('--report-date <YYYY-MM-DD>', '报送日期（用于新生修改期限等日期规则，默认今天）')
    .action(async (files: string[], flags) => setExit(await runCheck(files, flags, io)));

  program
    .command('fix')
    .description('把所有可自动修复的问题修好，写入副本（原文件不会被修改）')
    .argument('<文件>', '要修复的 .xlsx 文件')
    .option('-o, --output <文件>', '输出文件（.xlsx，没写扩展名时自动补上），不能与原文件相同，已存在时须加 --force')
    .option('--dry-run', '只显示将要做的修改，不写文件')
    .option('--force', '输出文件已存在时覆盖它（否则拒绝，以免覆盖）')
    .option('--template <模板ID>', '指定模板，不自动识别')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON）')
    .option('--report-date <YYYY-MM-DD>', '报送日期')
    .action(async (file: string, flags) => setExit(await runFix(file, flags, io)));

  program
    .command('files')
    .description('核对附件：退学名单的退学申请表扫描件，或信息修改统计表的学生证明材料文件夹（退出码：0 无错误，1 有错误，2 无法使用）')
    .argument('<名单>', '名单（.xlsx）：学信网退学汇总名单或学生基本信息修改情况统计表')
    .option('--dir <文件夹>', '存放扫描件或学生文件夹的文件夹')
    .option('--json', '输出 JSON 报告（格式见 docs/report-format.md，files 数组）')
    .option('--template <模板ID>', '指定名单的模板，不自动识别')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON）')
    .action(async (roster: string, flags) => setExit(await runFiles(roster, flags, io)));

  program
    .command('photos')
    .description('核对毕业照片并打包上传用的 zip（包内无文件夹，超过上限自动分成多个）；加 --fix 生成合格的照片（退出码：0 无错误，1 有错误，2 无法使用）')
    .argument('<名单>', '名单（.xlsx），含学号（或身份证号）列，可含学籍状态列')
    .option('--dir <文件夹>', '存放照片的文件夹')
    .option('-o, --output <文件>', '输出的压缩包（.zip），超过上限时另有 -2、-3… 的分包，已存在时须加 --force；加 --fix 时为存放修正后照片和压缩包的文件夹')
    .option('--fix', '修正照片：为每个在籍学生生成合格的照片（裁掉白边、按 3:4 居中裁剪、缩放到 480×640、压缩到 50 KB 以内、去掉元数据、按学号命名），再打包；原照片不动')
    .option('--force', '覆盖已有的压缩包（加 --fix 时还有输出文件夹中的同名照片）')
    .option('--jobs <数量>', '加 --fix 时：同时处理的照片数（默认为 CPU 核数，最多 4）')
    .option('--json', '输出 JSON 报告（格式见 docs/report-format.md，files 数组）')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON）')
    .action(async (roster: string, flags) => setExit(await (flags.fix ? runPhotosFix : runPhotos)(roster, flags, io)));

  program
    .command('precheck')
    .description('毕业资格预审：按平台导出的学生名单判断谁可以申请本批次毕业、谁暂不能申请及原因（退出码：0 全部可申请，1 有暂不能申请的学生或名单有错误，2 无法使用）')
    .argument('<名单>', '平台导出的学生名单（.xlsx）：学号、姓名、入学年度学期、学籍状态、毕业照片状态、学信网照片等列')
    .option('--batch <批次>', '毕业批次，如 202307、202401（默认：报送日期之后的下一批次）')
    .option('--photos <文件夹>', '毕业照片文件夹：没有以学号或身份证号命名的照片的学生也列为暂不能申请')
    .option('-o, --output <文件夹>', '导出预审结果（工作表“可申请毕业”“暂不能申请”）到这个文件夹（须已存在）')
    .option('--force', '导出文件已存在时覆盖它')
    .option('--json', '输出 JSON 报告（格式见 docs/report-format.md）')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON）')
    .option('--report-date <YYYY-MM-DD>', '报送日期（默认今天；决定默认批次）')
    .action(async (roster: string, flags) => setExit(await runPrecheckVerb(roster, flags, io)));

  program
    .command('export')
    .description('按学校要求的模板导出报送文件：自动修正后写入 -o 指定的文件夹（原文件不会被修改）（退出码：0 已导出，1 仍有无法修复的错误，2 无法使用）')
    .argument('<文件>', '已检查的 .xlsx 文件')
    .option('-o, --output <文件夹>', '导出文件所在的文件夹（须已存在）')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON），可改导出格式')
    .option('--template-file <空白模板.xlsx>', '学校下发的空白模板（.xlsx）：把记录填进这个模板，保留它的标题、样式和备注')
    .option('--force', '仍有无法自动修复的错误时也导出，并列出这些行；导出文件夹中已有同名文件时覆盖它')
    .option('--template <模板ID>', '指定模板，不自动识别')
    .option('--report-date <YYYY-MM-DD>', '报送日期（用于日期规则和文件名中的 {报送日期}，默认今天）')
    .action(async (file: string, flags) => setExit(await runExport(file, flags, io)));

  program
    .command('report')
    .description('生成书面报告（Word 文档）：由信息修改统计表生成《信息修改书面报告》（逾期的新生附情况说明），由本学期各批退学名单生成《学信网退学书面报告》（退出码：0 已生成，1 仍有无法修复的错误或没有可用的表格，2 无法使用）')
    .argument('<文件...>', '学生基本信息修改情况统计表和/或学信网退学汇总名单（.xlsx）；退学名单每个工作表是一批，按给出的顺序编为第1批、第2批……')
    .option('-o, --output <文件夹>', '书面报告所在的文件夹（须已存在）')
    .option('--force', '仍有无法自动修复的错误时也生成；替换文件夹中已有的同名报告')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON），可写填报单位名称 writtenReport.unit')
    .option('--report-date <YYYY-MM-DD>', '报送日期（报告落款日期和新生修改期限，默认今天）')
    .action(async (files: string[], flags) => setExit(await runReport(files, flags, io)));

  program
    .command('merge')
    .description('汇总：把各学习中心报来的同一种表格合成一份报送文件，每条记录一次，按学号（毕业生按注册证号）排序、序号重编，只有一个结束行或签字行；两个文件中都有的记录列为重复并指出各自的文件和行（退出码：0 已汇总，1 仍有无法修复的错误，2 无法使用）')
    .argument('<文件...>', '各学习中心的 .xlsx 文件，须是同一种表格（不是同一种时拒绝，说明哪个文件是哪种表格）')
    .option('-o, --output <文件夹>', '汇总文件所在的文件夹（须已存在）')
    .option('--force', '仍有无法自动修复的错误（包括重复的记录）时也汇总，并列出这些行；文件夹中已有同名文件时覆盖它')
    .option('--template <模板ID>', '指定模板，不自动识别：exemption、withdrawal、correction-new、correction-enrolled、correction-graduate')
    .option('--profile <配置.json>', '学校自己的配置文件（JSON），可改导出格式')
    .option('--report-date <YYYY-MM-DD>', '报送日期（用于日期规则和文件名中的 {报送日期}，默认今天）')
    .option('--json', '输出 JSON 报告（格式见 docs/report-format.md，每个问题注明来自哪个文件的哪一行）')
    .action(async (files: string[], flags) => setExit(await runMerge(files, flags, io)));

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
