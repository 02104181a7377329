/** Jest config of local: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'local',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/apps/local',
};
