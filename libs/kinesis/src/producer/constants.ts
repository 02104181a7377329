// Kinesis service limits and KPL defaults the producer core is built around (SEMANTICS.md).

/** Hard limits of the Kinesis Data Streams API. */
export const KINESIS_LIMITS = {
  /** Largest record: partition key (UTF-8) plus data, 1 MiB by default. */
  maxRecordBytes: 1_048_576,
  /** Longest partition key, in Unicode characters (the API counts UTF-16 code units). */
  maxPartitionKeyLength: 256,
  /** Records per PutRecords call. */
  maxRecordsPerRequest: 500,
  /** Bytes (keys plus data) per PutRecords call. */
  maxBytesPerRequest: 5 * 1_048_576,
  /** Per-shard write limits. */
  shardRecordsPerSecond: 1000,
  shardBytesPerSecond: 1_048_576,
  /** Largest hash key: 2^128 - 1. */
  maxHashKey: (1n << 128n) - 1n,
} as const;

/** KPL aggregation format: magic prefix and MD5 trailer length. */
export const KPL_FORMAT = {
  magic: Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2),
  checksumBytes: 16,
} as const;

/** Defaults of {@link KinesisProducer} options (KPL defaults where the KPL has one). */
export const PRODUCER_DEFAULTS = {
  aggregation: true,
  maxBufferedTimeMs: 100,
  aggregationMaxBytes: 51_200,
  collectionMaxCount: KINESIS_LIMITS.maxRecordsPerRequest,
  collectionMaxBytes: KINESIS_LIMITS.maxBytesPerRequest,
  recordTtlMs: 30_000,
  maxBufferedBytes: 16 * 1_048_576,
  recordsPerSecond: KINESIS_LIMITS.shardRecordsPerSecond,
  bytesPerSecond: KINESIS_LIMITS.shardBytesPerSecond,
  /** Share of each per-second limit a shard bucket may hold as burst (see token-bucket.ts). */
  burstFraction: 0.05,
  maxConcurrency: 16,
  backoffBaseMs: 100,
  backoffMaxMs: 2_000,
  shardMapRefreshMs: 60_000,
  metricsIntervalMs: 60_000,
} as const;
