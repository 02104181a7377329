// A bad stack config stops the program (the real entry point, infra/index.ts) with the
// culprit keys named, before a single resource is registered.
import type { MockRun } from './helpers/mocks';
import { fakeRepoRoot, removeFakeRepoRoots, installMocks, settle, useStackFile } from './helpers/mocks';

let run: MockRun;

beforeAll(async () => {
  run = await installMocks('dev');
});

it('index.ts throws a RunError (the SDK prints its message alone) naming every bad key, and registers nothing', async () => {
  const dev = useStackFile('Pulumi.dev.yaml');
  useStackFile('Pulumi.dev.yaml', {
    'streamlens:consumer': { ...(dev['streamlens:consumer'] as object), batchSize: 0, maximumRecordAgeInSeconds: -1 },
    'streamlens:alarms': { ...(dev['streamlens:alarms'] as object), dlqDepht: 0 },
  });

  let error: Error | undefined;
  try {
    await import('../index');
  } catch (e) {
    error = e as Error;
  }
  await settle();

  const pulumi = await import('@pulumi/pulumi');
  expect(pulumi.RunError.isInstance(error)).toBe(true);
  expect((error?.cause as Error | undefined)?.name).toBe('ConfigValidationError');
  expect(error?.message).toMatch(/streamlens:consumer\.batchSize: .*got 0/);
  expect(error?.message).toMatch(/streamlens:consumer\.maximumRecordAgeInSeconds: /);
  expect(error?.message).toMatch(/streamlens:alarms\.dlqDepht: /);
  expect(run.resources).toHaveLength(0);
});

it('a structured key given as plain text is reported, not a JSON crash', async () => {
  useStackFile('Pulumi.dev.yaml', { 'streamlens:stream': 'on-demand' });
  const { runProgram } = await import('../src/program');

  expect(() => runProgram({ repoRoot: fakeRepoRoot() })).toThrow(/streamlens:stream: must be a mapping/);
  await settle();
  expect(run.resources).toHaveLength(0);
});

it('without aws:region the program stops before declaring resources', async () => {
  const dev = useStackFile('Pulumi.dev.yaml');
  const { 'aws:region': _region, ...withoutRegion } = dev;
  const pulumi = await import('@pulumi/pulumi');
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(withoutRegion).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
    [],
  );
  const { runProgram } = await import('../src/program');

  expect(() => runProgram({ repoRoot: fakeRepoRoot() })).toThrow('aws:region: is required');
  await settle();
  expect(run.resources).toHaveLength(0);
});

afterAll(removeFakeRepoRoots);
