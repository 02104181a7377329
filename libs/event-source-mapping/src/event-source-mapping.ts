// A local Lambda event-source mapping for a stream (Kinesis, or any StreamSource): discovers
// shards, starts one poller per shard in resharding order (parents to their end before
// children), supervises them, and stops them with or without draining.
import { WakeUp } from './async-tools';
import { DEFAULT_IDLE_POLL_MS } from './constants';
import { MappingSettingsError, MappingStateError } from './errors';
import { silentLogger } from './logger';
import { compileRecordFilter, type RecordFilter } from './record-filter';
import { validateMappingSettings, type MappingSettings } from './settings';
import { ShardPoller, type ConsumerTuning } from './shard-poller';
import { readyShards, type ShardLink } from './shard-topology';
import type { ShardReadLimits } from './shard-read-limits';
import type { EventRecordContext, StreamRecord } from './stream-record';
import type { StartPosition, StreamSource } from './stream-source';
import {
  SHARD_STATUSES,
  type CheckpointStore,
  type Clock,
  type FailureDestination,
  type FunctionInvoker,
  type Logger,
  type MappingStats,
  type ShardCheckpoint,
  type ShardStats,
} from './types';
import { newShardCounters } from './shard-counters';

/** Timing knobs; the defaults follow AWS, tests shorten them. */
export interface EventSourceMappingTuning {
  /** Pause between polls of a shard that returned everything (default 1,000 ms). */
  readonly idlePollMs?: number;
  /** GetRecords calls per second per shard (default: the source's, 5 for Kinesis). */
  readonly getRecordsPerSecond?: number;
  /** How often shards are re-listed to find children (default 10,000 ms; also right after a shard ends). */
  readonly shardDiscoveryIntervalMs?: number;
  /** First retry delay, doubled per retry (default 100 ms). */
  readonly retryBaseDelayMs?: number;
  /** Largest retry delay (default 5,000 ms). */
  readonly retryMaxDelayMs?: number;
  /** Delay before a consumer that crashed is restarted from its checkpoint (default 1,000 ms). */
  readonly restartDelayMs?: number;
}

/** Options of an EventSourceMapping. */
export interface EventSourceMappingOptions {
  /** The stream and how to read it (e.g. `new KinesisStreamSource({ kinesis, streamName, streamArn })`). */
  readonly source: StreamSource;
  /** Names the mapping's checkpoints; keep it stable across restarts. */
  readonly mappingId: string;
  readonly settings: MappingSettings;
  readonly invoker: FunctionInvoker;
  readonly checkpoints: CheckpointStore;
  /** On-failure destination; without one, batches that run out of retries or age are skipped (logged as errors). */
  readonly onFailure?: FailureDestination;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Region in event records (default: the stream ARN's). */
  readonly region?: string;
  /** Function ARN in failure records (default: arn:aws:lambda:<region>:<account>:function:<mappingId>). */
  readonly functionArn?: string;
  /** invokeIdentityArn in event records (default: arn:aws:iam::<account>:role/<mappingId>-role). */
  readonly invokeIdentityArn?: string;
  readonly tuning?: EventSourceMappingTuning;
  /**
   * Per-shard read budgets (5 calls/s, 2 MB/s) shared with the other mappings of the stream, as
   * Kinesis counts them. Absent: the mapping limits only its own calls per shard.
   */
  readonly readLimits?: ShardReadLimits;
}

interface ShardEntry {
  link: ShardLink;
  discoveredAtStart: boolean;
  consumer: ShardPoller | undefined;
  run: Promise<void> | undefined;
  ended: boolean;
  endedCheckpoint: ShardCheckpoint | undefined;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * Polls a stream and invokes a function the way Lambda's event-source mapping does.
 *
 * @example
 * ```ts
 * const source = new KinesisStreamSource({ kinesis, streamName: 'posts', streamArn });
 * const esm = new EventSourceMapping({ source, mappingId: 'consumer',
 *   settings, invoker: new ChildProcessInvoker({ bundlePath, functionName: 'consumer' }),
 *   checkpoints: new JsonFileCheckpointStore('.local-data/esm'), onFailure: new InMemoryFailureDestination() });
 * await esm.start();
 * console.log(esm.stats());
 * await esm.stop({ drain: true });
 * ```
 */
export class EventSourceMapping {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly tuning: ConsumerTuning & { shardDiscoveryIntervalMs: number; restartDelayMs: number };
  private readonly eventContext: EventRecordContext;
  private readonly functionArn: string;
  private readonly shards = new Map<string, ShardEntry>();
  private readonly discoveryWake = new WakeUp();
  private readonly abort = new AbortController();
  private filter: RecordFilter<StreamRecord> = () => true;
  private fresh = false;
  private phase: 'new' | 'running' | 'stopped' = 'new';
  private discovery: Promise<void> | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly o: EventSourceMappingOptions) {
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger ?? silentLogger;
    const [, , , arnRegion = 'us-east-1', account = '000000000000'] = o.source.streamArn.split(':');
    const region = o.region ?? arnRegion;
    this.eventContext = {
      streamArn: o.source.streamArn,
      region,
      invokeIdentityArn: o.invokeIdentityArn ?? `arn:aws:iam::${account}:role/${o.mappingId}-role`,
    };
    this.functionArn = o.functionArn ?? `arn:aws:lambda:${region}:${account}:function:${o.mappingId}`;
    const t = o.tuning ?? {};
    const base = t.retryBaseDelayMs ?? 100;
    const max = t.retryMaxDelayMs ?? 5_000;
    this.tuning = {
      idlePollMs: t.idlePollMs ?? DEFAULT_IDLE_POLL_MS,
      getRecordsPerSecond: t.getRecordsPerSecond ?? o.source.limits.readsPerSecond,
      retryDelayMs: (attempt) => Math.min(max, base * 2 ** Math.max(0, attempt - 1)),
      shardDiscoveryIntervalMs: t.shardDiscoveryIntervalMs ?? 10_000,
      restartDelayMs: t.restartDelayMs ?? 1_000,
    };
  }

