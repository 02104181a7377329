// The settings of one event-source mapping in the shape both appliers need: infra passes them
// to aws.lambda.EventSourceMapping, the local stack's poller obeys them.
import type { MappingName, MappingSettings, StackConfig } from './types';

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
export function mappingSettings(config: StackConfig, name: MappingName): MappingSettings {
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
    functionResponseTypes: Object.freeze(['ReportBatchItemFailures'] as const),
  });
}
