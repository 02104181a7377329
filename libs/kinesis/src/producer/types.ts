// Public shapes of the producer core: options, user records, results, metrics.
import type {
  ListShardsCommand,
  ListShardsCommandOutput,
  PutRecordsCommand,
  PutRecordsCommandOutput,
} from '@aws-sdk/client-kinesis';

/**
 * The part of a `KinesisClient` the producer uses. A real `KinesisClient` satisfies it; tests
 * may pass a small in-memory object.
 */
export interface KinesisPort {
  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
  send(command: ListShardsCommand): Promise<ListShardsCommandOutput>;
}

/** One record as the application hands it to the producer. */
export interface UserRecord {
  /** 1–256 characters; MD5 of it picks the shard unless `explicitHashKey` is given. */
  readonly partitionKey: string;
  /** Payload; with the partition key at most 1 MiB. */
  readonly data: Uint8Array;
  /** Decimal 128-bit hash key that overrides the partition key's hash. */
  readonly explicitHashKey?: string;
}

/** Where a user record landed. */
export interface PutResult {
  readonly sequenceNumber: string;
  readonly shardId: string;
  /** Index inside the KPL aggregate; absent when the record was sent on its own. */
  readonly subSequenceNumber?: number;
}

/** A record admitted into the buffer; `result` settles when it is durable or failed for good. */
export interface PendingPut {
  readonly result: Promise<PutResult>;
}

/** Per-shard rate limits; the producer never offers a shard more than this in any second. */
export interface RateLimitOptions {
  /** Default 1,000 (the shard limit). */
  readonly recordsPerSecond?: number;
  /** Default 1 MiB (the shard limit). */
  readonly bytesPerSecond?: number;
  /**
   * Share of the per-second limit a bucket may hold as burst, default 0.05: buckets refill at
   * (1 − burst) × limit, so burst plus refill never passes the limit within one second.
   */
  readonly burstFraction?: number;
}

/** Time and randomness, injectable so tests are deterministic. */
export interface ProducerRuntime {
  /** Epoch milliseconds. */
  readonly now?: () => number;
  /** Resolves after `ms`; resolves early (or may ignore) when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number;
}

/** Options of {@link KinesisProducer}. */
export interface ProducerOptions extends ProducerRuntime {
  readonly client: KinesisPort;
  readonly streamName: string;
  /** KPL aggregation of records bound for the same shard; default true. */
  readonly aggregation?: boolean;
  /** Longest time a record waits in the buffer before it is sent; default 100 ms. */
  readonly maxBufferedTimeMs?: number;
  /** Largest aggregated record in bytes; default 51,200. */
  readonly aggregationMaxBytes?: number;
  /** Kinesis records per PutRecords call; default 500. */
  readonly collectionMaxCount?: number;
  /** Bytes per PutRecords call; default 5 MiB. */
  readonly collectionMaxBytes?: number;
  /** A record not put within this time rejects with RecordExpiredError; default 30 s. */
  readonly recordTtlMs?: number;
  /** Memory cap: bytes of admitted, unsettled user records; put waits while it is reached. Default 16 MiB. */
  readonly maxBufferedBytes?: number;
  /** Per-shard token buckets; `false` switches rate limiting off. */
  readonly rateLimit?: RateLimitOptions | false;
  /** PutRecords calls in flight at once; default 16. */
  readonly maxConcurrency?: number;
  /** Full-jitter exponential backoff: base and cap; defaults 100 ms and 2 s. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Shard map age after which it is re-listed; default 60 s. */
  readonly shardMapRefreshMs?: number;
  /** Receives the metrics of each interval (and of the last one on close). */
  readonly metricsSink?: (snapshot: ProducerMetricsSnapshot) => void;
  /** Interval of `metricsSink`; default 60 s. */
  readonly metricsIntervalMs?: number;
}

/** Summary statistics of a duration metric, in milliseconds. */
export interface DurationStats {
  readonly count: number;
  readonly sum: number;
  readonly max: number;
  readonly avg: number;
}

/** Producer metrics in KPL vocabulary; counters cover the snapshot's period. */
export interface ProducerMetricsSnapshot {
  /** Start and end of the period, epoch ms. */
  readonly periodStart: number;
  readonly periodEnd: number;
  /** User records admitted by put(). */
  readonly UserRecordsReceived: number;
  /** User records admitted and not yet settled (a gauge, at period end). */
  readonly UserRecordsPending: number;
  /** User records durably put. */
  readonly UserRecordsPut: number;
  /** Data bytes of the user records put. */
  readonly UserRecordsDataPut: number;
  /** Kinesis records (aggregates or single records) durably put. */
  readonly KinesisRecordsPut: number;
  /** Bytes (keys plus data) of the Kinesis records put. */
  readonly KinesisRecordsDataPut: number;
  /** PutRecords calls made. */
  readonly PutRecordsRequests: number;
  /** UserRecordsPut / KinesisRecordsPut. */
  readonly UserRecordsPerKinesisRecord: number;
  /** Kinesis records sent / PutRecords calls. */
  readonly KinesisRecordsPerPutRecordsRequest: number;
  /** Retries (re-sends after a failure) per user record put or expired. */
  readonly RetriesPerRecord: number;
  /** User records that expired past their TTL. */
  readonly UserRecordExpired: number;
  /** User records rejected for being invalid or refused for good by Kinesis. */
  readonly UserRecordsFailed: number;
  /** Failures seen, by error code (PutRecords entries and whole calls). */
  readonly ErrorsByCode: Readonly<Record<string, number>>;
  readonly AllErrors: number;
  /** Time from admission to first send, of records first sent in the period. */
  readonly BufferingTime: DurationStats;
  /** Duration of PutRecords calls. */
  readonly RequestTime: DurationStats;
  /** Shard map loads (initial and refreshes). */
  readonly ShardMapLoads: number;
  /** Times put() had to wait for buffer space. */
  readonly BackPressureWaits: number;
}
