// One case per validation rule: each breaks exactly one rule of a valid config and expects
// exactly one issue, on exactly that key, with the offending value.
import { ConfigValidationError, parseStackConfig } from '../src';
import { NOW_MS, all, set, thrown, validRaw } from './helpers/raw-config';

type Patch = (raw: Record<string, unknown>) => void;
const ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const AGGREGATED = set('producer.aggregation', true);
const CUSTOMER_KEY = set('stream.encryption', 'customer-key');
const JWT = set('report.access', 'jwt');

// [rule, patch, key (without "streamlens:" unless it is aws:region), offending value]
const CASES: Array<[string, Patch, string, unknown]> = [
  // stream
  ['stream mode is provisioned|on-demand', set('stream.mode', 'serverless'), 'stream.mode', 'serverless'],
  ['shardCount required for provisioned', set('stream.shardCount', undefined), 'stream.shardCount', undefined],
  ['shardCount at most 500', set('stream.shardCount', 501), 'stream.shardCount', 501],
  ['shardCount at least 1', set('stream.shardCount', 0), 'stream.shardCount', 0],
  ['shardCount forbidden for on-demand', set('stream.mode', 'on-demand'), 'stream.shardCount', 2],
  ['retentionHours at least 24', set('stream.retentionHours', 23), 'stream.retentionHours', 23],
  ['retentionHours at most 8760', set('stream.retentionHours', 8761), 'stream.retentionHours', 8761],
  ['encryption is one of three', set('stream.encryption', 'kms'), 'stream.encryption', 'kms'],
  ['customer-key requires kmsKeyArn', CUSTOMER_KEY, 'stream.kmsKeyArn', undefined],
  [
    'kmsKeyArn is ARN shaped',
    all(CUSTOMER_KEY, set('stream.kmsKeyArn', 'alias/mine')),
    'stream.kmsKeyArn',
    'alias/mine',
  ],
  ['kmsKeyArn only with customer-key', set('stream.kmsKeyArn', ARN), 'stream.kmsKeyArn', ARN],
  // producer
  ['aggregation is boolean', set('producer.aggregation', 'yes'), 'producer.aggregation', 'yes'],
  ['maxBufferedTimeMs 1–60000', set('producer.maxBufferedTimeMs', 0), 'producer.maxBufferedTimeMs', 0],
  ['recordTtlMs 100–600000', set('producer.recordTtlMs', 600_001), 'producer.recordTtlMs', 600_001],
  [
    'records rate limit ≤ shard limit',
    set('producer.rateLimit.recordsPerSecondPerShard', 1001),
    'producer.rateLimit.recordsPerSecondPerShard',
    1001,
  ],
  [
    'bytes rate limit ≤ shard limit',
    set('producer.rateLimit.bytesPerSecondPerShard', 2_097_152),
    'producer.rateLimit.bytesPerSecondPerShard',
    2_097_152,
  ],
  // mapping fields
  ['batchSize at least 1', set('consumer.batchSize', 0), 'consumer.batchSize', 0],
  ['batchSize at most 10000', set('aggregator.batchSize', 10_001), 'aggregator.batchSize', 10_001],
  ['batchSize is an integer', set('consumer.batchSize', 1.5), 'consumer.batchSize', 1.5],
  ['batchSize is a number, not a string', set('consumer.batchSize', '500'), 'consumer.batchSize', '500'],
  [
    'batching window 0–300',
    set('consumer.maximumBatchingWindowInSeconds', 301),
    'consumer.maximumBatchingWindowInSeconds',
    301,
  ],
  [
    'startingPosition is one of three',
    set('consumer.startingPosition', 'EARLIEST'),
    'consumer.startingPosition',
    'EARLIEST',
  ],
  [
    'AT_TIMESTAMP requires a timestamp',
    set('consumer.startingPosition', 'AT_TIMESTAMP'),
    'consumer.startingPositionTimestamp',
    undefined,
  ],
  [
    'AT_TIMESTAMP not in the future',
    all(
      set('consumer.startingPosition', 'AT_TIMESTAMP'),
      set('consumer.startingPositionTimestamp', NOW_MS / 1000 + 60),
    ),
    'consumer.startingPositionTimestamp',
    NOW_MS / 1000 + 60,
  ],
  [
    'AT_TIMESTAMP is Unix seconds',
    all(set('consumer.startingPosition', 'AT_TIMESTAMP'), set('consumer.startingPositionTimestamp', '2023-01-01')),
    'consumer.startingPositionTimestamp',
    '2023-01-01',
  ],
  [
    'timestamp only with AT_TIMESTAMP',
    set('consumer.startingPositionTimestamp', 1_600_000_000),
    'consumer.startingPositionTimestamp',
    1_600_000_000,
  ],
  ['parallelizationFactor 1–10', set('consumer.parallelizationFactor', 11), 'consumer.parallelizationFactor', 11],
  [
    'bisect is boolean',
    set('consumer.bisectBatchOnFunctionError', 'true'),
    'consumer.bisectBatchOnFunctionError',
    'true',
  ],
  ['retries at most 10000', set('consumer.maximumRetryAttempts', 10_001), 'consumer.maximumRetryAttempts', 10_001],
  ['retries -1 or ≥ 0', set('consumer.maximumRetryAttempts', -2), 'consumer.maximumRetryAttempts', -2],
  [
    'retries -1 needs allowUnbounded',
    set('aggregator.maximumRetryAttempts', -1),
    'aggregator.maximumRetryAttempts',
    -1,
  ],
  ['record age at least 60', set('consumer.maximumRecordAgeInSeconds', 59), 'consumer.maximumRecordAgeInSeconds', 59],
  [
    'record age at most 604800',
    all(set('stream.retentionHours', 8760), set('consumer.maximumRecordAgeInSeconds', 604_801)),
    'consumer.maximumRecordAgeInSeconds',
    604_801,
  ],
  [
    'record age -1 needs allowUnbounded',
    set('consumer.maximumRecordAgeInSeconds', -1),
    'consumer.maximumRecordAgeInSeconds',
    -1,
  ],
  ['allowUnbounded is boolean', set('consumer.allowUnbounded', 'yes'), 'consumer.allowUnbounded', 'yes'],
  ['onFailureDestination is boolean', set('consumer.onFailureDestination', 1), 'consumer.onFailureDestination', 1],
  ['memoryMb at least 128', set('consumer.function.memoryMb', 127), 'consumer.function.memoryMb', 127],
  ['memoryMb at most 10240', set('aggregator.function.memoryMb', 10_241), 'aggregator.function.memoryMb', 10_241],
  ['timeoutSeconds 1–900', set('consumer.function.timeoutSeconds', 901), 'consumer.function.timeoutSeconds', 901],
  // filters
  [
    'at most 5 filters',
    set(
      'consumer.filters',
      Array.from({ length: 6 }, () => ({ data: { lang: ['en'] } })),
    ),
    'consumer.filters',
    Array.from({ length: 6 }, () => ({ data: { lang: ['en'] } })),
  ],
  ['filters is a list', set('consumer.filters', { data: {} }), 'consumer.filters', { data: {} }],
  ['a filter string is JSON', set('consumer.filters', ['{data:']), 'consumer.filters[0]', '{data:'],
  ['a filter is an object', set('consumer.filters', [42]), 'consumer.filters[0]', 42],
  [
    'filters match only data',
    set('consumer.filters', [{ partitionKey: ['a'] }]),
    'consumer.filters[0].partitionKey',
    ['a'],
  ],
  ['a match list is not empty', set('consumer.filters', [{ data: { lang: [] } }]), 'consumer.filters[0].data.lang', []],
  [
    'a leaf is a list or object',
    set('consumer.filters', [{ data: { lang: 'en' } }]),
    'consumer.filters[0].data.lang',
    'en',
  ],
  [
    'operators are known',
    set('consumer.filters', [{ data: { lang: [{ contains: 'e' }] } }]),
    'consumer.filters[0].data.lang[0]',
    { contains: 'e' },
  ],
  [
    'numeric ranges are well formed',
    set('consumer.filters', ['{"data":{"n":[{"numeric":["<",5,">",1]}]}}']),
    'consumer.filters[0].data.n[0].numeric',
    ['<', 5, '>', 1],
  ],
  [
    '$or has two alternatives',
    set('consumer.filters', [{ $or: [{ data: { a: [1] } }] }]),
    'consumer.filters[0].$or',
    [{ data: { a: [1] } }],
  ],
  // tumbling window
  [
    'consumer has no tumbling window',
    set('consumer.tumblingWindowInSeconds', 30),
    'consumer.tumblingWindowInSeconds',
    30,
  ],
  ['aggregator needs a window', set('aggregator.tumblingWindowInSeconds', 0), 'aggregator.tumblingWindowInSeconds', 0],
  [
    'aggregator window at most 900',
    set('aggregator.tumblingWindowInSeconds', 901),
    'aggregator.tumblingWindowInSeconds',
    901,
  ],
  // cross-field
  [
    'PF 1 with KPL aggregation',
    all(AGGREGATED, set('consumer.parallelizationFactor', 2)),
    'consumer.parallelizationFactor',
    2,
  ],
  ['PF 1 with a tumbling window', set('aggregator.parallelizationFactor', 2), 'aggregator.parallelizationFactor', 2],
  [
    'no data filters with aggregation',
    all(AGGREGATED, set('consumer.filters', [{ data: { lang: ['en'] } }])),
    'consumer.filters',
    [{ data: { lang: ['en'] } }],
  ],
  [
    'record age ≤ retention',
    set('aggregator.maximumRecordAgeInSeconds', 86_401),
    'aggregator.maximumRecordAgeInSeconds',
    86_401,
  ],
  // functions
  ['runtime nodejs22.x|nodejs24.x', set('functions.runtime', 'python3.13'), 'functions.runtime', 'python3.13'],
  ['runtime: a deprecated one is refused', set('functions.runtime', 'nodejs20.x'), 'functions.runtime', 'nodejs20.x'],
  ['architecture arm64|x86_64', set('functions.architecture', 'arm'), 'functions.architecture', 'arm'],
  ['logRetentionDays is a CloudWatch value', set('functions.logRetentionDays', 8), 'functions.logRetentionDays', 8],
  [
    'reserved concurrency 1–1000 or -1',
    set('functions.reservedConcurrency', { report: 0 }),
    'functions.reservedConcurrency.report',
    0,
  ],
  [
    'reserved concurrency only for the HTTP functions',
    set('functions.reservedConcurrency', { consumer: 5 }),
    'functions.reservedConcurrency.consumer',
    5,
  ],
  ['logLevel is known', set('functions.logLevel', 'TRACE'), 'functions.logLevel', 'TRACE'],
  // tables
  ['billingMode is known', set('tables.billingMode', 'ON_DEMAND'), 'tables.billingMode', 'ON_DEMAND'],
  [
    'PROVISIONED needs readCapacity',
    all(set('tables.billingMode', 'PROVISIONED'), set('tables.writeCapacity', 5)),
    'tables.readCapacity',
    undefined,
  ],
  [
    'PROVISIONED needs writeCapacity',
    all(set('tables.billingMode', 'PROVISIONED'), set('tables.readCapacity', 5)),
    'tables.writeCapacity',
    undefined,
  ],
  ['capacity only with PROVISIONED', set('tables.readCapacity', 5), 'tables.readCapacity', 5],
  ['ttlDays 1–3650', set('tables.ttlDays', 3651), 'tables.ttlDays', 3651],
  ['pointInTimeRecovery is boolean', set('tables.pointInTimeRecovery', 'no'), 'tables.pointInTimeRecovery', 'no'],
  ['deletionProtection is boolean', set('tables.deletionProtection', null), 'tables.deletionProtection', null],
  // report
  ['access iam|jwt|public', set('report.access', 'open'), 'report.access', 'open'],
  ['jwt requires a jwt block', JWT, 'report.jwt', undefined],
  [
    'jwt issuer is https',
    all(JWT, set('report.jwt', { issuer: 'http://idp.example.com', audience: 'a', scopes: ['s'] })),
    'report.jwt.issuer',
    'http://idp.example.com',
  ],
  [
    'jwt requires an audience',
    all(JWT, set('report.jwt', { issuer: 'https://idp.example.com', scopes: ['s'] })),
    'report.jwt.audience',
    undefined,
  ],
  [
    'jwt audience is not empty',
    all(JWT, set('report.jwt', { issuer: 'https://idp.example.com', audience: [], scopes: ['s'] })),
    'report.jwt.audience',
    [],
  ],
  [
    'jwt block only with jwt access',
    set('report.jwt', { issuer: 'https://idp.example.com', audience: 'a' }),
    'report.jwt',
    { issuer: 'https://idp.example.com', audience: 'a' },
  ],
  [
    'jwt requires scopes (else any token of the issuer for the audience passes)',
    all(JWT, set('report.jwt', { issuer: 'https://idp.example.com', audience: 'a' })),
    'report.jwt.scopes',
    undefined,
  ],
  [
    'jwt scopes are scope names',
    all(JWT, set('report.jwt', { issuer: 'https://idp.example.com', audience: 'a', scopes: ['read all'] })),
    'report.jwt.scopes',
    ['read all'],
  ],
  ['public requires allowPublic: true', set('report.access', 'public'), 'report.allowPublic', undefined],
  ['allowPublic only with public access', set('report.allowPublic', true), 'report.allowPublic', true],
  // alarms
  ['email is empty or an address', set('alarms.email', 'oncall'), 'alarms.email', 'oncall'],
  [
    'iterator age fraction above 0',
    set('alarms.iteratorAgeFractionOfRetention', 0),
    'alarms.iteratorAgeFractionOfRetention',
    0,
  ],
  [
    'iterator age fraction below 1 (at 1 the alarm could never fire)',
    set('alarms.iteratorAgeFractionOfRetention', 1),
    'alarms.iteratorAgeFractionOfRetention',
    1,
  ],
  ['lambdaIteratorAgeMs above 0', set('alarms.lambdaIteratorAgeMs', 0), 'alarms.lambdaIteratorAgeMs', 0],
  [
    'lambdaIteratorAgeMs below every mapping maximum record age (else the alarm can never fire)',
    all(set('aggregator.maximumRecordAgeInSeconds', 60), set('alarms.lambdaIteratorAgeMs', 60_000)),
    'alarms.lambdaIteratorAgeMs',
    60_000,
  ],
  ['functionErrors at least 1', set('alarms.functionErrors', 0), 'alarms.functionErrors', 0],
  ['dlqDepth at least 0', set('alarms.dlqDepth', -1), 'alarms.dlqDepth', -1],
  ['quarantinedPerMinute at least 1', set('alarms.quarantinedPerMinute', 0), 'alarms.quarantinedPerMinute', 0],
  // on-failure target
  ['onFailureTarget sqs|s3', set('consumer.onFailureTarget', 'sns'), 'consumer.onFailureTarget', 'sns'],
  [
    'onFailureTarget only with a destination',
    all(set('aggregator.onFailureDestination', false), set('aggregator.onFailureTarget', 's3')),
    'aggregator.onFailureTarget',
    's3',
  ],
  ['enhancedFanOut is boolean', set('consumer.enhancedFanOut', 'yes'), 'consumer.enhancedFanOut', 'yes'],
  // tags
  ['tags is a mapping', set('tags', ['team=analytics']), 'tags', ['team=analytics']],
  ['tag keys aws:* are AWS own', set('tags', { 'aws:owner': 'me' }), 'tags.aws:owner', 'me'],
  ['tag keys streamlens:* are the program own', set('tags', { 'streamlens:stack': 'x' }), 'tags.streamlens:stack', 'x'],
  ['tag values at most 256 characters', set('tags', { team: 'x'.repeat(257) }), 'tags.team', 'x'.repeat(257)],
  ['tag keys of allowed characters', set('tags', { 'team#1': 'a' }), 'tags.team#1', 'a'],
  [
    'at most 40 tags',
    set('tags', Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`t${i}`, 'v']))),
    'tags',
    Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`t${i}`, 'v'])),
  ],
  // network, region, structure
  ['vpc is boolean', set('network.vpc', 'false'), 'network.vpc', 'false'],
  ['region is a region name', set('region', 'Europe'), 'aws:region', 'Europe'],
  ['a section is a mapping', set('consumer', 5), 'consumer', 5],
  ['unknown nested keys are rejected', set('consumer.function.memory', 256), 'consumer.function.memory', 256],
];

