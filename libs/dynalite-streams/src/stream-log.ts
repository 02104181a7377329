// The streams of stream-enabled tables: shards, sequence numbers, records, rollover and
// retention, kept in the same LevelDB store as the items (keys under `streams-`), so a record
// commits in the same batch as the write it describes and a restart on the data dir loses nothing.
//
// Order: sequence numbers come from one counter; a reader never reads past the lowest number
// still being committed (`committedThrough`), so a batch that lands late cannot be skipped.
// Per item, order follows from dynalite's per-key lock: the next write of an item reads its old
// image only after the previous write committed.
import { DEFAULT_SHARD_LIFETIME_MS, STREAM_RETENTION_MS, STREAM_STATUSES } from './constants';
import { StreamResourceNotFoundError, StreamsValidationError, TrimmedDataAccessError } from './errors';
import { formatSequenceNumber } from './sequence-numbers';
import type { StoreBackend, StoreOp } from './store-backend';
import { describeChange, toStreamRecord } from './stream-record';
import type {
  AttributeMap,
  KeySchemaElement,
  ShardIteratorType,
  ShardState,
  StreamRecord,
  StreamState,
  StreamViewType,
} from './types';

/** Options of a {@link StreamLog}. */
export interface StreamLogOptions {
  /** `awsRegion` of the records. */
  readonly region: string;
  /** How long a shard stays open before its child takes over; default 4 hours. */
  readonly shardLifetimeMs?: number;
  /** How long records are kept; default 24 hours. */
  readonly retentionMs?: number;
  /** Time source, epoch ms. */
  readonly clock?: { now(): number };
}

/** A stream being enabled on a table. */
export interface StreamToEnable {
  readonly tableName: string;
  readonly streamArn: string;
  readonly streamLabel: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly viewType: StreamViewType;
}

/** The batch operations of one stream record, and what to call once the batch settled. */
export interface PreparedAppend {
  readonly ops: StoreOp[];
  readonly record: StreamRecord;
  /** Call exactly once, when the batch holding `ops` has committed or failed. */
  settle(): void;
}

/** A page of records read from a shard. */
export interface RecordPage {
  readonly records: StreamRecord[];
  /** The position after the last record returned (or the position read from when none). */
  readonly after: bigint;
  /** The shard is closed and every record of it has been read: no next iterator. */
  readonly ended: boolean;
}

interface Shard {
  readonly shardId: string;
  readonly parentShardId?: string;
  readonly createdAtMs: number;
  readonly start: bigint;
  end?: bigint;
  closedAtMs?: number;
  last?: bigint;
  trimmedThrough?: bigint;
}

interface Stream {
  readonly streamArn: string;
  readonly streamLabel: string;
  readonly tableName: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly viewType: StreamViewType;
  status: StreamState['status'];
  readonly createdAtMs: number;
  disabledAtMs?: number;
  shards: Shard[];
}

interface StoredRecord {
  readonly t: number;
  readonly r: StreamRecord;
}

const META_PREFIX = 'streams-meta~';
const RECORD_PREFIX = 'streams-record~';
const COUNTER_KEY = 'streams-counter';
const SEQ_MIN = formatSequenceNumber(0n);
const SEQ_MAX = '9'.repeat(SEQ_MIN.length);

const recordPrefix = (arn: string, shardId: string) => `${RECORD_PREFIX}${arn}~${shardId}~`;
const recordKey = (arn: string, shardId: string, seq: bigint) => recordPrefix(arn, shardId) + formatSequenceNumber(seq);
const maxOf = (...values: (bigint | undefined)[]) =>
  values.reduce<bigint>((m, v) => (v !== undefined && v > m ? v : m), 0n);

function newShardId(createdAtMs: number): string {
  const suffix = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  return `shardId-${String(createdAtMs).padStart(20, '0')}-${suffix}`;
}

