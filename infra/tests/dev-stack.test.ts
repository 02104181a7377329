// Dev stack (Pulumi.dev.yaml): every important input of every resource, and the policies.
import * as path from 'node:path';
import { findPolicyViolations } from '../src/iam/policy-document';
import type { PolicyDocument } from '../src/iam/policy-document';
import type { StackOutputs } from '../src/stack';
import type { MockRun } from './helpers/mocks';
import {
  autoName,
  fakeRepoRoot,
  removeFakeRepoRoots,
  installMocks,
  ownedArns,
  policyDocuments,
  resolve,
  settle,
  useStackFile,
} from './helpers/mocks';

const FUNCTIONS = ['consumer', 'aggregator', 'report', 'ingest', 'alerts'] as const;
let run: MockRun;
let outputs: StackOutputs;
let repoRoot: string;

beforeAll(async () => {
  run = await installMocks('dev');
  useStackFile('Pulumi.dev.yaml');
  repoRoot = fakeRepoRoot();
  const { runProgram } = await import('../src/program');
  outputs = runProgram({ repoRoot });
  await settle();
});

const state = (name: string) => run.byName(name).state;
const inputs = (name: string) => run.byName(name).inputs;

describe('stream', () => {
  it('is provisioned with 2 shards, 24 h retention, the AWS managed KMS key and shard metrics', () => {
    const stream = inputs('posts-stream');
    expect(stream['shardCount']).toBe(2);
    expect(stream['streamModeDetails']).toEqual({ streamMode: 'PROVISIONED' });
    expect(stream['retentionPeriod']).toBe(24);
    expect(stream['encryptionType']).toBe('KMS');
    expect(stream['kmsKeyId']).toBe('alias/aws/kinesis');
    expect(stream['shardLevelMetrics']).toEqual(
      expect.arrayContaining(['IncomingRecords', 'WriteProvisionedThroughputExceeded', 'IteratorAgeMilliseconds']),
    );
    expect(stream['name']).toBeUndefined();
  });
});

describe('tables', () => {
  it('creates exactly posts, trends, quarantine and alerts (no local-only table)', () => {
    expect(
      run
        .ofType('aws:dynamodb/table:Table')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['tables-alerts', 'tables-posts', 'tables-quarantine', 'tables-trends']);
  });

  it.each(['posts', 'trends', 'quarantine'])(
    '%s: keys from the spec, TTL, encryption, no PITR, no deletion protection',
    (table) => {
      const t = inputs(`tables-${table}`);
      expect(t['attributes']).toEqual([
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ]);
      expect(t['hashKey']).toBe('pk');
      expect(t['rangeKey']).toBe('sk');
      expect(t['billingMode']).toBe('PAY_PER_REQUEST');
      expect(t['readCapacity']).toBeUndefined();
      expect(t['ttl']).toEqual({ attributeName: 'expiresAt', enabled: true });
      expect(t['pointInTimeRecovery']).toEqual({ enabled: false });
      expect(t['serverSideEncryption']).toEqual({ enabled: true });
      expect(t['deletionProtectionEnabled']).toBe(false);
      expect(t['name']).toBeUndefined();
    },
  );
});

