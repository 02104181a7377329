// The one model of an event-source mapping's settings: its fields (as aws.lambda.EventSourceMapping
// names them), AWS's ranges (RANGES) and defaults, and the settings a stack's mapping resolves to.
// Infra passes them to the EventSourceMapping resource, the local event-source mapping obeys them.
import { STARTING_POSITIONS } from './constants';
import type { MappingName, OnFailureTarget, StackConfig, StartingPosition } from './types';

/** The response type that turns on partial batch responses. */
export const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

/** Response types a mapping may list. */
export const FUNCTION_RESPONSE_TYPES = [REPORT_BATCH_ITEM_FAILURES] as const;

/** A filter pattern as callers give it: the text a stack config resolves to, any JSON string, or a parsed object. */
export type FilterPatternInput = string | Readonly<Record<string, unknown>>;

/** Settings of one event-source mapping (Kinesis or DynamoDB Streams). */
export interface MappingSettings {
  /** 1–10,000 records per batch. */
  readonly batchSize: number;
  /** 0–300 s to gather records before invoking. */
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: StartingPosition;
  /** Unix seconds; only (and always) with AT_TIMESTAMP, not in the future. */
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
  /** Up to 5 patterns. */
  readonly filters: readonly FilterPatternInput[];
}

/**
 * AWS's defaults: what a mapping gets for a field it does not set. (A Kinesis mapping must name
 * its starting position; TRIM_HORIZON stands in here.) Stack files default more safely: see
 * parseStackConfig.
 */
export const AWS_MAPPING_DEFAULTS: MappingSettings = Object.freeze({
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  startingPosition: STARTING_POSITIONS[0],
  parallelizationFactor: 1,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  functionResponseTypes: Object.freeze([]),
  tumblingWindowInSeconds: 0,
  filters: Object.freeze([]),
});

/** A stack's mapping as both appliers take it: the settings plus whether it has an on-failure destination. */
export interface StackMappingSettings extends MappingSettings {
  readonly onFailureDestination: boolean;
  /** Where failure records go (an SQS queue or an S3 bucket). */
  readonly onFailureTarget: OnFailureTarget;
  /** Read through an enhanced fan-out consumer of its own. */
  readonly enhancedFanOut: boolean;
  readonly filters: readonly string[];
  readonly functionResponseTypes: readonly ['ReportBatchItemFailures'];
}

/**
 * Resolved settings of the `consumer` or `aggregator` mapping, with
 * `functionResponseTypes: ['ReportBatchItemFailures']` always set (the handlers report
 * partial failures; without it Lambda ignores that response and retries whole batches).
 *
 * @example
 * ```ts
 * const s = mappingSettings(config, 'consumer');
 * new aws.lambda.EventSourceMapping(name, { batchSize: s.batchSize, … });
 * ```
 */
export function mappingSettings(config: StackConfig, name: MappingName): StackMappingSettings {
  const m = config[name];
  return Object.freeze({
    batchSize: m.batchSize,
    maximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    startingPosition: m.startingPosition,
    ...(m.startingPositionTimestamp === undefined ? {} : { startingPositionTimestamp: m.startingPositionTimestamp }),
    parallelizationFactor: m.parallelizationFactor,
    bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    maximumRetryAttempts: m.maximumRetryAttempts,
    maximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds,
    onFailureDestination: m.onFailureDestination,
    onFailureTarget: m.onFailureTarget,
    enhancedFanOut: m.enhancedFanOut,
    filters: m.filters,
    tumblingWindowInSeconds: m.tumblingWindowInSeconds,
    functionResponseTypes: Object.freeze([REPORT_BATCH_ITEM_FAILURES] as const),
  });
}
