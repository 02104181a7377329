/** Jest config of consumer: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'consumer',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/consumer',
};