describe('functions', () => {
  const apps = {
    consumer: 'consumer',
    aggregator: 'aggregator',
    report: 'report',
    ingest: 'producer',
    alerts: 'alerts',
  };

  it.each(FUNCTIONS)('%s runs its built bundle on nodejs22.x arm64', async (fn) => {
    const f = inputs(`${fn}-function`);
    // Exactly the handler and its source map: not the directory (the producer's holds the load generator).
    const archive = await f['code'].assets;
    expect(Object.keys(archive).sort()).toEqual(['main.cjs', 'main.cjs.map']);
    expect(await archive['main.cjs'].path).toBe(path.join(repoRoot, 'dist', 'apps', apps[fn], 'main.cjs'));
    expect(await archive['main.cjs.map'].path).toBe(path.join(repoRoot, 'dist', 'apps', apps[fn], 'main.cjs.map'));
    expect(f['handler']).toBe('main.handler');
    expect(f['runtime']).toBe('nodejs22.x');
    expect(f['architectures']).toEqual(['arm64']);
    expect(f['role']).toBe(state(`${fn}-role`)['arn']);
    expect(f['vpcConfig']).toBeUndefined();
  });

  it.each([
    ['consumer', { POSTS_TABLE: 'posts', QUARANTINE_TABLE: 'quarantine', TTL_DAYS: '7' }],
    ['aggregator', { TRENDS_TABLE: 'trends', TTL_DAYS: '7' }],
    [
      'report',
      { POSTS_TABLE: 'posts', TRENDS_TABLE: 'trends', TTL_DAYS: '7', WINDOW_SECONDS: '30', REPORT_AUTH: 'iam' },
    ],
    ['alerts', { TRENDS_TABLE: 'trends', TTL_DAYS: '7', WINDOW_SECONDS: '30' }],
    [
      'ingest',
      {
        STREAM_NAME: 'stream',
        PRODUCER_AGGREGATION: 'true',
        PRODUCER_MAX_BUFFERED_TIME_MS: '100',
        PRODUCER_RECORD_TTL_MS: '30000',
        PRODUCER_RECORDS_PER_SECOND_PER_SHARD: '1000',
        PRODUCER_BYTES_PER_SECOND_PER_SHARD: '1048576',
      },
    ],
  ] as const)('%s gets the variables it reads, resources named by their outputs', (fn, own) => {
    const resource = {
      posts: state('tables-posts')['name'],
      quarantine: state('tables-quarantine')['name'],
      trends: state('tables-trends')['name'],
      stream: state('posts-stream')['name'],
    } as Record<string, unknown>;
    const resolved = Object.fromEntries(
      Object.entries(own).map(([k, v]) => [k, k.endsWith('_TABLE') || k === 'STREAM_NAME' ? resource[v] : v]),
    );
    expect(inputs(`${fn}-function`)['environment'].variables).toEqual({
      ...resolved,
      POWERTOOLS_SERVICE_NAME: fn,
      POWERTOOLS_METRICS_NAMESPACE: 'StreamLens',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
      // only the functions that read them: the report lists alerts, the alerts function decides them
      ...(fn === 'report' || fn === 'alerts' ? { ALERTS_TABLE: state('tables-alerts')['name'] } : {}),
      ...(fn === 'alerts'
        ? { EVENT_BUS_NAME: state('alerts-bus')['name'], ALERT_THRESHOLDS: expect.stringContaining('"zScore":3') }
        : {}),
      // the report's pipeline-health panel: what CloudWatch measures (the test below reads it)
      ...(fn === 'report' ? { PIPELINE_HEALTH_CLOUDWATCH: expect.any(String) } : {}),
    });
  });

  it("the report's pipeline health names what CloudWatch measures, and the consumer as the quarantine metrics' source", () => {
    const report = inputs('report-function')['environment'].variables;
    const consumer = inputs('consumer-function')['environment'].variables;
    expect(JSON.parse(report['PIPELINE_HEALTH_CLOUDWATCH'])).toEqual({
      functions: {
        consumer: state('consumer-function')['name'],
        aggregator: state('aggregator-function')['name'],
        alerts: state('alerts-function')['name'],
      },
      failureQueues: {
        consumer: state('consumer-mapping-dlq')['name'],
        aggregator: state('aggregator-mapping-dlq')['name'],
        alerts: state('alerts-mapping-dlq')['name'],
      },
      failureMappings: {},
      quarantineMetrics: {
        namespace: consumer['POWERTOOLS_METRICS_NAMESPACE'],
        service: consumer['POWERTOOLS_SERVICE_NAME'],
      },
    });
  });

  it('sizes the stream functions from config, the ingest function by the record TTL', () => {
    expect(inputs('consumer-function')['memorySize']).toBe(512);
    expect(inputs('consumer-function')['timeout']).toBe(60);
    expect(inputs('aggregator-function')['memorySize']).toBe(512);
    expect(inputs('aggregator-function')['timeout']).toBe(60);
    expect(inputs('ingest-function')['timeout']).toBe(40);
  });

  it.each(FUNCTIONS)('%s has a log group /aws/lambda/<generated name> kept 7 days', (fn) => {
    const logs = inputs(`${fn}-logs`);
    expect(logs['name']).toBe(`/aws/lambda/${state(`${fn}-function`)['name']}`);
    expect(logs['name']).toBe(`/aws/lambda/${autoName('dev', `${fn}-function`)}`);
    expect(logs['retentionInDays']).toBe(7);
  });

  it('gives every function its own role assumable by Lambda only, without managed policies', () => {
    const roles = run.ofType('aws:iam/role:Role');
    expect(roles.map((r) => r.name).sort()).toEqual(FUNCTIONS.map((f) => `${f}-role`).sort());
    for (const role of roles) {
      const trust = JSON.parse(role.inputs['assumeRolePolicy']);
      expect(trust.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ]);
      expect(role.inputs['managedPolicyArns']).toBeUndefined();
    }
    expect(run.ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toHaveLength(0);
  });
});

