// Alerts flow: cold start → read this configuration once from the environment: the stack's
// variables through @streamlens/config's reader (the same thresholds parser as the stack file).
import { EnvironmentReader, readAlertsVariables, type AlertsVariables, type EnvSource } from '@streamlens/config';

/** Settings of the alerts function. */
export interface AlertsFunctionConfig extends AlertsVariables {
  readonly metricsNamespace: string;
  readonly serviceName: string;
}

/**
 * Reads TRENDS_TABLE, ALERTS_TABLE, EVENT_BUS_NAME, TTL_DAYS, WINDOW_SECONDS and ALERT_THRESHOLDS
 * (required: the stack sets them), POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME.
 *
 * @throws FunctionEnvironmentError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readAlertsConfig(process.env);
 * ```
 */
export function readAlertsConfig(source: EnvSource): AlertsFunctionConfig {
  const env = new EnvironmentReader(source);
  const config: AlertsFunctionConfig = {
    ...readAlertsVariables(env),
    metricsNamespace: env.optional('POWERTOOLS_METRICS_NAMESPACE') ?? 'StreamLens',
    serviceName: env.optional('POWERTOOLS_SERVICE_NAME') ?? 'alerts',
  };
  env.done();
  return config;
}
