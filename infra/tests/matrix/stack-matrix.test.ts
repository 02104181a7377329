// The stack matrix: many valid stack configs (fast-check) through the whole program on Pulumi's
// mocks. The mocks accept any property, so each run is checked against what AWS would refuse or
// what would silently never work: the program builds; every taggable resource carries the stack
// tags; every dashboard widget charts something of this stack; every alarm threshold is one its
// metric can reach given the mapping and stream limits; every IAM document names only this
// stack's ARNs; and no two stacks share a physical name. The checks read resources by type, so
// functions and mappings added later are covered.
import * as pulumi from '@pulumi/pulumi';
import fc from 'fast-check';
import { findPolicyViolations, type PolicyDocument } from '../../src/iam/policy-document';
import type { Captured, MockRun } from '../helpers/mocks';
import { ACCOUNT, REGION, fakeRepoRoot, installMocks, ownedArns, removeFakeRepoRoots, settle } from '../helpers/mocks';
import { isTaggable } from '../helpers/taggable';
import { rawStacks, type RawStack } from './stack-configs';

const RUNS = 24;
const RESOLVED_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

let run: MockRun;
let runProgram: typeof import('../../src/program').runProgram;
let repoRoot: string;
let stacks = 0;
const namesByStack = new Map<string, Set<string>>();
const asyncErrors: unknown[] = [];
const onRejection = (reason: unknown) => asyncErrors.push(reason);

beforeAll(async () => {
  run = await installMocks('matrix-0');
  ({ runProgram } = await import('../../src/program'));
  repoRoot = fakeRepoRoot();
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  removeFakeRepoRoots();
});

async function deploy(stack: RawStack): Promise<string> {
  const name = `matrix-${++stacks}`;
  await run.useStack(name);
  const config: Record<string, string> = { 'aws:region': stack.region };
  for (const [key, value] of Object.entries(stack.sections)) config[`streamlens:${key}`] = JSON.stringify(value);
  pulumi.runtime.setAllConfig(config, []);
  runProgram({ repoRoot });
  await settle();
  return name;
}

const ofType = (stack: string, type: string): Captured[] => run.ofType(type, stack);

/** Physical names a stack chose or was given (what two stacks in one account must not share). */
function physicalNames(stack: string): string[] {
  return run.resources
    .filter((r) => r.custom && r.stack === stack && r.type !== 'aws:apigatewayv2/stage:Stage')
    .flatMap((r) =>
      [
        r.state['name'],
        r.type === 'aws:s3/bucket:Bucket' ? r.state['bucket'] : undefined,
        r.inputs['dashboardName'],
      ].filter((n): n is string => typeof n === 'string'),
    );
}

/** Names and ids metrics may name as a dimension: physical names and mapping UUIDs. */
function identifiers(stack: string): Set<string> {
  const uuids = ofType(stack, 'aws:lambda/eventSourceMapping:EventSourceMapping').map((m) => m.state['uuid'] as string);
  return new Set([...physicalNames(stack), ...uuids]);
}

function checkDashboard(stack: string): void {
  const names = identifiers(stack);
  const dashboards = ofType(stack, 'aws:cloudwatch/dashboard:Dashboard');
  expect(dashboards).toHaveLength(1);
  const body = JSON.parse(dashboards[0]?.inputs['dashboardBody'] as string) as {
    widgets: { properties: { title: string; metrics: unknown[][] } }[];
  };
  for (const widget of body.widgets) {
    expect([widget.properties.title, widget.properties.metrics.length > 0]).toEqual([widget.properties.title, true]);
    for (const metric of widget.properties.metrics) {
      const [namespace, , dimension, value] = metric as [string, string, string, string];
      // Every AWS dimension value is a resource of this stack (the custom namespace uses roles).
      if (namespace.startsWith('AWS/')) expect([dimension, names.has(value)]).toEqual([dimension, true]);
    }
  }
}

/** The age (ms) past which each function's records are gone, per Kinesis mapping of this stack. */
function recordAgeLimits(stack: string): { streamMs: number; byFunction: Map<string, number> } {
  const stream = ofType(stack, 'aws:kinesis/stream:Stream')[0] as Captured;
  const retentionMs = (stream.inputs['retentionPeriod'] as number) * 3_600_000;
  const byFunction = new Map<string, number>();
  const tableStreams = new Set(ofType(stack, 'aws:dynamodb/table:Table').map((t) => t.state['streamArn']));
  const shared: number[] = [];
  for (const esm of ofType(stack, 'aws:lambda/eventSourceMapping:EventSourceMapping')) {
    const source = esm.inputs['eventSourceArn'] as string;
    const direct = source === stream.state['arn'];
    // A table's stream (the alerts mapping) keeps records 24 hours whatever the Kinesis retention.
    const table = tableStreams.has(source);
    // A mapping reads the stream directly (GetRecords) or through an enhanced fan-out consumer.
    if (!direct && !table && !source.startsWith(`${stream.state['arn'] as string}/consumer/`)) continue;
    const sourceMs = table ? 86_400_000 : retentionMs;
    const age = esm.inputs['maximumRecordAgeInSeconds'] as number;
    const limit = age === -1 ? sourceMs : Math.min(sourceMs, age * 1000);
    byFunction.set(esm.inputs['functionName'] as string, limit);
    if (direct) shared.push(limit);
  }
  // GetRecords iterator age is its slowest shared reader's; none lags past its own limit.
  return { streamMs: shared.length ? Math.max(...shared) : retentionMs, byFunction };
}