describe('parseStackConfig validation rules', () => {
  it.each(CASES)('%s', (_rule, patch, key, value) => {
    // prepare
    const raw = validRaw();
    patch(raw);
    const fullKey = key.startsWith('aws:') ? key : `streamlens:${key}`;

    // act
    const error = thrown(() => parseStackConfig(raw, { nowMs: () => NOW_MS }));

    // assess
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { issues } = error as ConfigValidationError;
    expect(issues.map((i) => i.key)).toEqual([fullKey]);
    expect(issues[0]?.value).toEqual(value);
    expect(error.message.split('\n')).toContain(`  ${fullKey}: ${issues[0]?.message}`);
  });

  it('names the deprecation of a deprecated runtime and what to use instead', () => {
    const raw = validRaw();
    set('functions.runtime', 'nodejs20.x')(raw);
    const error = thrown(() => parseStackConfig(raw, { nowMs: () => NOW_MS })) as ConfigValidationError;
    expect(error.issues[0]?.message).toBe(
      'is deprecated by AWS Lambda since 2026-04-30: no security patches, and AWS blocks creating and then updating functions on it (got "nodejs20.x"; allowed nodejs22.x | nodejs24.x)',
    );
  });

  it('takes tags as strings (a YAML number or boolean value included)', () => {
    const raw = validRaw();
    set('tags', { team: 'analytics', 'cost-center': 42, billable: true, empty: '' })(raw);
    expect(parseStackConfig(raw, { nowMs: () => NOW_MS }).tags).toEqual({
      team: 'analytics',
      'cost-center': '42',
      billable: 'true',
      empty: '',
    });
  });

  it('takes s3 as the on-failure target of one mapping and keeps sqs for the other', () => {
    const raw = validRaw();
    set('consumer.onFailureTarget', 's3')(raw);
    const config = parseStackConfig(raw, { nowMs: () => NOW_MS });
    expect([config.consumer.onFailureTarget, config.aggregator.onFailureTarget]).toEqual(['s3', 'sqs']);
  });

  it('accepts the base config every case starts from', () => {
    expect(() => parseStackConfig(validRaw(), { nowMs: () => NOW_MS })).not.toThrow();
  });
});
