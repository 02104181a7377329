// e2e benchmark: when each consumer invoke started and ended, and which records it carried, so
// a stored post's latency can be split into stages (docs/BENCHMARKS.md "e2e").
import type { FunctionInvoker, InvokeOptions, InvokeResult } from '@streamlens/event-source-mapping';

/** One invoke of a function, as the mapping made it. */
export interface InvokeSpan {
  readonly startMs: number;
  readonly endMs: number;
  /** The function returned (a partial batch failure included); false for an error or timeout. */
  readonly ok: boolean;
  readonly records: number;
}

interface EventRecordLike {
  readonly eventID?: unknown;
}

/**
 * A FunctionInvoker that forwards to `inner` and remembers every invoke's span by the
 * `shardId:sequenceNumber` of each record it carried (a record retried later has several spans).
 *
 * @example
 * ```ts
 * const timings = new InvokeTimings(invoker);
 * await timings.invoke(event, { timeoutMs: 60_000, requestId: 'r1' });
 * timings.spansOf('shardId-000000000000:4959…'); // [{ startMs, endMs, ok, records }]
 * ```
 */
export class InvokeTimings implements FunctionInvoker {
  private readonly byRecord = new Map<string, InvokeSpan[]>();
  private readonly all: InvokeSpan[] = [];

  constructor(private readonly inner: FunctionInvoker) {}

  async invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const startMs = Date.now();
    const result = await this.inner.invoke(event, options);
    const records = ((event as { Records?: readonly EventRecordLike[] }).Records ?? []).filter(
      (r): r is { eventID: string } => typeof r.eventID === 'string',
    );
    const span: InvokeSpan = { startMs, endMs: Date.now(), ok: result.ok, records: records.length };
    this.all.push(span);
    // Lambda's eventID is "shardId:sequenceNumber".
    for (const { eventID } of records) {
      const spans = this.byRecord.get(eventID);
      if (spans) spans.push(span);
      else this.byRecord.set(eventID, [span]);
    }
    return result;
  }

  /** Spans of the invokes that carried the record `shardId:sequenceNumber`, oldest first. */
  spansOf(eventId: string): readonly InvokeSpan[] {
    return this.byRecord.get(eventId) ?? [];
  }

  /** Every invoke so far. */
  spans(): readonly InvokeSpan[] {
    return this.all;
  }

  /** Forgets what was recorded (between benchmark steps). */
  clear(): void {
    this.byRecord.clear();
    this.all.length = 0;
  }
}
