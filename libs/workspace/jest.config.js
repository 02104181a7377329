/** Jest config of workspace: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'workspace',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/workspace',
};
