// Contract of the local event-source mapping's checkpoints: the last processed sequence number
// per (mapping, shard). AWS keeps this state itself; only the local runtime needs it.

/** Where a mapping stands on a shard. */
export interface Checkpoint {
  /** Resume after this sequence number. */
  readonly sequenceNumber: string;
  /** ISO 8601 time of the update. */
  readonly updatedAt: string;
  /** True when the shard is closed and fully processed (resharding). */
  readonly shardEnded?: boolean;
}

/** A checkpoint with its shard, as listed. */
export interface ShardCheckpoint {
  readonly shardId: string;
  readonly checkpoint: Checkpoint;
}

/** Checkpoint store. */
export interface CheckpointRepository {
  get(mappingId: string, shardId: string): Promise<Checkpoint | undefined>;
  /** Overwrites the shard's checkpoint (last write wins: one poller per shard writes it, in order). */
  put(mappingId: string, shardId: string, checkpoint: Checkpoint): Promise<void>;
  /** Every shard's checkpoint of a mapping, ordered by shard id. */
  list(mappingId: string): Promise<ShardCheckpoint[]>;
}
