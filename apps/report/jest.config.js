/** Jest config of report: the workspace preset, tests under tests/, static files as text. */
const preset = require('../../jest.preset.js');

module.exports = {
  displayName: 'report',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/report',
  // The dashboard client is imported as "./client/main.ts?browser": its bundled script, as text.
  moduleNameMapper: { '^(.+/client/.+\\.ts)\\?browser$': '$1' },
  transform: {
    '/src/dashboard/client/main\\.ts$': '<rootDir>/tests/helpers/browser-bundle-transform.cjs',
    ...preset.transform,
    '\\.(min\\.js|client\\.js|css)$': '<rootDir>/tests/helpers/text-transform.cjs',
  },
  // uPlot's files are read as text, so they must go through the transform.
  transformIgnorePatterns: ['/node_modules/(?!uplot/dist/)'],
};
