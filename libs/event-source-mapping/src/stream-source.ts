// The contract between the stream-neutral mapping and one kind of stream. Everything that
// depends on the stream's API or record shape (listing shards, iterators, GetRecords limits, the
// event element, what filter patterns see, the on-failure record's batch-info key) sits behind
// StreamSource; batching, lanes, checkpoints, bisect, retries, record age, tumbling windows and
// the filter grammar are written once, in the mapping. Kinesis is KinesisStreamSource.
import type { LosslessJson, StartingPosition } from '@streamlens/config';
import type { ReadGate } from './shard-read-limits';
import type { ShardLink } from './shard-topology';
import type { EventRecordContext, StreamRecord } from './stream-record';
import type { BatchInfoKey, Clock, Logger } from './types';

/**
 * Where a shard's reading starts.
 *
 * A source receives `AT_TIMESTAMP` even when it does not list it in
 * {@link StreamSource.startingPositions}: a mapping that started at `LATEST` remembers the
 * instant it started, and a restart before any record was read resumes at that instant (else the
 * records written while it was down would be skipped). A source without the iterator type
 * emulates it (read from `TRIM_HORIZON`, report older records in {@link SourcePage.skipped}).
 */
export type StartPosition =
  | { readonly kind: 'TRIM_HORIZON' }
  | { readonly kind: 'LATEST' }
  /** Resume after the checkpoint (the last record finished). */
  | { readonly kind: 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string }
  /** First record that arrived at or after `timestampMs`. */
  | { readonly kind: 'AT_TIMESTAMP'; readonly timestampMs: number };

/** One read of a shard. */
export interface SourcePage<R extends StreamRecord = StreamRecord> {
  /** Records to process, in shard order (sequence numbers ascending). */
  readonly records: readonly R[];
  /**
   * Sequence numbers read but before the start position (an emulated `AT_TIMESTAMP`), in shard
   * order and all before `records`: finished without delivery, they only move the checkpoint.
   */
  readonly skipped: readonly string[];
  /** Everything that had arrived when the read started was returned (the shard is idle for now). */
  readonly caughtUp: boolean;
  /** When the read started (clock ms); a tumbling window ends once a read started after its end finds nothing of it. */
  readonly startedAtMs: number;
  /** The shard is closed and read to its end: its children may start. */
  readonly ended: boolean;
}

/** What the mapping gives a source to read one shard. */
export interface ShardReadContext {
  readonly shardId: string;
  readonly start: StartPosition;
  /**
   * Per-shard read limits: `acquire` before every GetRecords call, `charge` the bytes it returned.
   * Shared by the mappings of a stream when they were given one ShardReadLimits.
   */
  readonly readGate: ReadGate;
  /** Stream ARN, region and invoke identity for the event elements. */
  readonly eventContext: EventRecordContext;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Aborted when the mapping stops: a pending read resolves `undefined` promptly. */
  readonly signal: AbortSignal;
  /** Delay before retry `attempt` (1-based) of a failed call (throttling, service error). */
  readonly errorBackoffMs: (attempt: number) => number;
}

/** Reads one shard, in order, from its start position. */
export interface ShardRecordReader<R extends StreamRecord = StreamRecord> {
  /**
   * Reads the next records, at most `limit`. Retries throttling and service errors itself
   * (with `errorBackoffMs`), re-gets an expired iterator after the last record returned (nothing
   * skipped, nothing read twice), and resolves `undefined` only once `signal` aborted.
   */
  read(limit: number): Promise<SourcePage<R> | undefined>;
}

/** What filter patterns see of a record: a JSON document with lossless numbers. */
export interface FilterDocument {
  readonly fields: { readonly [key: string]: LosslessJson };
  /**
   * Top-level keys the record has whose value is not JSON (Kinesis `data` that is not UTF-8
   * JSON, e.g. a KPL aggregate): a pattern that reads one of them never matches.
   */
  readonly opaque?: ReadonlySet<string>;
}

/** How a stream kind exposes its records to filter criteria (the grammar itself is shared). */
export interface FilterView<R> {
  /** Names the stream kind in error messages ("a Kinesis pattern uses …"). */
  readonly streamKind: string;
  /**
   * Top-level keys a pattern may use; any other is refused when the filters are compiled
   * (Kinesis: `data` and the record's metadata; DynamoDB Streams: the whole event record).
   */
  readonly rootKeys: readonly string[];
  /**
   * The document of a record. `keys` are the top-level keys the compiled patterns read, so a
   * costly field (decoding `data`) is built only when a pattern needs it.
   */
  document(record: R, keys: ReadonlySet<string>): FilterDocument;
}

/** What one GetRecords call and the poller's pace may be for this stream kind. */
export interface SourceLimits {
  /** Largest `limit` a read may ask for (Kinesis 10,000; DynamoDB Streams 1,000). */
  readonly maxRecordsPerRead: number;
  /** Reads per second per shard the mapping keeps to when not given shared limits (Kinesis 5). */
  readonly readsPerSecond: number;
}

/**
 * One kind of stream, as the local event-source mapping reads it. The mapping owns everything
 * else and the rules it applies are the same for every source:
 * - batches hold records of one shard, in order, cut by batch size, the 6 MB payload (measured
 *   with `eventBytes`), the batching window and tumbling-window bounds (`arrivalMs`);
 * - `laneKey` spreads a shard over ParallelizationFactor lanes, order kept per key;
 * - the checkpoint is the `sequenceNumber` of the last record of the finished prefix, and a
 *   restart resumes with `{ kind: 'AFTER_SEQUENCE_NUMBER' }`; `batchItemFailures` identifiers
 *   are sequence numbers, compared as BigInt;
 * - retries, bisect, maximum record age (`arrivalMs`) and the on-failure record, whose batch
 *   description goes under `batchInfoKey`;
 * - filter criteria, compiled with the shared grammar over {@link FilterView.document}.
 *
 * Contract of an implementation:
 * - `listShards` returns every shard still in the stream with its parents; a child is started
 *   only after each listed parent was read to its end (`SourcePage.ended`). It is called at start
 *   and then every few seconds; a rejection is logged and retried.
 * - `openShard` is called once per shard run (again after a crash, with the checkpoint as start).
 * - Records carry decimal sequence numbers ascending within a shard, and `eventBytes` equal to
 *   the UTF-8 length of `JSON.stringify(eventRecord)`.
 * - Methods are called with the source's own records only.
 *
 * @example
 * ```ts
 * const source = new KinesisStreamSource({ kinesis, streamName: 'posts', streamArn });
 * const esm = new EventSourceMapping({ source, mappingId: 'consumer', settings, invoker, checkpoints });
 * await esm.start();
 * ```
 */
export interface StreamSource<R extends StreamRecord = StreamRecord> {
  /** Names the stream kind in messages ("Kinesis", "DynamoDB Streams"). */
  readonly kind: string;
  /** The stream's ARN: event records' eventSourceARN, failure records' streamArn, the read-limit key. */
  readonly streamArn: string;
  /** Starting positions a mapping of this kind may be configured with (DynamoDB Streams: no AT_TIMESTAMP). */
  readonly startingPositions: readonly StartingPosition[];
  readonly limits: SourceLimits;
  /** Key of the batch description in on-failure records (`KinesisBatchInfo`, `DDBStreamBatchInfo`). */
  readonly batchInfoKey: BatchInfoKey;
  readonly filterView: FilterView<R>;
  /** Every shard of the stream with its parent links. */
  listShards(signal: AbortSignal): Promise<ShardLink[]>;
  /** A reader of one shard from `context.start`. */
  openShard(context: ShardReadContext): ShardRecordReader<R>;
}
