// The alerts function's own environment variables, built from streamlens:alerts for infra and
// the local stack alike (one builder, so the two can never pass different thresholds).
import type { AlertThresholds, AlertsConfig } from './alerts-types';

/** Names the alerts function needs besides the shared handler environment. */
export interface AlertsEnvironmentInput<T> {
  readonly alertsTable: T;
  readonly eventBusName: T;
  readonly alerts: AlertsConfig;
}

/**
 * ALERTS_TABLE, EVENT_BUS_NAME and ALERT_THRESHOLDS (the JSON of the threshold keys, which the
 * function checks with `parseAlertThresholds`).
 *
 * @example
 * ```ts
 * alertsEnvironment({ alertsTable: 'a', eventBusName: 'bus', alerts: config.alerts }).EVENT_BUS_NAME; // 'bus'
 * ```
 */
export function alertsEnvironment<T>(input: AlertsEnvironmentInput<T>): Record<string, T | string> {
  const { baseline, rising, newEntrant, sentimentSwing, settleSeconds } = input.alerts;
  const thresholds: AlertThresholds = { baseline, rising, newEntrant, sentimentSwing, settleSeconds };
  return {
    ALERTS_TABLE: input.alertsTable,
    EVENT_BUS_NAME: input.eventBusName,
    ALERT_THRESHOLDS: JSON.stringify(thresholds),
  };
}
