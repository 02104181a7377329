/** Jest config of producer: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'producer',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/producer',
};
