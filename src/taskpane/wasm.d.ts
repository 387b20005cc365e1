/** A .wasm file imported by the pane: webpack serves it as a file of its own and gives its URL (webpack.config.js). */
declare module '*.wasm' {
  const url: string;
  export default url;
}
