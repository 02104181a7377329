// The open tumbling window of a shard: its bounds, the state the function returned last, and
// the range of its records (for the failure record of a final invoke that gives up).
import { MAX_WINDOW_STATE_BYTES } from './constants';
import { windowStartOf, type WindowInvoke } from './event-shape';
import { extendRange } from './failure-record';
import type { StreamRecord } from './stream-record';
import type { RecordRange, WindowCheckpoint } from './types';

/** The open window of a shard. */
export class WindowSession {
  state: Record<string, unknown> = {};
  range: RecordRange | undefined;

  constructor(
    readonly startMs: number,
    readonly endMs: number,
  ) {}

  /** The session a record opens. */
  static forRecord(record: StreamRecord, windowSeconds: number): WindowSession {
    const start = windowStartOf(record.arrivalMs, windowSeconds);
    return new WindowSession(start, start + windowSeconds * 1000);
  }

  /** Restores a persisted session. */
  static restore(cp: WindowCheckpoint, windowSeconds: number): WindowSession {
    const s = new WindowSession(cp.startMs, cp.startMs + windowSeconds * 1000);
    s.state = cp.state;
    s.range = cp.range;
    return s;
  }

  /**
   * The window key of a record for batch cutting. A record stamped before the open window (clock
   * skew between Kinesis hosts) is folded into the open window rather than reopening a closed one.
   */
  keyOf(record: StreamRecord, windowSeconds: number): number {
    return Math.max(this.startMs, windowStartOf(record.arrivalMs, windowSeconds));
  }

  /** Records of this window were processed and the function returned `state`. */
  absorb(records: readonly StreamRecord[], state: Record<string, unknown> | undefined): void {
    if (state) this.state = state;
    this.range = extendRange(this.range, records);
  }

  /** The returned state is past 1 MB: the window must be ended early. */
  get stateTooLarge(): boolean {
    return Buffer.byteLength(JSON.stringify(this.state)) > MAX_WINDOW_STATE_BYTES;
  }

  /** After an early end the same window goes on with empty state. */
  restartEmpty(): void {
    this.state = {};
    this.range = undefined;
  }

  /** The window fields of an invoke of this window (final or not, ended early or not). */
  invoke(o: {
    readonly shardId: string;
    readonly streamArn: string;
    readonly final: boolean;
    readonly terminatedEarly: boolean;
  }): WindowInvoke {
    return {
      startMs: this.startMs,
      endMs: this.endMs,
      state: this.state,
      shardId: o.shardId,
      streamArn: o.streamArn,
      isFinalInvokeForWindow: o.final,
      isWindowTerminatedEarly: o.terminatedEarly,
    };
  }

  /** What is persisted with the checkpoint. */
  toCheckpoint(): WindowCheckpoint {
    return { startMs: this.startMs, state: this.state, ...(this.range ? { range: this.range } : {}) };
  }
}
