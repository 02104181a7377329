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
import { ProducerMetrics } from './metrics';
import { resolveOptions, type ResolvedOptions } from './options';
import { buildOutbound, type OutboundRecord, type PendingRecord } from './outbound';
import { ShardBuffer } from './shard-buffer';
import { loadShardMap, type ShardMap } from './shard-map';
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

/** A shard map that produced a wrong shard prediction is re-listed at most this often. */
const MIN_REFRESH_INTERVAL_MS = 1_000;

function errorCode(err: unknown): string {
  if (err instanceof PutRecordsEntryError) return err.code;
  const e = err as { name?: unknown; code?: unknown } | undefined;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'UnknownError';
}

interface Batch {
  readonly records: OutboundRecord[];
  readonly shards: Set<ShardBuffer>;
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
  private readonly shards = new Map<string, ShardBuffer>();
  private map: ShardMap | undefined;
  private mapLoadedAt = 0;
  private mapLoading: Promise<ShardMap> | undefined;
  private bufferedBytes = 0;
  private readonly spaceWaiters: { size: number; resolve: () => void }[] = [];
  private pendingCount = 0;
  private admitting = 0;
  private generation = 0;
  private readonly generationCounts = new Map<number, number>();
  private flushWaiters: { generation: number; resolve: () => void }[] = [];
  private idleWaiters: (() => void)[] = [];
  private flushes = 0;
  private inFlightCalls = 0;
  private closed = false;
  private loopRunning = false;
  private wakeScheduled = false;
  private wakeResolve: (() => void) | undefined;
  private roundRobin = 0;
  private readonly metricsTimer: NodeJS.Timeout | undefined;

