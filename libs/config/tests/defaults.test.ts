// Omitted keys resolve to the documented safe defaults, and the result cannot be mutated.
import { initialShardCount, mappingSettings, parseStackConfig } from '../src';
import { ALERT_DEFAULTS } from './helpers/alert-defaults';
import { validRaw } from './helpers/raw-config';

describe('defaults', () => {
  it('fills every section of an empty namespace with safe defaults', () => {
    // act
    const config = parseStackConfig({});

    // assess
    const mapping = {
      batchSize: 20,
      maximumBatchingWindowInSeconds: 0,
      startingPosition: 'TRIM_HORIZON',
      parallelizationFactor: 1,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 3600,
      onFailureDestination: true,
      onFailureTarget: 'sqs',
      enhancedFanOut: false,
      filters: [],
      allowUnbounded: false,
      function: { memoryMb: 512, timeoutSeconds: 60 },
    };
    expect(config).toEqual({
      region: undefined,
      stream: { mode: 'on-demand', retentionHours: 24, encryption: 'aws-managed' },
      producer: {
        aggregation: true,
        maxBufferedTimeMs: 100,
        recordTtlMs: 30_000,
        rateLimit: { recordsPerSecondPerShard: 1000, bytesPerSecondPerShard: 1_048_576 },
      },
      consumer: { ...mapping, tumblingWindowInSeconds: 0 },
      aggregator: { ...mapping, tumblingWindowInSeconds: 30 },
      functions: {
        runtime: 'nodejs22.x',
        architecture: 'arm64',
        logRetentionDays: 30,
        logLevel: 'INFO',
        reservedConcurrency: { report: 10, ingest: 50 },
      },
      tables: { billingMode: 'PAY_PER_REQUEST', ttlDays: 30, pointInTimeRecovery: true, deletionProtection: true },
      report: { access: 'iam' },
      alarms: {
        email: '',
        iteratorAgeFractionOfRetention: 0.5,
        lambdaIteratorAgeMs: 60_000,
        functionErrors: 1,
        dlqDepth: 0,
        quarantinedPerMinute: 100,
      },
      network: { vpc: false },
      tags: {},
      alerts: ALERT_DEFAULTS,
    });
  });

  it('accepts AWS infinite retries and age only with allowUnbounded', () => {
    // act
    const config = parseStackConfig({
      consumer: { allowUnbounded: true, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1 },
    });

    // assess
    expect(config.consumer).toMatchObject({ maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1 });
  });

  it('returns a deeply frozen config without freezing the caller input', () => {
    // prepare
    const raw = validRaw();
    (raw['producer'] as Record<string, unknown>)['aggregation'] = false;
    (raw['consumer'] as Record<string, unknown>)['filters'] = [{ data: { lang: ['en'] } }];

    // act
    const config = parseStackConfig(raw);

    // assess
    expect(Object.isFrozen(config.consumer.function)).toBe(true);
    expect(Object.isFrozen(config.consumer.filters)).toBe(true);
    expect(Object.isFrozen((raw['consumer'] as { filters: object[] }).filters[0])).toBe(false);
  });
});

describe('mappingSettings', () => {
  it('returns the resolved mapping with ReportBatchItemFailures and without function sizing', () => {
    // prepare
    const config = parseStackConfig({
      producer: { aggregation: false },
      consumer: {
        startingPosition: 'AT_TIMESTAMP',
        startingPositionTimestamp: 1_600_000_000,
        filters: ['{"data":{"lang":["en"]}}', { data: { likes: [{ numeric: ['>=', 10] }] } }],
      },
    });

    // act
    const settings = mappingSettings(config, 'consumer');

    // assess
    expect(settings).toEqual({
      batchSize: 20,
      maximumBatchingWindowInSeconds: 0,
      startingPosition: 'AT_TIMESTAMP',
      startingPositionTimestamp: 1_600_000_000,
      parallelizationFactor: 1,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 3600,
      onFailureDestination: true,
      onFailureTarget: 'sqs',
      enhancedFanOut: false,
      filters: ['{"data":{"lang":["en"]}}', '{"data":{"likes":[{"numeric":[">=",10]}]}}'],
      tumblingWindowInSeconds: 0,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('omits startingPositionTimestamp when not reading AT_TIMESTAMP', () => {
    const settings = mappingSettings(parseStackConfig({}), 'aggregator');
    expect('startingPositionTimestamp' in settings).toBe(false);
    expect(settings.tumblingWindowInSeconds).toBe(30);
  });
});

describe('initialShardCount', () => {
  it('uses the provisioned count, or the four shards AWS starts an on-demand stream with', () => {
    expect(initialShardCount(parseStackConfig({ stream: { mode: 'provisioned', shardCount: 3 } }))).toBe(3);
    expect(initialShardCount(parseStackConfig({ stream: { mode: 'on-demand' } }))).toBe(4);
  });
});
