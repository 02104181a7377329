/** Jest config of event-bus: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'event-bus',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../../coverage/libs/event-bus',
};
