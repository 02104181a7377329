// On-failure destinations: in memory (tests, the status display) and a JSON file under a data
// dir (so `redrive` can find the ranges after a restart).
import { join } from 'node:path';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from './atomic-json-file';
import { EsmStoreError } from './errors';
import type { FailureDestination, KinesisFailureRecord } from './types';

/** Failure records kept in memory, in arrival order. */
export class InMemoryFailureDestination implements FailureDestination {
  private readonly sent: KinesisFailureRecord[] = [];

  async send(record: KinesisFailureRecord): Promise<void> {
    this.sent.push(structuredClone(record));
  }

  /** Everything sent so far. */
  list(): readonly KinesisFailureRecord[] {
    return this.sent;
  }
}

/**
 * Failure records appended to `<dataDir>/<fileName>` (a JSON array), rewritten atomically.
 *
 * @example
 * ```ts
 * const dlq = new JsonFileFailureDestination('.local-data/esm', 'consumer-failures.json');
 * (await dlq.list()).map((r) => r.KinesisBatchInfo.startSequenceNumber);
 * ```
 */
export class JsonFileFailureDestination implements FailureDestination {
  /** The file the records live in. */
  readonly file: string;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string, fileName = 'failures.json') {
    this.file = join(dataDir, fileName);
  }

  private async read(): Promise<KinesisFailureRecord[]> {
    const raw = await readJsonFile(this.file);
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new EsmStoreError(this.file, 'must hold a JSON array of failure records');
    return raw as KinesisFailureRecord[];
  }

  send(record: KinesisFailureRecord): Promise<void> {
    return this.queue.run(async () => writeJsonFileAtomic(this.file, [...(await this.read()), record]));
  }

  /** Everything sent so far (read from the file). */
  list(): Promise<KinesisFailureRecord[]> {
    return this.queue.run(() => this.read());
  }
}
