// The Pulumi mock harness lives in src/testing (other projects' tests use it through
// @streamlens/infra/testing); infra's own tests import it from here.
import { fakeRepoRoot, installMocks, settle, useStackFile, type MockRun } from '../../src/testing/pulumi-mocks';
import type { StackOutputs } from '../../src/stack';

export {
  ACCOUNT,
  REGION,
  REPO_ROOT,
  autoName,
  fakeRepoRoot,
  installMocks,
  ownedArns,
  policyDocuments,
  removeFakeRepoRoots,
  resolve,
  settle,
  useStackFile,
} from '../../src/testing/pulumi-mocks';
export type { Captured, MockRun } from '../../src/testing/pulumi-mocks';

/**
 * Installs the mocks for `stack`, loads a stack file (with overrides per key), runs the whole
 * program against stub bundles and waits for every registration.
 */
export async function deployStackFile(
  stack: string,
  file: string,
  overrides: (raw: Record<string, unknown>) => Record<string, unknown> = () => ({}),
): Promise<{ run: MockRun; outputs: StackOutputs }> {
  const run = await installMocks(stack);
  useStackFile(file, overrides(useStackFile(file)));
  const { runProgram } = await import('../../src/program');
  const outputs = runProgram({ repoRoot: fakeRepoRoot() });
  await settle();
  return { run, outputs };
}