describe('event-source mappings', () => {
  it('consumer: every property of Pulumi.dev.yaml, one by one', () => {
    const m = inputs('consumer-mapping-esm');
    expect(m['functionName']).toBe(state('consumer-function')['name']);
    expect(m['eventSourceArn']).toBe(state('posts-stream')['arn']);
    expect(m['batchSize']).toBe(20);
    expect(m['maximumBatchingWindowInSeconds']).toBe(0);
    expect(m['startingPosition']).toBe('TRIM_HORIZON');
    expect(m['startingPositionTimestamp']).toBeUndefined();
    expect(m['parallelizationFactor']).toBe(1);
    expect(m['bisectBatchOnFunctionError']).toBe(true);
    expect(m['maximumRetryAttempts']).toBe(5);
    expect(m['maximumRecordAgeInSeconds']).toBe(3600);
    expect(m['functionResponseTypes']).toEqual(['ReportBatchItemFailures']);
    expect(m['tumblingWindowInSeconds']).toBe(0);
    expect(m['filterCriteria']).toBeUndefined();
    expect(m['metricsConfig']).toEqual({ metrics: ['EventCount'] });
    expect(m['enabled']).toBe(true);
    expect(m['destinationConfig']).toEqual({ onFailure: { destinationArn: state('consumer-mapping-dlq')['arn'] } });
  });

  it('aggregator: every property of Pulumi.dev.yaml, one by one', () => {
    const m = inputs('aggregator-mapping-esm');
    expect(m['functionName']).toBe(state('aggregator-function')['name']);
    expect(m['eventSourceArn']).toBe(state('posts-stream')['arn']);
    expect(m['batchSize']).toBe(100);
    expect(m['maximumBatchingWindowInSeconds']).toBe(1);
    expect(m['startingPosition']).toBe('TRIM_HORIZON');
    expect(m['parallelizationFactor']).toBe(1);
    expect(m['bisectBatchOnFunctionError']).toBe(false);
    expect(m['maximumRetryAttempts']).toBe(10);
    expect(m['maximumRecordAgeInSeconds']).toBe(3600);
    expect(m['functionResponseTypes']).toEqual(['ReportBatchItemFailures']);
    expect(m['tumblingWindowInSeconds']).toBe(30);
    expect(m['metricsConfig']).toEqual({ metrics: ['EventCount'] });
    expect(m['destinationConfig']).toEqual({ onFailure: { destinationArn: state('aggregator-mapping-dlq')['arn'] } });
  });

  it.each(['consumer', 'aggregator'])('%s: on-failure queue is SSE-encrypted and keeps messages 14 days', (name) => {
    const q = inputs(`${name}-mapping-dlq`);
    expect(q['sqsManagedSseEnabled']).toBe(true);
    expect(q['messageRetentionSeconds']).toBe(14 * 24 * 3600);
  });
});

describe('HTTP access', () => {
  it('report and ingest get IAM-authenticated function URLs, nothing public', () => {
    expect(inputs('report-access-url')).toMatchObject({
      functionName: state('report-function')['name'],
      authorizationType: 'AWS_IAM',
    });
    expect(inputs('ingest-access-url')).toMatchObject({
      functionName: state('ingest-function')['name'],
      authorizationType: 'AWS_IAM',
    });
    expect(run.ofType('aws:lambda/permission:Permission')).toHaveLength(0);
    expect(run.ofType('aws:apigatewayv2/api:Api')).toHaveLength(0);
  });
});