  /** Validates settings and filters (throwing MappingSettingsError / FilterPatternError), lists shards and starts polling. */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new MappingStateError(`mapping ${this.o.mappingId} was already started`);
    const { source, settings } = this.o;
    validateMappingSettings(settings, this.clock.now());
    if (!source.startingPositions.includes(settings.startingPosition))
      throw new MappingSettingsError(
        'startingPosition',
        `${settings.startingPosition} is not a starting position of ${source.kind} (allowed: ${source.startingPositions.join(', ')})`,
      );
    this.filter = compileRecordFilter(settings.filters, source.filterView);
    this.phase = 'running';
    const listed = await this.listShards();
    let anyCheckpoint = false;
    for (const link of listed) {
      const cp = await this.o.checkpoints.load(this.o.mappingId, link.shardId);
      if (cp) anyCheckpoint = true;
      this.shards.set(link.shardId, {
        link,
        discoveredAtStart: true,
        consumer: undefined,
        run: undefined,
        ended: cp?.shardEnded === true,
        endedCheckpoint: cp?.shardEnded ? cp : undefined,
      });
    }
    this.fresh = !anyCheckpoint;
    this.logger.info('mapping started', { mappingId: this.o.mappingId, shards: listed.length, fresh: this.fresh });
    await this.startReady();
    this.discovery = this.discoveryLoop();
  }

