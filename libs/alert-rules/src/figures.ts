// Small numeric helpers of the alert rules: ranking and rounding shared by every kind.
import type { MergedTrend } from '@streamlens/analytics';

/** Hashtags with a count above 0, by count (descending) then tag in code-unit order; 1-based ranks. */
export function rankByCount(trend: MergedTrend): Map<string, number> {
  const tags = Object.keys(trend.hashtags).filter((t) => (trend.hashtags[t] ?? 0) > 0);
  tags.sort((a, b) => (trend.hashtags[b] ?? 0) - (trend.hashtags[a] ?? 0) || (a === b ? 0 : a < b ? -1 : 1));
  return new Map(tags.map((tag, i) => [tag, i + 1]));
}

/** Rounds to 4 decimals: figures stay readable and equal inputs give equal text. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
