// Resolves producer options: defaults applied, every value checked with an error naming it.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { KINESIS_LIMITS, PRODUCER_DEFAULTS } from './constants';
import { ProducerConfigError } from './errors';
import type { KinesisPort, ProducerMetricsSnapshot, ProducerOptions } from './types';

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly client: KinesisPort;
  readonly streamName: string;
  readonly aggregation: boolean;
  readonly maxBufferedTimeMs: number;
  readonly aggregationMaxBytes: number;
  readonly collectionMaxCount: number;
  readonly collectionMaxBytes: number;
  readonly recordTtlMs: number;
  readonly maxBufferedBytes: number;
  readonly rateLimit:
    { readonly recordsPerSecond: number; readonly bytesPerSecond: number; readonly burstFraction: number } | undefined;
  readonly maxConcurrency: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly shardMapRefreshMs: number;
  readonly metricsSink: ((snapshot: ProducerMetricsSnapshot) => void) | undefined;
  readonly metricsIntervalMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleepFor(ms, undefined, { signal });
  } catch {
    // Aborted: the producer was woken early, which is the point of the signal.
  }
}

function number(
  option: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new ProducerConfigError(option, `must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return v;
}

/** Applies defaults and validates; throws ProducerConfigError naming the option. */
export function resolveOptions(o: ProducerOptions): ResolvedOptions {
  if (!o || typeof o.client?.send !== 'function')
    throw new ProducerConfigError('client', 'must be a Kinesis client (an object with send())');
  if (typeof o.streamName !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(o.streamName)) {
    throw new ProducerConfigError(
      'streamName',
      `must be 1–128 characters of a-z A-Z 0-9 _ . -, got ${JSON.stringify(o.streamName)}`,
    );
  }
  const d = PRODUCER_DEFAULTS;
  const rl = o.rateLimit === false ? undefined : (o.rateLimit ?? {});
  return {
    client: o.client,
    streamName: o.streamName,
    aggregation: o.aggregation ?? d.aggregation,
    maxBufferedTimeMs: number('maxBufferedTimeMs', o.maxBufferedTimeMs, d.maxBufferedTimeMs, 0),
    // Leaves room for the aggregate's own partition key under the 1 MiB record limit.
    aggregationMaxBytes: number(
      'aggregationMaxBytes',
      o.aggregationMaxBytes,
      d.aggregationMaxBytes,
      64,
      KINESIS_LIMITS.maxRecordBytes - 1024,
    ),
    collectionMaxCount: number(
      'collectionMaxCount',
      o.collectionMaxCount,
      d.collectionMaxCount,
      1,
      KINESIS_LIMITS.maxRecordsPerRequest,
    ),
    collectionMaxBytes: number(
      'collectionMaxBytes',
      o.collectionMaxBytes,
      d.collectionMaxBytes,
      KINESIS_LIMITS.maxRecordBytes,
      KINESIS_LIMITS.maxBytesPerRequest,
    ),
    recordTtlMs: number('recordTtlMs', o.recordTtlMs, d.recordTtlMs, 1),
    maxBufferedBytes: number('maxBufferedBytes', o.maxBufferedBytes, d.maxBufferedBytes, 1),
    rateLimit: rl && {
      recordsPerSecond: number('rateLimit.recordsPerSecond', rl.recordsPerSecond, d.recordsPerSecond, 1),
      bytesPerSecond: number('rateLimit.bytesPerSecond', rl.bytesPerSecond, d.bytesPerSecond, 1),
      burstFraction: number('rateLimit.burstFraction', rl.burstFraction, d.burstFraction, 0.001, 0.5),
    },
    maxConcurrency: number('maxConcurrency', o.maxConcurrency, d.maxConcurrency, 1, 1000),
    backoffBaseMs: number('backoffBaseMs', o.backoffBaseMs, d.backoffBaseMs, 0),
    backoffMaxMs: number('backoffMaxMs', o.backoffMaxMs, d.backoffMaxMs, 0),
    shardMapRefreshMs: number('shardMapRefreshMs', o.shardMapRefreshMs, d.shardMapRefreshMs, 0),
    metricsSink: o.metricsSink,
    metricsIntervalMs: number('metricsIntervalMs', o.metricsIntervalMs, d.metricsIntervalMs, 1),
    now: o.now ?? Date.now,
    sleep: o.sleep ?? defaultSleep,
    random: o.random ?? Math.random,
  };
}
