// Routing of user records to shard buffers through the stream's shard map, and keeping that
// map current: loaded on first use, re-listed when it ages or when Kinesis reports a record
// on a shard other than the predicted one (a split or merge happened).
import { describeError, ProducerError } from './errors';
import type { ResolvedOptions } from './options';
import { ShardBuffer } from './shard-buffer';
import { loadShardMap, type ShardMap } from './shard-map';

/** A map that produced a wrong shard prediction is re-listed at most this often. */
const MIN_REFRESH_INTERVAL_MS = 1_000;

/** Callbacks of the router. */
export interface RouterEvents {
  /** A map was loaded (for metrics). */
  loaded(): void;
  /** A background refresh failed; the old map keeps routing. */
  refreshFailed(err: unknown): void;
  /** Records were moved between buffers and may be ready. */
  moved(): void;
}

/** Shard buffers by shard id, under the current shard map. */
export class ShardRouter {
  private readonly buffers = new Map<string, ShardBuffer>();
  private map: ShardMap | undefined;
  private loadedAt = 0;
  private loading: Promise<ShardMap> | undefined;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly events: RouterEvents,
  ) {}

  /** True once a map is loaded (routing is synchronous from then on). */
  get ready(): boolean {
    return this.map !== undefined;
  }

  /** Every shard buffer, including those of shards that closed and still drain. */
  all(): ShardBuffer[] {
    return [...this.buffers.values()];
  }

  /** Loads the map if none is loaded yet. */
  async ensureLoaded(): Promise<void> {
    if (this.map) return;
    try {
      await this.load();
    } catch (err) {
      throw new ProducerError(`Cannot list the shards of stream "${this.o.streamName}": ${describeError(err)}`, {
        cause: err,
      });
    }
  }

  /** The buffer of the open shard owning `hashKey` (call once ready). */
  bufferFor(hashKey: bigint): ShardBuffer {
    const id = (this.map as ShardMap).shardFor(hashKey);
    let shard = this.buffers.get(id);
    if (!shard) {
      shard = new ShardBuffer(id, this.o, this.o.now());
      this.buffers.set(id, shard);
    }
    return shard;
  }

  /** Re-lists shards in the background if the map is older than `maxAgeMs`. */
  refreshIfOlder(maxAgeMs: number): void {
    if (this.o.now() - this.loadedAt > maxAgeMs) this.refresh();
  }

  /** Re-lists shards in the background (at most once a second); the old map routes meanwhile. */
  refresh(): void {
    if (this.loading || this.o.now() - this.loadedAt < MIN_REFRESH_INTERVAL_MS) return;
    this.loadedAt = this.o.now();
    this.load().catch((err: unknown) => this.events.refreshFailed(err));
  }

  private load(): Promise<ShardMap> {
    this.loading ??= loadShardMap(this.o.client, this.o.streamName)
      .then((map) => {
        this.map = map;
        this.loadedAt = this.o.now();
        this.events.loaded();
        this.reroute(map);
        return map;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  // Moves records not yet sent off shards that are no longer open, so aggregates built under
  // the old map do not mix keys of both children of a split.
  private reroute(map: ShardMap): void {
    const open = new Set(map.ranges.map((r) => r.shardId));
    const now = this.o.now();
    let moved = false;
    for (const [id, shard] of [...this.buffers]) {
      if (open.has(id)) continue;
      for (const u of shard.drainUnsent()) {
        this.bufferFor(u.hashKey).add(u, now);
        moved = true;
      }
      if (shard.idle) this.buffers.delete(id);
    }
    if (moved) this.events.moved();
  }
}
