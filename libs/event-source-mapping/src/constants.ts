// Limits and defaults of the Lambda event-source mapping for Kinesis, as AWS documents them
// (see /work/shared/SEMANTICS.md). Tunables that only exist to make tests fast are options of
// EventSourceMapping, not constants.

/** Largest synchronous invoke payload (request and response): 6 MB. */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Largest tumbling-window state per shard: 1 MB. */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024;

/** A shard iterator expires this long after GetShardIterator/GetRecords returned it. */
export const SHARD_ITERATOR_TTL_MS = 5 * 60 * 1000;

/** GetRecords returns at most this many records. */
export const MAX_GET_RECORDS_LIMIT = 10_000;

/**
 * GetRecords returns at most this many bytes (10 MiB, partition keys and data). kinesalite has
 * no such cap, so ShardReader applies it.
 */
export const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;

/** Kinesis allows 5 GetRecords calls per second per shard. */
export const GET_RECORDS_PER_SECOND = 5;

/** Kinesis allows reading 2 MB per second per shard, shared by its standard consumers. */
export const READ_BYTES_PER_SECOND = 2 * 1024 * 1024;

/** Lambda polls an idle shard about once a second. */
export const DEFAULT_IDLE_POLL_MS = 1_000;

/** Conditions of an on-failure destination record. */
export const FAILURE_CONDITIONS = {
  retryAttemptsExhausted: 'RetryAttemptsExhausted',
  recordAgeExceeded: 'RecordAgeExceeded',
} as const;

/** A condition of an on-failure destination record. */
export type FailureCondition = (typeof FAILURE_CONDITIONS)[keyof typeof FAILURE_CONDITIONS];

/** Error types the local invokers report, named like Lambda's own. */
export const INVOKE_ERROR_TYPES = {
  timeout: 'Sandbox.Timedout',
  runtimeExit: 'Runtime.ExitError',
  importModule: 'Runtime.ImportModuleError',
  handlerNotFound: 'Runtime.HandlerNotFound',
  unhandledRejection: 'Runtime.UnhandledPromiseRejection',
  responseTooLarge: 'Function.ResponseSizeTooLarge',
} as const;
