// Tags from streamlens:tags (plus streamlens:stack) on every resource whose type takes tags —
// found from @pulumi/aws's type definitions, so a resource added later without tags fails here.
import type { MockRun } from './helpers/mocks';
import { fakeRepoRoot, installMocks, removeFakeRepoRoots, settle, useStackFile } from './helpers/mocks';
import { isTaggable } from './helpers/taggable';

let run: MockRun;

beforeAll(async () => {
  run = await installMocks('dev');
  const { runProgram } = await import('../src/program');
  const repoRoot = fakeRepoRoot();
  useStackFile('Pulumi.dev.yaml');
  runProgram({ repoRoot });
  await settle();
  await run.useStack('prod');
  useStackFile('Pulumi.prod.yaml');
  runProgram({ repoRoot });
  await settle();
});
afterAll(removeFakeRepoRoots);

it('knows taggable types from the provider types', () => {
  expect(isTaggable('aws:lambda/eventSourceMapping:EventSourceMapping')).toBe(true);
  expect(isTaggable('aws:kinesis/stream:Stream')).toBe(true);
  expect(isTaggable('aws:iam/rolePolicy:RolePolicy')).toBe(false);
  expect(isTaggable('aws:cloudwatch/dashboard:Dashboard')).toBe(false);
});

it.each([
  ['dev', { project: 'streamlens', environment: 'dev', 'streamlens:stack': 'dev' }],
  ['prod', { project: 'streamlens', environment: 'prod', 'streamlens:stack': 'prod' }],
])('%s: every taggable resource, the event-source mappings included, carries the stack tags', (stack, tags) => {
  const taggable = run.resources.filter((r) => r.custom && r.stack === stack && isTaggable(r.type));
  expect(taggable.map((r) => r.type)).toEqual(
    expect.arrayContaining([
      'aws:lambda/eventSourceMapping:EventSourceMapping',
      'aws:lambda/function:Function',
      'aws:kinesis/stream:Stream',
      'aws:dynamodb/table:Table',
    ]),
  );
  expect(taggable.map((r) => [r.type, r.name, r.inputs['tags']])).toEqual(taggable.map((r) => [r.type, r.name, tags]));
});

it('the VPC (an awsx component) gets them too', () => {
  const vpc = run.resources.find((r) => r.type === 'awsx:ec2:Vpc' && r.stack === 'prod');
  expect(vpc?.inputs['tags']).toEqual({ project: 'streamlens', environment: 'prod', 'streamlens:stack': 'prod' });
});
