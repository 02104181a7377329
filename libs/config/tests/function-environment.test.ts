// The one environment builder and the typed readers every function's main.ts uses: each function
// gets exactly the variables it reads, and what it reads back is what the stack config said.
import fc from 'fast-check';
import { resolve } from 'node:path';
import {
  EnvironmentReader,
  FUNCTION_ROLES,
  FunctionEnvironmentError,
  functionEnvironment,
  functionSize,
  loadStackConfig,
  parseStackConfig,
  readAggregatorVariables,
  readConsumerVariables,
  readAlertsVariables,
  readIngestVariables,
  readReportVariables,
  type StackConfig,
} from '../src';

const REPO_ROOT = resolve(__dirname, '../../..');
const NAMES = {
  postsTable: 'posts-t',
  trendsTable: 'trends-t',
  quarantineTable: 'quarantine-t',
  alertsTable: 'alerts-t',
  streamName: 'posts-s',
  eventBusName: 'bus-b',
};
const COMMON = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS'];

function readBack(config: StackConfig) {
  const read = <T>(role: (typeof FUNCTION_ROLES)[number], reader: (env: EnvironmentReader) => T): T => {
    const env = new EnvironmentReader(functionEnvironment(config, role, NAMES));
    const value = reader(env);
    env.done();
    return value;
  };
  return {
    consumer: read('consumer', readConsumerVariables),
    aggregator: read('aggregator', readAggregatorVariables),
    report: read('report', readReportVariables),
    ingest: read('ingest', readIngestVariables),
    alerts: read('alerts', readAlertsVariables),
  };
}

function expected(config: StackConfig) {
  const jwt = config.report.access === 'jwt' ? config.report.jwt : undefined;
  return {
    consumer: { postsTable: 'posts-t', quarantineTable: 'quarantine-t', ttlDays: config.tables.ttlDays },
    aggregator: { trendsTable: 'trends-t', ttlDays: config.tables.ttlDays },
    report: {
      postsTable: 'posts-t',
      trendsTable: 'trends-t',
      ttlDays: config.tables.ttlDays,
      windowSeconds: config.aggregator.tumblingWindowInSeconds,
      alertsTable: 'alerts-t',
      auth: jwt
        ? {
            access: 'jwt',
            issuer: jwt.issuer,
            clientId: jwt.audience[0],
            audience: jwt.audience.join(','),
            scope: ['openid', ...jwt.scopes].join(' '),
          }
        : { access: config.report.access },
    },
    ingest: {
      streamName: 'posts-s',
      aggregation: config.producer.aggregation,
      maxBufferedTimeMs: config.producer.maxBufferedTimeMs,
      recordTtlMs: config.producer.recordTtlMs,
      ...config.producer.rateLimit,
    },
    alerts: {
      trendsTable: 'trends-t',
      alertsTable: 'alerts-t',
      eventBusName: 'bus-b',
      ttlDays: config.tables.ttlDays,
      windowSeconds: config.aggregator.tumblingWindowInSeconds,
      thresholds: {
        baseline: config.alerts.baseline,
        rising: config.alerts.rising,
        newEntrant: config.alerts.newEntrant,
        sentimentSwing: config.alerts.sentimentSwing,
        settleSeconds: config.alerts.settleSeconds,
      },
    },
  };
}

