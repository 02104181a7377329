// The typed readers of the variables functionEnvironment() sets, one per function, with the
// ranges of the stack config itself: what a function reads is what the config allowed.
import type { AlertThresholds } from '../alerts-types';
import { RANGES, REPORT_ACCESS } from '../constants';
import { parseAlertThresholds } from '../sections/alerts';
import type { EnvironmentReader } from './environment-reader';
import { ENV } from './variables';

/** What the consumer reads from the stack config. */
export interface ConsumerVariables {
  readonly postsTable: string;
  readonly quarantineTable: string;
  /** Days stored posts and quarantined records live. */
  readonly ttlDays: number;
}

/** What the aggregator reads from the stack config. */
export interface AggregatorVariables {
  readonly trendsTable: string;
  /** Days a trends row lives after its window end. */
  readonly ttlDays: number;
}

/** How the report page authenticates its API calls. */
export type ReportAuthVariables =
  | { readonly access: 'iam' | 'public' }
  | {
      readonly access: 'jwt';
      readonly issuer: string;
      readonly clientId: string;
      readonly audience?: string;
      /** Space-separated scopes the page asks for at sign-in. */
      readonly scope: string;
    };

/** What the report reads from the stack config. */
export interface ReportVariables {
  readonly postsTable: string;
  readonly trendsTable: string;
  /** Days trend rows live (the tables' TTL): longer ranges are refused. */
  readonly ttlDays: number;
  /** The aggregator's tumbling window in seconds. */
  readonly windowSeconds: number;
  readonly auth: ReportAuthVariables;
  /** The alerts table; absent: the alerts routes answer 404. */
  readonly alertsTable?: string;
}

/** What the alerts function reads from the stack config (`streamlens:alerts`). */
export interface AlertsVariables {
  readonly trendsTable: string;
  readonly alertsTable: string;
  /** Name (or ARN) of the EventBridge bus alerts go to. */
  readonly eventBusName: string;
  /** Alerts expire this many days after their window end. */
  readonly ttlDays: number;
  /** The aggregator's tumbling window in seconds. */
  readonly windowSeconds: number;
  readonly thresholds: AlertThresholds;
}

/** What the ingest function reads from the stack config (`streamlens:producer`). */
export interface IngestVariables {
  readonly streamName: string;
  readonly aggregation: boolean;
  readonly maxBufferedTimeMs: number;
  readonly recordTtlMs: number;
  readonly recordsPerSecondPerShard: number;
  readonly bytesPerSecondPerShard: number;
}

const TTL_WHAT = 'days items live before DynamoDB TTL deletes them (streamlens:tables.ttlDays)';

/**
 * Reads the consumer's variables.
 *
 * @example
 * ```ts
 * const env = new EnvironmentReader(process.env);
 * const vars = readConsumerVariables(env);
 * env.done();
 * ```
 */
export function readConsumerVariables(env: EnvironmentReader): ConsumerVariables {
  return {
    postsTable: env.required(ENV.postsTable, 'name of the DynamoDB posts table'),
    quarantineTable: env.required(ENV.quarantineTable, 'name of the DynamoDB quarantine table'),
    ttlDays: env.integer(ENV.ttlDays, RANGES.ttlDays, TTL_WHAT),
  };
}

/** Reads the aggregator's variables. */
export function readAggregatorVariables(env: EnvironmentReader): AggregatorVariables {
  return {
    trendsTable: env.required(ENV.trendsTable, 'name of the DynamoDB trends table'),
    ttlDays: env.integer(ENV.ttlDays, RANGES.ttlDays, TTL_WHAT),
  };
}

