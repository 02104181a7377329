// Which changes on the trends table's stream are window rows: the filter of the alerts mapping,
// shared by infra (FilterCriteria) and the local mapping so they cannot disagree.

/** Partition-key prefix of the trends table's window rows (`DAY#<yyyy-mm-dd>`). */
export const WINDOW_ROW_PARTITION_PREFIX = 'DAY#';

/**
 * The filter pattern (DynamoDB Streams records are matched whole) admitting inserts and
 * modifications of window rows; removals (TTL expiry) and other items are filtered out, so
 * Lambda checkpoints past them without an invoke.
 *
 * @example
 * ```ts
 * JSON.stringify(windowRowChangesFilter()); // {"eventName":["INSERT","MODIFY"],"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"DAY#"}]}}}}
 * ```
 */
export function windowRowChangesFilter(): Record<string, unknown> {
  return {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { Keys: { pk: { S: [{ prefix: WINDOW_ROW_PARTITION_PREFIX }] } } },
  };
}