function toShardState(s: Shard): ShardState {
  return {
    shardId: s.shardId,
    ...(s.parentShardId ? { parentShardId: s.parentShardId } : {}),
    createdAtMs: s.createdAtMs,
    startingSequenceNumber: formatSequenceNumber(s.start),
    ...(s.end !== undefined ? { endingSequenceNumber: formatSequenceNumber(s.end) } : {}),
    ...(s.closedAtMs !== undefined ? { closedAtMs: s.closedAtMs } : {}),
    ...(s.last !== undefined ? { lastSequenceNumber: formatSequenceNumber(s.last) } : {}),
    ...(s.trimmedThrough !== undefined ? { trimmedThrough: formatSequenceNumber(s.trimmedThrough) } : {}),
  };
}

function fromShardState(s: ShardState): Shard {
  const big = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
  return {
    shardId: s.shardId,
    parentShardId: s.parentShardId,
    createdAtMs: s.createdAtMs,
    start: BigInt(s.startingSequenceNumber),
    end: big(s.endingSequenceNumber),
    closedAtMs: s.closedAtMs,
    last: big(s.lastSequenceNumber),
    trimmedThrough: big(s.trimmedThrough),
  };
}

function toStreamState(s: Stream): StreamState {
  const { shards, ...rest } = s;
  return { ...rest, shards: shards.map(toShardState) };
}

/**
 * The streams of one emulator. Writes of stream-enabled tables ask it for the batch operations
 * of their record ({@link prepareAppend}); the Streams API reads through it.
 *
 * @example
 * ```ts
 * const log = await StreamLog.open(levelBackend(db), { region: 'us-east-1' });
 * await log.enableStream({ tableName, streamArn, streamLabel, keySchema, viewType: 'NEW_AND_OLD_IMAGES' });
 * const append = await log.prepareAppend(tableName, { oldItem, newItem });
 * ```
 */
export class StreamLog {
  private readonly streams = new Map<string, Stream>();
  private readonly enabledByTable = new Map<string, Stream>();
  private lastSequence = 0n;
  private readonly inFlight = new Set<bigint>();
  private metaChain: Promise<void> = Promise.resolve();
  private metaWrites = 0;
  private trimming = false;
  private readonly shardLifetimeMs: number;
  private readonly retentionMs: number;
  private readonly clock: { now(): number };

  private constructor(
    private readonly backend: StoreBackend,
    private readonly options: StreamLogOptions,
  ) {
    this.shardLifetimeMs = options.shardLifetimeMs ?? DEFAULT_SHARD_LIFETIME_MS;
    this.retentionMs = options.retentionMs ?? STREAM_RETENTION_MS;
    this.clock = options.clock ?? Date;
  }

  /** Loads the streams persisted in `backend` (none in a new store). */
  static async open(backend: StoreBackend, options: StreamLogOptions): Promise<StreamLog> {
    const log = new StreamLog(backend, options);
    await log.load();
    return log;
  }

  private async load(): Promise<void> {
    const metas = await this.backend.entries({ gt: META_PREFIX, lt: `${META_PREFIX}\uffff` });
    let highest = 0n;
    for (const [, value] of metas) {
      const state = value as StreamState;
      const stream: Stream = { ...state, shards: state.shards.map(fromShardState) };
      for (const shard of stream.shards) {
        const [lastEntry] = await this.backend.entries({
          gte: recordPrefix(stream.streamArn, shard.shardId) + SEQ_MIN,
          lte: recordPrefix(stream.streamArn, shard.shardId) + SEQ_MAX,
          reverse: true,
          limit: 1,
        });
        if (lastEntry) shard.last = BigInt((lastEntry[1] as StoredRecord).r.dynamodb.SequenceNumber);
        highest = maxOf(highest, shard.start, shard.end, shard.last);
      }
      this.streams.set(stream.streamArn, stream);
      if (stream.status === STREAM_STATUSES.enabled) this.enabledByTable.set(stream.tableName, stream);
    }
    const [counter] = await this.backend.entries({ gte: COUNTER_KEY, lte: COUNTER_KEY });
    this.lastSequence = maxOf(highest, counter ? BigInt(counter[1] as string) : undefined);
  }

