// Alerts flow: cold start → read this configuration once from the environment.
import { parseAlertThresholds, type AlertThresholds } from '@streamlens/config';
import { ConfigError } from './errors';

/** Settings of the alerts function. */
export interface AlertsFunctionConfig {
  readonly trendsTable: string;
  readonly alertsTable: string;
  /** Name (or ARN) of the EventBridge bus alerts go to. */
  readonly eventBusName: string;
  /** Alerts expire this many days after their window end. */
  readonly ttlDays: number;
  /** The aggregator's tumbling window, in seconds. */
  readonly windowSeconds: number;
  readonly thresholds: AlertThresholds;
  readonly metricsNamespace: string;
  readonly serviceName: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, `is required: ${what}`);
  return value.trim();
}

function positiveInt(env: Env, name: string, what: string, max: number): number {
  const raw = required(env, name, what);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new ConfigError(name, `must be an integer from 1 to ${max}, got "${raw}"`);
  return n;
}

// The thresholds travel as the JSON of streamlens:alerts' threshold keys and are checked by the
// same parser as the stack file, so the function can never apply a value the config would refuse.
function thresholds(env: Env): AlertThresholds {
  const raw = env['ALERT_THRESHOLDS'];
  let parsed: unknown = {};
  if (raw !== undefined && raw.trim() !== '') {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new ConfigError('ALERT_THRESHOLDS', `is not JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseAlertThresholds(parsed);
  } catch (error) {
    throw new ConfigError('ALERT_THRESHOLDS', `is invalid: ${(error as Error).message}`);
  }
}

/**
 * Reads TRENDS_TABLE, ALERTS_TABLE, EVENT_BUS_NAME, TTL_DAYS, WINDOW_SECONDS (required),
 * ALERT_THRESHOLDS (JSON; defaults when absent), POWERTOOLS_METRICS_NAMESPACE and
 * POWERTOOLS_SERVICE_NAME.
 *
 * @throws ConfigError naming the variable.
 * @example
 * ```ts
 * const config = readAlertsConfig(process.env);
 * ```
 */
export function readAlertsConfig(env: Env): AlertsFunctionConfig {
  return {
    trendsTable: required(env, 'TRENDS_TABLE', 'the name of the DynamoDB trends table'),
    alertsTable: required(env, 'ALERTS_TABLE', 'the name of the DynamoDB alerts table'),
    eventBusName: required(env, 'EVENT_BUS_NAME', 'the name or ARN of the EventBridge bus alerts go to'),
    ttlDays: positiveInt(env, 'TTL_DAYS', 'days after its window end an alert expires', 3650),
    windowSeconds: positiveInt(env, 'WINDOW_SECONDS', "the aggregator's tumbling window in seconds", 900),
    thresholds: thresholds(env),
    metricsNamespace: env['POWERTOOLS_METRICS_NAMESPACE'] || 'StreamLens',
    serviceName: env['POWERTOOLS_SERVICE_NAME'] || 'alerts',
  };
}
