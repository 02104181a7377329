/** Jest config of config: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'config',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/config',
};
