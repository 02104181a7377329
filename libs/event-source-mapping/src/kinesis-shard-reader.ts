// The GetRecords side of one Kinesis shard: holds the shard iterator, re-gets it when it expires
// (after the last record read, so nothing is skipped or read twice), keeps to the per-shard
// GetRecords rate, backs off on throttling and service errors, and emulates AT_TIMESTAMP.
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  ProvisionedThroughputExceededException,
  type _Record as SdkRecord,
  type GetShardIteratorCommandInput,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { MAX_GET_RECORDS_BYTES } from './constants';
import { fromSdkRecord, type KinesisStreamRecord } from './kinesis-record';
import { retryRead } from './shard-read-retry';
import type { ShardReadContext, ShardRecordReader, SourcePage } from './stream-source';

/** Options of a reader: the mapping's read context plus the stream. */
export interface KinesisShardReaderOptions extends ShardReadContext {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
}

/** Reads one Kinesis shard. */
export class KinesisShardReader implements ShardRecordReader<KinesisStreamRecord> {
  private iterator: string | undefined;
  private lastSequenceNumber: string | undefined;
  /** AT_TIMESTAMP is emulated: kinesalite never answers AT_TIMESTAMP when no record is at or after it. */
  private skipBeforeMs: number | undefined;
  /** Time LATEST was taken, so an expired LATEST iterator resumes from that instant. */
  private latestAtMs: number | undefined;
  /** The stored checkpoint was rejected by the stream (it belongs to an older incarnation). */
  private checkpointRejected = false;

  constructor(private readonly o: KinesisShardReaderOptions) {
    if (o.start.kind === 'AT_TIMESTAMP') this.skipBeforeMs = o.start.timestampMs;
  }

  /** Reads the next records (at most `limit`). Undefined when stopped. */
  read(limit: number): Promise<SourcePage<KinesisStreamRecord> | undefined> {
    return retryRead(
      this.o,
      async () => {
        if (!this.iterator) this.iterator = await this.getIterator();
        if (!(await this.o.readGate.acquire(this.o.signal))) return undefined;
        const startedAtMs = this.o.clock.now();
        const out = await this.o.kinesis.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }), {
          abortSignal: this.o.signal,
        });
        return this.accept(out.Records ?? [], out.NextShardIterator, out.MillisBehindLatest ?? 0, limit, startedAtMs);
      },
      (err) => {
        if (!(err instanceof ExpiredIteratorException)) {
          return err instanceof ProvisionedThroughputExceededException ? 'back-off-throttled' : 'back-off';
        }
        this.o.logger.info('shard iterator expired; getting a new one after the last record read', {
          shardId: this.o.shardId,
          after: this.lastSequenceNumber,
        });
        this.iterator = undefined;
        return 'retry-now';
      },
    );
  }

  private accept(
    page: readonly SdkRecord[],
    next: string | undefined,
    millisBehind: number,
    limit: number,
    startedAtMs: number,
  ): SourcePage<KinesisStreamRecord> {
    // Kinesis ends a page at 10 MiB; kinesalite does not. The rest of the page is dropped and
    // read again from a new iterator after the last record kept, as if Kinesis had stopped there.
    const all = page.slice(0, recordsWithinBytes(page, MAX_GET_RECORDS_BYTES));
    const cut = all.length < page.length;
    this.o.readGate.charge(pageBytes(all));
    const last = all[all.length - 1];
    if (last?.SequenceNumber) this.lastSequenceNumber = last.SequenceNumber;
    this.iterator = cut ? undefined : next;
    let skipTo = 0;
    if (this.skipBeforeMs !== undefined) {
      const from = this.skipBeforeMs;
      const firstKept = all.findIndex((r) => (r.ApproximateArrivalTimestamp?.getTime() ?? 0) >= from);
      skipTo = firstKept === -1 ? all.length : firstKept;
      if (firstKept !== -1) this.skipBeforeMs = undefined;
    }
    return {
      records: all.slice(skipTo).map((r) => fromSdkRecord(this.o.shardId, r, this.o.eventContext)),
      skipped: all.slice(0, skipTo).map((r) => r.SequenceNumber ?? ''),
      caughtUp: !cut && all.length < limit && millisBehind === 0,
      startedAtMs,
      ended: !cut && (next === undefined || next === null),
    };
  }

  private async getIterator(): Promise<string> {
    const input: GetShardIteratorCommandInput = {
      StreamName: this.o.streamName,
      ShardId: this.o.shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    };
    const start = this.o.start;
    if (this.lastSequenceNumber) {
      input.ShardIteratorType = 'AFTER_SEQUENCE_NUMBER';
      input.StartingSequenceNumber = this.lastSequenceNumber;
    } else if (start.kind === 'AFTER_SEQUENCE_NUMBER' && !this.checkpointRejected) {
      input.ShardIteratorType = 'AFTER_SEQUENCE_NUMBER';
      input.StartingSequenceNumber = start.sequenceNumber;
    } else if (start.kind === 'LATEST' && this.latestAtMs === undefined) {
      input.ShardIteratorType = 'LATEST';
      this.latestAtMs = this.o.clock.now();
    } else if (start.kind === 'LATEST') {
      this.skipBeforeMs = this.latestAtMs; // re-get after expiry before any record: emulate "LATEST as of then"
    }
    let out;
    try {
      out = await this.o.kinesis.send(new GetShardIteratorCommand(input), { abortSignal: this.o.signal });
    } catch (err) {
      if (
        !(err instanceof InvalidArgumentException) ||
        start.kind !== 'AFTER_SEQUENCE_NUMBER' ||
        this.lastSequenceNumber
      )
        throw err;
      // CHOICE: a checkpoint the stream rejects (the stream was recreated under the same name,
      // e.g. emulator data wiped but checkpoints kept) restarts the shard from TRIM_HORIZON.
      this.o.logger.error('stored checkpoint rejected by the stream; reading the shard from TRIM_HORIZON', {
        shardId: this.o.shardId,
        checkpoint: start.sequenceNumber,
        error: String(err),
      });
      this.checkpointRejected = true;
      return this.getIterator();
    }
    if (!out.ShardIterator) throw new Error(`GetShardIterator returned no iterator for ${this.o.shardId}`);
    return out.ShardIterator;
  }
}

/**
 * How many records from the start of `page` fit in `maxBytes` of partition keys and data (at
 * least one: a single record is never larger than the page limit).
 */
export function recordsWithinBytes(
  page: readonly Pick<SdkRecord, 'Data' | 'PartitionKey'>[],
  maxBytes: number,
): number {
  let bytes = 0;
  for (let i = 0; i < page.length; i++) {
    bytes += recordBytes(page[i] as Pick<SdkRecord, 'Data' | 'PartitionKey'>);
    if (bytes > maxBytes) return Math.max(i, 1);
  }
  return page.length;
}

function recordBytes(r: Pick<SdkRecord, 'Data' | 'PartitionKey'>): number {
  return (r.Data?.byteLength ?? 0) + Buffer.byteLength(r.PartitionKey ?? '');
}

function pageBytes(page: readonly SdkRecord[]): number {
  let bytes = 0;
  for (const r of page) bytes += recordBytes(r);
  return bytes;
}
