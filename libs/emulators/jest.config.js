/** Jest config of testing: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'emulators',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/emulators',
};
