// Two stacks of the same project in one account: no physical name may collide, so nothing
// is hard-coded — Pulumi auto-names, and the few derived names follow generated ones.
import type { MockRun } from './helpers/mocks';
import { fakeRepoRoot, removeFakeRepoRoots, installMocks, settle, useStackFile } from './helpers/mocks';

// Types whose physical name we set on purpose: derived from a generated name or the stack.
const NAMED_ON_PURPOSE = new Set(['aws:cloudwatch/logGroup:LogGroup', 'aws:apigatewayv2/stage:Stage']);

let run: MockRun;

beforeAll(async () => {
  run = await installMocks('dev');
  const { runProgram } = await import('../src/program');
  const root = fakeRepoRoot();
  useStackFile('Pulumi.dev.yaml');
  runProgram({ repoRoot: root });
  await settle();
  await run.useStack('staging');
  useStackFile('Pulumi.dev.yaml');
  runProgram({ repoRoot: root });
  await settle();
});

function physicalNames(stack: string): string[] {
  return run.resources
    .filter((r) => r.custom && r.stack === stack && r.type !== 'aws:apigatewayv2/stage:Stage')
    .flatMap((r) => [r.state['name'], r.inputs['dashboardName']].filter((n): n is string => typeof n === 'string'));
}

it('both stacks declare the same resources', () => {
  const names = (stack: string) =>
    run.resources
      .filter((r) => r.stack === stack)
      .map((r) => `${r.type}/${r.name}`)
      .sort();
  expect(names('dev').length).toBeGreaterThan(50);
  expect(names('staging')).toEqual(names('dev'));
});

it('no resource hard-codes a physical name', () => {
  const named = run.resources.filter(
    (r) => r.custom && r.inputs['name'] !== undefined && !NAMED_ON_PURPOSE.has(r.type),
  );
  expect(named.map((r) => r.name)).toEqual([]);
});

it('no physical name of one stack appears in the other', () => {
  const dev = physicalNames('dev');
  const staging = new Set(physicalNames('staging'));
  expect(dev.length).toBeGreaterThan(40);
  expect(dev.filter((n) => staging.has(n))).toEqual([]);
  expect(physicalNames('dev')).toContain('streamlens-dev');
  expect(staging.has('streamlens-staging')).toBe(true);
});

afterAll(removeFakeRepoRoots);
