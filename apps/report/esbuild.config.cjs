// esbuild options of the report bundle (Nx esbuildConfig): static assets as text, and the
// dashboard's TypeScript client bundled for the browser and embedded as text ("?browser").
const { browserBundlePlugin } = require('./build/browser-bundle.cjs');

// twitter-text and sentiment reach the report only through @streamlens/analytics' index, and
// the report calls neither; being CommonJS, esbuild must assume that loading them has effects
// and keeps them (≈ 0.3 MB run at every cold start). They have none the report relies on
// (twitter-text's core-js polyfills patch nothing on Node 22), so say so and let them be dropped.
const unusedCommonJs = {
  name: 'side-effect-free-commonjs',
  setup(build) {
    const paths = { 'twitter-text': 'twitter-text/dist/index.js', sentiment: 'sentiment' };
    build.onResolve({ filter: /^(twitter-text|sentiment)$/ }, (args) => ({
      path: require.resolve(paths[args.path]),
      sideEffects: false,
    }));
  },
};

module.exports = {
  logLevel: 'warning',
  // ES module builds of npm packages first, so esbuild can drop the unused parts of the AWS SDK
  // (docs/ARCHITECTURE.md "Build").
  mainFields: ['module', 'main'],
  legalComments: 'none',
  loader: { '.min.js': 'text', '.client.js': 'text', '.css': 'text' },
  sourcesContent: false,
  // sentiment's language loader require('../languages/' + code + '/index') matches no file
  // (esbuild's glob adds no .js); English is preloaded, so that require is dead code.
  logOverride: { 'empty-glob': 'silent' },
  plugins: [unusedCommonJs, browserBundlePlugin],
};
