// Producer flow: put → check → admit (memory cap) → route by shard map → shard buffer
// (KPL aggregate) → ready queue → PutRecords collection (per-shard rate limit) → settle or retry.
import { PutRecordsCommand, type PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { fullJitterBackoff } from './backoff';
import {
  ProducerClosedError,
  ProducerError,
  PutRecordsEntryError,
  PutRejectedError,
  RecordExpiredError,
  describeError,
} from './errors';
import { collectBatch, type Batch } from './collector';
import { FlushTracker } from './flush-tracker';
import { MemoryGate } from './memory-gate';
import { ProducerMetrics } from './metrics';
import { resolveOptions, type ResolvedOptions } from './options';
import { buildOutbound, type OutboundRecord, type PendingRecord } from './outbound';
import { SendLoop } from './send-loop';
import type { ShardBuffer } from './shard-buffer';
import { ShardRouter } from './shard-router';
import { checkUserRecord, type CheckedRecord } from './validate';
import type { PendingPut, ProducerMetricsSnapshot, ProducerOptions, PutResult, UserRecord } from './types';

/** Errors retrying cannot fix: the records are rejected at once instead of until their TTL. */
const NON_RETRYABLE = new Set([
  'ValidationException',
  'InvalidArgumentException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'KMSOptInRequired',
]);

function errorCode(err: unknown): string {
  if (err instanceof PutRecordsEntryError) return err.code;
  const e = err as { name?: unknown; code?: unknown } | undefined;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'UnknownError';
}

/**
 * A KPL-grade Kinesis producer: KPL aggregation of records bound for the same shard,
 * PutRecords collection, per-record retries with full-jitter backoff until a TTL, per-shard
 * token buckets, a memory cap with back-pressure, and KPL-style metrics.
 *
 * @example
 * ```ts
 * const producer = new KinesisProducer({ client: new KinesisClient({}), streamName: 'posts' });
 * const { sequenceNumber } = await producer.put({ partitionKey: post.postId, data: bytes });
 * await producer.close();
 * ```
 */
export class KinesisProducer {
  private readonly o: ResolvedOptions;
  private readonly stats: ProducerMetrics;
  private readonly router: ShardRouter;
  private readonly memory: MemoryGate;
  private readonly tracker = new FlushTracker();
  private readonly loop: SendLoop;
  /** Admitted and not yet settled (UserRecordsPending). */
  private pendingCount = 0;
  private flushes = 0;
  private inFlightCalls = 0;
  private closed = false;
  private roundRobin = 0;
  private readonly metricsTimer: NodeJS.Timeout | undefined;

  constructor(options: ProducerOptions) {
    this.o = resolveOptions(options);
    this.stats = new ProducerMetrics(this.o.now());
    this.memory = new MemoryGate(this.o.maxBufferedBytes);
    this.router = new ShardRouter(this.o, {
      loaded: () => this.stats.shardMapLoaded(),
      refreshFailed: (err) => this.stats.error(`ListShards.${errorCode(err)}`),
      moved: () => this.loop.wake(),
    });
    this.loop = new SendLoop(
      {
        pump: (now) => this.pump(now),
        idle: () => this.pendingCount === 0 && this.inFlightCalls === 0,
        fail: (err) => this.failEverything(err),
      },
      this.o.now,
      this.o.sleep,
    );
    const sink = this.o.metricsSink;
    if (sink) {
      this.metricsTimer = setInterval(
        () => sink(this.stats.takeInterval(this.o.now(), this.pendingCount)),
        this.o.metricsIntervalMs,
      );
      this.metricsTimer.unref();
    }
  }

  /**
   * Puts a record; settles when it is durably in the stream (with its sequence number) or
   * failed for good (InvalidUserRecordError, RecordExpiredError, PutRejectedError,
   * ProducerClosedError). Waits for buffer space while the memory cap is reached.
   */
  put(record: UserRecord): Promise<PutResult> {
    return this.enqueue(record).then((pending) => pending.result);
  }

  /**
   * Admits a record into the buffer and resolves as soon as it is admitted (waiting while the
   * memory cap is reached), so a loop of `await enqueue()` gets back-pressure without waiting
   * for each put. Handle `result`: it rejects when the record fails.
   */
  enqueue(record: UserRecord): Promise<PendingPut> {
    if (this.closed) return Promise.reject(new ProducerClosedError());
    let checked: CheckedRecord;
    try {
      checked = checkUserRecord(record);
    } catch (err) {
      this.stats.failed();
      return Promise.reject(err);
    }
    // Counted from the call on, so flush() also waits for records still waiting for buffer
    // space or the shard map.
    const generation = this.tracker.enter();
    if (this.router.ready && this.memory.tryAcquire(checked.size))
      return Promise.resolve(this.admit(record, checked, generation));
    return this.enqueueSlowly(record, checked, generation);
  }

  /** Sends everything buffered now; resolves when every record put before the call has settled. */
  async flush(): Promise<void> {
    this.flushes++;
    this.loop.wake();
    try {
      await this.tracker.flushed();
    } finally {
      this.flushes--;
    }
  }

  /** Refuses new puts, drains everything buffered and emits the last metrics interval. */
  async close(): Promise<void> {
    this.closed = true;
    this.flushes++;
    this.loop.wake();
    try {
      await this.tracker.idle();
    } finally {
      this.flushes--;
    }
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    this.o.metricsSink?.(this.stats.takeInterval(this.o.now(), this.pendingCount));
  }

  /** Cumulative metrics since the producer was created. */
  metrics(): ProducerMetricsSnapshot {
    return this.stats.snapshot(this.o.now(), this.pendingCount);
  }

  /**
   * Metrics since the previous call (or creation), then starts a new interval; for callers that
   * publish per invocation (e.g. a Lambda handler). Do not combine with `metricsSink`, which
   * takes the same intervals.
   */
  takeMetricsInterval(): ProducerMetricsSnapshot {
    return this.stats.takeInterval(this.o.now(), this.pendingCount);
  }

  // ---- admission -------------------------------------------------------------------------

  private async enqueueSlowly(record: UserRecord, checked: CheckedRecord, generation: number): Promise<PendingPut> {
    try {
      if (!this.memory.tryAcquire(checked.size)) {
        this.stats.backPressure();
        this.loop.wake(); // pressure makes the loop send eagerly
        await this.memory.acquire(checked.size);
      }
      try {
        await this.router.ensureLoaded();
      } catch (err) {
        this.memory.release(checked.size);
        throw err;
      }
    } catch (err) {
      this.tracker.leave(generation);
      throw err;
    }
    return this.admit(record, checked, generation);
  }

  private admit(record: UserRecord, checked: CheckedRecord, generation: number): PendingPut {
    const now = this.o.now();
    let resolve!: (r: PutResult) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<PutResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: PendingRecord = {
      partitionKey: record.partitionKey,
      explicitHashKey: record.explicitHashKey,
      data: record.data,
      hashKey: checked.hashKey,
      size: checked.size,
      admittedAt: now,
      deadline: now + this.o.recordTtlMs,
      generation,
      attempts: 0,
      lastError: undefined,
      resolve,
      reject,
    };
    this.pendingCount++;
    this.stats.received();
    this.router.refreshIfOlder(this.o.shardMapRefreshMs);
    const shard = this.router.bufferFor(checked.hashKey);
    const hadOpen = shard.openDeadline !== undefined;
    const ready = shard.add(pending, now);
    if (ready.length > 0 || !hadOpen) this.loop.wake();
    return { result };
  }

  // ---- the send loop ---------------------------------------------------------------------

  /** Seals due aggregates and starts every PutRecords call that may go; returns the next wake time. */
  private pump(now: number): number {
    const eager = this.flushes > 0 || this.memory.pressured;
    let next = Infinity;
    for (const shard of this.router.all()) {
      const due = shard.openDeadline;
      if (due === undefined) continue;
      // Under memory pressure only a shard with nothing else to send seals early: sealing
      // behind a queue would shrink aggregates without freeing memory any sooner.
      const starved = this.memory.pressured && !shard.inFlight && shard.queue.length === 0;
      if (due <= now || this.flushes > 0 || starved) shard.seal(now);
      else next = Math.min(next, due);
    }
    while (this.inFlightCalls < this.o.maxConcurrency) {
      const { batch, wakeAt } = collectBatch(this.router.all(), now, eager, this.o, this.roundRobin++, (shard) =>
        this.expireHeads(shard, now),
      );
      next = Math.min(next, wakeAt);
      if (!batch) break;
      void this.send(batch, now);
    }
    return next;
  }

  /** Fails the user records at the head of a shard queue whose TTL has passed. */
  private expireHeads(shard: ShardBuffer, now: number): void {
    for (let head = shard.queue[0]; head && head.deadline <= now; head = shard.queue[0]) {
      shard.shift();
      const alive = head.users.filter((u) => u.deadline > now);
      for (const u of head.users) if (u.deadline <= now) this.expire(u);
      if (alive.length > 0) shard.requeue(this.rebuild(head, alive));
    }
  }

  private rebuild(record: OutboundRecord, users: readonly PendingRecord[]): OutboundRecord {
    if (users.length === record.users.length) return record;
    const rebuilt = buildOutbound(record.shardId, users, this.o.aggregation, record.flushAt, record.readyAt);
    rebuilt.retries = record.retries;
    return rebuilt;
  }

  // ---- PutRecords and its outcome --------------------------------------------------------

  private async send(batch: Batch, startedAt: number): Promise<void> {
    this.inFlightCalls++;
    for (const r of batch.records) {
      for (const u of r.users) {
        if (u.attempts === 0) this.stats.buffered(startedAt - u.admittedAt);
        u.attempts++;
      }
    }
    let output: PutRecordsCommandOutput | undefined;
    let callError: unknown;
    try {
      output = await this.o.client.send(
        new PutRecordsCommand({
          StreamName: this.o.streamName,
          Records: batch.records.map((r) => ({
            PartitionKey: r.partitionKey,
            ExplicitHashKey: r.explicitHashKey,
            Data: r.data,
          })),
        }),
      );
    } catch (err) {
      callError = err;
    }
    try {
      const now = this.o.now();
      this.stats.request(batch.records.length, now - startedAt);
      for (const shard of batch.shards) shard.inFlight = false;
      this.inFlightCalls--;
      if (output) this.onResult(batch.records, output, now);
      else this.onCallError(batch.records, callError, now);
    } catch (err) {
      this.failEverything(err);
    }
    this.loop.wake();
  }

  private onResult(records: OutboundRecord[], output: PutRecordsCommandOutput, now: number): void {
    const entries = output.Records ?? [];
    const failed: [OutboundRecord, PutRecordsEntryError][] = [];
    let stale = false;
    records.forEach((r, i) => {
      const e = entries[i];
      if (e && !e.ErrorCode && e.SequenceNumber && e.ShardId) {
        if (e.ShardId !== r.shardId) stale = true;
        this.succeed(r, e.SequenceNumber, e.ShardId);
        return;
      }
      const code = e?.ErrorCode ?? 'MissingEntry';
      const error = new PutRecordsEntryError(
        code,
        e
          ? (e.ErrorMessage ?? 'no message')
          : `the response had ${entries.length} entries for ${records.length} records`,
      );
      this.stats.error(code);
      if (NON_RETRYABLE.has(code)) this.rejectAll(r, error);
      else failed.push([r, error]);
    });
    // Kinesis routes by hash key to the open shard, so a different shard means our map is stale (split/merge).
    if (stale) this.router.refresh();
    this.retry(failed, now);
  }

  private onCallError(records: OutboundRecord[], error: unknown, now: number): void {
    const code = errorCode(error);
    this.stats.error(code);
    if (NON_RETRYABLE.has(code)) for (const r of records) this.rejectAll(r, error);
    else
      this.retry(
        records.map((r) => [r, error]),
        now,
      );
  }

  /** Re-queues failed records at the head of their shard queue after a backoff, oldest first. */
  private retry(failed: [OutboundRecord, unknown][], now: number): void {
    for (let i = failed.length - 1; i >= 0; i--) {
      const [record, error] = failed[i] as [OutboundRecord, unknown];
      record.retries++;
      const readyAt = now + fullJitterBackoff(record.retries, this.o.backoffBaseMs, this.o.backoffMaxMs, this.o.random);
      for (const u of record.users) u.lastError = error;
      // A record whose TTL ends before the retry could go is failed now rather than later.
      const alive = record.users.filter((u) => u.deadline > readyAt);
      for (const u of record.users) if (u.deadline <= readyAt) this.expire(u);
      if (alive.length === 0) continue;
      this.stats.retried(alive.length);
      const next = this.rebuild(record, alive);
      next.readyAt = readyAt;
      this.router.bufferFor((alive[0] as PendingRecord).hashKey).requeue(next);
    }
  }

  private succeed(record: OutboundRecord, sequenceNumber: string, shardId: string): void {
    let userBytes = 0;
    record.users.forEach((u, i) => {
      userBytes += u.data.length;
      this.settle(u);
      u.resolve(record.aggregated ? { sequenceNumber, shardId, subSequenceNumber: i } : { sequenceNumber, shardId });
    });
    this.stats.put(record.users.length, userBytes, record.size);
  }

  private expire(u: PendingRecord): void {
    this.settle(u);
    this.stats.expired();
    u.reject(new RecordExpiredError(u.partitionKey, u.attempts, this.o.recordTtlMs, u.lastError));
  }

  private rejectAll(record: OutboundRecord, error: unknown): void {
    for (const u of record.users) {
      this.settle(u);
      this.stats.failed();
      u.reject(new PutRejectedError(u.partitionKey, error));
    }
  }

  /** Last resort if the producer itself breaks: nothing may stay pending forever. */
  private failEverything(err: unknown): void {
    const error = new ProducerError(`Producer failed internally: ${describeError(err)}`, { cause: err });
    for (const shard of this.router.all()) {
      shard.seal(this.o.now());
      for (let r = shard.shift(); r; r = shard.shift()) {
        for (const u of r.users) {
          this.settle(u);
          u.reject(error);
        }
      }
    }
  }

  private settle(u: PendingRecord): void {
    this.pendingCount--;
    this.memory.release(u.size);
    this.tracker.leave(u.generation);
  }
}
