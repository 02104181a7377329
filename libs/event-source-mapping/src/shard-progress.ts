// The checkpoint of a shard is the last record of the longest finished prefix of what was read:
// with several lanes in flight a later batch may finish first, but the checkpoint only moves
// past a record once every record before it is done (so a restart re-delivers, never skips).

/** Tracks which read records are finished and where the checkpoint stands. */
export class ShardProgress {
  private readonly order: string[] = [];
  private readonly done = new Set<string>();
  private head = 0;

  constructor(private current: string | undefined) {}

  /** Sequence number of the last record of the finished prefix. */
  get checkpoint(): string | undefined {
    return this.current;
  }

  /** Records read but not yet finished. */
  get pending(): number {
    return this.order.length - this.head;
  }

  /** Records `sequenceNumbers` were read, in shard order; `finished` ones need no processing. */
  add(sequenceNumbers: readonly string[], options: { readonly finished: boolean }): boolean {
    const { finished } = options;
    for (const s of sequenceNumbers) {
      this.order.push(s);
      if (finished) this.done.add(s);
    }
    return finished && this.advance();
  }

  /** Marks records finished. True when the checkpoint moved. */
  finish(sequenceNumbers: readonly string[]): boolean {
    for (const s of sequenceNumbers) this.done.add(s);
    return this.advance();
  }

  private advance(): boolean {
    const before = this.current;
    while (this.head < this.order.length && this.done.has(this.order[this.head] as string)) {
      const s = this.order[this.head] as string;
      this.done.delete(s);
      this.current = s;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    return this.current !== before;
  }
}
