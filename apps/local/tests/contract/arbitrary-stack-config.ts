// fast-check generators of valid stack configs (the raw `streamlens` namespace as a stack file
// would hold it): every section, every mode, unusual but valid values, filter patterns of every
// operator. Valid by construction; the contract test parses each one and fails if it is not.
import { LOG_RETENTION_DAYS, RUNTIMES } from '@streamlens/config';
import fc from 'fast-check';

const NOW_S = Math.floor(Date.UTC(2026, 0, 1) / 1000);

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

/** One match-list element of every operator AWS documents. */
const matcher = fc.oneof(
  word,
  fc.integer({ min: -1000, max: 1000 }),
  fc.constant(null),
  fc.constant(''),
  word.map((w) => ({ prefix: w })),
  word.map((w) => ({ suffix: w })),
  word.map((w) => ({ prefix: { 'equals-ignore-case': w } })),
  word.map((w) => ({ 'equals-ignore-case': w })),
  word.map((w) => ({ wildcard: `*${w}*` })),
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ({ 'anything-but': ws })),
  word.map((w) => ({ 'anything-but': { suffix: w } })),
  fc.integer({ min: -100, max: 100 }).map((n) => ({ numeric: ['>', n, '<=', n + 50] })),
  fc.boolean().map((b) => ({ exists: b })),
  fc.constant({ cidr: '10.0.0.0/8' }),
);

/** A filter pattern on `data`, as a YAML mapping or as JSON text (numbers as written). */
const filterPattern = fc.oneof(
  fc
    .dictionary(word, fc.array(matcher, { minLength: 1, maxLength: 3 }), { minKeys: 1, maxKeys: 3 })
    .map((fields) => ({ data: fields }) as Record<string, unknown>),
  word.map((w) => `{"data": {"${w}": [1.50, {"numeric": ["=", 2.0]}]}}`),
);

const stream = fc.oneof(
  fc.record({
    mode: fc.constant('provisioned'),
    shardCount: fc.integer({ min: 1, max: 8 }),
    retentionHours: fc.integer({ min: 24, max: 8760 }),
    encryption: fc.constantFrom('aws-managed', 'none'),
  }),
  fc.record({
    mode: fc.constant('on-demand'),
    retentionHours: fc.integer({ min: 24, max: 8760 }),
    encryption: fc.constant('customer-key'),
    kmsKeyArn: fc.constant('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
  }),
);

interface MappingShape {
  readonly aggregation: boolean;
  readonly retentionHours: number;
  readonly windowed: boolean;
}

function mapping(shape: MappingShape) {
  const bounded = fc.record({
    allowUnbounded: fc.constant(false),
    maximumRetryAttempts: fc.integer({ min: 0, max: 10_000 }),
    maximumRecordAgeInSeconds: fc.integer({ min: 60, max: Math.min(604_800, shape.retentionHours * 3600) }),
  });
  const unbounded = fc.record({
    allowUnbounded: fc.constant(true),
    maximumRetryAttempts: fc.constant(-1),
    maximumRecordAgeInSeconds: fc.constant(-1),
  });
  const start = fc.oneof(
    fc.record({ startingPosition: fc.constantFrom('TRIM_HORIZON', 'LATEST') }),
    fc.record({
      startingPosition: fc.constant('AT_TIMESTAMP'),
      startingPositionTimestamp: fc.integer({ min: 1, max: NOW_S }),
    }),
  );
  return fc
    .tuple(
      fc.record({
        batchSize: fc.integer({ min: 1, max: 10_000 }),
        maximumBatchingWindowInSeconds: fc.integer({ min: 0, max: 300 }),
        parallelizationFactor: shape.aggregation || shape.windowed ? fc.constant(1) : fc.integer({ min: 1, max: 10 }),
        bisectBatchOnFunctionError: fc.boolean(),
        onFailureDestination: fc.boolean(),
        filters: shape.aggregation ? fc.constant([]) : fc.array(filterPattern, { maxLength: 5 }),
        function: fc.record({
          memoryMb: fc.integer({ min: 128, max: 10_240 }),
          timeoutSeconds: fc.integer({ min: 1, max: 900 }),
        }),
      }),
      fc.oneof(bounded, unbounded),
      start,
      shape.windowed ? fc.integer({ min: 1, max: 900 }) : fc.constant(undefined),
    )
    .map(([base, limits, position, window]) => ({
      ...base,
      ...limits,
      ...position,
      ...(window === undefined ? {} : { tumblingWindowInSeconds: window }),
    }));
}

const report = fc.oneof(
  fc.constant({ access: 'iam' }),
  fc.constant({ access: 'public', allowPublic: true }),
  fc.record({
    access: fc.constant('jwt'),
    jwt: fc.record({
      issuer: word.map((w) => `https://${w}.auth.example.com/pool`),
      audience: fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 3 })),
      scopes: fc.array(
        word.map((w) => `streamlens/${w}.read`),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  }),
);

const tables = fc.oneof(
  fc.record({ billingMode: fc.constant('PAY_PER_REQUEST') }),
  fc.record({
    billingMode: fc.constant('PROVISIONED'),
    readCapacity: fc.integer({ min: 1, max: 40_000 }),
    writeCapacity: fc.integer({ min: 1, max: 40_000 }),
  }),
);

/**
 * A valid raw stack config (`aws:region` as `region`).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraryStackConfig(), (raw) => parseStackConfig(raw) !== undefined));
 * ```
 */
export function arbitraryStackConfig(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ stream, aggregation: fc.boolean() }).chain(({ stream: s, aggregation }) => {
    const shape = { aggregation, retentionHours: s.retentionHours };
    return fc.record({
      region: fc.constantFrom('eu-west-1', 'us-east-2', 'ap-southeast-2'),
      stream: fc.constant(s),
      producer: fc.record({
        aggregation: fc.constant(aggregation),
        maxBufferedTimeMs: fc.integer({ min: 1, max: 60_000 }),
        recordTtlMs: fc.integer({ min: 100, max: 600_000 }),
        rateLimit: fc.record({
          recordsPerSecondPerShard: fc.integer({ min: 1, max: 1000 }),
          bytesPerSecondPerShard: fc.integer({ min: 1, max: 1_048_576 }),
        }),
      }),
      consumer: mapping({ ...shape, windowed: false }),
      aggregator: mapping({ ...shape, windowed: true }),
      functions: fc.record({
        runtime: fc.constantFrom(...RUNTIMES),
        architecture: fc.constantFrom('arm64', 'x86_64'),
        logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
        logLevel: fc.constantFrom('DEBUG', 'INFO', 'WARN', 'ERROR'),
      }),
      tables: fc
        .tuple(tables, fc.integer({ min: 1, max: 3650 }), fc.boolean(), fc.boolean())
        .map(([billing, ttlDays, pointInTimeRecovery, deletionProtection]) => ({
          ...billing,
          ttlDays,
          pointInTimeRecovery,
          deletionProtection,
        })),
      report,
      alarms: fc.record({
        email: fc.constantFrom('', 'oncall@example.com'),
        iteratorAgeFractionOfRetention: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        // Below the least record age a mapping can have (60 s): reachable whatever the mappings say.
        lambdaIteratorAgeMs: fc.integer({ min: 1_000, max: 59_000 }),
        functionErrors: fc.integer({ min: 1, max: 100 }),
      }),
      network: fc.record({ vpc: fc.boolean() }),
    });
  });
}
