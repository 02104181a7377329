// streamlens:consumer / streamlens:aggregator — one Kinesis event-source mapping and the size
// of its function. Rules that need other sections (retention, aggregation) live in cross-rules.
import { ON_FAILURE_TARGETS, RANGES, STARTING_POSITIONS } from '../constants';
import { describeRange, type Fields, type Range } from '../fields';
import type { FunctionSizing, MappingConfig, MappingName, OnFailureTarget, StartingPosition } from '../types';
import { parseFilters } from './filters';

const KEYS = [
  'batchSize',
  'maximumBatchingWindowInSeconds',
  'startingPosition',
  'startingPositionTimestamp',
  'parallelizationFactor',
  'bisectBatchOnFunctionError',
  'maximumRetryAttempts',
  'maximumRecordAgeInSeconds',
  'onFailureDestination',
  'onFailureTarget',
  'enhancedFanOut',
  'filters',
  'tumblingWindowInSeconds',
  'allowUnbounded',
  'function',
] as const;

/** Default batch size in Kinesis records (KPL aggregates): see parseMapping. */
const DEFAULT_BATCH_RECORDS = 20;

/** Default tumbling window of the aggregator, in seconds. */
const AGGREGATOR_WINDOW = 30;

/**
 * Parses one mapping. Safe defaults differ from AWS's on purpose: bounded retries (5) and
 * record age (3600 s), bisect on, an on-failure destination, so one poison batch can never
 * block a shard for the whole retention. AWS's infinite -1 needs `allowUnbounded: true`.
 * Batches default to 20 Kinesis records, not AWS's 100: a KPL aggregate carries up to ~170
 * posts, so 20 records bound an invoke to a few thousand posts and about a second of writes,
 * which keeps latency bounded when a shard falls behind (docs/ARCHITECTURE.md "Batching").
 */
export function parseMapping(parent: Fields, name: MappingName, nowMs: () => number): MappingConfig {
  const f = parent.child(name, KEYS);
  const allowUnbounded = f.bool('allowUnbounded', false);
  const startingPosition = f.oneOf('startingPosition', STARTING_POSITIONS, 'TRIM_HORIZON');
  const timestamp = parseTimestamp(f, startingPosition, nowMs);
  const tumblingWindowInSeconds = parseWindow(f, name);
  const mapping: MappingConfig = {
    batchSize: f.int('batchSize', RANGES.batchSize, DEFAULT_BATCH_RECORDS),
    maximumBatchingWindowInSeconds: f.int('maximumBatchingWindowInSeconds', RANGES.maximumBatchingWindowInSeconds, 0),
    startingPosition,
    ...(timestamp === undefined ? {} : { startingPositionTimestamp: timestamp }),
    parallelizationFactor: f.int('parallelizationFactor', RANGES.parallelizationFactor, 1),
    bisectBatchOnFunctionError: f.bool('bisectBatchOnFunctionError', true),
    maximumRetryAttempts: bounded(f, 'maximumRetryAttempts', RANGES.maximumRetryAttempts, 5, allowUnbounded),
    maximumRecordAgeInSeconds: bounded(
      f,
      'maximumRecordAgeInSeconds',
      RANGES.maximumRecordAgeInSeconds,
      3600,
      allowUnbounded,
    ),
    onFailureDestination: f.bool('onFailureDestination', true),
    onFailureTarget: parseTarget(f),
    enhancedFanOut: f.bool('enhancedFanOut', false),
    filters: parseFilters(f),
    tumblingWindowInSeconds,
    allowUnbounded,
    function: parseSizing(f),
  };
  if (tumblingWindowInSeconds > 0 && mapping.parallelizationFactor !== 1 && f.valid('parallelizationFactor')) {
    f.fail('parallelizationFactor', 'must be 1 with a tumbling window (window state is kept per shard)', '1');
  }
  return mapping;
}

// The kind of destination; meaningless (and refused) when there is none.
function parseTarget(f: Fields): OnFailureTarget {
  if (f.valid('onFailureDestination') && f.raw['onFailureDestination'] === false) {
    f.forbid('onFailureTarget', 'when onFailureDestination is false');
    return 'sqs';
  }
  return f.oneOf('onFailureTarget', ON_FAILURE_TARGETS, 'sqs');
}

/** A retry or age limit; AWS's -1 only with allowUnbounded. */
// -1 is AWS's default and means "retry until the record leaves the stream": one bad batch
// then stalls its shard for up to the retention. Accepted only with an explicit opt-in.
export function bounded(f: Fields, name: string, range: Range, fallback: number, allow: boolean): number {
  const value = f.int(name, range, fallback);
  if (value !== -1 || allow) return value;
  const problem =
    'is unbounded (-1); set allowUnbounded: true on this mapping to accept that a poison batch can block its shard';
  f.fail(name, problem, describeRange({ min: range.min, max: range.max }));
  return fallback;
}

function parseTimestamp(f: Fields, position: StartingPosition, nowMs: () => number): number | undefined {
  if (!f.valid('startingPosition')) return undefined;
  if (position !== 'AT_TIMESTAMP') {
    f.forbid('startingPositionTimestamp', 'unless startingPosition is AT_TIMESTAMP');
    return undefined;
  }
  const now = Math.floor(nowMs() / 1000);
  const allowed = `Unix seconds, 1–${now} (not in the future)`;
  if (!f.has('startingPositionTimestamp')) {
    f.fail('startingPositionTimestamp', 'is required with AT_TIMESTAMP', allowed);
    return undefined;
  }
  const value = f.number('startingPositionTimestamp', { min: 1, max: Number.POSITIVE_INFINITY }, 0);
  if (value > now) f.fail('startingPositionTimestamp', 'is in the future', allowed);
  return value > 0 && value <= now ? value : undefined;
}

// The consumer is a plain batch handler; the aggregator needs a window to fold state into.
function parseWindow(f: Fields, name: MappingName): number {
  if (name === 'consumer') {
    if (f.has('tumblingWindowInSeconds') && f.raw['tumblingWindowInSeconds'] !== 0) {
      f.fail('tumblingWindowInSeconds', 'must be 0 or absent for the consumer (it keeps no window state)', '0');
    }
    return 0;
  }
  return f.int('tumblingWindowInSeconds', { min: 1, max: RANGES.tumblingWindowInSeconds.max }, AGGREGATOR_WINDOW);
}

/** Parses a mapping's `function` key (memory and timeout). */
export function parseSizing(parent: Fields): FunctionSizing {
  const f = parent.child('function', ['memoryMb', 'timeoutSeconds']);
  return {
    memoryMb: f.int('memoryMb', RANGES.memoryMb, 512),
    timeoutSeconds: f.int('timeoutSeconds', RANGES.timeoutSeconds, 60),
  };
}
