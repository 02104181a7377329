// Test support of the infra program for other projects' tests (the deployment contract test):
// Pulumi mocks that capture every resource and answer with AWS-like computed outputs; the program
// run as the Pulumi CLI runs it, with the config the CLI would pass.
export {
  ACCOUNT,
  autoName,
  fakeRepoRoot,
  installMocks,
  REGION,
  removeFakeRepoRoots,
  resolve,
  settle,
} from './pulumi-mocks';
export type { Captured, MockRun } from './pulumi-mocks';
export { pulumiConfigFromStackFile } from './cli-config';
export type { CliConfig } from './cli-config';
export { runProgramAsCli } from './program-runner';
export type { ProgramRun, ProgramRunOptions } from './program-runner';
