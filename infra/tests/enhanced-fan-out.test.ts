// Enhanced fan-out (dev stack with `consumer.enhancedFanOut: true`): the consumer mapping reads
// through a stream consumer of its own, its role may subscribe to that consumer only, and the
// stream's GetRecords iterator-age alarm is derived from the mappings that still share the shards.
import type { MockRun } from './helpers/mocks';
import { deployStackFile, policyDocuments, removeFakeRepoRoots } from './helpers/mocks';

let run: MockRun;

beforeAll(async () => {
  ({ run } = await deployStackFile('dev', 'Pulumi.dev.yaml', (raw) => ({
    'streamlens:consumer': { ...(raw['streamlens:consumer'] as object), enhancedFanOut: true },
    'streamlens:aggregator': { ...(raw['streamlens:aggregator'] as object), maximumRecordAgeInSeconds: 7200 },
  })));
});
afterAll(removeFakeRepoRoots);

const inputs = (name: string) => run.byName(name).inputs;
const state = (name: string) => run.byName(name).state;

it('the consumer mapping reads through its own stream consumer; the aggregator still reads the stream', () => {
  const streamArn = state('posts-stream')['arn'];
  expect(run.ofType('aws:kinesis/streamConsumer:StreamConsumer').map((c) => c.name)).toEqual(['consumer-mapping-efo']);
  expect(inputs('consumer-mapping-efo')).toMatchObject({
    streamArn,
    tags: expect.objectContaining({ project: 'streamlens' }),
  });
  expect(inputs('consumer-mapping-esm')['eventSourceArn']).toBe(state('consumer-mapping-efo')['arn']);
  expect(inputs('aggregator-mapping-esm')['eventSourceArn']).toBe(streamArn);
});

it('its role lists the shards and subscribes through its own consumer only, without GetRecords', () => {
  const streamArn = state('posts-stream')['arn'];
  const consumerArn = state('consumer-mapping-efo')['arn'];
  const statements = policyDocuments(run).get('consumer-mapping-policy')?.Statement ?? [];
  expect(statements.filter((s) => s.Sid !== 'SendToOnFailureQueue')).toEqual([
    {
      Sid: 'ListStreamShards',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
      Resource: [streamArn],
    },
    {
      Sid: 'SubscribeThroughOwnConsumer',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'],
      Resource: [consumerArn],
    },
  ]);
});

it('GetRecords iterator age is bounded by the shared readers only (the aggregator: half of 2 h)', () => {
  expect(inputs('alarms-stream-iterator-age')['threshold']).toBe(0.5 * 7200 * 1000);
  expect(inputs('alarms-consumer-iterator-age')['threshold']).toBe(60_000);
});
