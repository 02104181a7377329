// The invoke payloads: the plain batch event and the tumbling-window event (the same envelope for
// every stream kind; only the elements of `Records` differ).
import type { StreamRecord } from './stream-record';
import type { BatchEvent, KinesisEvent, WindowEvent } from './types';
import type { KinesisStreamRecord } from './kinesis-record';

/** The event of a batch. */
export function batchEvent<E>(records: readonly StreamRecord<E>[]): BatchEvent<E> {
  return { Records: records.map((r) => r.eventRecord) };
}

/**
 * The event of a batch of Kinesis records.
 *
 * @example
 * ```ts
 * await invoker.invoke(kinesisEvent(records), { timeoutMs: 60_000, requestId });
 * ```
 */
export function kinesisEvent(records: readonly KinesisStreamRecord[]): KinesisEvent {
  return batchEvent(records);
}

/** Window fields of a tumbling-window invoke. */
export interface WindowInvoke {
  readonly startMs: number;
  readonly endMs: number;
  readonly state: Record<string, unknown>;
  readonly shardId: string;
  readonly streamArn: string;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

/** The event of a tumbling-window invoke (Records empty on a final invoke). */
export function windowEvent<E>(records: readonly StreamRecord<E>[], w: WindowInvoke): WindowEvent<E> {
  return {
    Records: records.map((r) => r.eventRecord),
    window: { start: new Date(w.startMs).toISOString(), end: new Date(w.endMs).toISOString() },
    state: w.state,
    shardId: w.shardId,
    eventSourceARN: w.streamArn,
    isFinalInvokeForWindow: w.isFinalInvokeForWindow,
    isWindowTerminatedEarly: w.isWindowTerminatedEarly,
  };
}

/** UTF-8 size of an event with `Records: []`: what the records' bytes are added to. */
export function envelopeBytes(event: BatchEvent | WindowEvent): number {
  return Buffer.byteLength(JSON.stringify({ ...event, Records: [] }));
}

/** Start of the tumbling window that `arrivalMs` falls in. */
export function windowStartOf(arrivalMs: number, windowSeconds: number): number {
  const size = windowSeconds * 1000;
  return Math.floor(arrivalMs / size) * size;
}
