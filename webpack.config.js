/* eslint-disable */
// Builds what exists for the browser: the pure core as one script (dist/xueji-core.js). No Node fallbacks are
// configured, so a Node import creeping into src/core breaks this build. The task pane joins here (issue 4).
const path = require('node:path');

module.exports = (env = {}, argv = {}) => ({
  mode: argv.mode || 'production',
  target: 'web',
  entry: { 'xueji-core': './src/core/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    library: { name: 'XuejiCore', type: 'umd' },
    globalObject: 'globalThis',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'], fallback: {} },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', exclude: /node_modules/, options: { configFile: 'tsconfig.core.json', onlyCompileBundledFiles: true, compilerOptions: { noEmit: false } } }],
  },
  devtool: false,
  performance: { hints: false },
});