describe('alarms', () => {
  const alarm = (id: string) => inputs(`alarms-${id}`);

  it('every alarm notifies the topic on ALARM and OK', () => {
    const topicArn = state('alarms-topic')['arn'];
    const alarms = run.ofType('aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms).toHaveLength(27); // + alerts: errors, throttles, iterator age, 2 DLQs, table, PutEvents failures
    for (const a of alarms) {
      expect(a.inputs['alarmActions']).toEqual([topicArn]);
      expect(a.inputs['okActions']).toEqual([topicArn]);
      expect(a.inputs['name']).toBeUndefined();
    }
    expect(run.ofType('aws:sns/topicSubscription:TopicSubscription')).toHaveLength(0);
  });

  it('stream iterator age fires at half of the 1 h maximum record age (the mappings drop older records)', () => {
    expect(alarm('stream-iterator-age')).toMatchObject({
      namespace: 'AWS/Kinesis',
      metricName: 'GetRecords.IteratorAgeMilliseconds',
      statistic: 'Maximum',
      dimensions: { StreamName: state('posts-stream')['name'] },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 1800 * 1000,
    });
  });

  it('throughput exceeded (write and read) and PutRecords success rate watch the stream', () => {
    expect(alarm('stream-write-throttled')).toMatchObject({
      metricName: 'WriteProvisionedThroughputExceeded',
      statistic: 'Sum',
      threshold: 0,
    });
    expect(alarm('stream-read-throttled')).toMatchObject({
      metricName: 'ReadProvisionedThroughputExceeded',
      statistic: 'Sum',
      threshold: 0,
    });
    const put = alarm('stream-put-success');
    expect(put).toMatchObject({
      comparisonOperator: 'LessThanThreshold',
      threshold: 99,
      treatMissingData: 'notBreaching',
    });
    expect(
      put['metricQueries'].map(
        (q: { metric?: { metricName: string }; expression?: string }) => q.metric?.metricName ?? q.expression,
      ),
    ).toEqual(['PutRecords.SuccessfulRecords', 'PutRecords.TotalRecords', '100 * ok / total']);
  });

  it('per mapping: Lambda IteratorAge > 60000 ms', () => {
    for (const fn of ['consumer', 'aggregator']) {
      expect(alarm(`${fn}-iterator-age`)).toMatchObject({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensions: { FunctionName: state(`${fn}-function`)['name'] },
        threshold: 60000,
      });
    }
  });

  it('per function: Errors ≥ 1 and Throttles > 0', () => {
    for (const fn of FUNCTIONS) {
      expect(alarm(`${fn}-errors`)).toMatchObject({
        metricName: 'Errors',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        dimensions: { FunctionName: state(`${fn}-function`)['name'] },
      });
      expect(alarm(`${fn}-throttles`)).toMatchObject({ metricName: 'Throttles', threshold: 0 });
    }
  });

  it('per DLQ depth > 0, per table throttles, quarantine rate > 100/min', () => {
    for (const name of ['consumer', 'aggregator']) {
      expect(alarm(`${name}-dlq-depth`)).toMatchObject({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: state(`${name}-mapping-dlq`)['name'] },
        threshold: 0,
      });
    }
    for (const table of ['posts', 'trends', 'quarantine']) {
      const a = alarm(`${table}-table-throttled`);
      expect(a['threshold']).toBe(0);
      expect(a['metricQueries'][0].metric).toMatchObject({
        namespace: 'AWS/DynamoDB',
        dimensions: { TableName: state(`tables-${table}`)['name'] },
      });
    }
    expect(alarm('quarantine-rate')).toMatchObject({
      namespace: 'StreamLens',
      metricName: 'Quarantined',
      dimensions: { service: 'consumer' },
      period: 60,
      threshold: 100,
    });
  });
});

