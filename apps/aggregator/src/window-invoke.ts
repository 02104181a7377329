// Aggregator flow: Lambda event → (this file) checked window fields → fold → write on the final invoke.
import type { KinesisStreamRecord } from 'aws-lambda';
import { InvalidWindowEventError } from './errors';

/** The fields of a tumbling-window invoke, checked and normalised. */
export interface WindowInvoke {
  /** Window start and end as fixed-width UTC ISO strings (`2024-05-01T10:00:30.000Z`). */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly shardId: string;
  readonly records: readonly KinesisStreamRecord[];
  readonly isFinal: boolean;
  readonly endedEarly: boolean;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function instant(window: Obj, key: 'start' | 'end'): number {
  const raw = window[key];
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms))
    throw new InvalidWindowEventError(
      `window.${key}`,
      `must be an ISO 8601 instant, got ${JSON.stringify(raw ?? null)}`,
    );
  return ms;
}

function flag(event: Obj, key: string): boolean {
  const value = event[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new InvalidWindowEventError(key, `must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Checks the window fields of an invoke. `Records` may be absent or empty (final invokes carry
 * no records); the flags default to false.
 *
 * @throws InvalidWindowEventError naming the field (e.g. `window` when the mapping has no
 * TumblingWindowInSeconds).
 * @example
 * ```ts
 * const w = readWindowInvoke(event); // { windowStart: '2024-05-01T10:00:30.000Z', shardId: 'shardId-000000000000', ... }
 * ```
 */
export function readWindowInvoke(event: unknown): WindowInvoke {
  if (!isObject(event)) throw new InvalidWindowEventError('event', 'must be an object');
  const window = event['window'];
  if (!isObject(window))
    throw new InvalidWindowEventError(
      'window',
      'is missing: the event-source mapping must set TumblingWindowInSeconds',
    );
  const startMs = instant(window, 'start');
  const endMs = instant(window, 'end');
  if (endMs <= startMs)
    throw new InvalidWindowEventError(
      'window.end',
      `must be after window.start (${String(window['start'])}), got ${String(window['end'])}`,
    );
  const shardId = event['shardId'];
  if (typeof shardId !== 'string' || shardId.length === 0)
    throw new InvalidWindowEventError('shardId', `must be a non-empty string, got ${JSON.stringify(shardId ?? null)}`);
  const records = event['Records'] ?? [];
  if (!Array.isArray(records)) throw new InvalidWindowEventError('Records', 'must be a list');
  return {
    windowStart: new Date(startMs).toISOString(),
    windowEnd: new Date(endMs).toISOString(),
    startMs,
    endMs,
    shardId,
    records: records as KinesisStreamRecord[],
    isFinal: flag(event, 'isFinalInvokeForWindow'),
    endedEarly: flag(event, 'isWindowTerminatedEarly'),
  };
}
