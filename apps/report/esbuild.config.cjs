// esbuild options of the report bundle (Nx esbuildConfig): static assets as text, and the
// dashboard's TypeScript client bundled for the browser and embedded as text ("?browser").
const { browserBundlePlugin } = require('./build/browser-bundle.cjs');

module.exports = {
  logLevel: 'warning',
  // ES module builds of npm packages first, so esbuild can drop the unused parts of the AWS SDK
  // (docs/ARCHITECTURE.md "Build"); twitter-text's ES build has no named exports: its CommonJS one.
  mainFields: ['module', 'main'],
  alias: { 'twitter-text': 'twitter-text/dist/index.js' },
  legalComments: 'none',
  loader: { '.min.js': 'text', '.client.js': 'text', '.css': 'text' },
  sourcesContent: false,
  // sentiment's language loader require('../languages/' + code + '/index') matches no file
  // (esbuild's glob adds no .js); English is preloaded, so that require is dead code.
  logOverride: { 'empty-glob': 'silent' },
  plugins: [browserBundlePlugin],
};
