/** Jest config of infra: the workspace preset, tests under tests/. */
module.exports = {
  displayName: 'infra',
  preset: '../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  coverageDirectory: '../coverage/infra',
  // @pulumi/pulumi keeps its runtime state on globalThis and touches it after a file ends.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
