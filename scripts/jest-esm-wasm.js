/**
 * jest transform for the ESM-only WebAssembly codec (@jsquash/jpeg): jest 29 loads CommonJS, so the package's
 * modules are transpiled to CommonJS with TypeScript, and `import.meta` (emscripten's default place to look for
 * the .wasm file — never used here: the codec is handed its compiled module) becomes a plain object holding the
 * file's own URL.
 */
const ts = require('typescript');
const { pathToFileURL } = require('node:url');

module.exports = {
  // The cache key includes this file's text: a change here re-transforms the package.
  getCacheKey(source, filename) {
    return require('node:crypto').createHash('sha1').update(source).update(filename).update(require('node:fs').readFileSync(__filename)).digest('hex');
  },
  process(source, filename) {
    const meta = `var __importMeta = { url: ${JSON.stringify(pathToFileURL(filename).href)} };\n`;
    const withUrl = meta + source.split('import.meta').join('__importMeta');
    const out = ts.transpileModule(withUrl, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, allowJs: true, esModuleInterop: true },
    });
    return { code: out.outputText };
  },
};
