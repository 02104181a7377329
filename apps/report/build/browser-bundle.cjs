// The dashboard's browser code (src/dashboard/client, TypeScript) bundled into one script the
// report function serves as text: by the report build (esbuild plugin, esbuild.config.cjs) and
// by Jest (tests/helpers/browser-bundle-transform.cjs), with the same options.
const esbuild = require('esbuild');

/** esbuild options for a browser entry point. */
function browserBundleOptions(entry) {
  return {
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
}

/** An import ending in "?browser" becomes the bundled script of that file, as a string. */
const browserBundlePlugin = {
  name: 'browser-bundle',
  setup(build) {
    build.onResolve({ filter: /\?browser$/ }, (args) => ({
      path: require('node:path').resolve(args.resolveDir, args.path.replace(/\?browser$/, '')),
      namespace: 'browser-bundle',
    }));
    build.onLoad({ filter: /.*/, namespace: 'browser-bundle' }, async (args) => {
      const out = await esbuild.build(browserBundleOptions(args.path));
      return { contents: out.outputFiles[0].text, loader: 'text', watchFiles: Object.keys(out.metafile.inputs) };
    });
  },
};

module.exports = { browserBundleOptions, browserBundlePlugin };
