/** Jest config of alert-events: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'alert-events',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/alert-events',
};
