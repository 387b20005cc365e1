#!/usr/bin/env node
'use strict';
// The compiled command line (built by `npm install` through the prepare script).
let cli;
let launcher;
try {
  cli = require('../build/src/cli/main.js');
  launcher = require('../build/src/cli/launcher.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('xueji：尚未编译，请在项目目录运行 npm install（或 npm run build:cli）\n');
    process.exit(2);
  }
  throw e;
}
const argv = process.argv.slice(2);
if (process.env[launcher.CHILD_ENV] === '1') {
  // The worker: its heap is capped by the launcher; Ctrl+C / SIGTERM remove the temp files, then exit 130 / 143.
  cli.installSignalHandlers();
  cli.run(argv).then((code) => {
    process.exitCode = code;
  });
} else {
  // Runs the command in a child with a capped heap (limits.memoryMB), and says so in Chinese if it runs out.
  launcher.launch(__filename, argv).then((code) => {
    process.exitCode = code;
  });
}
