// The resolved shape of `streamlens:alerts`: trend alerts from the trends table's stream.
import type { FunctionSizing } from './types';

/** The previous windows an alert compares a window with. */
export interface AlertBaselineConfig {
  /** 2–100, default 10: windows before the alerted one that form its baseline. */
  readonly windows: number;
  /** 1–`windows`, default 3: fewer baseline windows with rows → no alert (nothing to compare). */
  readonly minWindows: number;
}

/** A hashtag counted far above its baseline (z-score with a Poisson floor on the spread). */
export interface RisingAlertConfig {
  readonly enabled: boolean;
  /** > 0, default 3: (count − mean) / sqrt(max(variance, mean, 1)) must reach this. */
  readonly zScore: number;
  /** ≥ 1, default 20: minimum support, occurrences in the window. */
  readonly minCount: number;
  /** ≥ 1, default 2: count must also be at least this × the baseline mean. */
  readonly minRatio: number;
}

/** A hashtag entering the top N that was in no baseline window's top N. */
export interface NewEntrantAlertConfig {
  readonly enabled: boolean;
  /** 1–100, default 10. */
  readonly topN: number;
  /** ≥ 1, default 20: minimum support, occurrences in the window. */
  readonly minCount: number;
}

/** A hashtag whose average sentiment moved away from its baseline average. */
export interface SentimentSwingAlertConfig {
  readonly enabled: boolean;
  /** (0, 10], default 2: |average − baseline average| on the AFINN per-post scale. */
  readonly minDelta: number;
  /** ≥ 1, default 20: posts with the tag in the window. */
  readonly minCount: number;
  /** ≥ 1, default 50: posts with the tag over the baseline windows. */
  readonly baselineMinCount: number;
}

/** The decision thresholds, as the alerts function applies them. */
export interface AlertThresholds {
  readonly baseline: AlertBaselineConfig;
  readonly rising: RisingAlertConfig;
  readonly newEntrant: NewEntrantAlertConfig;
  readonly sentimentSwing: SentimentSwingAlertConfig;
  /**
   * 1–86400, default 300: a window is decided once every shard of the window before it has
   * closed it (or moved past it), or this long after its end, whichever comes first.
   */
  readonly settleSeconds: number;
}

/** The event-source mapping of the trends table's stream (DynamoDB Streams). */
export interface StreamMappingConfig {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  /** DynamoDB Streams have no AT_TIMESTAMP. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** -1 (infinite) only with `allowUnbounded`. */
  readonly maximumRetryAttempts: number;
  /** -1 (infinite) only with `allowUnbounded`; otherwise ≤ the stream's 24-hour retention. */
  readonly maximumRecordAgeInSeconds: number;
  readonly onFailureDestination: boolean;
  readonly allowUnbounded: boolean;
  readonly function: FunctionSizing;
}

/** An EventBridge API destination for alerts; its secret is never in the stack file. */
export interface AlertWebhookConfig {
  /** https URL the alerts are POSTed to. */
  readonly url: string;
  /**
   * Name of a Secrets Manager secret holding the API key (read at deploy time into the
   * connection; the stack file names it, never holds it).
   */
  readonly secretName: string;
  /** Header carrying the API key, default `x-api-key`. */
  readonly headerName: string;
  /** 1–300, default 10: invocations per second EventBridge allows the destination. */
  readonly rateLimitPerSecond: number;
}

/** Where alerts go besides the bus. */
export interface AlertTargetsConfig {
  /** Address subscribed to the alerts topic; '' for none. */
  readonly email: string;
  readonly webhook?: AlertWebhookConfig;
}

/** `streamlens:alerts`. */
export interface AlertsConfig extends AlertThresholds {
  /** Default true: the alerts function, its mapping, the bus and its rules exist. */
  readonly enabled: boolean;
  readonly mapping: StreamMappingConfig;
  readonly targets: AlertTargetsConfig;
  /** 0–3650, default 30: days the bus archive keeps events for replay (0 = forever). */
  readonly archiveRetentionDays: number;
}
