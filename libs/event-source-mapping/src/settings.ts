// The mapping settings (same field names as libs/config `mappingSettings()`) and their
// validation against the ranges AWS accepts, so a bad stack config fails at start, by key.
import { MAX_FILTERS, REPORT_BATCH_ITEM_FAILURES } from './constants';
import { MappingSettingsError } from './errors';

/** Starting positions of a Kinesis mapping. */
export const STARTING_POSITIONS = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

/** A starting position. */
export type StartingPosition = (typeof STARTING_POSITIONS)[number];

/** Settings of one event-source mapping, as in aws.lambda.EventSourceMapping. */
export interface MappingSettings {
  /** 1–10,000 records per batch. */
  readonly batchSize: number;
  /** 0–300 s to gather records before invoking. */
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: StartingPosition;
  /** Unix seconds; required with AT_TIMESTAMP, not in the future. */
  readonly startingPositionTimestamp?: number;
  /** 1–10 concurrent batches per shard. */
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** −1 (infinite) or 0–10,000. */
  readonly maximumRetryAttempts: number;
  /** −1 (infinite) or 60–604,800. */
  readonly maximumRecordAgeInSeconds: number;
  /** `['ReportBatchItemFailures']` or `[]`. */
  readonly functionResponseTypes: readonly string[];
  /** 0 (off) to 900 s. */
  readonly tumblingWindowInSeconds: number;
  /** Up to 5 patterns, parsed objects or JSON strings (strings keep numbers exactly as written). */
  readonly filters: readonly (object | string)[];
  /** The function timeout, 1–900 s. */
  readonly functionTimeoutSeconds: number;
}

/** AWS's defaults, for tests and callers that set only a few fields. */
export const DEFAULT_MAPPING_SETTINGS: MappingSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  startingPosition: 'TRIM_HORIZON',
  parallelizationFactor: 1,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  functionResponseTypes: [],
  tumblingWindowInSeconds: 0,
  filters: [],
  functionTimeoutSeconds: 3,
};

function integerIn(key: string, value: unknown, min: number, max: number, orMinusOne = false): void {
  const ok =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    ((value >= min && value <= max) || (orMinusOne && value === -1));
  if (!ok)
    throw new MappingSettingsError(
      key,
      `must be ${orMinusOne ? '-1 or ' : ''}an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
}

/**
 * Checks every field against AWS's accepted ranges and returns the settings unchanged.
 * Throws MappingSettingsError naming the first bad key.
 *
 * @example
 * ```ts
 * validateMappingSettings({ ...DEFAULT_MAPPING_SETTINGS, batchSize: 500 }, Date.now());
 * ```
 */
export function validateMappingSettings(settings: MappingSettings, nowMs: number): MappingSettings {
  integerIn('batchSize', settings.batchSize, 1, 10_000);
  integerIn('maximumBatchingWindowInSeconds', settings.maximumBatchingWindowInSeconds, 0, 300);
  integerIn('parallelizationFactor', settings.parallelizationFactor, 1, 10);
  integerIn('maximumRetryAttempts', settings.maximumRetryAttempts, 0, 10_000, true);
  integerIn('maximumRecordAgeInSeconds', settings.maximumRecordAgeInSeconds, 60, 604_800, true);
  integerIn('tumblingWindowInSeconds', settings.tumblingWindowInSeconds, 0, 900);
  integerIn('functionTimeoutSeconds', settings.functionTimeoutSeconds, 1, 900);
  if (typeof settings.bisectBatchOnFunctionError !== 'boolean') {
    throw new MappingSettingsError(
      'bisectBatchOnFunctionError',
      `must be a boolean, got ${JSON.stringify(settings.bisectBatchOnFunctionError)}`,
    );
  }
  if (!STARTING_POSITIONS.includes(settings.startingPosition)) {
    throw new MappingSettingsError(
      'startingPosition',
      `must be one of ${STARTING_POSITIONS.join(', ')}, got ${JSON.stringify(settings.startingPosition)}`,
    );
  }
  validateTimestamp(settings, nowMs);
  const types = settings.functionResponseTypes;
  if (!Array.isArray(types) || types.some((t) => t !== REPORT_BATCH_ITEM_FAILURES)) {
    throw new MappingSettingsError(
      'functionResponseTypes',
      `must be [] or ["${REPORT_BATCH_ITEM_FAILURES}"], got ${JSON.stringify(types)}`,
    );
  }
  if (!Array.isArray(settings.filters) || settings.filters.length > MAX_FILTERS) {
    throw new MappingSettingsError('filters', `must be a list of at most ${MAX_FILTERS} patterns`);
  }
  // AWS keeps one window state per shard; with several batches of a shard in flight the state
  // would be folded concurrently. Undocumented, so the local mapping refuses the combination.
  if (settings.tumblingWindowInSeconds > 0 && settings.parallelizationFactor > 1) {
    throw new MappingSettingsError(
      'parallelizationFactor',
      'must be 1 when tumblingWindowInSeconds > 0 (window state is per shard)',
    );
  }
  return settings;
}

function validateTimestamp(settings: MappingSettings, nowMs: number): void {
  const ts = settings.startingPositionTimestamp;
  if (settings.startingPosition !== 'AT_TIMESTAMP') {
    if (ts !== undefined)
      throw new MappingSettingsError('startingPositionTimestamp', 'is only allowed with startingPosition AT_TIMESTAMP');
    return;
  }
  if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) {
    throw new MappingSettingsError(
      'startingPositionTimestamp',
      `must be Unix seconds with AT_TIMESTAMP, got ${JSON.stringify(ts)}`,
    );
  }
  if (ts * 1000 > nowMs) throw new MappingSettingsError('startingPositionTimestamp', `${ts} is in the future`);
}
