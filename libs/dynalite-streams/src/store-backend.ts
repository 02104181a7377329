// The slice of a LevelDB store the stream log needs: atomic batches and ordered range reads. In
// the emulator it is dynalite's own database, so a stream record commits in the same batch as the
// item write it describes.

/** One write of a batch. */
export type StoreOp =
  | { readonly type: 'put'; readonly key: string; readonly value: unknown }
  | { readonly type: 'del'; readonly key: string };

/** An ordered key range (string order); `limit` caps the entries returned. */
export interface KeyRange {
  readonly gt?: string;
  readonly gte?: string;
  readonly lt?: string;
  readonly lte?: string;
  readonly limit?: number;
  readonly reverse?: boolean;
}

/** Atomic batches and range reads over one key space (values are JSON). */
export interface StoreBackend {
  batch(ops: readonly StoreOp[]): Promise<void>;
  entries(range: KeyRange): Promise<Array<[string, unknown]>>;
}

/** The parts of an abstract-level database (level, memory-level) the adapter uses. */
export interface LevelLike {
  batch(ops: StoreOp[]): Promise<void>;
  iterator(options: KeyRange): { all(): Promise<Array<[string, unknown]>> };
}

/**
 * A StoreBackend over an abstract-level database (level for a data dir, memory-level in memory).
 *
 * @example
 * ```ts
 * const backend = levelBackend(new MemoryLevel({ valueEncoding: 'json' }));
 * ```
 */
export function levelBackend(db: LevelLike): StoreBackend {
  return {
    batch: (ops) => db.batch([...ops]),
    entries: (range) => db.iterator({ ...range }).all(),
  };
}