// https only, except loopback (a local IdP in development and tests).
function issuerUrl(env: EnvironmentReader): string {
  const raw = env.required(ENV.oidcIssuer, 'the OpenID Connect issuer URL when REPORT_AUTH=jwt');
  if (raw === '') return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    env.fail(ENV.oidcIssuer, `must be an absolute URL, got "${raw}"`);
    return raw;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    env.fail(ENV.oidcIssuer, `must be an https URL (http only on loopback), got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** Reads the report's variables. */
export function readReportVariables(env: EnvironmentReader): ReportVariables {
  const access = env.oneOf(ENV.reportAuth, REPORT_ACCESS, 'how the report API is protected');
  const audience = env.optional(ENV.oidcAudience);
  return {
    postsTable: env.required(ENV.postsTable, 'name of the DynamoDB posts table'),
    trendsTable: env.required(ENV.trendsTable, 'name of the DynamoDB trends table'),
    ttlDays: env.integer(ENV.ttlDays, RANGES.ttlDays, TTL_WHAT),
    windowSeconds: readWindowSeconds(env),
    auth:
      access === 'jwt'
        ? {
            access,
            issuer: issuerUrl(env),
            clientId: env.required(ENV.oidcClientId, 'the public OIDC client id of the dashboard when REPORT_AUTH=jwt'),
            ...(audience ? { audience } : {}),
            scope: env.required(ENV.oidcScope, 'the scopes the dashboard asks for at sign-in when REPORT_AUTH=jwt'),
          }
        : { access },
    ...optionalEntry('alertsTable', env.optional(ENV.alertsTable)),
  };
}

function optionalEntry<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function readWindowSeconds(env: EnvironmentReader): number {
  const windowRange = { min: 1, max: RANGES.tumblingWindowInSeconds.max };
  return env.integer(ENV.windowSeconds, windowRange, "the aggregator's tumbling window in seconds");
}

// The thresholds travel as the JSON of streamlens:alerts' threshold keys and are checked by the
// same parser as the stack file, so the function can never apply a value the config would refuse.
function readThresholds(env: EnvironmentReader): AlertThresholds {
  const raw = env.required(ENV.alertThresholds, "the JSON of streamlens:alerts' thresholds");
  let parsed: unknown = {};
  if (raw !== '') {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      env.fail(ENV.alertThresholds, `is not JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseAlertThresholds(parsed);
  } catch (error) {
    env.fail(ENV.alertThresholds, `is invalid: ${(error as Error).message}`);
    return parseAlertThresholds({});
  }
}

/** Reads the alerts function's variables. */
export function readAlertsVariables(env: EnvironmentReader): AlertsVariables {
  return {
    trendsTable: env.required(ENV.trendsTable, 'name of the DynamoDB trends table'),
    alertsTable: env.required(ENV.alertsTable, 'name of the DynamoDB alerts table'),
    eventBusName: env.required(ENV.eventBusName, 'name or ARN of the EventBridge bus alerts go to'),
    ttlDays: env.integer(ENV.ttlDays, RANGES.ttlDays, TTL_WHAT),
    windowSeconds: readWindowSeconds(env),
    thresholds: readThresholds(env),
  };
}

/** Reads the ingest function's variables. */
export function readIngestVariables(env: EnvironmentReader): IngestVariables {
  return {
    streamName: env.required(ENV.streamName, 'name of the Kinesis stream to put posts on'),
    aggregation: env.boolean(ENV.producerAggregation, 'KPL aggregation (streamlens:producer.aggregation)'),
    maxBufferedTimeMs: env.integer(ENV.producerMaxBufferedTimeMs, RANGES.maxBufferedTimeMs, 'producer buffering time'),
    recordTtlMs: env.integer(ENV.producerRecordTtlMs, RANGES.recordTtlMs, 'producer record TTL'),
    recordsPerSecondPerShard: env.integer(
      ENV.producerRecordsPerSecondPerShard,
      RANGES.recordsPerSecondPerShard,
      'producer rate limit in records per second per shard',
    ),
    bytesPerSecondPerShard: env.integer(
      ENV.producerBytesPerSecondPerShard,
      RANGES.bytesPerSecondPerShard,
      'producer rate limit in bytes per second per shard',
    ),
  };
}
