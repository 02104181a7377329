// Public API of the infra program for other projects (the Pulumi entry point is infra/index.ts):
// compose a stack from a validated StackConfig, e.g. under @streamlens/infra/testing's mocks.
export { createStack } from './stack';
export type { StackOptions, StackOutputs } from './stack';
export { asRunError, loadConfig, runProgram } from './program';
