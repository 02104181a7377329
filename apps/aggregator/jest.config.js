/** Jest config of aggregator: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'aggregator',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/aggregator',
};
