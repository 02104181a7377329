// Types of the trend-alert event's `detail` (version 1). The JSON schema in
// libs/alert-events/schema/trend-alert-detail.v1.json describes the same shape for consumers
// outside this repository; a test keeps the two in step.
import type { ALERT_KINDS } from './constants';

/** Kind of an alert. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A hashtag counted well above its baseline. */
export interface RisingFigures {
  /** Occurrences in the window (merged over shards and parts; never an overestimate). */
  readonly count: number;
  /** Mean occurrences per baseline window. */
  readonly baselineMean: number;
  /** The spread the z-score divides by: sqrt(max(sample variance, mean, 1)). */
  readonly baselineSpread: number;
  /** (count − baselineMean) / baselineSpread. */
  readonly zScore: number;
  /** count / max(baselineMean, 1). */
  readonly ratio: number;
}

/** A hashtag that entered the window's top N without being in any baseline window's top N. */
export interface NewEntrantFigures {
  readonly count: number;
  /** 1-based rank in the window (count, then hashtag in code-unit order). */
  readonly rank: number;
  readonly topN: number;
  /** Best rank in the baseline windows, or null when it was never counted there. */
  readonly previousBestRank: number | null;
}

/** A hashtag whose average sentiment moved far from its baseline average. */
export interface SentimentSwingFigures {
  /** Average AFINN score per post with the tag in the window. */
  readonly average: number;
  readonly baselineAverage: number;
  /** average − baselineAverage. */
  readonly delta: number;
  readonly direction: 'up' | 'down';
  /** Posts with the tag (and a sentiment) in the window and in the baseline. */
  readonly sampleSize: number;
  readonly baselineSampleSize: number;
}

/** Figures by kind. */
export interface AlertFiguresByKind {
  readonly rising: RisingFigures;
  readonly 'new-entrant': NewEntrantFigures;
  readonly 'sentiment-swing': SentimentSwingFigures;
}

/** What the decision was based on. */
export interface AlertBasis {
  /** Shards whose rows of the window were merged, sorted. */
  readonly shards: readonly string[];
  /** Baseline windows that had rows. */
  readonly baselineWindows: number;
  /**
   * True when every shard expected in the window had written its closing row; false when the
   * window was decided after the settle timeout with a shard still missing.
   */
  readonly complete: boolean;
}

/** `detail` of a trend alert, version 1, for one kind. */
export interface TrendAlertDetailOf<K extends AlertKind> {
  readonly schemaVersion: 1;
  /**
   * One id per (window, hashtag, kind), derived from them ({@link alertId}): the key consumers
   * dedupe on, since delivery to the bus and to targets is at least once.
   */
  readonly alertId: string;
  readonly kind: K;
  readonly hashtag: string;
  /** The tumbling window (ISO 8601, start inclusive, end exclusive). */
  readonly window: { readonly start: string; readonly end: string };
  /** When the alert was first decided (ISO 8601). */
  readonly decidedAt: string;
  readonly figures: AlertFiguresByKind[K];
  /** Thresholds the decision applied (name → value), so a reader can judge the alert. */
  readonly rule: Readonly<Record<string, number>>;
  readonly basis: AlertBasis;
}

/** `detail` of a trend alert, version 1. */
export type TrendAlertDetail = {
  [K in AlertKind]: TrendAlertDetailOf<K>;
}[AlertKind];
