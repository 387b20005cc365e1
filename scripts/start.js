#!/usr/bin/env node
'use strict';
// `npm start`: first the main job — check the bundled example workbooks and print the report — then serve the
// Excel task pane on https://localhost:3000 (webpack-dev-server, see webpack.config.js) and:
//   - on Windows or macOS with desktop Excel: sideload it with Microsoft's office-addin-debugging (fetched by npx on
//     first use; it is not a dependency of this project);
//   - elsewhere (Linux, or no desktop Excel): print how to upload manifest.xml in Excel on the web.
// `npm start -- --report-only` (or XUEJI_NO_SERVE=1, or CI=true) only prints the report; `--no-sideload` (or
// XUEJI_SIDELOAD=0) serves without sideloading; `--http` serves plain http (local tests only: Excel needs https).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const net = require('node:net');
const { execFileSync, spawn } = require('node:child_process');

const root = join(__dirname, '..');
const PORT = 3000;
const PANE_URL = `https://localhost:${PORT}/taskpane.html`;

/** Whether desktop Excel is installed (Windows: App Paths registry key or the usual folders; macOS: /Applications). */
function desktopExcelInstalled(platform = process.platform, env = process.env, exists = existsSync, exec = execFileSync) {
  if (platform === 'darwin') return exists('/Applications/Microsoft Excel.app');
  if (platform !== 'win32') return false;
  try {
    exec('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe'], { stdio: 'ignore' });
    return true;
  } catch {
    // Not registered: look in the usual places.
  }
  const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter(Boolean);
  return roots.some((r) =>
    ['Microsoft Office\\root\\Office16\\EXCEL.EXE', 'Microsoft Office\\Office16\\EXCEL.EXE'].some((p) => exists(`${r}\\${p}`)),
  );
}

/** What `npm start` does after the report. */
function plan(argv = process.argv.slice(2), env = process.env, platform = process.platform, hasExcel = () => desktopExcelInstalled(platform, env)) {
  if (argv.includes('--report-only') || env.XUEJI_NO_SERVE === '1' || env.CI === 'true' || env.CI === '1') return { serve: false, sideload: false, http: false };
  const http = argv.includes('--http') || env.XUEJI_HTTP === '1';
  const wantSideload = !argv.includes('--no-sideload') && env.XUEJI_SIDELOAD !== '0';
  const sideload = !http && wantSideload && (platform === 'win32' || platform === 'darwin') && hasExcel();
  return { serve: true, sideload, http };
}