function checkAlarms(stack: string): void {
  const limits = recordAgeLimits(stack);
  const names = identifiers(stack);
  const alarms = ofType(stack, 'aws:cloudwatch/metricAlarm:MetricAlarm');
  expect(alarms.length).toBeGreaterThan(0);
  for (const alarm of alarms) {
    const i = alarm.inputs;
    const threshold = i['threshold'] as number;
    const reach = (ok: boolean) => expect([alarm.name, threshold, ok]).toEqual([alarm.name, threshold, true]);
    const dimensions = [
      ...Object.values((i['dimensions'] ?? {}) as Record<string, string>),
      ...((i['metricQueries'] ?? []) as { metric?: { dimensions?: Record<string, string> } }[]).flatMap((q) =>
        Object.values(q.metric?.dimensions ?? {}),
      ),
    ];
    if (i['namespace'] !== 'StreamLens')
      for (const d of dimensions) expect([alarm.name, names.has(d)]).toEqual([alarm.name, true]);
    if (i['metricName'] === 'GetRecords.IteratorAgeMilliseconds') reach(threshold < limits.streamMs);
    else if (i['namespace'] === 'AWS/Lambda' && i['metricName'] === 'IteratorAge') {
      const limit = limits.byFunction.get((i['dimensions'] as { FunctionName: string }).FunctionName);
      reach(limit !== undefined && threshold < limit);
    } else if (i['comparisonOperator'] === 'LessThanThreshold') reach(threshold > 0 && threshold <= 100);
    else reach(Number.isFinite(threshold) && threshold >= 0);
  }
}

function checkIam(stack: string, raw: RawStack): void {
  const stream = raw.sections['stream'] as { encryption: string };
  const owned = [...ownedArns(run, stack), ...(stream.encryption === 'customer-key' ? [RESOLVED_KEY] : [])];
  const policies = ofType(stack, 'aws:iam/rolePolicy:RolePolicy');
  expect(policies.length).toBeGreaterThan(0);
  for (const policy of policies) {
    const doc = JSON.parse(policy.inputs['policy'] as string) as PolicyDocument;
    expect([policy.name, findPolicyViolations(doc, owned)]).toEqual([policy.name, []]);
  }
  const ownedSet = new Set(owned);
  for (const queuePolicy of ofType(stack, 'aws:sqs/queuePolicy:QueuePolicy')) {
    const doc = JSON.parse(queuePolicy.inputs['policy'] as string) as { Statement: { Resource: string }[] };
    for (const s of doc.Statement)
      expect([queuePolicy.name, ownedSet.has(s.Resource)]).toEqual([queuePolicy.name, true]);
  }
}

function checkTags(stack: string, raw: RawStack): void {
  const tags = { ...(raw.sections['tags'] as Record<string, string>), 'streamlens:stack': stack };
  const taggable = run.resources.filter((r) => r.custom && r.stack === stack && isTaggable(r.type));
  expect(taggable.map((r) => [r.name, r.inputs['tags']])).toEqual(taggable.map((r) => [r.name, tags]));
}

function checkNames(stack: string): void {
  const mine = new Set(physicalNames(stack));
  for (const [other, theirs] of namesByStack) {
    expect([other, [...mine].filter((n) => theirs.has(n))]).toEqual([other, []]);
  }
  namesByStack.set(stack, mine);
}

it(`${RUNS} generated stack configs deploy cleanly on the mocks`, async () => {
  await fc.assert(
    fc.asyncProperty(rawStacks, async (raw) => {
      asyncErrors.length = 0;
      const stack = await deploy(raw);
      expect(asyncErrors).toEqual([]);
      expect(run.resources.filter((r) => r.stack === stack).length).toBeGreaterThan(40);
      checkDashboard(stack);
      checkAlarms(stack);
      checkIam(stack, raw);
      checkTags(stack, raw);
      checkNames(stack);
    }),
    { numRuns: RUNS, seed: 19, endOnFailure: true },
  );
  expect(namesByStack.size).toBeGreaterThanOrEqual(RUNS);
}, 600_000);
