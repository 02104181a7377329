/** Jest config of alerts: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'alerts',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/alerts',
};
