/** Jest config of dynalite-streams: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'dynalite-streams',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/dynalite-streams',
};
