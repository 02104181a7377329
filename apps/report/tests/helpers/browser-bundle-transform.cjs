// Jest transform: the dashboard's browser client (imported as "…?browser", mapped to the file by
// jest.config.js) becomes a module exporting its bundled script, as the report build embeds it.
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const esbuild = require('esbuild');
const { browserBundleOptions } = require('../../build/browser-bundle.cjs');

module.exports = {
  process(_source, path) {
    const out = esbuild.buildSync(browserBundleOptions(path));
    return { code: `module.exports = ${JSON.stringify(out.outputFiles[0].text)};` };
  },
  // The bundle depends on every file of the client folder, not only on the entry Jest sees.
  getCacheKey(source, path) {
    const hash = createHash('sha256')
      .update(source)
      .update(readFileSync(require.resolve('../../build/browser-bundle.cjs')));
    const dir = dirname(path);
    for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
    return hash.digest('hex');
  },
};
