// The signals that stop `npm start`: Ctrl-C (SIGINT), `kill` or a supervisor (SIGTERM), and a
// closed terminal (SIGHUP). The first asks for a drain, a second one for a stop at once.
import { constants } from 'node:os';

/** Signals that stop the local stack. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A signal that stops the local stack. */
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Where signals come from (`process`, or an EventEmitter in tests). */
export interface SignalSource {
  on(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
}

/** Options of {@link ShutdownSignals}. */
export interface ShutdownSignalsOptions {
  /**
   * A repeat within this many ms of the first signal is the same request (default 1,000): one
   * Ctrl-C can arrive twice, as the terminal signals the whole foreground process group and
   * `npm start` forwards its own copy to its child.
   */
  readonly sameRequestMs?: number;
  /** Epoch ms (default Date.now). */
  readonly now?: () => number;
}

/**
 * Listens for stop signals from construction on (so a Ctrl-C during start-up is not lost):
 * `first` resolves on the first, `second` on a later one that is not the echo of the first.
 *
 * @example
 * ```ts
 * const signals = new ShutdownSignals(process);
 * await signals.first;          // drain
 * await signals.second;         // stop at once
 * process.exit(exitCodeOf(sig)); // 130 after SIGINT
 * ```
 */
export class ShutdownSignals {
  readonly first: Promise<StopSignal>;
  readonly second: Promise<StopSignal>;
  private firstAt: number | undefined;
  private resolveFirst: (s: StopSignal) => void = () => undefined;
  private resolveSecond: (s: StopSignal) => void = () => undefined;
  private readonly listener = (signal: StopSignal) => this.receive(signal);
  private readonly sameRequestMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: SignalSource,
    options: ShutdownSignalsOptions = {},
  ) {
    this.sameRequestMs = options.sameRequestMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.first = new Promise((r) => (this.resolveFirst = r));
    this.second = new Promise((r) => (this.resolveSecond = r));
    for (const signal of STOP_SIGNALS) source.on(signal, this.listener);
  }

  /** True once a first signal arrived. */
  get received(): boolean {
    return this.firstAt !== undefined;
  }

  /** Stops listening (the default action of each signal applies again). */
  dispose(): void {
    for (const signal of STOP_SIGNALS) this.source.off(signal, this.listener);
  }

  private receive(signal: StopSignal): void {
    const at = this.now();
    if (this.firstAt === undefined) {
      this.firstAt = at;
      this.resolveFirst(signal);
    } else if (at - this.firstAt >= this.sameRequestMs) {
      this.resolveSecond(signal);
    }
  }
}

/** The conventional exit status of a process stopped by `signal`: 128 + its number (SIGINT → 130). */
export function exitCodeOf(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}
