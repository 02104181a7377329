// Aggregator flow: cold start → read this configuration once from the environment.
import { DEFAULT_HASHTAG_CAPACITY, MAX_HASHTAG_CAPACITY } from '@streamlens/analytics';
import { ConfigError } from './errors';

/** Settings of the aggregator function. */
export interface AggregatorConfig {
  /** Physical name of the trends table. */
  readonly trendsTable: string;
  /** Rows expire this many days after their window end. */
  readonly ttlDays: number;
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

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, `is required: ${what}`);
  return value;
}

/**
 * Reads TRENDS_TABLE and TTL_DAYS (required), HASHTAG_CAPACITY, POWERTOOLS_METRICS_NAMESPACE
 * and POWERTOOLS_SERVICE_NAME (optional).
 *
 * @throws ConfigError naming the variable.
 * @example
 * ```ts
 * const config = readAggregatorConfig(process.env); // { trendsTable: 'trends', ttlDays: 7, ... }
 * ```
 */
export function readAggregatorConfig(env: Env): AggregatorConfig {
  const trendsTable = required(env, 'TRENDS_TABLE', 'the name of the DynamoDB trends table');
  const rawTtl = required(env, 'TTL_DAYS', 'days after its window end a trends row expires');
  const ttlDays = Number(rawTtl);
  if (!Number.isFinite(ttlDays) || ttlDays <= 0)
    throw new ConfigError('TTL_DAYS', `must be a positive number of days, got "${rawTtl}"`);
  const rawK = env['HASHTAG_CAPACITY'];
  let hashtagCapacity: number = AGGREGATOR_DEFAULTS.hashtagCapacity;
  if (rawK !== undefined && rawK !== '') {
    hashtagCapacity = Number(rawK);
    if (!Number.isSafeInteger(hashtagCapacity) || hashtagCapacity < 1 || hashtagCapacity > MAX_HASHTAG_CAPACITY) {
      throw new ConfigError('HASHTAG_CAPACITY', `must be an integer from 1 to ${MAX_HASHTAG_CAPACITY}, got "${rawK}"`);
    }
  }
  return {
    trendsTable,
    ttlDays,
    hashtagCapacity,
    metricsNamespace: env['POWERTOOLS_METRICS_NAMESPACE'] || AGGREGATOR_DEFAULTS.metricsNamespace,
    serviceName: env['POWERTOOLS_SERVICE_NAME'] || AGGREGATOR_DEFAULTS.serviceName,
  };
}
