#!/usr/bin/env node
'use strict';
// The compiled command line (built by `npm install` through the prepare script).
let cli;
try {
  cli = require('../build/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('xueji：尚未编译，请在项目目录运行 npm install（或 npm run build:cli）\n');
    process.exit(2);
  }
  throw e;
}
// Ctrl+C / SIGTERM remove the temp files of outputs being written, then exit 130 / 143.
cli.installSignalHandlers();
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
