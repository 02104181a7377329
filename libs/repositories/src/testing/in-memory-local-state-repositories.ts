// In-memory checkpoints and on-failure destination.
import type { Checkpoint, CheckpointRepository, ShardCheckpoint } from '../checkpoint-repository';
import {
  checkpointFromItem,
  checkpointItem,
  checkpointKey,
  checkpointPartition,
  FAILURES_PARTITION,
  failureKey,
} from '../local-state-items';
import type { FailureDestinationRepository, OnFailureRecord } from '../on-failure-record';
import { InMemoryTable } from './in-memory-table';

/**
 * Checkpoints in memory.
 *
 * @example
 * ```ts
 * const cps = new InMemoryCheckpointRepository();
 * ```
 */
export class InMemoryCheckpointRepository implements CheckpointRepository {
  readonly table = new InMemoryTable('in-memory-checkpoints');

  async get(mappingId: string, shardId: string): Promise<Checkpoint | undefined> {
    const item = this.table.get(checkpointKey(mappingId, shardId));
    return item ? checkpointFromItem(item) : undefined;
  }

  async put(mappingId: string, shardId: string, checkpoint: Checkpoint): Promise<void> {
    this.table.put(checkpointItem(mappingId, shardId, checkpoint), `${mappingId}/${shardId}`);
  }

  async list(mappingId: string): Promise<ShardCheckpoint[]> {
    return this.table
      .query(checkpointPartition(mappingId))
      .items.map((item) => ({ shardId: String(item['shardId']), checkpoint: checkpointFromItem(item) }));
  }
}

/**
 * On-failure destination in memory.
 *
 * @example
 * ```ts
 * const dlq = new InMemoryFailureDestinationRepository();
 * ```
 */
export class InMemoryFailureDestinationRepository implements FailureDestinationRepository {
  readonly table = new InMemoryTable('in-memory-failures');

  async put(record: OnFailureRecord): Promise<void> {
    this.table.put({ ...failureKey(record), record: JSON.stringify(record) }, record.requestContext.requestId);
  }

  async list(): Promise<OnFailureRecord[]> {
    return this.table
      .query(FAILURES_PARTITION)
      .items.map((item) => JSON.parse(String(item['record'])) as OnFailureRecord);
  }
}
