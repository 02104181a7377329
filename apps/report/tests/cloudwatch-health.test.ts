// The deployed pipeline-health source: the SDK's CloudWatch client against a CloudWatch endpoint
// on loopback (AWS JSON 1.0), with datapoints laid out as Lambda, SQS and Powertools EMF publish them.
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { cloudWatchHealthSource, defaultCloudWatchApi, type CloudWatchApi } from '../src/api/cloudwatch-health-source';
import type { CloudWatchHealthSettings } from '../src/api/cloudwatch-health';
import { PipelineHealthSourceError } from '../src/api/pipeline-health';
import { makeReportHandler } from '../src/http/handler';
import { httpEvent } from './helpers/events';
import { startFakeCloudWatch, type Datapoint, type FakeCloudWatch } from './helpers/fake-cloudwatch';

const NOW = Date.parse('2025-03-10T14:37:25.000Z');
const MIN = 60_000;

const CONSUMER_FN = 'sl-dev-consumer-1a2b';
const AGGREGATOR_FN = 'sl-dev-aggregator-3c4d';
const CONSUMER_DLQ = 'sl-dev-consumer-dlq-5e6f';
const AGGREGATOR_MAPPING = '0f8e7d6c-aaaa-bbbb-cccc-123456789abc';

const SETTINGS: CloudWatchHealthSettings = {
  functions: { consumer: CONSUMER_FN, aggregator: AGGREGATOR_FN },
  failureQueues: { consumer: CONSUMER_DLQ },
  failureMappings: { aggregator: AGGREGATOR_MAPPING },
  quarantineMetrics: { namespace: 'StreamLens', service: 'consumer' },
};

const lambda = (metricName: string, dim: string, value: string, ago: number, v: number): Datapoint => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: { [dim]: value },
  at: NOW - ago,
  value: v,
});
// Powertools EMF: namespace StreamLens, the default dimension service=<POWERTOOLS_SERVICE_NAME>.
const emf = (metricName: string, ago: number, v: number, service = 'consumer'): Datapoint => ({
  namespace: 'StreamLens',
  metricName,
  dimensions: { service },
  at: NOW - ago,
  value: v,
});

function clientFor(cw: FakeCloudWatch): () => Promise<CloudWatchApi> {
  return async () => ({
    client: new CloudWatchClient({
      endpoint: cw.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    }),
    sdk: { GetMetricDataCommand, ListMetricsCommand },
  });
}

