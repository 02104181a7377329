// Writes one shard's checkpoints in order (never two at once), retrying a failing store so a
// transient error does not lose the shard's position.
import { sleep } from './async-tools';
import type { CheckpointStore, Logger, ShardCheckpoint } from './types';

/** Options of a checkpoint writer. */
export interface CheckpointWriterOptions {
  readonly store: CheckpointStore;
  readonly mappingId: string;
  readonly shardId: string;
  readonly logger: Logger;
  readonly retryDelayMs: (attempt: number) => number;
  /** Stop retrying a failed write after `attempt` attempts (e.g. once the mapping stopped). */
  readonly giveUp: (attempt: number) => boolean;
}

/** Serialised, retried checkpoint writes of one shard. */
export class CheckpointWriter {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly o: CheckpointWriterOptions) {}

  /** Queues `checkpoint` after earlier writes and resolves once it is written (or given up). */
  write(checkpoint: ShardCheckpoint): Promise<void> {
    this.tail = this.tail.then(() => this.save(checkpoint));
    return this.tail;
  }

  /** Resolves when every queued write has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async save(checkpoint: ShardCheckpoint): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.o.store.save(this.o.mappingId, this.o.shardId, checkpoint);
        return;
      } catch (err) {
        this.o.logger.error('checkpoint write failed; retrying', {
          shardId: this.o.shardId,
          error: String(err),
          attempt,
        });
        if (this.o.giveUp(attempt)) return;
        await sleep(this.o.retryDelayMs(attempt));
      }
    }
  }
}
