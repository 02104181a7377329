// Checkpoint stores: in memory (tests) and a JSON file under a data dir (the local stack, so a
// restart resumes after the last checkpoint). A DynamoDB-backed store can implement the same
// two-method interface.
import { join } from 'node:path';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from './atomic-json-file';
import { EsmStoreError } from './errors';
import type { CheckpointStore, ShardCheckpoint } from './types';

type Book = Record<string, Record<string, ShardCheckpoint>>;

/** Checkpoints in memory. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly book: Book = {};

  async load(mappingId: string, shardId: string): Promise<ShardCheckpoint | undefined> {
    const cp = this.book[mappingId]?.[shardId];
    return cp ? structuredClone(cp) : undefined;
  }

  async save(mappingId: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    (this.book[mappingId] ??= {})[shardId] = structuredClone(checkpoint);
  }

  /** Every checkpoint of a mapping, by shard id. */
  snapshot(mappingId: string): Record<string, ShardCheckpoint> {
    return structuredClone(this.book[mappingId] ?? {});
  }
}

/**
 * Checkpoints in `<dataDir>/checkpoints.json` ({ mappingId: { shardId: checkpoint } }),
 * rewritten atomically on every save.
 *
 * @example
 * ```ts
 * const store = new JsonFileCheckpointStore('.local-data/esm');
 * await store.save('consumer', 'shardId-000000000000', { sequenceNumber: '4959…' });
 * ```
 */
export class JsonFileCheckpointStore implements CheckpointStore {
  /** The file the checkpoints live in. */
  readonly file: string;
  private book: Book | undefined;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'checkpoints.json');
  }

  private async loaded(): Promise<Book> {
    if (this.book) return this.book;
    const raw = await readJsonFile(this.file);
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
      throw new EsmStoreError(this.file, 'must hold an object of { mappingId: { shardId: checkpoint } }');
    }
    this.book = (raw as Book | undefined) ?? {};
    return this.book;
  }

  load(mappingId: string, shardId: string): Promise<ShardCheckpoint | undefined> {
    return this.queue.run(async () => {
      const cp = (await this.loaded())[mappingId]?.[shardId];
      return cp ? structuredClone(cp) : undefined;
    });
  }

  save(mappingId: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    return this.queue.run(async () => {
      const book = await this.loaded();
      (book[mappingId] ??= {})[shardId] = structuredClone(checkpoint);
      await writeJsonFileAtomic(this.file, book);
    });
  }
}
