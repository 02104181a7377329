// The invoke payloads: the plain Kinesis event and the tumbling-window event.
import type { StreamRecord } from './stream-record';
import type { KinesisEvent, KinesisWindowEvent } from './types';

/** The event of a batch. */
export function kinesisEvent(records: readonly StreamRecord[]): KinesisEvent {
  return { Records: records.map((r) => r.eventRecord) };
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
export function windowEvent(records: readonly StreamRecord[], w: WindowInvoke): KinesisWindowEvent {
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
export function envelopeBytes(event: KinesisEvent | KinesisWindowEvent): number {
  return Buffer.byteLength(JSON.stringify({ ...event, Records: [] }));
}

/** Start of the tumbling window that `arrivalMs` falls in. */
export function windowStartOf(arrivalMs: number, windowSeconds: number): number {
  const size = windowSeconds * 1000;
  return Math.floor(arrivalMs / size) * size;
}
