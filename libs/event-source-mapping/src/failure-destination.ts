// On-failure destinations: in memory (tests, the status display) and a JSON file under a data
// dir (so `redrive` can find the ranges after a restart).
import { join } from 'node:path';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from './atomic-json-file';
import { EsmStoreError } from './errors';
import type { FailureDestination, FailureRecord, KinesisFailureRecord } from './types';

/**
 * Failure records kept in memory, in arrival order.
 *
 * @typeParam F - the record kind of the mapping it serves (one destination per mapping).
 */
export class InMemoryFailureDestination<F extends FailureRecord = KinesisFailureRecord> implements FailureDestination {
  private readonly sent: F[] = [];

  async send(record: FailureRecord): Promise<void> {
    this.sent.push(structuredClone(record) as F);
  }

  /** Everything sent so far. */
  list(): readonly F[] {
    return this.sent;
  }
}

/**
 * Failure records appended to `<dataDir>/<fileName>` (a JSON array), rewritten atomically.
 *
 * @typeParam F - the record kind of the mapping it serves (one destination per mapping).
 *
 * @example
 * ```ts
 * const dlq = new JsonFileFailureDestination('.local-data/esm', 'consumer-failures.json');
 * (await dlq.list()).map((r) => r.KinesisBatchInfo.startSequenceNumber);
 * ```
 */
export class JsonFileFailureDestination<F extends FailureRecord = KinesisFailureRecord> implements FailureDestination {
  /** The file the records live in. */
  readonly file: string;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string, fileName = 'failures.json') {
    this.file = join(dataDir, fileName);
  }

  private async read(): Promise<F[]> {
    const raw = await readJsonFile(this.file);
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new EsmStoreError(this.file, 'must hold a JSON array of failure records');
    return raw as F[];
  }

  send(record: FailureRecord): Promise<void> {
    return this.queue.run(async () => writeJsonFileAtomic(this.file, [...(await this.read()), record]));
  }

  /** Everything sent so far (read from the file). */
  list(): Promise<F[]> {
    return this.queue.run(() => this.read());
  }
}