  /** Whether writes to the table are recorded (cheap: no copy of the stream's state). */
  hasEnabledStream(tableName: string): boolean {
    return this.enabledByTable.has(tableName);
  }

  /** The stream currently enabled on a table, if any. */
  enabledStream(tableName: string): StreamState | undefined {
    const stream = this.enabledByTable.get(tableName);
    return stream && toStreamState(stream);
  }

  /** Every stream still held (enabled, or disabled within the retention period). */
  listStreams(): StreamState[] {
    return [...this.streams.values()].map(toStreamState);
  }

  /** A stream by ARN. @throws StreamResourceNotFoundError */
  describeStream(streamArn: unknown): StreamState {
    return toStreamState(this.stream(streamArn));
  }

  private stream(streamArn: unknown): Stream {
    const stream = typeof streamArn === 'string' ? this.streams.get(streamArn) : undefined;
    if (!stream) {
      throw new StreamResourceNotFoundError(`Requested resource not found: Stream: ${String(streamArn)} not found`);
    }
    return stream;
  }

  private shard(streamArn: unknown, shardId: unknown): { stream: Stream; shard: Shard } {
    const stream = this.stream(streamArn);
    const shard = stream.shards.find((s) => s.shardId === shardId);
    if (!shard) throw new StreamResourceNotFoundError(`Shard does not exist: ${String(shardId)}`);
    return { stream, shard };
  }

  /**
   * Enables a stream on a table and opens its first shard.
   *
   * @throws StreamsValidationError when the table already has an enabled stream.
   */
  async enableStream(spec: StreamToEnable): Promise<StreamState> {
    if (this.enabledByTable.has(spec.tableName)) {
      throw new StreamsValidationError('Table already has an enabled stream');
    }
    const now = this.clock.now();
    const stream: Stream = {
      ...spec,
      status: STREAM_STATUSES.enabled,
      createdAtMs: now,
      shards: [this.openShard(now)],
    };
    this.streams.set(stream.streamArn, stream);
    this.enabledByTable.set(stream.tableName, stream);
    await this.persist([stream]);
    return toStreamState(stream);
  }

  /**
   * Disables the stream of a table (UpdateTable with StreamEnabled false, or DeleteTable): its
   * open shard closes; its records stay readable for the retention period.
   * Returns the stream, or undefined when the table had none.
   */
  async disableStream(tableName: string): Promise<StreamState | undefined> {
    const stream = this.enabledByTable.get(tableName);
    if (!stream) return undefined;
    const now = this.clock.now();
    this.enabledByTable.delete(tableName);
    stream.status = STREAM_STATUSES.disabled;
    stream.disabledAtMs = now;
    this.closeOpenShard(stream, now);
    await this.persist([stream]);
    return toStreamState(stream);
  }

  private openShard(now: number, parentShardId?: string): Shard {
    // A shard takes a sequence number of its own, so the ranges of parent and child never touch.
    this.lastSequence += 1n;
    return { shardId: newShardId(now), parentShardId, createdAtMs: now, start: this.lastSequence };
  }

  private closeOpenShard(stream: Stream, now: number): Shard | undefined {
    const open = stream.shards.at(-1);
    if (!open || open.end !== undefined) return undefined;
    open.end = open.last ?? open.start;
    open.closedAtMs = now;
    return open;
  }

  /** Closes shards that reached their lifetime and opens their children. */
  async rollOverDueShards(): Promise<void> {
    const now = this.clock.now();
    const rolled = [...this.enabledByTable.values()].filter((stream) => this.rollOverIfDue(stream, now));
    if (rolled.length > 0) await this.persist(rolled);
  }

