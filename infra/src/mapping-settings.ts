// Pure translation of one mapping's settings into aws.lambda.EventSourceMapping inputs. Every
// property is set explicitly (no AWS default is relied on), and retries / record age are
// bounded unless the caller opted in to AWS's infinite sentinel (-1).
import type { ArgsContext } from './validate';
import { fail, requireInt, requireOneOf } from './validate';

/** Lambda's quota of filters per mapping and its limit on one pattern's length. */
export const MAX_FILTERS = 5;
export const MAX_FILTER_PATTERN_LENGTH = 4096;

/** The settings of one Kinesis event-source mapping (the shape of config's mappingSettings). */
export interface MappingSettingsArgs {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: string;
  /** Unix seconds; only with AT_TIMESTAMP. */
  readonly startingPositionTimestamp?: number;
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeInSeconds: number;
  readonly onFailureDestination: boolean;
  /** `sqs` (default) or `s3`; only with onFailureDestination. */
  readonly onFailureTarget?: 'sqs' | 's3';
  /** Read through an enhanced fan-out consumer of the mapping's own. Default false. */
  readonly enhancedFanOut?: boolean;
  /** Filter patterns as objects; serialised to JSON strings here. */
  readonly filters: readonly Readonly<Record<string, unknown>>[];
  /** 0 = no tumbling window. */
  readonly tumblingWindowInSeconds: number;
  readonly functionResponseTypes: readonly string[];
  /** Opt-in to -1 (infinite) retries / record age. Default false. */
  readonly allowUnbounded?: boolean;
}

/** Mapping inputs that do not depend on other resources. */
export interface MappingInputs {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: string;
  readonly startingPositionTimestamp?: string;
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeInSeconds: number;
  readonly functionResponseTypes: string[];
  readonly tumblingWindowInSeconds: number;
  readonly filterCriteria?: { filters: { pattern: string }[] };
  readonly metricsConfig: { metrics: string[] };
  readonly enabled: boolean;
}

/**
 * Validates the settings and returns the mapping inputs.
 *
 * @param streamRetentionHours when given, the record age must fit in the retention
 * @example
 * ```ts
 * mappingInputs(ctx, mappingSettings(config, 'consumer'), 24).maximumRecordAgeInSeconds;
 * ```
 */
export function mappingInputs(ctx: ArgsContext, s: MappingSettingsArgs, streamRetentionHours?: number): MappingInputs {
  requireInt(ctx, 'batchSize', s.batchSize, 1, 10_000);
  requireInt(ctx, 'maximumBatchingWindowInSeconds', s.maximumBatchingWindowInSeconds, 0, 300);
  requireInt(ctx, 'parallelizationFactor', s.parallelizationFactor, 1, 10);
  requireInt(ctx, 'tumblingWindowInSeconds', s.tumblingWindowInSeconds, 0, 900);
  bounded(ctx, 'maximumRetryAttempts', s.maximumRetryAttempts, 0, 10_000, s.allowUnbounded);
  bounded(ctx, 'maximumRecordAgeInSeconds', s.maximumRecordAgeInSeconds, 60, 604_800, s.allowUnbounded);
  if (streamRetentionHours !== undefined && s.maximumRecordAgeInSeconds > streamRetentionHours * 3600) {
    fail(
      ctx,
      'maximumRecordAgeInSeconds',
      `must not exceed the stream retention (${streamRetentionHours * 3600} s)`,
      s.maximumRecordAgeInSeconds,
    );
  }
  if (!s.functionResponseTypes.includes('ReportBatchItemFailures')) {
    fail(
      ctx,
      'functionResponseTypes',
      'must include ReportBatchItemFailures (handlers report partial failures)',
      s.functionResponseTypes,
    );
  }
  return {
    batchSize: s.batchSize,
    maximumBatchingWindowInSeconds: s.maximumBatchingWindowInSeconds,
    ...startingPosition(ctx, s),
    parallelizationFactor: s.parallelizationFactor,
    bisectBatchOnFunctionError: s.bisectBatchOnFunctionError,
    maximumRetryAttempts: s.maximumRetryAttempts,
    maximumRecordAgeInSeconds: s.maximumRecordAgeInSeconds,
    functionResponseTypes: [...s.functionResponseTypes],
    tumblingWindowInSeconds: s.tumblingWindowInSeconds,
    ...filterCriteria(ctx, s.filters),
    // Adds PolledEventCount, FilteredOutEventCount, FailedInvokeEventCount, DroppedEventCount…
    metricsConfig: { metrics: ['EventCount'] },
    enabled: true,
  };
}

function bounded(
  ctx: ArgsContext,
  field: string,
  value: number,
  min: number,
  max: number,
  allowUnbounded?: boolean,
): void {
  if (value === -1) {
    if (!allowUnbounded)
      fail(
        ctx,
        field,
        'is -1 (infinite), which lets one bad batch block its shard until it expires; set allowUnbounded to opt in',
        value,
      );
    return;
  }
  requireInt(ctx, field, value, min, max);
}

function startingPosition(
  ctx: ArgsContext,
  s: MappingSettingsArgs,
): Pick<MappingInputs, 'startingPosition' | 'startingPositionTimestamp'> {
  const position = requireOneOf(ctx, 'startingPosition', s.startingPosition, [
    'TRIM_HORIZON',
    'LATEST',
    'AT_TIMESTAMP',
  ] as const);
  if (position !== 'AT_TIMESTAMP') {
    if (s.startingPositionTimestamp !== undefined)
      fail(ctx, 'startingPositionTimestamp', 'is allowed only with AT_TIMESTAMP', s.startingPositionTimestamp);
    return { startingPosition: position };
  }
  const ts = s.startingPositionTimestamp;
  if (ts === undefined || !Number.isFinite(ts) || ts < 0)
    fail(ctx, 'startingPositionTimestamp', 'AT_TIMESTAMP needs Unix seconds', ts);
  // Pulumi wants RFC 3339; AWS wants Unix seconds: same instant.
  return { startingPosition: position, startingPositionTimestamp: new Date(ts * 1000).toISOString() };
}

function filterCriteria(
  ctx: ArgsContext,
  filters: MappingSettingsArgs['filters'],
): Pick<MappingInputs, 'filterCriteria'> {
  if (filters.length > MAX_FILTERS) fail(ctx, 'filters', `at most ${MAX_FILTERS} filters per mapping`, filters.length);
  if (filters.length === 0) return {};
  const patterns = filters.map((filter, i) => {
    const pattern = JSON.stringify(filter);
    if (pattern.length > MAX_FILTER_PATTERN_LENGTH)
      fail(ctx, `filters[${i}]`, `pattern longer than ${MAX_FILTER_PATTERN_LENGTH} characters`, pattern.length);
    return { pattern };
  });
  return { filterCriteria: { filters: patterns } };
}
