// Names and fixed values of the aggregator.

/** Names of the EMF metrics (namespace StreamLens). */
export const AGGREGATOR_METRICS = {
  /** Posts decoded and folded into the window state. */
  recordsFolded: 'RecordsFolded',
  /** Records skipped as poison (counted in the row's poisonCount). */
  poisonSkipped: 'PoisonRecordsSkipped',
  /** Records of a post id already counted in the window part, skipped (the state's `duplicates`). */
  duplicatesSkipped: 'DuplicateRecordsSkipped',
  /** Trends rows written (final invokes and early-ended parts). */
  rowsWritten: 'WindowRowsWritten',
  /** now − window end when a row is written: how late trends become visible. */
  windowLag: 'WindowLagMs',
  /** JSON size of the state returned to Lambda (limit 1 MB per shard). */
  stateBytes: 'WindowStateBytes',
} as const;

/** Largest part number the trends table key holds (6 digits). */
export const MAX_PART = 999_999;
