/** Jest config of analytics: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'analytics',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/analytics',
};