describe('dashboard and outputs', () => {
  it('dashboard is named per stack and charts every function, queue and table', () => {
    const d = inputs('dashboard-dashboard');
    expect(d['dashboardName']).toBe('streamlens-dev');
    const body = d['dashboardBody'] as string;
    for (const name of [
      state('posts-stream')['name'],
      ...FUNCTIONS.map((f) => state(`${f}-function`)['name']),
      state('consumer-mapping-dlq')['name'],
      state('tables-trends')['name'],
    ]) {
      expect(body).toContain(`"${name}"`);
    }
    expect(body).toContain('"Quarantined"');
  });

  it('exports names and URLs', async () => {
    expect(await resolve(outputs.streamName)).toBe(state('posts-stream')['name']);
    expect(await resolve(outputs.streamArn)).toBe(state('posts-stream')['arn']);
    expect(await resolve(outputs.postsTable)).toBe(state('tables-posts')['name']);
    expect(await resolve(outputs.trendsTable)).toBe(state('tables-trends')['name']);
    expect(await resolve(outputs.quarantineTable)).toBe(state('tables-quarantine')['name']);
    expect(await resolve(outputs.reportUrl)).toBe(state('report-access-url')['functionUrl']);
    expect(await resolve(outputs.ingestUrl)).toBe(state('ingest-access-url')['functionUrl']);
    expect(await resolve(outputs.dlqUrls)).toEqual({
      consumer: state('consumer-mapping-dlq')['url'],
      aggregator: state('aggregator-mapping-dlq')['url'],
    });
    expect(await resolve(outputs.dashboardUrl)).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/streamlens-dev',
    );
    expect(await resolve(outputs.alarmTopicArn)).toBe(state('alarms-topic')['arn']);
  });
});

describe('IAM policies', () => {
  it('every document: no wildcard action, every resource an ARN of this stack', () => {
    const docs = policyDocuments(run);
    expect(docs.size).toBe(13); // logs + access per function, one per mapping, the webhook target's
    for (const [name, doc] of docs) {
      expect([name, findPolicyViolations(doc as unknown as PolicyDocument, ownedArns(run))]).toEqual([name, []]);
      expect(JSON.stringify(doc)).not.toMatch(/FullAccess/);
      // Resource "*" only where AWS allows nothing else: the report's metrics reads.
      const wildcard = doc.Statement.filter((st) => st.Resource.includes('*'));
      expect([name, wildcard.map((st) => st.Action)]).toEqual([
        name,
        name === 'report-access-policy' ? [['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics']] : [],
      ]);
    }
  });

  const statements = (policy: string) => policyDocuments(run).get(policy)?.Statement ?? [];
  const arn = (name: string) => state(name)['arn'];

  it('logs: each function writes only to its own log group', () => {
    for (const fn of FUNCTIONS) {
      expect(statements(`${fn}-logs-policy`)).toEqual([
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [arn(`${fn}-logs`), `${arn(`${fn}-logs`)}:*`],
        },
      ]);
      expect(run.byName(`${fn}-logs-policy`).inputs['role']).toBe(state(`${fn}-role`)['name']);
    }
  });

  it('tables: consumer writes posts and quarantine, aggregator trends, report only reads', () => {
    const resources = (policy: string) =>
      statements(policy).map((s) => [s.Resource, s.Action.some((a) => a.startsWith('dynamodb:Put'))]);
    expect(resources('consumer-access-policy')).toEqual([
      [[arn('tables-posts')], true],
      [[arn('tables-quarantine')], true],
    ]);
    expect(resources('aggregator-access-policy')).toEqual([[[arn('tables-trends')], true]]);
    expect(resources('report-access-policy')).toEqual([
      [[arn('tables-trends')], false],
      [[arn('tables-posts')], false],
      [[arn('tables-alerts')], false],
      [['*'], false],
    ]);
    expect(statements('report-access-policy').flatMap((s) => s.Action)).not.toContain('dynamodb:PutItem');
  });

  it('ingest only puts records on the stream', () => {
    expect(statements('ingest-access-policy')).toEqual([
      expect.objectContaining({
        Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:ListShards', 'kinesis:DescribeStreamSummary'],
        Resource: [arn('posts-stream')],
      }),
    ]);
  });

  it('mappings: read the stream and send to their own DLQ, on the function role', () => {
    for (const name of ['consumer', 'aggregator']) {
      const policy = run.byName(`${name}-mapping-policy`);
      expect(policy.inputs['role']).toBe(state(`${name}-role`)['name']);
      expect(statements(`${name}-mapping-policy`)).toEqual([
        expect.objectContaining({ Sid: 'ReadStream', Resource: [arn('posts-stream')] }),
        {
          Sid: 'SendToOnFailureQueue',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: [arn(`${name}-mapping-dlq`)],
        },
      ]);
      expect(statements(`${name}-mapping-policy`)[0]?.Action).not.toContain('kinesis:ListStreams');
    }
  });
});

afterAll(removeFakeRepoRoots);
