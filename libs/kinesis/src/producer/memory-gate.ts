// Memory cap of the producer: bytes of admitted, unsettled records, with FIFO waiters.

/** Admits byte reservations up to a cap; later reservations wait, in arrival order. */
export class MemoryGate {
  private used = 0;
  private readonly waiters: { size: number; resolve: () => void }[] = [];

  constructor(private readonly capacity: number) {}

  /** True while reservations are waiting for space. */
  get pressured(): boolean {
    return this.waiters.length > 0;
  }

  /** Reserves `size` now if it fits and nobody waits; false otherwise. */
  tryAcquire(size: number): boolean {
    if (this.waiters.length > 0 || !this.fits(size)) return false;
    this.used += size;
    return true;
  }

  /** Reserves `size`, waiting for space. */
  acquire(size: number): Promise<void> {
    if (this.tryAcquire(size)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ size, resolve }));
  }

  /** Returns `size` and admits waiters that now fit. */
  release(size: number): void {
    this.used -= size;
    for (let next = this.waiters[0]; next && this.fits(next.size); next = this.waiters[0]) {
      this.waiters.shift();
      this.used += next.size;
      next.resolve();
    }
  }

  // A record larger than the whole cap still goes through once the buffer is empty.
  private fits(size: number): boolean {
    return this.used === 0 || this.used + size <= this.capacity;
  }
}
