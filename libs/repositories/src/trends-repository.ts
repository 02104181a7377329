// Contract of the trends store: deterministic window rows written by the aggregator, read by
// the report.
import type { WindowAggregate } from '@streamlens/schemas';

/** Stores per-(window, shard, part) trend rows. */
export interface TrendsRepository {
  /**
   * Writes the row's item (same row → same item, so retries are harmless). Throws
   * ItemTooLargeError / InvalidRecordError for an unstorable row and UnprocessedItemsError when
   * the bounded retries run out.
   */
  putWindow(row: WindowAggregate): Promise<void>;
  /** Rows whose windowStart is in [from, to), ordered by windowStart, shardId, part. */
  queryWindows(from: Date, to: Date): Promise<WindowAggregate[]>;
}