  private rollOverIfDue(stream: Stream, now: number): boolean {
    const open = stream.shards.at(-1);
    if (!open || open.end !== undefined || now - open.createdAtMs < this.shardLifetimeMs) return false;
    this.closeOpenShard(stream, now);
    stream.shards.push(this.openShard(now, open.shardId));
    return true;
  }

  /**
   * The batch operations that record a write to `tableName`, or undefined when nothing is to be
   * recorded (no enabled stream, or the write changed no data). The caller commits `ops` in the
   * same batch as the item write and then calls `settle`.
   */
  async prepareAppend(
    tableName: string,
    write: { readonly oldItem?: AttributeMap; readonly newItem?: AttributeMap },
  ): Promise<PreparedAppend | undefined> {
    // Shard metadata on its way to disk (rollover, enable) goes first, so no record lands in a
    // shard the store does not know yet.
    while (this.metaWrites > 0) await this.metaChain;
    let stream = this.enabledByTable.get(tableName);
    if (!stream) return undefined;
    const change = describeChange({ keySchema: stream.keySchema, viewType: stream.viewType, ...write });
    if (!change) return undefined;
    if (this.rollOverIfDue(stream, this.clock.now())) {
      await this.persist([stream]);
      stream = this.enabledByTable.get(tableName);
      if (!stream) return undefined;
    }
    const shard = stream.shards.at(-1) as Shard;
    const now = this.clock.now();
    const seq = (this.lastSequence += 1n);
    this.inFlight.add(seq);
    shard.last = seq;
    const record = toStreamRecord(change, {
      sequenceNumber: formatSequenceNumber(seq),
      createdAtMs: now,
      region: this.options.region,
    });
    const stored: StoredRecord = { t: now, r: record };
    return {
      ops: [{ type: 'put', key: recordKey(stream.streamArn, shard.shardId, seq), value: stored }],
      record,
      settle: () => this.inFlight.delete(seq),
    };
  }

  /** Every sequence number up to this one has committed or failed: readers may read up to it. */
  committedThrough(): bigint {
    let lowest: bigint | undefined;
    for (const seq of this.inFlight) if (lowest === undefined || seq < lowest) lowest = seq;
    return lowest === undefined ? this.lastSequence : lowest - 1n;
  }

  /**
   * Where GetShardIterator starts: the position after which the first record is returned.
   *
   * @throws StreamResourceNotFoundError, StreamsValidationError, TrimmedDataAccessError
   */
  iteratorPosition(streamArn: unknown, shardId: unknown, type: ShardIteratorType, sequenceNumber?: bigint): bigint {
    const { shard } = this.shard(streamArn, shardId);
    const horizon = maxOf(shard.start - 1n, shard.trimmedThrough);
    if (type === 'TRIM_HORIZON') return horizon;
    if (type === 'LATEST') return shard.end ?? this.lastSequence;
    const n = sequenceNumber as bigint;
    if (n < shard.start) throw new StreamsValidationError('Invalid SequenceNumber for the shard');
    const position = type === 'AT_SEQUENCE_NUMBER' ? n - 1n : n;
    if (position < horizon) {
      throw new TrimmedDataAccessError(
        `Sequence number ${formatSequenceNumber(n)} is beyond the trim horizon of shard ${shard.shardId}`,
      );
    }
    return position;
  }

