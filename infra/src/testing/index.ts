// Test support of the infra program for other projects' tests (the deployment contract test):
// Pulumi mocks that capture every resource and answer with AWS-like computed outputs.
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
