// Bookkeeping behind flush() and close(): records counted per flush generation from the
// moment put() is called until they settle.

/** Tracks unsettled records per generation and resolves flush/idle waiters. */
export class FlushTracker {
  private generation = 0;
  private total = 0;
  private readonly counts = new Map<number, number>();
  private flushWaiters: { generation: number; resolve: () => void }[] = [];
  private idleWaiters: (() => void)[] = [];

  /** Records counted and not yet settled. */
  get unsettled(): number {
    return this.total;
  }

  /** Counts a new record; returns its generation. */
  enter(): number {
    this.total++;
    this.counts.set(this.generation, (this.counts.get(this.generation) ?? 0) + 1);
    return this.generation;
  }

  /** A record of `generation` settled (or was never admitted). */
  leave(generation: number): void {
    this.total--;
    const left = (this.counts.get(generation) ?? 1) - 1;
    if (left > 0) this.counts.set(generation, left);
    else {
      this.counts.delete(generation);
      const done = this.flushWaiters.filter((w) => this.drainedThrough(w.generation));
      this.flushWaiters = this.flushWaiters.filter((w) => !done.includes(w));
      for (const w of done) w.resolve();
    }
    if (this.total === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of idle) resolve();
    }
  }

  /** Resolves when every record counted before the call has settled. */
  flushed(): Promise<void> {
    const generation = this.generation++;
    if (this.drainedThrough(generation)) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push({ generation, resolve }));
  }

  /** Resolves when no record is counted. */
  idle(): Promise<void> {
    if (this.total === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drainedThrough(generation: number): boolean {
    for (const g of this.counts.keys()) if (g <= generation) return false;
    return true;
  }
}
