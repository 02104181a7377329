// When a lane's buffered records become a batch: the batch size is reached, the payload would
// pass 6 MB, the batching window has elapsed since the first buffered record, the next record
// belongs to a later tumbling window, or the shard ended. Pure.
import type { StreamRecord } from './stream-record';

/** A record waiting in a lane, with the time it was read. */
export interface BufferedRecord {
  readonly record: StreamRecord;
  readonly bufferedAtMs: number;
}

/** Limits of a batch. */
export interface AssemblyRules {
  readonly batchSize: number;
  readonly maxPayloadBytes: number;
  /** Bytes of the event without its records (window fields and state included). */
  readonly envelopeBytes: number;
  readonly batchingWindowMs: number;
  readonly nowMs: number;
  /** The shard ended: send what is buffered without waiting. */
  readonly flush: boolean;
  /** Tumbling-window key of a record; a batch never spans two keys. */
  readonly windowKey?: (record: StreamRecord) => number;
}

/** Take the first `take` records now, or wait up to `waitMs` (undefined: until new records). */
export type Assembly = { readonly take: number } | { readonly waitMs: number | undefined };

/**
 * Decides whether the buffer holds a batch to send now.
 *
 * @example
 * ```ts
 * assembleBatch(buffer, { batchSize: 100, maxPayloadBytes: 6 * 2 ** 20, envelopeBytes: 14,
 *   batchingWindowMs: 0, nowMs: Date.now(), flush: false }); // { take: buffer.length } (≤ 100)
 * ```
 */
export function assembleBatch(buffer: readonly BufferedRecord[], rules: AssemblyRules): Assembly {
  const first = buffer[0];
  if (!first) return { waitMs: undefined };
  const key = rules.windowKey?.(first.record);
  let count = 0;
  let bytes = rules.envelopeBytes;
  for (const { record } of buffer) {
    if (count === rules.batchSize) break;
    const add = record.eventBytes + (count > 0 ? 1 : 0);
    if (count > 0 && bytes + add > rules.maxPayloadBytes) break;
    if (rules.windowKey && rules.windowKey(record) !== key) break;
    count++;
    bytes += add;
  }
  const cut = count < buffer.length || count === rules.batchSize;
  const waited = rules.nowMs - first.bufferedAtMs;
  if (cut || rules.flush || rules.batchingWindowMs === 0 || waited >= rules.batchingWindowMs) return { take: count };
  return { waitMs: rules.batchingWindowMs - waited };
}
