// The event pattern of the rules that route trend alerts to targets (SNS e-mail, webhook, the
// local log file and dashboard). One pattern for AWS and the local bus.
import { ALERT_DETAIL_TYPE, ALERT_EVENT_SOURCE, ALERT_SCHEMA_VERSION } from './constants';

/**
 * The EventBridge pattern matching trend alerts of this schema version.
 *
 * @param kinds restrict to some kinds (default: every kind).
 * @example
 * ```ts
 * JSON.stringify(alertEventPattern()); // {"source":["streamlens.alerts"],"detail-type":["Trend Alert"],"detail":{"schemaVersion":[1]}}
 * ```
 */
export function alertEventPattern(kinds?: readonly string[]): Record<string, unknown> {
  return {
    source: [ALERT_EVENT_SOURCE],
    'detail-type': [ALERT_DETAIL_TYPE],
    detail: {
      schemaVersion: [ALERT_SCHEMA_VERSION],
      ...(kinds && kinds.length > 0 ? { kind: [...kinds] } : {}),
    },
  };
}
