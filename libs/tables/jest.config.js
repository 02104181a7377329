/** Jest config of tables: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'tables',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/tables',
};
