// Allowed values and ranges of the stack config, taken from AWS's documented limits
// (see /work/shared/SEMANTICS.md) so a bad value fails at parse time, not at deploy time.

/** Namespace of every StreamLens key in Pulumi.<stack>.yaml. */
export const CONFIG_NAMESPACE = 'streamlens';

/** Key of the AWS region in Pulumi.<stack>.yaml (owned by the aws provider). */
export const REGION_KEY = 'aws:region';

/** Kinesis capacity modes. */
export const STREAM_MODES = ['provisioned', 'on-demand'] as const;

/** Server-side encryption of the stream. */
export const STREAM_ENCRYPTIONS = ['aws-managed', 'customer-key', 'none'] as const;

/** Where an event-source mapping starts reading a shard it has no checkpoint for. */
export const STARTING_POSITIONS = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

/** Lambda runtimes the bundles are built and tested for (nodejs22.x is the default). */
export const RUNTIMES = ['nodejs22.x', 'nodejs24.x'] as const;

/**
 * Node.js runtimes AWS Lambda has deprecated, with the date: refused with that reason rather
 * than as an unknown value (a stack file written last year names one of them).
 */
export const DEPRECATED_RUNTIMES: Readonly<Record<string, string>> = {
  'nodejs20.x': '2026-04-30',
  'nodejs18.x': '2025-09-01',
  'nodejs16.x': '2024-06-12',
};

/**
 * Where a mapping's on-failure destination keeps failed batches: an SQS queue (a record that
 * describes the batch; redrive re-reads the range from the stream while retention keeps it) or an
 * S3 bucket (AWS stores the whole invocation record, so redrive works after retention too).
 */
export const ON_FAILURE_TARGETS = ['sqs', 's3'] as const;

/** Lambda instruction set architectures. */
export const ARCHITECTURES = ['arm64', 'x86_64'] as const;

/** Log levels understood by the Powertools logger. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** The only retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** DynamoDB billing modes. */
export const BILLING_MODES = ['PAY_PER_REQUEST', 'PROVISIONED'] as const;

/** How the report API is protected. */
export const REPORT_ACCESS = ['iam', 'jwt', 'public'] as const;

/** The two Kinesis event-source mappings of the pipeline. */
export const MAPPING_NAMES = ['consumer', 'aggregator'] as const;

/** Inclusive numeric ranges; `unbounded` marks AWS's "-1 = infinite" sentinel. */
export const RANGES = {
  shardCount: { min: 1, max: 500 },
  retentionHours: { min: 24, max: 8760 },
  batchSize: { min: 1, max: 10_000 },
  maximumBatchingWindowInSeconds: { min: 0, max: 300 },
  parallelizationFactor: { min: 1, max: 10 },
  maximumRetryAttempts: { min: 0, max: 10_000, unbounded: -1 },
  maximumRecordAgeInSeconds: { min: 60, max: 604_800, unbounded: -1 },
  tumblingWindowInSeconds: { min: 0, max: 900 },
  memoryMb: { min: 128, max: 10_240 },
  timeoutSeconds: { min: 1, max: 900 },
  maxBufferedTimeMs: { min: 1, max: 60_000 },
  recordTtlMs: { min: 100, max: 600_000 },
  recordsPerSecondPerShard: { min: 1, max: 1_000 },
  bytesPerSecondPerShard: { min: 1, max: 1_048_576 },
  capacityUnits: { min: 1, max: 40_000 },
  ttlDays: { min: 1, max: 3650 },
  reservedConcurrency: { min: 1, max: 1_000, unbounded: -1 },
} as const;

/**
 * Shards kinesalite gets for an on-demand stream: AWS starts a new on-demand stream with
 * 4 MB/s of write capacity, i.e. four shards.
 */
export const ON_DEMAND_INITIAL_SHARDS = 4;

/** The keys of the `streamlens` namespace. */
export const SECTION_KEYS = [
  'stream',
  'producer',
  'consumer',
  'aggregator',
  'functions',
  'tables',
  'report',
  'alarms',
  'network',
  'tags',
  'alerts',
] as const;
