// Names the consumer publishes: quarantine reasons and metric names (stable: dashboards and
// alarms refer to them).
import { POISON_REASONS } from '@streamlens/schemas';

/**
 * Why a record was quarantined: the decoding reasons of @streamlens/schemas, plus those the
 * posts writer can give after decoding succeeded.
 */
export const QUARANTINE_REASONS = {
  ...POISON_REASONS,
  /** The stored item would pass DynamoDB's 400 KB item limit. */
  ITEM_TOO_LARGE: 'item-too-large',
  /** The repository cannot lay the post out (e.g. an unusable timestamp). */
  UNSTORABLE: 'unstorable',
  /** DynamoDB refuses the post's item deterministically (a key over its limit, a ValidationException). */
  ITEM_REJECTED: 'item-rejected',
} as const;

/** A quarantine reason. */
export type QuarantineReason = (typeof QUARANTINE_REASONS)[keyof typeof QUARANTINE_REASONS];

/** Metric names, one EMF document per invocation. */
export const METRIC_NAMES = {
  /** Kinesis records in the event. */
  recordsIn: 'RecordsIn',
  /** User records after deaggregation. */
  userRecordsIn: 'UserRecordsIn',
  /** Posts written (distinct post ids). */
  postsWritten: 'PostsWritten',
  /** Posts not written because a newer version is stored. */
  postsSkippedAsOlder: 'PostsSkippedAsOlder',
  /** Records quarantined, all reasons; per reason as `Quarantined.<reason>`. */
  quarantined: 'Quarantined',
  /** Kinesis records that failed transiently (the lowest one is reported for retry). */
  failuresReported: 'FailuresReported',
  /** DynamoDB write units the posts write consumed (ConsumedCapacity), for the cost per post. */
  postsWriteUnits: 'PostsWriteUnits',
  /** DynamoDB read units the posts write consumed. */
  postsReadUnits: 'PostsReadUnits',
  /** Time from the start of the invocation to the response, ms. */
  batchLatency: 'BatchLatency',
  /** Age of the newest record of the batch when processing started, ms. */
  newestRecordAgeMs: 'NewestRecordAgeMs',
} as const;

/** Metric name of the quarantine count of one reason. */
export function quarantinedMetricName(reason: string): string {
  return `${METRIC_NAMES.quarantined}.${reason}`;
}
