/** Jest config of schemas: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'schemas',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/schemas',
};
