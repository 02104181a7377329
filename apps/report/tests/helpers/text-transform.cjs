// Jest transform: static files the app imports as text (esbuild's text loader does the same
// in the bundle, see project.json) become a module exporting their contents.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
