/** Jest config of report: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'report',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/report',
};
