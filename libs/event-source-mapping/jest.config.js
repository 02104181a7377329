/** Jest config of event-source-mapping: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'event-source-mapping',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/event-source-mapping',
};