describe('functionEnvironment', () => {
  it.each([
    ['consumer', ['POSTS_TABLE', 'QUARANTINE_TABLE', 'TTL_DAYS']],
    ['aggregator', ['TRENDS_TABLE', 'TTL_DAYS']],
    ['report', ['POSTS_TABLE', 'TRENDS_TABLE', 'ALERTS_TABLE', 'TTL_DAYS', 'WINDOW_SECONDS', 'REPORT_AUTH']],
    ['alerts', ['TRENDS_TABLE', 'ALERTS_TABLE', 'EVENT_BUS_NAME', 'TTL_DAYS', 'WINDOW_SECONDS', 'ALERT_THRESHOLDS']],
    [
      'ingest',
      [
        'STREAM_NAME',
        'PRODUCER_AGGREGATION',
        'PRODUCER_MAX_BUFFERED_TIME_MS',
        'PRODUCER_RECORD_TTL_MS',
        'PRODUCER_RECORDS_PER_SECOND_PER_SHARD',
        'PRODUCER_BYTES_PER_SECOND_PER_SHARD',
      ],
    ],
  ] as const)('gives %s exactly the variables it reads', (role, own) => {
    // act
    const env = functionEnvironment(parseStackConfig({}), role, NAMES);
    // assess
    expect(Object.keys(env).sort()).toEqual([...own, ...COMMON].sort());
  });

  it('adds the OIDC client of a jwt-protected report, the first audience as client id', () => {
    // prepare
    const config = parseStackConfig({
      report: {
        access: 'jwt',
        jwt: { issuer: 'https://idp.example.com/pool', audience: ['dash', 'api'], scopes: ['report/read'] },
      },
    });
    // act
    const env = functionEnvironment(config, 'report', NAMES);
    // assess
    expect(env).toMatchObject({
      REPORT_AUTH: 'jwt',
      OIDC_ISSUER: 'https://idp.example.com/pool',
      OIDC_AUDIENCE: 'dash,api',
      OIDC_CLIENT_ID: 'dash',
      OIDC_SCOPE: 'openid report/read',
    });
  });

  it.each(['dev', 'prod'])('round-trips Pulumi.%s.yaml through the readers', (stack) => {
    // prepare
    const config = loadStackConfig(stack, REPO_ROOT);
    // act / assess
    expect(readBack(config)).toEqual(expected(config));
  });

  it('round-trips any valid value of the variables it carries', () => {
    fc.assert(
      fc.property(
        fc.record({
          tables: fc.record({ ttlDays: fc.integer({ min: 1, max: 3650 }) }),
          aggregator: fc.record({ tumblingWindowInSeconds: fc.integer({ min: 1, max: 900 }) }),
          producer: fc.record({
            aggregation: fc.boolean(),
            maxBufferedTimeMs: fc.integer({ min: 1, max: 60_000 }),
            recordTtlMs: fc.integer({ min: 100, max: 600_000 }),
            rateLimit: fc.record({
              recordsPerSecondPerShard: fc.integer({ min: 1, max: 1000 }),
              bytesPerSecondPerShard: fc.integer({ min: 1, max: 1_048_576 }),
            }),
          }),
          functions: fc.record({ logLevel: fc.constantFrom('DEBUG', 'INFO', 'WARN', 'ERROR') }),
          report: fc.oneof(
            fc.constant({ access: 'iam' }),
            fc.constant({ access: 'public', allowPublic: true }),
            fc.record({
              access: fc.constant('jwt'),
              jwt: fc.record({
                issuer: fc.constantFrom('https://a.example.com', 'https://b.example.com/pool/x'),
                audience: fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { minLength: 1, maxLength: 3 }),
                scopes: fc.array(fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}$/), { minLength: 1, maxLength: 2 }),
              }),
            }),
          ),
        }),
        (raw) => {
          const config = parseStackConfig(raw);
          expect(readBack(config)).toEqual(expected(config));
        },
      ),
    );
  });
});

describe('the readers', () => {
  it('fail with "X is required" naming every missing variable at once', () => {
    // prepare
    const env = new EnvironmentReader({ POSTS_TABLE: 'p' });
    readConsumerVariables(env);
    // act
    let caught: unknown;
    try {
      env.done();
    } catch (err) {
      caught = err;
    }
    // assess
    expect(caught).toBeInstanceOf(FunctionEnvironmentError);
    expect((caught as FunctionEnvironmentError).variables).toEqual(['QUARANTINE_TABLE', 'TTL_DAYS']);
    expect((caught as Error).message).toBe(
      'QUARANTINE_TABLE is required (name of the DynamoDB quarantine table); TTL_DAYS is required (days items live before DynamoDB TTL deletes them (streamlens:tables.ttlDays))',
    );
  });

  it.each([
    ['PRODUCER_AGGREGATION', 'yes', 'must be true or false, got "yes"'],
    ['PRODUCER_RECORD_TTL_MS', '99', 'must be an integer from 100 to 600000, got "99"'],
    ['STREAM_NAME', '  ', 'is required (name of the Kinesis stream to put posts on)'],
  ])('name a malformed %s', (variable, value, problem) => {
    // prepare
    const source = { ...functionEnvironment(parseStackConfig({}), 'ingest', NAMES), [variable]: value };
    const env = new EnvironmentReader(source);
    readIngestVariables(env);
    // act / assess
    expect(() => env.done()).toThrow(`${variable} ${problem}`);
  });
});

describe('functionSize', () => {
  it('sizes the stream functions from their mapping, the report fixed, the ingest by the record TTL, alerts from its mapping', () => {
    // prepare
    const config = parseStackConfig({
      consumer: { function: { memoryMb: 1024, timeoutSeconds: 120 } },
      producer: { recordTtlMs: 45_500 },
    });
    // act / assess
    expect(FUNCTION_ROLES.map((role) => [role, functionSize(config, role)])).toEqual([
      ['consumer', { memoryMb: 1024, timeoutSeconds: 120 }],
      ['aggregator', { memoryMb: 512, timeoutSeconds: 60 }],
      ['report', { memoryMb: 512, timeoutSeconds: 10 }],
      ['ingest', { memoryMb: 512, timeoutSeconds: 56 }],
      // streamlens:alerts.mapping.function's defaults
      ['alerts', { memoryMb: 512, timeoutSeconds: 60 }],
    ]);
  });
});