  /**
   * Reads up to `limit` records (and about `maxBytes` of them, at least one) after `after`.
   *
   * @throws StreamResourceNotFoundError, TrimmedDataAccessError
   */
  async readRecords(
    streamArn: string,
    shardId: string,
    after: bigint,
    limits: { readonly limit: number; readonly maxBytes: number },
  ): Promise<RecordPage> {
    const { stream, shard } = this.shard(streamArn, shardId);
    if (shard.trimmedThrough !== undefined && after < shard.trimmedThrough) {
      throw new TrimmedDataAccessError(
        `Shard iterator of ${shardId} points before the trim horizon (records older than the retention were removed)`,
      );
    }
    const committed = this.committedThrough();
    const ceiling = shard.end !== undefined && shard.end < committed ? shard.end : committed;
    const entries =
      ceiling > after
        ? await this.backend.entries({
            gt: recordKey(stream.streamArn, shardId, after),
            lte: recordKey(stream.streamArn, shardId, ceiling),
            limit: limits.limit,
          })
        : [];
    const records: StreamRecord[] = [];
    let bytes = 0;
    for (const [, value] of entries) {
      const { r } = value as StoredRecord;
      if (records.length > 0 && bytes + r.dynamodb.SizeBytes > limits.maxBytes) break;
      records.push(r);
      bytes += r.dynamodb.SizeBytes;
    }
    const readAll = records.length === entries.length && entries.length < limits.limit;
    const last = records.at(-1);
    return {
      records,
      after: last ? BigInt(last.dynamodb.SequenceNumber) : after,
      ended: shard.end !== undefined && ceiling === shard.end && readAll,
    };
  }

  /**
   * Removes records older than the retention period, closed shards whose records are all gone,
   * and disabled streams with no shard left.
   */
  async trim(): Promise<void> {
    if (this.trimming) return;
    this.trimming = true;
    try {
      const cutoff = this.clock.now() - this.retentionMs;
      const changed: Stream[] = [];
      const removed: Stream[] = [];
      for (const stream of this.streams.values()) {
        let touched = false;
        for (const shard of stream.shards) touched = (await this.trimShard(stream, shard, cutoff)) || touched;
        const kept = stream.shards.filter((s) => s.closedAtMs === undefined || s.closedAtMs >= cutoff);
        touched = touched || kept.length !== stream.shards.length;
        stream.shards = kept;
        if (stream.status === STREAM_STATUSES.disabled && kept.length === 0) removed.push(stream);
        else if (touched) changed.push(stream);
      }
      for (const stream of removed) this.streams.delete(stream.streamArn);
      if (changed.length > 0 || removed.length > 0) {
        await this.persist(
          changed,
          removed.map((s) => ({ type: 'del', key: META_PREFIX + s.streamArn }) as const),
        );
      }
    } finally {
      this.trimming = false;
    }
  }

  private async trimShard(stream: Stream, shard: Shard, cutoff: number): Promise<boolean> {
    let trimmed = false;
    for (;;) {
      const from = maxOf(shard.start - 1n, shard.trimmedThrough);
      const entries = await this.backend.entries({
        gt: recordKey(stream.streamArn, shard.shardId, from),
        lte: recordPrefix(stream.streamArn, shard.shardId) + SEQ_MAX,
        limit: 1000,
      });
      const expired = entries.filter(([, v]) => (v as StoredRecord).t < cutoff);
      if (expired.length === 0) return trimmed;
      await this.backend.batch(expired.map(([key]) => ({ type: 'del', key })));
      shard.trimmedThrough = BigInt((expired.at(-1)?.[1] as StoredRecord).r.dynamodb.SequenceNumber);
      trimmed = true;
      if (expired.length < entries.length || entries.length < 1000) return trimmed;
    }
  }

  // Metadata writes are serialised and each writes the state as it is when it runs, so a later
  // change can never be overwritten by an earlier one landing late.
  private persist(streams: readonly Stream[], extra: readonly StoreOp[] = []): Promise<void> {
    this.metaWrites += 1;
    const write = this.metaChain.then(() =>
      this.backend.batch([
        ...streams
          .filter((s) => this.streams.has(s.streamArn))
          .map((s) => ({ type: 'put', key: META_PREFIX + s.streamArn, value: toStreamState(s) }) as const),
        ...extra,
        { type: 'put', key: COUNTER_KEY, value: this.lastSequence.toString() },
      ]),
    );
    this.metaChain = write.then(
      () => void (this.metaWrites -= 1),
      () => void (this.metaWrites -= 1),
    );
    return write;
  }
}
