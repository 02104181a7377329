// Contract of the quarantine: poison records kept with payload and reason, never blocking a shard.
import type { Page } from './cursor';
import type { QuarantinedRecord, StoredQuarantinedRecord } from './quarantine-items';

/** Options of {@link QuarantineRepository.list}. */
export interface QuarantineListQuery {
  /** One shard's records in stream order; all shards (scan order) when absent. */
  readonly shardId?: string;
  /** Page size 1..1000 (default 100). */
  readonly limit?: number;
  readonly cursor?: string;
}

/** Stores poison records. */
export interface QuarantineRepository {
  /**
   * Stores records idempotently (key = shard + sequence + sub-sequence). Throws
   * InvalidRecordError for a record without a usable position (nothing written) and
   * UnprocessedItemsError naming the records not written after the bounded retries.
   */
  quarantine(records: readonly QuarantinedRecord[]): Promise<void>;
  /** A page of stored records. */
  list(query?: QuarantineListQuery): Promise<Page<StoredQuarantinedRecord>>;
  /** Every stored record ordered by shard and position (scan: for local use and tests). */
  listAll(): Promise<StoredQuarantinedRecord[]>;
}
