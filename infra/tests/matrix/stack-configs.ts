// fast-check arbitraries of valid stack configs (the raw `streamlens` namespace as Pulumi hands
// it over): every mode and option, destinations on and off, VPC on and off, every access mode.
import fc from 'fast-check';

/** A raw stack config and the AWS region it deploys to. */
export interface RawStack {
  readonly region: string;
  readonly sections: Record<string, unknown>;
}

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:123456789012:alias/streamlens';

const stream = fc.oneof(
  fc.record({ mode: fc.constant('provisioned'), shardCount: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ mode: fc.constant('on-demand') }),
);
const encryption = fc.oneof(
  fc.constant({ encryption: 'aws-managed' }),
  fc.constant({ encryption: 'none' }),
  fc.constantFrom(KEY_ARN, ALIAS_ARN).map((kmsKeyArn) => ({ encryption: 'customer-key', kmsKeyArn })),
);

/** Record age limits a mapping may have for a retention (seconds), or -1 with the opt-in. */
function recordAge(retentionHours: number) {
  const max = Math.min(604_800, retentionHours * 3600);
  return fc.oneof(
    fc.integer({ min: 60, max }).map((age) => ({ maximumRecordAgeInSeconds: age, allowUnbounded: false })),
    fc.constant({ maximumRecordAgeInSeconds: -1, allowUnbounded: true }),
  );
}

function mapping(name: 'consumer' | 'aggregator', retentionHours: number, aggregation: boolean) {
  const single = aggregation || name === 'aggregator';
  return fc
    .record({
      batchSize: fc.integer({ min: 1, max: 10_000 }),
      maximumBatchingWindowInSeconds: fc.integer({ min: 0, max: 300 }),
      startingPosition: fc.constantFrom('TRIM_HORIZON', 'LATEST'),
      parallelizationFactor: single ? fc.constant(1) : fc.integer({ min: 1, max: 10 }),
      bisectBatchOnFunctionError: fc.boolean(),
      enhancedFanOut: fc.boolean(),
      maximumRetryAttempts: fc.integer({ min: 0, max: 10_000 }),
      age: recordAge(retentionHours),
      destination: fc.constantFrom(
        { onFailureDestination: false },
        { onFailureDestination: true, onFailureTarget: 'sqs' },
        { onFailureDestination: true, onFailureTarget: 's3' },
      ),
      filters: aggregation ? fc.constant([]) : fc.constantFrom([], [{ data: { lang: ['en'] } }]),
      memoryMb: fc.integer({ min: 128, max: 10_240 }),
      timeoutSeconds: fc.integer({ min: 1, max: 900 }),
      window: fc.integer({ min: 1, max: 900 }),
    })
    .map(({ age, destination, memoryMb, timeoutSeconds, window, ...rest }) => ({
      ...rest,
      ...age,
      ...destination,
      function: { memoryMb, timeoutSeconds },
      ...(name === 'aggregator' ? { tumblingWindowInSeconds: window } : {}),
    }));
}

const report = fc.oneof(
  fc.constant({ access: 'iam' }),
  fc.constant({ access: 'public', allowPublic: true }),
  fc.constant({
    access: 'jwt',
    jwt: { issuer: 'https://idp.example.com/pool', audience: ['streamlens-report'], scopes: ['report.read'] },
  }),
);

const tables = fc.oneof(
  fc.constant({ billingMode: 'PAY_PER_REQUEST' }),
  fc.record({
    billingMode: fc.constant('PROVISIONED'),
    readCapacity: fc.integer({ min: 1, max: 100 }),
    writeCapacity: fc.integer({ min: 1, max: 100 }),
  }),
);

/** The shortest age (ms) at which a mapping drops records: what the Lambda alarm must stay below. */
export function shortestRecordAgeMs(sections: Record<string, unknown>): number {
  const retentionMs = ((sections['stream'] as { retentionHours: number }).retentionHours ?? 24) * 3_600_000;
  const alerts = sections['alerts'] as { enabled: boolean; mapping: { maximumRecordAgeInSeconds: number } };
  return Math.min(
    ...(['consumer', 'aggregator'] as const).map((name) => {
      const age = (sections[name] as { maximumRecordAgeInSeconds: number }).maximumRecordAgeInSeconds;
      return age === -1 ? retentionMs : Math.min(retentionMs, age * 1000);
    }),
    // the alerts mapping reads the trends table's stream (24 h retention)
    ...(alerts.enabled ? [Math.min(86_400_000, alerts.mapping.maximumRecordAgeInSeconds * 1000)] : []),
  );
}

/** Valid raw stack configs. */
export const rawStacks: fc.Arbitrary<RawStack> = fc
  .record({
    stream,
    encryption,
    retentionHours: fc.constantFrom(24, 48, 168, 8760),
    aggregation: fc.boolean(),
    vpc: fc.boolean(),
    report,
    tables,
    runtime: fc.constantFrom('nodejs22.x', 'nodejs24.x'),
    architecture: fc.constantFrom('arm64', 'x86_64'),
    email: fc.constantFrom('', 'oncall@example.com'),
    fraction: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
    lambdaAgeShare: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    reserved: fc.constantFrom(-1, 1, 10, 1000),
    alerts: fc.record({
      enabled: fc.boolean(),
      age: fc.integer({ min: 60, max: 86_400 }),
      webhook: fc.boolean(),
    }),
    tags: fc.dictionary(
      fc.constantFrom('team', 'cost-center', 'owner', 'Data Class'),
      fc.constantFrom('', 'a', 'x y', '42'),
      {
        maxKeys: 3,
      },
    ),
  })
  .chain((base) =>
    fc
      .record({
        consumer: mapping('consumer', base.retentionHours, base.aggregation),
        aggregator: mapping('aggregator', base.retentionHours, base.aggregation),
      })
      .map(({ consumer, aggregator }): RawStack => {
        const sections: Record<string, unknown> = {
          stream: { ...base.stream, ...base.encryption, retentionHours: base.retentionHours },
          producer: { aggregation: base.aggregation },
          consumer,
          aggregator,
          functions: {
            runtime: base.runtime,
            architecture: base.architecture,
            reservedConcurrency: { report: base.reserved, ingest: base.reserved },
          },
          tables: { ...base.tables, pointInTimeRecovery: false, deletionProtection: false },
          report: base.report,
          network: { vpc: base.vpc },
          tags: base.tags,
          alerts: {
            enabled: base.alerts.enabled,
            mapping: { maximumRecordAgeInSeconds: base.alerts.age },
            targets: base.alerts.webhook
              ? { email: base.email, webhook: { url: 'https://hooks.example.com/a', secretName: 'alerts/key' } }
              : { email: base.email },
          },
        };
        const lambdaIteratorAgeMs = Math.max(1, Math.floor(shortestRecordAgeMs(sections) * base.lambdaAgeShare));
        sections['alarms'] = {
          email: base.email,
          iteratorAgeFractionOfRetention: base.fraction,
          lambdaIteratorAgeMs,
        };
        return { region: 'eu-west-1', sections };
      }),
  );
