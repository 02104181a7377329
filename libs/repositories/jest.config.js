/** Jest config of repositories: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'repositories',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/repositories',
};
