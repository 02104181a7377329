// One shard of a mapping: a reader loop fills N lane buffers (N = ParallelizationFactor, by
// lane-key hash), each lane sends one batch at a time through the BatchRunner, and the
// checkpoint (plus any open tumbling window) is persisted as the finished prefix grows. The
// stream itself is read through the source's ShardRecordReader.
import { sleep, WakeUp } from './async-tools';
import { assembleBatch, type AssemblyRules, type BufferedRecord } from './batch-assembler';
import { BatchRunner, type BatchHooks, type RunOutcome } from './batch-runner';
import { CheckpointWriter } from './checkpoint-writer';
import { REPORT_BATCH_ITEM_FAILURES } from '@streamlens/config';
import { MAX_INVOKE_PAYLOAD_BYTES } from './constants';
import { batchEvent, envelopeBytes, windowEvent, windowStartOf } from './event-shape';
import { LaneBuffers } from './lane-buffers';
import type { RecordFilter } from './record-filter';
import type { MappingSettings } from './settings';
import { newShardCounters } from './shard-counters';
import { ShardProgress } from './shard-progress';
import { callLimitGate, type ShardReadLimits } from './shard-read-limits';
import type { EventRecordContext, StreamRecord } from './stream-record';
import type { SourcePage, StartPosition, StreamSource } from './stream-source';
import {
  SHARD_STATUSES,
  type CheckpointStore,
  type Clock,
  type FailureDestination,
  type FunctionInvoker,
  type Logger,
  type ShardCheckpoint,
  type ShardStats,
  type ShardStatus,
} from './types';
import { WindowSession } from './window-session';

/** Timing knobs (defaults are AWS's; tests shorten them). */
export interface ConsumerTuning {
  readonly idlePollMs: number;
  readonly getRecordsPerSecond: number;
  readonly retryDelayMs: (attempt: number) => number;
}

/** Options of a shard consumer. */
export interface ShardPollerOptions {
  readonly source: StreamSource;
  readonly shardId: string;
  readonly mappingId: string;
  readonly settings: MappingSettings;
  readonly start: StartPosition;
  readonly checkpoint: ShardCheckpoint | undefined;
  readonly filter: RecordFilter<StreamRecord>;
  readonly invoker: FunctionInvoker;
  readonly destination: FailureDestination | undefined;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly eventContext: EventRecordContext;
  readonly functionArn: string;
  readonly tuning: ConsumerTuning;
  /** Read budgets shared with the other mappings of the stream; absent: this mapping's own call limit. */
  readonly readLimits?: ShardReadLimits;
}

type Step = 'continue' | 'exit';

/** Consumes one shard until it ends or the mapping stops. */
export class ShardPoller {
  private readonly counters = newShardCounters();
  private readonly abort = new AbortController();
  private abandoned = false;
  private readonly buffers: LaneBuffers;
  private readonly wake = new WakeUp();
  private readonly space = new WakeUp();
  private readerEnded = false;
  private caughtUpAtMs = Number.NEGATIVE_INFINITY;
  private session: WindowSession | undefined;
  private readonly progress: ShardProgress;
  private readonly writer: CheckpointWriter;
  private atTimestampMs: number | undefined;
  private shardEnded = false;
  private state: ShardStatus = SHARD_STATUSES.reading;
  private readonly runner: BatchRunner;
  private readonly windowSeconds: number;

