// Aggregator flow: cold start → read this configuration once from the environment: the stack's
// variables through @streamlens/config's reader, plus the aggregator's own tuning knob.
import { DEFAULT_HASHTAG_CAPACITY, MAX_HASHTAG_CAPACITY } from '@streamlens/analytics';
import {
  EnvironmentReader,
  readAggregatorVariables,
  type AggregatorVariables,
  type EnvSource,
} from '@streamlens/config';

/** Settings of the aggregator function. */
export interface AggregatorConfig extends AggregatorVariables {
  /** K of the per-window top-K hashtag counter (Space-Saving). */
  readonly hashtagCapacity: number;
  /** CloudWatch namespace of the EMF metrics. */
  readonly metricsNamespace: string;
  /** `service` of logs and metrics. */
  readonly serviceName: string;
}

/** Defaults of the optional variables. */
export const AGGREGATOR_DEFAULTS = {
  hashtagCapacity: DEFAULT_HASHTAG_CAPACITY,
  metricsNamespace: 'StreamLens',
  serviceName: 'aggregator',
} as const;

/**
 * Reads TRENDS_TABLE and TTL_DAYS (required: the stack sets them), HASHTAG_CAPACITY,
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME (optional).
 *
 * @throws FunctionEnvironmentError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readAggregatorConfig(process.env); // { trendsTable: 'trends', ttlDays: 7, ... }
 * ```
 */
export function readAggregatorConfig(source: EnvSource): AggregatorConfig {
  const env = new EnvironmentReader(source);
  const config: AggregatorConfig = {
    ...readAggregatorVariables(env),
    hashtagCapacity: env.integer(
      'HASHTAG_CAPACITY',
      { min: 1, max: MAX_HASHTAG_CAPACITY },
      'counters of the top-K hashtag count',
      AGGREGATOR_DEFAULTS.hashtagCapacity,
    ),
    metricsNamespace: env.optional('POWERTOOLS_METRICS_NAMESPACE') ?? AGGREGATOR_DEFAULTS.metricsNamespace,
    serviceName: env.optional('POWERTOOLS_SERVICE_NAME') ?? AGGREGATOR_DEFAULTS.serviceName,
  };
  env.done();
  return config;
}
