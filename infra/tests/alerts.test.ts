// The alerts path through the Pulumi mocks (dev stack + alerts targets): the trends table's
// stream, the bus with its archive and rules, the webhook whose key comes from Secrets Manager,
// the function's least-privilege access, the mapping's filter and limits, and the alarms.
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { alertEventPattern } from '@streamlens/alert-events';
import { windowRowChangesFilter } from '@streamlens/tables';
import type { MockRun } from './helpers/mocks';
import {
  fakeRepoRoot,
  installMocks,
  policyDocuments,
  removeFakeRepoRoots,
  settle,
  useStackFile,
} from './helpers/mocks';

let run: MockRun;
const SECRET = 'streamlens/dev/alerts-webhook';

beforeAll(async () => {
  run = await installMocks('dev');
  useStackFile('Pulumi.dev.yaml', {
    'streamlens:alerts': {
      archiveRetentionDays: 14,
      targets: {
        email: 'trends@example.com',
        webhook: { url: 'https://hooks.example.com/streamlens', secretName: SECRET, rateLimitPerSecond: 5 },
      },
    },
  });
  const { runProgram } = await import('../src/program');
  runProgram({ repoRoot: fakeRepoRoot() });
  await settle();
});
afterAll(() => removeFakeRepoRoots());

const inputs = (name: string) => run.byName(name).inputs;
const state = (name: string) => run.byName(name).state;
const statements = (policy: string) =>
  (policyDocuments(run).get(policy)?.Statement ?? []) as { Sid: string; Action: string[]; Resource: string[] }[];

describe('alerts path', () => {
  it('turns on the trends table stream with old and new images, and no other', () => {
    const streams = run.ofType('aws:dynamodb/table:Table').filter((t) => t.inputs['streamEnabled']);
    expect(streams.map((t) => [t.name, t.inputs['streamViewType']])).toEqual([['tables-trends', 'NEW_AND_OLD_IMAGES']]);
  });

  it('maps only window-row inserts and modifies, with bisect, bounded retries and age, and an on-failure queue', () => {
    const esm = inputs('alerts-mapping-esm');
    expect(esm['eventSourceArn']).toBe(state('tables-trends')['streamArn']);
    expect(esm['functionName']).toBe(state('alerts-function')['name']);
    expect(esm['filterCriteria']).toEqual({ filters: [{ pattern: JSON.stringify(windowRowChangesFilter()) }] });
    expect(esm).toMatchObject({
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 3600,
      functionResponseTypes: ['ReportBatchItemFailures'],
      tumblingWindowInSeconds: 0,
      destinationConfig: { onFailure: { destinationArn: state('alerts-mapping-dlq')['arn'] } },
    });
  });

  it('lets the function read that stream only and put events on that bus only', () => {
    const stream = state('tables-trends')['streamArn'];
    expect(statements('alerts-mapping-policy')).toEqual([
      {
        Sid: 'ReadTableStream',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        Resource: [stream],
      },
      expect.objectContaining({ Action: ['sqs:SendMessage'], Resource: [state('alerts-mapping-dlq')['arn']] }),
    ]);
    const access = statements('alerts-access-policy');
    expect(access.find((s) => s.Sid === 'PutAlertEvents')).toEqual({
      Sid: 'PutAlertEvents',
      Effect: 'Allow',
      Action: ['events:PutEvents'],
      Resource: [state('alerts-bus')['arn']],
    });
    // trends read-only, alerts read-write, nothing else
    const tables = access.filter((s) => s.Sid.startsWith('Table'));
    expect(tables.map((s) => [s.Resource, s.Action.includes('dynamodb:PutItem')])).toEqual([
      [[state('tables-trends')['arn']], false],
      [[state('tables-alerts')['arn']], true],
    ]);
  });

  it('archives alert events for replay and routes them to the topic and the webhook', () => {
    const pattern = JSON.stringify(alertEventPattern());
    expect(inputs('alerts-archive')).toMatchObject({
      eventSourceArn: state('alerts-bus')['arn'],
      eventPattern: pattern,
      retentionDays: 14,
    });
    for (const rule of ['alerts-to-topic', 'alerts-to-webhook']) {
      expect(inputs(rule)).toMatchObject({ eventBusName: state('alerts-bus')['name'], eventPattern: pattern });
    }
    expect(inputs('alerts-to-topic-target')).toMatchObject({
      arn: state('alerts-topic')['arn'],
      deadLetterConfig: { arn: state('alerts-target-dlq')['arn'] },
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
    });
    expect(inputs('alerts-email')).toMatchObject({ protocol: 'email', endpoint: 'trends@example.com' });
    const topicPolicy = JSON.parse(inputs('alerts-topic-policy')['policy'] as string);
    expect(topicPolicy.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: { ArnEquals: { 'aws:SourceArn': [state('alerts-to-topic')['arn']] } },
    });
  });

  it('reads the webhook key from Secrets Manager at deploy time; the stack file only names it', () => {
    const connection = inputs('alerts-webhook-connection');
    expect(connection['authorizationType']).toBe('API_KEY');
    // marked secret: Pulumi keeps it encrypted in the state and never prints it
    expect(connection['authParameters']).toEqual({
      [specialSigKey]: specialSecretSig,
      value: { apiKey: { key: 'x-api-key', value: `value-of-${SECRET}` } },
    });
    expect(JSON.stringify(inputs('alerts-webhook-connection')['description'])).not.toContain('value-of');
    expect(inputs('alerts-webhook')).toMatchObject({
      connectionArn: state('alerts-webhook-connection')['arn'],
      invocationEndpoint: 'https://hooks.example.com/streamlens',
      httpMethod: 'POST',
      invocationRateLimitPerSecond: 5,
    });
    expect(inputs('alerts-to-webhook-target')).toMatchObject({
      arn: state('alerts-webhook')['arn'],
      roleArn: state('alerts-webhook-role')['arn'],
    });
    expect(statements('alerts-webhook-policy')).toEqual([
      expect.objectContaining({ Action: ['events:InvokeApiDestination'], Resource: [state('alerts-webhook')['arn']] }),
    ]);
  });

  it('alarms on alert errors, the table stream iterator age, PutEvents failures and both queues', () => {
    const alarms = new Map(run.ofType('aws:cloudwatch/metricAlarm:MetricAlarm').map((a) => [a.name, a.inputs]));
    expect(alarms.get('alarms-alerts-errors')).toMatchObject({
      metricName: 'Errors',
      dimensions: { FunctionName: state('alerts-function')['name'] },
    });
    expect(alarms.get('alarms-alerts-iterator-age')).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
    });
    expect(alarms.get('alarms-alerts-put-events-failures')).toMatchObject({
      namespace: 'StreamLens',
      metricName: 'PutEventsFailedEntries',
      dimensions: { service: 'alerts' },
      threshold: 0,
    });
    for (const q of ['alerts-mapping-dlq', 'alerts-target-dlq']) {
      expect(alarms.get(`alarms-${q}-depth`)).toMatchObject({ dimensions: { QueueName: state(q)['name'] } });
    }
  });
});
