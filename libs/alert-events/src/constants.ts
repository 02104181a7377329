// The trend-alert event contract: what the alerts function puts on the bus and what rules,
// targets and consumers match. Shared by the function, infra (rules), the local bus and tests.

/** `source` of every StreamLens alert event (custom sources must not start with "aws."). */
export const ALERT_EVENT_SOURCE = 'streamlens.alerts';

/** `detail-type` of a trend alert. The version travels in `detail.schemaVersion`. */
export const ALERT_DETAIL_TYPE = 'Trend Alert';

/**
 * Version of `detail`. A change that removes or retypes a field is a new version (rules match
 * on it, so a v1 target never receives a v2 event it cannot read); adding an optional field is not.
 */
export const ALERT_SCHEMA_VERSION = 1;

/** What an alert says about a hashtag in one window. */
export const ALERT_KINDS = ['rising', 'new-entrant', 'sentiment-swing'] as const;

/** Largest `detail` the function sends: PutEvents takes at most 256 KB per entry (and per call). */
export const MAX_DETAIL_BYTES = 64 * 1024;