  constructor(options: ProducerOptions) {
    this.o = resolveOptions(options);
    this.stats = new ProducerMetrics(this.o.now());
    const sink = this.o.metricsSink;
    if (sink) {
      this.metricsTimer = setInterval(() => sink(this.stats.takeInterval(this.o.now(), this.pendingCount)), this.o.metricsIntervalMs);
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
    // Counted in its flush generation from the call on, so flush() also waits for records
    // still waiting for buffer space or the shard map.
    const generation = this.generation;
    this.generationCounts.set(generation, (this.generationCounts.get(generation) ?? 0) + 1);
    if (this.map && this.spaceWaiters.length === 0 && this.fits(checked.size)) {
      this.bufferedBytes += checked.size;
      return Promise.resolve(this.admit(record, checked, generation));
    }
    return this.enqueueSlowly(record, checked, generation);
  }

  /** Sends everything buffered now; resolves when every record put before the call has settled. */
  async flush(): Promise<void> {
    const generation = this.generation++;
    if (this.drainedThrough(generation)) return;
    this.flushes++;
    this.wake();
    try {
      await new Promise<void>((resolve) => this.flushWaiters.push({ generation, resolve }));
    } finally {
      this.flushes--;
    }
  }

  /** Refuses new puts, drains everything buffered and emits the last metrics interval. */
  async close(): Promise<void> {
    this.closed = true;
    this.flushes++;
    this.wake();
    try {
      if (this.pendingCount > 0 || this.admitting > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
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

  private fits(size: number): boolean {
    return this.bufferedBytes === 0 || this.bufferedBytes + size <= this.o.maxBufferedBytes;
  }

  private async enqueueSlowly(record: UserRecord, checked: CheckedRecord, generation: number): Promise<PendingPut> {
    this.admitting++;
    try {
      if (this.spaceWaiters.length === 0 && this.fits(checked.size)) {
        this.bufferedBytes += checked.size;
      } else {
        this.stats.backPressure();
        // release() reserves the bytes before resolving, in arrival order.
        await new Promise<void>((resolve) => this.spaceWaiters.push({ size: checked.size, resolve }));
      }
      try {
        await this.ensureShardMap();
      } catch (err) {
        this.release(checked.size);
        this.leaveGeneration(generation);
        throw err;
      }
      return this.admit(record, checked, generation);
    } finally {
      this.admitting--;
      this.checkIdle();
    }
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
    if (now - this.mapLoadedAt > this.o.shardMapRefreshMs) this.refreshShardMap();
    const shard = this.shardFor(checked.hashKey);
    const hadOpen = shard.openDeadline !== undefined;
    const ready = shard.add(pending, now);
    if (ready.length > 0 || !hadOpen) this.wake();
    return { result };
  }

  private release(size: number): void {
    this.bufferedBytes -= size;
    while (this.spaceWaiters.length > 0) {
      const next = this.spaceWaiters[0] as { size: number; resolve: () => void };
      if (!this.fits(next.size)) break;
      this.spaceWaiters.shift();
      this.bufferedBytes += next.size;
      next.resolve();
    }
  }

  // ---- shard map -------------------------------------------------------------------------

  private async ensureShardMap(): Promise<ShardMap> {
    if (this.map) return this.map;
    try {
      return await this.loadMap();
    } catch (err) {
      throw new ProducerError(`Cannot list the shards of stream "${this.o.streamName}": ${describeError(err)}`, { cause: err });
    }
  }

  private loadMap(): Promise<ShardMap> {
    this.mapLoading ??= loadShardMap(this.o.client, this.o.streamName)
      .then((map) => {
        this.map = map;
        this.mapLoadedAt = this.o.now();
        this.stats.shardMapLoaded();
        this.reroute(map);
        return map;
      })
      .finally(() => {
        this.mapLoading = undefined;
      });
    return this.mapLoading;
  }

  /**
   * Moves records not yet sent off shards that are no longer open, so aggregates built under
   * the old map do not mix keys of both children of a split.
   */
  private reroute(map: ShardMap): void {
    const open = new Set(map.ranges.map((r) => r.shardId));
    const now = this.o.now();
    let moved = false;
    for (const [id, shard] of [...this.shards]) {
      if (open.has(id)) continue;
      for (const u of shard.drainUnsent()) {
        this.shardFor(u.hashKey).add(u, now);
        moved = true;
      }
      if (shard.idle) this.shards.delete(id);
    }
    if (moved) this.wake();
  }

  /** Re-lists shards in the background; the old map keeps routing meanwhile. */
  private refreshShardMap(): void {
    if (this.mapLoading || this.o.now() - this.mapLoadedAt < MIN_REFRESH_INTERVAL_MS) return;
    this.mapLoadedAt = this.o.now();
    this.loadMap().catch((err) => this.stats.error(`ListShards.${errorCode(err)}`));
  }

  private shardFor(hashKey: bigint): ShardBuffer {
    const id = (this.map as ShardMap).shardFor(hashKey);
    let shard = this.shards.get(id);
    if (!shard) {
      shard = new ShardBuffer(id, this.o, this.o.now());
      this.shards.set(id, shard);
    }
    return shard;
  }

  // ---- the send loop ---------------------------------------------------------------------

  /** Schedules a pump on the next turn; puts of one synchronous burst share one pump. */
  private wake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      if (this.wakeResolve) this.wakeResolve();
      else if (!this.loopRunning) void this.runLoop();
    });
  }

  private async runLoop(): Promise<void> {
    this.loopRunning = true;
    try {
      for (;;) {
        const now = this.o.now();
        const next = this.pump(now);
        if (next === Infinity && this.inFlightCalls === 0 && this.pendingCount === 0) break;
        const woken = new Promise<void>((resolve) => (this.wakeResolve = resolve));
        if (next === Infinity) {
          await woken;
        } else {
          const abort = new AbortController();
          await Promise.race([this.o.sleep(Math.max(1, next - now), abort.signal), woken]);
          abort.abort();
        }
        this.wakeResolve = undefined;
      }
    } catch (err) {
      this.failEverything(err);
    } finally {
      this.loopRunning = false;
      this.wakeResolve = undefined;
    }
  }

  /** Seals due aggregates and starts every PutRecords call that may go; returns the next wake time. */
  private pump(now: number): number {
    const eager = this.flushes > 0 || this.spaceWaiters.length > 0;
    let next = Infinity;
    for (const shard of this.shards.values()) {
      const due = shard.openDeadline;
      if (due === undefined) continue;
      if (eager || due <= now) shard.seal(now);
      else next = Math.min(next, due);
    }
    while (this.inFlightCalls < this.o.maxConcurrency) {
      const { batch, wakeAt } = this.collect(now, eager);
      next = Math.min(next, wakeAt);
      if (!batch) break;
      void this.send(batch, now);
    }
    return next;
  }

  /** Picks the records of the next PutRecords call, or says when to look again. */
  private collect(now: number, eager: boolean): { batch?: Batch; wakeAt: number } {
    const candidates = [...this.shards.values()].filter((s) => !s.inFlight && s.queue.length > 0);
    let wakeAt = Infinity;
    let due = eager;
    let count = 0;
    let bytes = 0;
    for (const shard of candidates) {
      this.expireHeads(shard, now);
      const head = shard.queue[0];
      if (!head) continue;
      if (head.readyAt > now) wakeAt = Math.min(wakeAt, head.readyAt);
      else if (head.flushAt <= now) due = true;
      else wakeAt = Math.min(wakeAt, head.flushAt);
      count += shard.queue.length;
      bytes += shard.queueBytes;
    }
    if (!due && count < this.o.collectionMaxCount && bytes < this.o.collectionMaxBytes) return { wakeAt };

    const records: OutboundRecord[] = [];
    const shards = new Set<ShardBuffer>();
    let batchBytes = 0;
    const start = this.roundRobin++ % Math.max(1, candidates.length);
    for (let i = 0; i < candidates.length && records.length < this.o.collectionMaxCount; i++) {
      const shard = candidates[(start + i) % candidates.length] as ShardBuffer;
      for (;;) {
        this.expireHeads(shard, now);
        const head = shard.queue[0];
        if (!head) break;
        if (head.readyAt > now) {
          wakeAt = Math.min(wakeAt, head.readyAt);
          break;
        }
        if (records.length >= this.o.collectionMaxCount || batchBytes + head.size > this.o.collectionMaxBytes) break;
        const wait = shard.rateWaitMs(head, now);
        if (wait > 0) {
          wakeAt = Math.min(wakeAt, now + wait);
          break;
        }
        shard.charge(head, now);
        shard.shift();
        records.push(head);
        shards.add(shard);
        batchBytes += head.size;
      }
    }
    if (records.length === 0) return { wakeAt };
    for (const shard of shards) shard.inFlight = true;
    return { batch: { records, shards }, wakeAt };
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
          Records: batch.records.map((r) => ({ PartitionKey: r.partitionKey, ExplicitHashKey: r.explicitHashKey, Data: r.data })),
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
    this.wake();
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
      const error = new PutRecordsEntryError(code, e ? (e.ErrorMessage ?? 'no message') : `the response had ${entries.length} entries for ${records.length} records`);
      this.stats.error(code);
      if (NON_RETRYABLE.has(code)) this.rejectAll(r, error);
      else failed.push([r, error]);
    });
    // Kinesis routes by hash key to the open shard, so a different shard means our map is stale (split/merge).
    if (stale) this.refreshShardMap();
    this.retry(failed, now);
  }

  private onCallError(records: OutboundRecord[], error: unknown, now: number): void {
    const code = errorCode(error);
    this.stats.error(code);
    if (NON_RETRYABLE.has(code)) for (const r of records) this.rejectAll(r, error);
    else this.retry(records.map((r) => [r, error]), now);
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
      this.shardFor((alive[0] as PendingRecord).hashKey).requeue(next);
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
    for (const shard of this.shards.values()) {
      shard.seal(this.o.now());
      for (let r = shard.shift(); r; r = shard.shift()) for (const u of r.users) (this.settle(u), u.reject(error));
    }
  }

  private settle(u: PendingRecord): void {
    this.pendingCount--;
    this.leaveGeneration(u.generation);
    this.release(u.size);
    this.checkIdle();
  }

  private leaveGeneration(generation: number): void {
    const left = (this.generationCounts.get(generation) ?? 1) - 1;
    if (left > 0) {
      this.generationCounts.set(generation, left);
      return;
    }
    this.generationCounts.delete(generation);
    this.flushWaiters = this.flushWaiters.filter((w) => !(this.drainedThrough(w.generation) && (w.resolve(), true)));
  }

  private drainedThrough(generation: number): boolean {
    for (const g of this.generationCounts.keys()) if (g <= generation) return false;
    return true;
  }

  private checkIdle(): void {
    if (this.pendingCount > 0 || this.admitting > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