describe('cloudWatchHealthSource', () => {
  let cw: FakeCloudWatch;
  beforeEach(async () => {
    // Small pages: the source must follow NextToken on both operations.
    cw = await startFakeCloudWatch({ pageSize: 5 });
  });
  afterEach(() => cw.close());

  it('reads lag, quarantine by reason and on-failure batches as the panel shows them', async () => {
    cw.put(
      // Consumer: the newest minute is 4 s behind, earlier minutes were further behind.
      lambda('IteratorAge', 'FunctionName', CONSUMER_FN, 10 * MIN, 90_000),
      lambda('IteratorAge', 'FunctionName', CONSUMER_FN, 3 * MIN, 30_000),
      lambda('IteratorAge', 'FunctionName', CONSUMER_FN, 1 * MIN, 4_000),
      // Aggregator: its last batch was 40 minutes ago — no current lag to show.
      lambda('IteratorAge', 'FunctionName', AGGREGATOR_FN, 40 * MIN, 120_000),
      // Another stack's function is not ours.
      lambda('IteratorAge', 'FunctionName', 'sl-prod-consumer-9999', 1 * MIN, 999_999),
      // Quarantine: one EMF document per batch, the total and one metric per reason.
      emf('Quarantined', 2 * 60 * MIN, 3),
      emf('Quarantined.not-json', 2 * 60 * MIN, 2),
      emf('Quarantined.schema-violation', 2 * 60 * MIN, 1),
      emf('Quarantined', 5 * MIN, 4),
      emf('Quarantined.not-json', 5 * MIN, 1),
      emf('Quarantined.item-rejected', 5 * MIN, 3),
      emf('Quarantined', 6 * MIN, 0),
      // Before the counting window (over a day ago): not counted.
      emf('Quarantined', 26 * 60 * MIN, 50),
      emf('Quarantined.too-large', 26 * 60 * MIN, 50),
      // The same names from another service are not the consumer's.
      emf('Quarantined.not-json', 5 * MIN, 70, 'aggregator'),
      emf('PostsWritten', 5 * MIN, 1000),
      // The SQS on-failure queue held 2, now 1 batch; the S3 target got 2 failure records today.
      {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: CONSUMER_DLQ },
        at: NOW - 6 * MIN,
        value: 2,
      },
      {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: CONSUMER_DLQ },
        at: NOW - 2 * MIN,
        value: 1,
      },
      lambda('OnFailureDestinationDeliveredEventCount', 'EventSourceMappingUUID', AGGREGATOR_MAPPING, 3 * 60 * MIN, 1),
      lambda('OnFailureDestinationDeliveredEventCount', 'EventSourceMappingUUID', AGGREGATOR_MAPPING, 20 * MIN, 1),
    );

    const figures = await cloudWatchHealthSource({ settings: SETTINGS, api: clientFor(cw), clock: () => NOW }).read();

    expect(figures).toEqual({
      measuredAt: '2025-03-10T14:37:25.000Z',
      countedSince: '2025-03-09T15:00:00.000Z',
      functions: [
        { name: 'consumer', lagMs: 4_000 },
        { name: 'aggregator', lagMs: null },
      ],
      quarantine: { total: 7, byReason: { 'not-json': 3, 'schema-violation': 1, 'item-rejected': 3 } },
      onFailure: { consumer: 1, aggregator: 2 },
    });
    const pages = cw.requests.filter((r) => r.operation === 'GetMetricData' && r.body['NextToken']);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('asks CloudWatch for the metrics as Lambda, SQS and Powertools name them', async () => {
    cw.put(emf('Quarantined.not-json', 5 * MIN, 1));
    await cloudWatchHealthSource({ settings: SETTINGS, api: clientFor(cw), clock: () => NOW }).read();

    expect(cw.requests.find((r) => r.operation === 'ListMetrics')?.body).toEqual({
      Namespace: 'StreamLens',
      Dimensions: [{ Name: 'service', Value: 'consumer' }],
    });
    const calls = cw.requests.filter((r) => r.operation === 'GetMetricData').map((r) => r.body);
    const metrics = calls.flatMap((b) =>
      (b['MetricDataQueries'] as { MetricStat: { Metric: unknown; Period: number; Stat: string } }[]).map((q) => [
        q.MetricStat.Metric,
        q.MetricStat.Stat,
        q.MetricStat.Period,
      ]),
    );
    expect(metrics).toEqual(
      expect.arrayContaining([
        [
          {
            Namespace: 'AWS/Lambda',
            MetricName: 'IteratorAge',
            Dimensions: [{ Name: 'FunctionName', Value: 'sl-dev-consumer-1a2b' }],
          },
          'Maximum',
          60,
        ],
        [
          {
            Namespace: 'AWS/SQS',
            MetricName: 'ApproximateNumberOfMessagesVisible',
            Dimensions: [{ Name: 'QueueName', Value: 'sl-dev-consumer-dlq-5e6f' }],
          },
          'Maximum',
          60,
        ],
        [
          { Namespace: 'StreamLens', MetricName: 'Quarantined', Dimensions: [{ Name: 'service', Value: 'consumer' }] },
          'Sum',
          3600,
        ],
        [
          {
            Namespace: 'StreamLens',
            MetricName: 'Quarantined.not-json',
            Dimensions: [{ Name: 'service', Value: 'consumer' }],
          },
          'Sum',
          3600,
        ],
        [
          {
            Namespace: 'AWS/Lambda',
            MetricName: 'OnFailureDestinationDeliveredEventCount',
            Dimensions: [{ Name: 'EventSourceMappingUUID', Value: '0f8e7d6c-aaaa-bbbb-cccc-123456789abc' }],
          },
          'Sum',
          3600,
        ],
      ]),
    );
    expect(metrics).toHaveLength(6);
  });

  it('reports zero and no lag on a quiet deployment that has published nothing yet', async () => {
    const figures = await cloudWatchHealthSource({ settings: SETTINGS, api: clientFor(cw), clock: () => NOW }).read();
    expect(figures.functions).toEqual([
      { name: 'consumer', lagMs: null },
      { name: 'aggregator', lagMs: null },
    ]);
    expect(figures.quarantine).toEqual({ total: 0, byReason: {} });
    expect(figures.onFailure).toEqual({ consumer: 0, aggregator: 0 });
  });

  it('names the metric CloudWatch refused, and an SDK failure by its error name only', async () => {
    cw.failQueries('Forbidden');
    const source = cloudWatchHealthSource({ settings: SETTINGS, api: clientFor(cw), clock: () => NOW });
    await expect(source.read()).rejects.toThrow(
      new PipelineHealthSourceError(
        'CloudWatch answered Forbidden for AWS/Lambda IteratorAge (FunctionName=sl-dev-consumer-1a2b)',
      ),
    );
    await cw.close();
    await expect(source.read()).rejects.toThrow(/^CloudWatch did not answer \(\w+\)$/);
  });

  it('loads the SDK on the first read only, and again after a failed load', async () => {
    let loads = 0;
    const api = clientFor(cw);
    const source = cloudWatchHealthSource({
      settings: SETTINGS,
      clock: () => NOW,
      api: async () => {
        loads += 1;
        if (loads === 1) throw new Error('module not found');
        return api();
      },
    });
    expect(loads).toBe(0);
    await expect(source.read()).rejects.toThrow('CloudWatch did not answer (Error)');
    await source.read();
    await source.read();
    expect(loads).toBe(2);
  });

  it('by default reaches the endpoint the environment names (AWS_ENDPOINT_URL_CLOUDWATCH)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CLOUDWATCH: cw.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    try {
      cw.put(lambda('IteratorAge', 'FunctionName', CONSUMER_FN, 1 * MIN, 700));
      const figures = await cloudWatchHealthSource({ settings: SETTINGS, clock: () => NOW }).read();
      expect(figures.functions[0]).toEqual({ name: 'consumer', lagMs: 700 });
      expect((await defaultCloudWatchApi()).client.config.maxAttempts).toBeDefined();
    } finally {
      process.env = saved;
    }
  });

  it('serves /api/v1/pipeline from CloudWatch, and 503 saying why when CloudWatch refuses', async () => {
    cw.put(lambda('IteratorAge', 'FunctionName', CONSUMER_FN, 1 * MIN, 2_500));
    const logged: unknown[] = [];
    const handle = makeReportHandler({
      trends: {} as never,
      posts: {} as never,
      config: { windowSeconds: 30, retentionDays: 30, auth: { mode: 'iam' } },
      logger: { error: (...args: unknown[]) => void logged.push(args) },
      clock: () => NOW,
      health: cloudWatchHealthSource({ settings: SETTINGS, api: clientFor(cw), clock: () => NOW }),
    });

    const ok = await handle(httpEvent('/api/v1/pipeline'));
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body as string)).toMatchObject({
      source: 'CloudWatch',
      functions: [
        { name: 'consumer', lagMs: 2_500 },
        { name: 'aggregator', lagMs: null },
      ],
    });

    cw.failQueries('Forbidden');
    const refused = await handle(httpEvent('/api/v1/pipeline'));
    expect(refused.statusCode).toBe(503);
    expect(JSON.parse(refused.body as string).error).toMatchObject({
      code: 'PIPELINE_HEALTH_UNAVAILABLE',
      message: 'CloudWatch answered Forbidden for AWS/Lambda IteratorAge (FunctionName=sl-dev-consumer-1a2b)',
    });
    expect(logged).toHaveLength(1);
  });
});