  constructor(private readonly o: ShardPollerOptions) {
    this.buffers = new LaneBuffers(o.settings.parallelizationFactor);
    this.progress = new ShardProgress(o.checkpoint?.sequenceNumber);
    this.atTimestampMs = o.checkpoint?.atTimestampMs;
    this.windowSeconds = o.settings.tumblingWindowInSeconds;
    if (o.checkpoint?.window && this.windowSeconds > 0)
      this.session = WindowSession.restore(o.checkpoint.window, this.windowSeconds);
    this.writer = new CheckpointWriter({
      store: o.checkpoints,
      mappingId: o.mappingId,
      shardId: o.shardId,
      logger: o.logger,
      retryDelayMs: o.tuning.retryDelayMs,
      giveUp: (attempt) => this.abandoned || (this.abort.signal.aborted && attempt >= 3),
    });
    this.runner = new BatchRunner({
      invoker: o.invoker,
      destination: o.destination,
      clock: o.clock,
      logger: o.logger,
      shardId: o.shardId,
      streamArn: o.eventContext.streamArn,
      batchInfoKey: o.source.batchInfoKey,
      functionArn: o.functionArn,
      functionTimeoutMs: o.settings.functionTimeoutSeconds * 1000,
      bisect: o.settings.bisectBatchOnFunctionError,
      maximumRetryAttempts: o.settings.maximumRetryAttempts,
      maximumRecordAgeMs: o.settings.maximumRecordAgeInSeconds < 0 ? -1 : o.settings.maximumRecordAgeInSeconds * 1000,
      responseRules: {
        reportBatchItemFailures: o.settings.functionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES),
        windowed: this.windowSeconds > 0,
      },
      retryDelayMs: o.tuning.retryDelayMs,
      signal: this.abort.signal,
      abandoned: () => this.abandoned,
      counters: this.counters,
    });
  }

  /** Stats of this shard. */
  stats(): ShardStats {
    const { iteratorAgeMs, ...counts } = this.counters;
    return {
      shardId: this.o.shardId,
      status: this.state,
      checkpoint: this.progress.checkpoint,
      iteratorAgeMs,
      ...counts,
      pendingRecords: this.progress.pending,
    };
  }

  /** Asks the consumer to stop: with `drain`, in-flight invokes finish and checkpoint; without, their answers are ignored. */
  stop(options: { readonly drain: boolean }): void {
    this.abandoned = !options.drain;
    this.abort.abort();
  }

  /** Runs until the shard ended ('ended', children may start) or stop ('stopped'). */
  async run(): Promise<'ended' | 'stopped'> {
    const start = this.o.start;
    if (
      this.progress.checkpoint === undefined &&
      this.atTimestampMs === undefined &&
      (start.kind === 'LATEST' || start.kind === 'AT_TIMESTAMP')
    ) {
      // Remember where LATEST/AT_TIMESTAMP began so a restart before any record does not jump ahead.
      this.atTimestampMs = start.kind === 'LATEST' ? this.o.clock.now() : start.timestampMs;
      await this.persist();
    }
    const lanes = this.buffers.lanes.map((lane) => this.laneLoop(lane));
    const reading = this.readLoop();
    const results = await Promise.allSettled([reading, ...lanes]);
    await this.writer.idle();
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (this.abort.signal.aborted || !this.readerEnded || this.progress.pending > 0) return 'stopped';
    this.shardEnded = true;
    await this.persist();
    this.state = SHARD_STATUSES.ended;
    this.o.logger.info('shard ended', { shardId: this.o.shardId, checkpoint: this.progress.checkpoint });
    return 'ended';
  }

  private async readLoop(): Promise<void> {
    try {
      const { source } = this.o;
      const reader = source.openShard({
        shardId: this.o.shardId,
        start: this.o.start,
        readGate:
          this.o.readLimits?.forShard(source.streamArn, this.o.shardId) ??
          callLimitGate(this.o.tuning.getRecordsPerSecond, this.o.clock),
        eventContext: this.o.eventContext,
        clock: this.o.clock,
        logger: this.o.logger,
        signal: this.abort.signal,
        errorBackoffMs: this.o.tuning.retryDelayMs,
      });
      const lanes = this.buffers.lanes.length;
      const maxRecords = Math.max(2 * this.o.settings.batchSize * lanes, 1000);
      const maxBytes = 2 * lanes * MAX_INVOKE_PAYLOAD_BYTES;
      let full = false;
      while (!this.abort.signal.aborted) {
        // Hysteresis: once the read-ahead is full, read again only when half of it is free, so a
        // busy shard is read in large GetRecords calls rather than many one-record ones.
        const { records, bytes } = this.buffers;
        if (records >= maxRecords || bytes >= maxBytes) full = true;
        else if (records <= maxRecords / 2 && bytes <= maxBytes / 2) full = false;
        if (full) {
          await this.space.wait(undefined, this.abort.signal);
          continue;
        }
        const result = await reader.read(Math.min(source.limits.maxRecordsPerRead, maxRecords - records));
        if (!result) return;
        this.ingest(result);
        if (result.ended) return;
        if (result.caughtUp) await sleep(this.o.tuning.idlePollMs, this.abort.signal);
      }
    } catch (err) {
      this.abort.abort();
      throw err;
    }
  }

  private ingest(result: SourcePage): void {
    const now = this.o.clock.now();
    let advanced = this.progress.add(result.skipped, { finished: true });
    this.counters.polled += result.records.length + result.skipped.length;
    for (const record of result.records) {
      if (!this.o.filter(record)) {
        this.counters.filteredOut++;
        advanced = this.progress.add([record.sequenceNumber], { finished: true }) || advanced;
        continue;
      }
      this.progress.add([record.sequenceNumber], { finished: false });
      this.buffers.push(record, now);
    }
    if (result.caughtUp) this.caughtUpAtMs = result.startedAtMs;
    if (result.ended) this.readerEnded = true;
    if (advanced) void this.persist();
    this.wake.notify();
  }

  private async laneLoop(lane: BufferedRecord[]): Promise<void> {
    try {
      while (!this.abort.signal.aborted) {
        const step = this.windowSeconds > 0 ? await this.windowStep(lane) : await this.plainStep(lane);
        if (step === 'exit') return;
      }
    } catch (err) {
      this.abort.abort();
      throw err;
    }
  }

  private rules(lane: BufferedRecord[], session: WindowSession | undefined): AssemblyRules {
    const probe = session
      ? windowEvent([], session.invoke({ ...this.windowOf(), final: false, terminatedEarly: false }))
      : batchEvent([]);
    return {
      batchSize: this.o.settings.batchSize,
      maxPayloadBytes: MAX_INVOKE_PAYLOAD_BYTES,
      envelopeBytes: envelopeBytes(probe),
      batchingWindowMs: this.o.settings.maximumBatchingWindowInSeconds * 1000,
      nowMs: this.o.clock.now(),
      flush: this.readerEnded && lane.length > 0,
      ...(session ? { windowKey: (r: StreamRecord) => session.keyOf(r, this.windowSeconds) } : {}),
    };
  }

  private async plainStep(lane: BufferedRecord[]): Promise<Step> {
    const a = assembleBatch(lane, this.rules(lane, undefined));
    if ('take' in a) return (await this.dispatch(lane, a.take)) === 'aborted' ? 'exit' : 'continue';
    if (this.readerEnded && lane.length === 0) return 'exit';
    await this.wake.wait(a.waitMs, this.abort.signal);
    return 'continue';
  }

  private async windowStep(lane: BufferedRecord[]): Promise<Step> {
    const first = lane[0];
    if (first) {
      // A record of a later window means the open window is over: its final invoke comes first.
      if (this.session && windowStartOf(first.record.arrivalMs, this.windowSeconds) > this.session.startMs)
        return this.finalInvoke(false);
      const session = (this.session ??= WindowSession.forRecord(first.record, this.windowSeconds));
      const a = assembleBatch(lane, this.rules(lane, session));
      if ('take' in a) {
        if ((await this.dispatch(lane, a.take)) === 'aborted') return 'exit';
        return session.stateTooLarge ? this.finalInvoke(true) : 'continue';
      }
      await this.wake.wait(a.waitMs, this.abort.signal);
      return 'continue';
    }
    // Idle: the window is over once a poll that started after its end found nothing of it.
    if (this.session && (this.readerEnded || this.caughtUpAtMs >= this.session.endMs)) return this.finalInvoke(false);
    if (this.readerEnded) return 'exit';
    await this.wake.wait(undefined, this.abort.signal);
    return 'continue';
  }

  private async dispatch(lane: BufferedRecord[], take: number): Promise<RunOutcome> {
    const records = this.buffers.take(lane, take);
    this.space.notify();
    this.counters.batches++;
    this.counters.inFlightBatches++;
    try {
      return await this.runner.runBatch(records, this.hooks(undefined));
    } finally {
      this.counters.inFlightBatches--;
    }
  }

  private async finalInvoke(terminatedEarly: boolean): Promise<Step> {
    const session = this.session as WindowSession;
    this.counters.inFlightBatches++;
    let outcome: RunOutcome;
    try {
      outcome = await this.runner.runFinal(session.range, this.hooks({ session, terminatedEarly }));
    } finally {
      this.counters.inFlightBatches--;
    }
    if (outcome === 'aborted') return 'exit';
    // After the final invoke the state is dropped; after an early end the window goes on empty.
    if (terminatedEarly) session.restartEmpty();
    else this.session = undefined;
    await this.persist();
    return 'continue';
  }

  private hooks(final: { session: WindowSession; terminatedEarly: boolean } | undefined): BatchHooks {
    return {
      buildEvent: (records) => {
        const last = records[records.length - 1];
        if (last) this.counters.iteratorAgeMs = this.o.clock.now() - last.arrivalMs;
        const where = this.windowOf();
        if (final)
          return windowEvent(
            [],
            final.session.invoke({ ...where, final: true, terminatedEarly: final.terminatedEarly }),
          );
        return this.session
          ? windowEvent(records, this.session.invoke({ ...where, final: false, terminatedEarly: false }))
          : batchEvent(records);
      },
      processed: async (records, state) => {
        if (!final) this.session?.absorb(records, state);
        const advanced = this.progress.finish(records.map((r) => r.sequenceNumber));
        if (advanced || this.session) await this.persist();
      },
      skipped: async (records) => {
        if (this.progress.finish(records.map((r) => r.sequenceNumber))) await this.persist();
      },
    };
  }

  /** The shard and stream of this poller's window invokes. */
  private windowOf(): { shardId: string; streamArn: string } {
    return { shardId: this.o.shardId, streamArn: this.o.eventContext.streamArn };
  }

  private snapshot(): ShardCheckpoint {
    const seq = this.progress.checkpoint;
    return {
      ...(seq !== undefined
        ? { sequenceNumber: seq }
        : this.atTimestampMs !== undefined
          ? { atTimestampMs: this.atTimestampMs }
          : {}),
      ...(this.shardEnded ? { shardEnded: true } : {}),
      ...(this.session ? { window: this.session.toCheckpoint() } : {}),
    };
  }

  /** Writes the current checkpoint (after earlier writes) and waits for it. */
  private persist(): Promise<void> {
    return this.writer.write(this.snapshot());
  }
}
