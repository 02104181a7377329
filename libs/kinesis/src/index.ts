// Public API of @streamlens/kinesis. Each half of the lib keeps its own block.

// producer
export { KinesisProducer } from './producer/kinesis-producer';
export { AggregateBuilder, encodeAggregatedRecord } from './producer/aggregate-builder';
export type { AggregateEntry } from './producer/aggregate-builder';
export { partitionKeyHash, parseExplicitHashKey } from './producer/hash-key';
export { ShardMap, loadShardMap } from './producer/shard-map';
export type { ShardRange } from './producer/shard-map';
export { TokenBucket } from './producer/token-bucket';
export { fullJitterBackoff } from './producer/backoff';
export { toEmf } from './producer/emf';
export type { EmfOptions } from './producer/emf';
export { KINESIS_LIMITS, KPL_FORMAT, PRODUCER_DEFAULTS } from './producer/constants';
export {
  InvalidUserRecordError,
  ProducerClosedError,
  ProducerConfigError,
  ProducerError,
  PutRecordsEntryError,
  PutRejectedError,
  RecordExpiredError,
} from './producer/errors';
export type {
  DurationStats,
  KinesisPort,
  PendingPut,
  ProducerMetricsSnapshot,
  ProducerOptions,
  ProducerRuntime,
  PutResult,
  RateLimitOptions,
  UserRecord,
} from './producer/types';
export { SYNTHETIC_POISON_KINDS, SyntheticSocialStream } from './producer/synthetic/synthetic-stream';
export type {
  SyntheticPoisonKind,
  SyntheticRecord,
  SyntheticStreamOptions,
  TrendingOptions,
} from './producer/synthetic/synthetic-stream';
export { parseSpikes, rateAt, recordsBetween } from './producer/synthetic/spikes';
export type { RateSpike } from './producer/synthetic/spikes';
// end producer

// consumer
export { BatchFailureTracker } from './consumer/batch-failure-tracker';
export { decodeBase64Strict } from './consumer/base64';
export { arrivalMillis, deaggregate, deaggregateBytes, eventRecordBytes } from './consumer/deaggregate';
export type { DeaggregatedRecord, ParentRecord } from './consumer/deaggregate';
export { InvalidSequenceNumberError, KinesisConsumerError } from './consumer/errors';
export { decodeAggregatedRecord, isAggregated } from './consumer/kpl-decoder';
export type { AggregatedUserRecord } from './consumer/kpl-decoder';
export { compareSequenceNumbers, parseSequenceNumber } from './consumer/sequence-number';
// end consumer
