/* eslint-disable */
// The browser build (dist/):
//   - xueji-core.js: the pure core as one UMD script (window.XuejiCore). No Node fallbacks are configured, so a Node
//     import creeping into src/core (or into anything the task pane bundles) breaks this build.
//   - taskpane.html + its bundle: the Excel task pane (React + Fluent UI v9); help.html; assets/ (icons);
//   - office-js/: office.js and the Excel host files from the @microsoft/office-js package, served by our own server
//     (never Microsoft's CDN: schools run this on an intranet). Office's own telemetry scripts are left out.
//   - manifest.xml: as checked in for development (https://localhost:3000/), or rewritten for a school's server:
//       npm run build -- --env url=https://school.example/xueji/
// `npm run dev-server` serves it all on https://localhost:3000 (office-addin-dev-certs; on Linux, or when that
// fails, a locally generated certificate; `--env http` for plain http).
const path = require('node:path');
const fs = require('node:fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
// webpack's own minimizer (terser), configured below: one compress pass, and ExcelJS's prebuilt bundle left alone.
const MinimizerPlugin = require(require.resolve('minimizer-webpack-plugin', { paths: [path.dirname(require.resolve('webpack/package.json'))] }));

const DEV_URL = 'https://localhost:3000/';
const DEV_ORIGIN = 'https://localhost:3000';
const DEV_PORT = 3000;
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
/** Where a development certificate is generated when the trusted one cannot be installed (Linux, no sudo). */
const LOCAL_CERT_DIR = path.join(__dirname, 'node_modules', '.cache', 'xueji-dev-certs');

/**
 * office.js loads its host files (excel-win32-16.01.js, excel-web-16.00.js …) and strings (zh-cn/office_strings.js)
 * next to itself. Copied: everything office.js needs for Excel. Left out: other hosts, debug builds and typings,
 * Office's telemetry sinks (telemetry/, ariatelemetry/: they would send data to Microsoft) and web auth (unused).
 */
const OFFICE_JS_IGNORE = [
  '**/*.debug.js',
  '**/*-vsdoc.js',
  '**/office.d.ts',
  '**/telemetry/**',
  '**/ariatelemetry/**',
  '**/webauth/**',
  '**/outlook*',
  '**/word*',
  '**/powerpoint*',
  '**/onenote*',
  '**/project*',
  '**/access*',
  '**/custom-functions-runtime*',
];

/** The production address from `--env url=…`: absolute https, no query or fragment, ending in '/'. */
function productionUrl(raw) {
  let u;
  try {
    u = new URL(String(raw));
  } catch {
    throw new Error(`--env url=${raw}：不是有效的网址，应写成 https://学校服务器/路径/`);
  }
  if (u.protocol !== 'https:') throw new Error(`--env url=${raw}：Office 加载项必须用 https 地址`);
  if (u.search || u.hash) throw new Error(`--env url=${raw}：网址中不能有 ? 或 # 部分`);
  if (u.username || u.password) throw new Error(`--env url=${raw}：网址中不能含用户名或密码`);
  return u.origin + (u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`);
}

/** The manifest with every development URL pointing at `url` (AppDomain: its origin). */
function rewriteManifest(xml, url) {
  const base = productionUrl(url);
  const origin = new URL(base).origin;
  return String(xml).split(DEV_URL).join(base).split(DEV_ORIGIN).join(origin);
}

function log(message) {
  process.stderr.write(`[xueji] ${message}\n`);
}

function readPair(cert, key, ca) {
  const out = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
  if (ca && fs.existsSync(ca)) out.ca = fs.readFileSync(ca);
  return out;
}

function stillValid(certPath) {
  try {
    const { X509Certificate } = require('node:crypto');
    const c = new X509Certificate(fs.readFileSync(certPath));
    return new Date(c.validTo).getTime() - Date.now() > 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/**
 * The dev server's https options. Windows and macOS: office-addin-dev-certs installs a trusted development CA (it
 * may ask for confirmation once), as in Microsoft's template. Linux: installing needs sudo, which `npm start` must
 * not ask for, so a trusted CA is used only if one was installed by hand; otherwise a certificate is generated
 * under node_modules/.cache (the browser has to be told to trust it, see docs/taskpane.md). If even that fails:
 * null, and the server falls back to http.
 */
async function devHttpsOptions() {
  let devCerts;
  try {
    devCerts = require('office-addin-dev-certs');
  } catch (e) {
    log(`找不到 office-addin-dev-certs（${e.message}），改用本地生成的证书`);
  }
  if (devCerts && (process.platform === 'win32' || process.platform === 'darwin')) {
    try {
      const o = await devCerts.getHttpsServerOptions();
      return { ca: o.ca, key: o.key, cert: o.cert };
    } catch (e) {
      log(`无法安装开发证书（${String(e.message).split('\n')[0]}），改用本地生成的证书`);
    }
  }
  if (devCerts && process.platform === 'linux') {
    try {
      const d = require('office-addin-dev-certs/lib/defaults');
      if (fs.existsSync(d.localhostCertificatePath) && devCerts.isCaCertificateInstalled() && stillValid(d.localhostCertificatePath)) {
        return readPair(d.localhostCertificatePath, d.localhostKeyPath, d.caCertificatePath);
      }
    } catch {
      // Not installed: generate one below.
    }
  }
  const ca = path.join(LOCAL_CERT_DIR, 'ca.crt');
  const cert = path.join(LOCAL_CERT_DIR, 'localhost.crt');
  const key = path.join(LOCAL_CERT_DIR, 'localhost.key');
  try {
    if (!(fs.existsSync(cert) && fs.existsSync(key) && stillValid(cert))) {
      if (!devCerts) throw new Error('office-addin-dev-certs 不可用');
      fs.rmSync(LOCAL_CERT_DIR, { recursive: true, force: true });
      await devCerts.generateCertificates(ca, cert, key, 30, ['localhost', '127.0.0.1']);
      log(`已生成本机开发证书（未安装为受信任证书）：${ca}`);
    }
    return readPair(cert, key, ca);
  } catch (e) {
    log(`无法生成开发证书（${String(e.message).split('\n')[0]}），改用 http`);
    return null;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serving = !!env.WEBPACK_SERVE;
  const url = env.url ? productionUrl(env.url) : null;
  if (!dev && !url && !serving && !env.quiet) {
    log('manifest.xml 仍指向 https://localhost:3000/；部署到学校服务器请用 npm run build -- --env url=https://服务器/路径/');
  }
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist');

  let server = 'http';
  if (serving && !(env.http || process.env.XUEJI_HTTP === '1')) {
    const https = await devHttpsOptions();
    if (https) server = { type: 'https', options: https };
  }

  return {
    mode,
    target: 'web',
    entry: {
      'xueji-core': { import: './src/core/index.ts', library: { name: 'XuejiCore', type: 'umd' } },
      taskpane: './src/taskpane/index.tsx',
    },
    output: {
      path: outDir,
      // xueji-core.js keeps its name (a stable script for other pages); the pane's files carry a content hash in
      // production, so that Office's web cache never mixes an old bundle with a new taskpane.html.
      filename: (p) => (p.chunk && p.chunk.name === 'xueji-core') || dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: '',
      globalObject: 'globalThis',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      fallback: {},
      // ExcelJS's prebuilt browser bundle (what its package.json "browser" field names; said here explicitly).
      alias: { exceljs$: require.resolve('exceljs/dist/exceljs.min.js') },
    },
    module: {
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        // The photo fixer's WebAssembly (libjpeg-turbo; MozJPEG's glue asks for its own file the same way): served
        // as files next to the bundle, loaded only when photos are fixed.
        { test: /\.wasm$/, type: 'asset/resource', generator: { filename: '[name].[contenthash:8][ext]' } },
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: {
            configFile: 'tsconfig.json',
            onlyCompileBundledFiles: true,
            // Type errors are caught by `npx tsc -p tsconfig.json --noEmit` and the jest run; the bundle only transpiles.
            transpileOnly: true,
            compilerOptions: { module: 'es2020', noEmit: false, sourceMap: dev },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        // The ES5 guard in the page loads the bundle itself, only where it can run.
        inject: false,
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', info: { minimized: true } },
          { from: 'src/taskpane/help.html', to: 'help.html', info: { minimized: true } },
          // The workbench offers the bundled examples (fake students) when no file is open yet.
          { from: 'examples/*.xlsx', to: 'examples/[name][ext]', info: { minimized: true } },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            info: { minimized: true },
            transform: (content) => (url ? Buffer.from(rewriteManifest(content.toString('utf8'), url), 'utf8') : content),
          },
          // Microsoft's files as published (already minified: never run through the minimizer again).
          { from: '**/*', context: OFFICE_JS_DIST, to: 'office-js', globOptions: { ignore: OFFICE_JS_IGNORE }, info: { minimized: true } },
        ],
      }),
    ],
    optimization: {
      // ExcelJS arrives minified: it gets a chunk of its own (loaded only by 导出) that is not minified again.
      // docx (the written reports) gets one too, loaded only by 生成书面报告.
      splitChunks: {
        cacheGroups: {
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'async', enforce: true },
          docx: { test: /[\\/]node_modules[\\/]docx[\\/]/, name: 'docx', chunks: 'async', enforce: true },
        },
      },
      minimizer: [new MinimizerPlugin({ exclude: /^exceljs\./, minimizerOptions: { compress: { passes: 1 } } })],
    },
    devtool: dev ? 'cheap-module-source-map' : false,
    performance: { hints: false },
    // `npm start` passes --env quiet: it prints the addresses itself.
    stats: env.quiet ? 'errors-warnings' : { preset: 'normal', excludeAssets: [/^office-js\//], modules: false },
    infrastructureLogging: { level: env.quiet ? 'warn' : 'info' },
    devServer: {
      port: DEV_PORT,
      host: 'localhost',
      server,
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

module.exports.productionUrl = productionUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_URL = DEV_URL;
