// The GetRecords side of one DynamoDB Streams shard: holds the shard iterator, re-gets it when it
// expires (after the last record read, so nothing is skipped or read twice), backs off on
// throttling and service errors, and emulates AT_TIMESTAMP (DynamoDB Streams has none; a mapping
// that started at LATEST resumes at that instant after a restart before any record).
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  LimitExceededException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type GetShardIteratorCommandInput,
  type _Record as SdkStreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { fromStreamsRecord, type DynamoDBStreamRecord } from './dynamodb-record';
import { retryRead } from './shard-read-retry';
import type { ShardReadContext, ShardRecordReader, SourcePage } from './stream-source';

/** Options of a reader: the mapping's read context plus the stream. */
export interface DynamoDBShardReaderOptions extends ShardReadContext {
  readonly streams: DynamoDBStreamsClient;
  readonly streamArn: string;
}

type IteratorType = NonNullable<GetShardIteratorCommandInput['ShardIteratorType']>;

/** Reads one DynamoDB Streams shard. */
export class DynamoDBShardReader implements ShardRecordReader<DynamoDBStreamRecord> {
  private iterator: string | undefined;
  private lastSequenceNumber: string | undefined;
  /** Records that arrived before this instant are skipped (emulated AT_TIMESTAMP). */
  private skipBeforeMs: number | undefined;
  /** The stored position is gone from the shard (trimmed after 24 h, or unknown to it). */
  private positionLost = false;
  /** The shard is no longer in the stream (all of it past the retention): nothing left to read. */
  private gone = false;

  constructor(private readonly o: DynamoDBShardReaderOptions) {
    // ApproximateCreationDateTime has whole seconds: a record of the same second as the start
    // instant counts as after it (delivered again rather than lost).
    if (o.start.kind === 'AT_TIMESTAMP') this.skipBeforeMs = Math.floor(o.start.timestampMs / 1000) * 1000;
  }

  /** Reads the next records (at most `limit`). Undefined when stopped. */
  read(limit: number): Promise<SourcePage<DynamoDBStreamRecord> | undefined> {
    return retryRead(
      this.o,
      async () => {
        const startedAtMs = this.o.clock.now();
        if (!this.iterator && !this.gone) this.iterator = await this.getIterator();
        if (this.gone) return { records: [], skipped: [], caughtUp: true, startedAtMs, ended: true };
        if (!(await this.o.readGate.acquire(this.o.signal))) return undefined;
        const out = await this.o.streams.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }), {
          abortSignal: this.o.signal,
        });
        return this.accept(out.Records ?? [], out.NextShardIterator, limit, startedAtMs);
      },
      (err) => {
        if (err instanceof ExpiredIteratorException) {
          this.o.logger.info('shard iterator expired; getting a new one after the last record read', {
            shardId: this.o.shardId,
            after: this.lastSequenceNumber,
          });
          this.iterator = undefined;
          return 'retry-now';
        }
        if (err instanceof TrimmedDataAccessException) {
          this.lostPosition('the records after the position were trimmed (older than 24 h)', err);
          return 'retry-now';
        }
        return err instanceof LimitExceededException ? 'back-off-throttled' : 'back-off';
      },
    );
  }

  // CHOICE (AWS documents no local equivalent): a position the shard no longer holds — trimmed
  // after 24 h, or a checkpoint of another incarnation of the stream — restarts the shard at its
  // trim horizon, the oldest record still there; the loss is logged as an error.
  private lostPosition(why: string, err: unknown): void {
    this.o.logger.error(`${why}; reading the shard from TRIM_HORIZON`, {
      shardId: this.o.shardId,
      after: this.lastSequenceNumber,
      error: String(err),
    });
    this.positionLost = true;
    this.lastSequenceNumber = undefined;
    this.iterator = undefined;
  }

  private accept(
    page: readonly SdkStreamRecord[],
    next: string | undefined,
    limit: number,
    startedAtMs: number,
  ): SourcePage<DynamoDBStreamRecord> {
    const records = page.map((r) => fromStreamsRecord(this.o.shardId, r, this.o.eventContext));
    const last = records.at(-1);
    if (last) this.lastSequenceNumber = last.sequenceNumber;
    this.iterator = next ?? undefined;
    let skipTo = 0;
    if (this.skipBeforeMs !== undefined) {
      const from = this.skipBeforeMs;
      const firstKept = records.findIndex((r) => r.arrivalMs >= from);
      skipTo = firstKept === -1 ? records.length : firstKept;
      if (firstKept !== -1) this.skipBeforeMs = undefined;
    }
    const ended = next === undefined || next === null;
    return {
      records: records.slice(skipTo),
      skipped: records.slice(0, skipTo).map((r) => r.sequenceNumber),
      caughtUp: ended || records.length < limit,
      startedAtMs,
      ended,
    };
  }

  private async getIterator(): Promise<string | undefined> {
    const start = this.o.start;
    let type: IteratorType = 'TRIM_HORIZON';
    let sequence: string | undefined;
    if (this.lastSequenceNumber) [type, sequence] = ['AFTER_SEQUENCE_NUMBER', this.lastSequenceNumber];
    else if (this.positionLost) type = 'TRIM_HORIZON';
    else if (start.kind === 'AFTER_SEQUENCE_NUMBER') [type, sequence] = ['AFTER_SEQUENCE_NUMBER', start.sequenceNumber];
    else if (start.kind === 'LATEST') type = 'LATEST';
    // AT_TIMESTAMP: from TRIM_HORIZON, skipping what arrived before (see skipBeforeMs).
    try {
      const out = await this.o.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.o.streamArn,
          ShardId: this.o.shardId,
          ShardIteratorType: type,
          ...(sequence ? { SequenceNumber: sequence } : {}),
        }),
        { abortSignal: this.o.signal },
      );
      if (!out.ShardIterator) throw new Error(`GetShardIterator returned no iterator for ${this.o.shardId}`);
      return out.ShardIterator;
    } catch (err) {
      if (err instanceof ResourceNotFoundException && /shard/i.test(err.message)) {
        this.o.logger.warn('shard no longer in the stream (past the retention); treating it as ended', {
          shardId: this.o.shardId,
        });
        this.gone = true;
        return undefined;
      }
      const rejected = err instanceof TrimmedDataAccessException || (err as Error).name === 'ValidationException';
      if (!sequence || !rejected) throw err;
      this.lostPosition(`the stream rejected sequence number ${sequence} for this shard`, err);
      return this.getIterator();
    }
  }
}