/** The sideload command (Windows/macOS with desktop Excel only). */
function sideloadCommand() {
  return {
    command: process.platform === 'win32' ? 'npx.cmd' : 'npx',
    args: ['--yes', 'office-addin-debugging', 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server-port', String(PORT)],
  };
}

/** How to try the pane without desktop Excel: upload manifest.xml in Excel on the web. */
function webInstructions({ http = false, workbench = null } = {}) {
  const base = http ? `http://localhost:${PORT}/` : `https://localhost:${PORT}/`;
  const lines = [
    '',
    `任务窗格已在 ${base}taskpane.html 提供（按 Ctrl+C 停止）。`,
    '',
    '这台电脑上没有桌面版 Excel（或已关闭旁加载），可以在 Excel 网页版中试用：',
    '  1. 在浏览器中打开 Excel 网页版（Microsoft 365 账号），新建或打开一个工作簿；',
    '  2. 点击“开始”→“加载项”→“更多加载项”（或“插入”→“加载项”→“Office 加载项”），选择“上传我的加载项”；',
    `  3. 选择本项目的 manifest.xml：${join(root, 'manifest.xml')}；`,
    '  4. 在“开始”选项卡点击“学籍表格助手”打开任务窗格。',
  ];
  if (http) {
    lines.push('', '注意：现在用的是 http，Excel 不会加载 http 的加载项；它只用于本机测试。');
  } else {
    lines.push(
      '',
      `浏览器必须信任 localhost 的开发证书：先在同一浏览器中打开 ${base}taskpane.html 并接受证书提示，`,
      '或把 node_modules/.cache/xueji-dev-certs/ca.crt 导入为受信任的根证书（详见 docs/taskpane.md）。',
    );
  }
  if (workbench) lines.push('', `浏览器工作台（不需要 Excel）：${base}${workbench}`);
  lines.push('');
  return lines.join('\n');
}

/** The browser workbench's page, once it exists (a later issue). */
function workbenchPage() {
  // The workbench is the task pane page itself, opened outside Office (src/workbench).
  return 'taskpane.html';
}

function portInUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: 'localhost' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitForPort(port, child, timeoutMs = 180000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) return false;
    if (await portInUse(port)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function printReport() {
  const main = join(root, 'build', 'src', 'cli', 'main.js');
  if (!existsSync(main)) {
    process.stdout.write('正在编译命令行工具…\n');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  const examples = join(root, 'examples');
  const files = readdirSync(examples)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join('examples', f));

  process.stdout.write('学籍表格助手 xueji：检查 examples/ 中的示例表格（虚构学生，含常见错误）\n\n');
  process.chdir(root);
  return require(main)
    .run(['check', ...files])
    .then((code) => {
      process.stdout.write(
        [
          '',
          code === 1 ? '示例表格里故意放了常见错误，以上就是 xueji 找到的问题。' : '',
          '试一试：',
          '  node bin/xueji.js check 你的表格.xlsx            # 检查（--json 输出 JSON 报告）',
          `  node bin/xueji.js fix ${files[0]} -o 修复后.xlsx   # 自动修复到副本`,
          '  node bin/xueji.js precheck 学生名单.xlsx --batch 202707   # 毕业资格预审（这一批谁能申请毕业）',
          '  node bin/xueji.js --help                          # 全部命令：导出、书面报告、汇总、附件和照片……',
          '  （在项目目录运行一次 npm link，之后在任何文件夹都能直接用 xueji …；不要在项目之外用 npx xueji，那会从网上下载别人的同名包）',
          '',
        ].join('\n'),
      );
      return code === 2 || code === 3 ? code : 0;
    });
}

async function serve(p) {
  if (await portInUse(PORT)) {
    process.stdout.write(
      `\n端口 ${PORT} 已被占用：如果那是另一个正在运行的 xueji 开发服务器（npm run dev-server），可以直接使用它；否则请关闭占用该端口的程序后再运行 npm start。\n`,
    );
    return 1;
  }
  process.stdout.write(`\n正在启动任务窗格的开发服务器（https://localhost:${PORT}，首次编译约需半分钟）…\n`);
  const webpackCli = require.resolve('webpack-cli/bin/cli.js');
  const args = [webpackCli, 'serve', '--mode', 'development', '--env', 'quiet'];
  if (p.http) args.push('--env', 'http');
  const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGINT');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const exited = new Promise((resolve) => server.once('exit', (code) => resolve(code ?? 0)));

  if (!(await waitForPort(PORT, server))) {
    process.stdout.write('开发服务器没有启动，见上面的错误信息。\n');
    stop();
    return (await exited) || 1;
  }
  if (p.sideload) {
    const { command, args: sArgs } = sideloadCommand();
    process.stdout.write(
      `\n任务窗格已在 ${PANE_URL} 提供。正在把它旁加载到桌面版 Excel（${command} ${sArgs.join(' ')}）…\n` +
        '（office-addin-debugging 是微软的调试工具，首次使用时由 npx 下载；卸载旁加载：npx office-addin-debugging stop manifest.xml）\n',
    );
    const side = spawn(command, sArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    side.once('exit', (code) => {
      if (code) process.stdout.write(`旁加载没有成功（退出码 ${code}）。也可以按 docs/taskpane.md 手动旁加载。\n${webInstructions({ workbench: workbenchPage() })}`);
    });
    side.once('error', (e) => process.stdout.write(`无法运行 npx（${e.message}）。${webInstructions({ workbench: workbenchPage() })}`));
  } else {
    process.stdout.write(webInstructions({ http: p.http, workbench: workbenchPage() }));
  }
  return exited;
}

async function main() {
  const reportCode = await printReport();
  const p = plan();
  if (!p.serve) {
    process.exitCode = reportCode;
    return;
  }
  const serverCode = await serve(p);
  process.exitCode = reportCode || serverCode;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`xueji：${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  });
}

module.exports = { plan, desktopExcelInstalled, sideloadCommand, webInstructions };
