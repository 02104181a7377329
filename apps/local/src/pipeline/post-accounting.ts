// Local stack, summary: where every post in the stream went, whoever put it (this run's load, an
// earlier run on the same data dir, the load CLI, another producer). Pure: the caller reads the
// stream, the checkpoints, the quarantine and the on-failure records; this only classifies.
//   posts in the stream = distinct stored + superseded versions + quarantined
//                         + on the on-failure destination + not yet consumed (+ unexplained)

/** One user record of the stream (a post, or a poison record). */
export interface StreamUserRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Index inside its KPL aggregate; absent for a plain record or a corrupt aggregate. */
  readonly subSequenceNumber?: number;
  readonly data: Uint8Array;
}

/** A batch range the consumer's mapping gave up on (AWS's KinesisBatchInfo). */
export interface GivenUpRange {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

/** What the classification needs besides the stream. */
export interface AccountingContext {
  /** The consumer's checkpoint per shard: records at or before it were consumed. */
  readonly checkpoints: ReadonlyMap<string, string | undefined>;
  /** Quarantine keys, from {@link quarantineKeyOf}. */
  readonly quarantined: ReadonlySet<string>;
  readonly givenUp: readonly GivenUpRange[];
}

/** Where the posts of the stream went. */
export interface PostAccount {
  readonly inStream: number;
  /** Distinct post ids among consumed, stored records. */
  readonly distinctStored: number;
  /** Consumed versions of a post id counted already (edits, and re-sends of the same version). */
  readonly superseded: number;
  readonly quarantined: number;
  /** Consumed but given up on after retries: on the on-failure destination, waiting for redrive. */
  readonly onFailure: number;
  readonly notYetConsumed: number;
  /** Consumed, not quarantined, not given up on, and yet not a post with an id (should be 0). */
  readonly unexplained: number;
}

/** Key of a stream position as the quarantine stores it. */
export function quarantineKeyOf(r: {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
}): string {
  return `${r.shardId}/${BigInt(r.sequenceNumber)}/${r.subSequenceNumber ?? '-'}`;
}

function postIdOf(data: Uint8Array): string | undefined {
  try {
    const post = JSON.parse(
      Buffer.from(data)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as { postId?: unknown };
    return typeof post?.postId === 'string' ? post.postId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Classifies user records one at a time (a stream may not fit in memory), then sums them up.
 *
 * @example
 * ```ts
 * const accountant = new PostAccountant({ checkpoints, quarantined, givenUp: [] });
 * for await (const r of readWholeStream(kinesis, stream)) accountant.add(r);
 * const a = accountant.result();
 * a.inStream === a.distinctStored + a.superseded + a.quarantined + a.onFailure + a.notYetConsumed + a.unexplained;
 * ```
 */
export class PostAccountant {
  private readonly limits: ReadonlyMap<string, bigint>;
  private readonly givenUp: readonly { shardId: string; start: bigint; end: bigint }[];
  private readonly ids = new Set<string>();
  private inStream = 0;
  private stored = 0;
  private quarantined = 0;
  private onFailure = 0;
  private notYetConsumed = 0;
  private unexplained = 0;

  constructor(private readonly ctx: AccountingContext) {
    this.limits = new Map([...ctx.checkpoints].map(([shard, cp]) => [shard, cp === undefined ? -1n : BigInt(cp)]));
    this.givenUp = ctx.givenUp.map((g) => ({
      shardId: g.shardId,
      start: BigInt(g.startSequenceNumber),
      end: BigInt(g.endSequenceNumber),
    }));
  }

  add(r: StreamUserRecord): void {
    this.inStream++;
    const seq = BigInt(r.sequenceNumber);
    if (seq > (this.limits.get(r.shardId) ?? -1n)) this.notYetConsumed++;
    else if (this.ctx.quarantined.has(quarantineKeyOf(r))) this.quarantined++;
    else if (this.givenUp.some((g) => g.shardId === r.shardId && seq >= g.start && seq <= g.end)) this.onFailure++;
    else {
      const id = postIdOf(r.data);
      if (id === undefined) {
        this.unexplained++;
      } else {
        this.stored++;
        this.ids.add(id);
      }
    }
  }

  result(): PostAccount {
    return {
      inStream: this.inStream,
      distinctStored: this.ids.size,
      superseded: this.stored - this.ids.size,
      quarantined: this.quarantined,
      onFailure: this.onFailure,
      notYetConsumed: this.notYetConsumed,
      unexplained: this.unexplained,
    };
  }
}
