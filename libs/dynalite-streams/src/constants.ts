// Limits and defaults of DynamoDB Streams, as AWS documents them (../shared/SEMANTICS.md,
// "DynamoDB Streams and their event-source mapping").

/** Stream records are kept 24 hours. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * AWS closes a stream shard and opens its child "roughly every four hours" (not documented
 * exactly); the emulation does the same on a fixed, configurable lifetime.
 */
export const DEFAULT_SHARD_LIFETIME_MS = 4 * 60 * 60 * 1000;

/** A shard iterator expires 15 minutes after it was returned. */
export const SHARD_ITERATOR_TTL_MS = 15 * 60 * 1000;

/** GetRecords returns at most 1,000 records ... */
export const GET_RECORDS_MAX_RECORDS = 1000;

/** ... or 1 MB of records, whichever comes first. */
export const GET_RECORDS_MAX_BYTES = 1024 * 1024;

/** DescribeStream and ListStreams pages hold at most 100 shards or streams. */
export const MAX_PAGE_SIZE = 100;

/** Sequence numbers are decimal strings of 21 to 40 digits; ours are 21 wide, zero-padded (as DynamoDB Local's). */
export const SEQUENCE_NUMBER_DIGITS = 21;

/** The stream view types of a StreamSpecification. */
export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

/** The iterator types of GetShardIterator. */
export const SHARD_ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const;

/** `X-Amz-Target` prefix of the DynamoDB Streams API (the DynamoDB API's is `DynamoDB_20120810.`). */
export const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810.';

/** Stream status values of DescribeStream. */
export const STREAM_STATUSES = { enabled: 'ENABLED', disabled: 'DISABLED' } as const;
