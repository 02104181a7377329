// The producer's single send loop: runs `pump` when woken or when the time it asked for comes,
// sleeps in between, and stops (holding no timer) when there is nothing left to do.

/** What the loop drives. */
export interface LoopHost {
  /** Does everything due at `now`; returns when to run again (Infinity: only when woken). */
  pump(now: number): number;
  /** True when nothing is buffered or in flight, so the loop may end. */
  idle(): boolean;
  /** Called if pump throws: the loop ends and nothing may stay pending. */
  fail(err: unknown): void;
}

/** A wake-able loop with injectable time. */
export class SendLoop {
  private running = false;
  private scheduled = false;
  private wakeResolve: (() => void) | undefined;

  constructor(
    private readonly host: LoopHost,
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  ) {}

  /** Runs a pump on the next turn; wakes of one synchronous burst (e.g. many puts) share it. */
  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.wakeResolve) this.wakeResolve();
      else if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const now = this.now();
        const next = this.host.pump(now);
        if (next === Infinity && this.host.idle()) break;
        const woken = new Promise<void>((resolve) => (this.wakeResolve = resolve));
        if (next === Infinity) {
          await woken;
        } else {
          const abort = new AbortController();
          await Promise.race([this.sleep(Math.max(1, next - now), abort.signal), woken]);
          abort.abort();
        }
        this.wakeResolve = undefined;
      }
    } catch (err) {
      this.host.fail(err);
    } finally {
      this.running = false;
      this.wakeResolve = undefined;
    }
  }
}
