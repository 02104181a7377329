/** Jest config of kinesis: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'kinesis',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/kinesis',
};
