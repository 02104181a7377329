/** Jest config of alert-rules: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'alert-rules',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/alert-rules',
};