  /** Stops polling. With `drain` (default) in-flight batches finish and their checkpoints are written first. */
  async stop(options: { drain?: boolean } = {}): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'stopped';
    const drain = options.drain ?? true;
    this.abort.abort();
    for (const e of this.shards.values()) e.consumer?.stop({ drain });
    await this.discovery;
    if (drain) await Promise.allSettled([...this.shards.values()].map((e) => e.run));
    this.logger.info('mapping stopped', { mappingId: this.o.mappingId, drain });
  }

  /** Per-shard stats, ordered by shard id. */
  stats(): MappingStats {
    const shards = [...this.shards.values()]
      .sort((a, b) => a.link.shardId.localeCompare(b.link.shardId))
      .map((e) => e.consumer?.stats() ?? this.idleStats(e));
    return { mappingId: this.o.mappingId, running: this.phase === 'running', shards };
  }

  private idleStats(e: ShardEntry): ShardStats {
    return {
      shardId: e.link.shardId,
      status: e.ended ? SHARD_STATUSES.ended : SHARD_STATUSES.waitingForParent,
      checkpoint: e.endedCheckpoint?.sequenceNumber,
      ...newShardCounters(),
      pendingRecords: 0,
    };
  }

  private listShards(): Promise<ShardLink[]> {
    return this.o.source.listShards(this.abort.signal);
  }

  private async discoveryLoop(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await this.discoveryWake.wait(this.tuning.shardDiscoveryIntervalMs, this.abort.signal);
      if (this.abort.signal.aborted) return;
      await this.refresh();
    }
  }

  /** Re-lists shards (serialised) and starts those that became ready. */
  private refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(async () => {
      try {
        for (const link of await this.listShards()) {
          if (this.shards.has(link.shardId)) continue;
          const cp = await this.o.checkpoints.load(this.o.mappingId, link.shardId);
          this.shards.set(link.shardId, {
            link,
            discoveredAtStart: false,
            consumer: undefined,
            run: undefined,
            ended: cp?.shardEnded === true,
            endedCheckpoint: cp?.shardEnded ? cp : undefined,
          });
          this.logger.info('shard discovered', {
            mappingId: this.o.mappingId,
            shardId: link.shardId,
            parent: link.parentShardId,
            adjacentParent: link.adjacentParentShardId,
          });
        }
        await this.startReady();
      } catch (err) {
        if (this.abort.signal.aborted) return; // the listing was cut short by stop
        this.logger.error('listing shards failed; will retry', { mappingId: this.o.mappingId, error: String(err) });
      }
    });
    return this.refreshing;
  }

  private async startReady(): Promise<void> {
    const links = [...this.shards.values()].map((e) => e.link);
    const started = new Set([...this.shards.values()].filter((e) => e.run).map((e) => e.link.shardId));
    const ended = new Set([...this.shards.values()].filter((e) => e.ended).map((e) => e.link.shardId));
    for (const shardId of readyShards(links, started, ended)) {
      if (this.abort.signal.aborted) return;
      await this.startConsumer(this.shards.get(shardId) as ShardEntry);
    }
  }

  private startPosition(e: ShardEntry, cp: ShardCheckpoint | undefined): StartPosition {
    if (cp?.sequenceNumber) return { kind: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: cp.sequenceNumber };
    if (cp?.atTimestampMs !== undefined) return { kind: 'AT_TIMESTAMP', timestampMs: cp.atTimestampMs };
    // Children of a resharding are read from their start; the configured position applies to
    // the shards of a mapping's first start.
    const configured =
      !(e.discoveredAtStart && this.fresh) && e.link.parentShardId ? 'TRIM_HORIZON' : this.o.settings.startingPosition;
    if (configured === 'AT_TIMESTAMP')
      return { kind: 'AT_TIMESTAMP', timestampMs: (this.o.settings.startingPositionTimestamp ?? 0) * 1000 };
    return { kind: configured };
  }

  private async startConsumer(e: ShardEntry): Promise<void> {
    const cp = await this.o.checkpoints.load(this.o.mappingId, e.link.shardId);
    const consumer = new ShardPoller({
      source: this.o.source,
      shardId: e.link.shardId,
      mappingId: this.o.mappingId,
      settings: this.o.settings,
      start: this.startPosition(e, cp),
      checkpoint: cp,
      filter: this.filter,
      invoker: this.o.invoker,
      destination: this.o.onFailure,
      checkpoints: this.o.checkpoints,
      clock: this.clock,
      logger: this.logger,
      eventContext: this.eventContext,
      functionArn: this.functionArn,
      tuning: this.tuning,
      ...(this.o.readLimits ? { readLimits: this.o.readLimits } : {}),
    });
    e.consumer = consumer;
    e.run = consumer.run().then(
      (result) => {
        if (result !== 'ended') return;
        e.ended = true;
        this.discoveryWake.notify(); // children may be ready now
      },
      async (err: unknown) => {
        this.logger.error('shard consumer crashed; restarting from its checkpoint', {
          shardId: e.link.shardId,
          error: String(err),
          stack: (err as Error)?.stack,
        });
        await new Promise((r) => setTimeout(r, this.tuning.restartDelayMs));
        if (this.abort.signal.aborted) return;
        e.run = undefined;
        await this.startReady();
      },
    );
  }
}
