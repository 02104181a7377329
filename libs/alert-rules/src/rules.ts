// Alerts flow: one window's merged trend + its baseline windows → the alerts of each kind.
// Every rule reads only merged totals, so the order of rows and their split into shards and
// parts cannot change an alert (the property tests check it).
import type { NewEntrantFigures, RisingFigures, SentimentSwingFigures } from '@streamlens/alert-events';
import type { AlertThresholds } from '@streamlens/config';
import type { MergedTrend } from '@streamlens/analytics';
import { rankByCount, round4 } from './figures';

/** One kind's verdict for one hashtag. */
export interface RuleHit<F> {
  readonly hashtag: string;
  readonly figures: F;
  readonly rule: Readonly<Record<string, number>>;
}

/**
 * Rising: count c against the tag's counts in the baseline windows (0 where absent). With mean
 * μ and sample variance s², spread σ = sqrt(max(s², μ, 1)) — counts are at least Poisson-noisy,
 * so the variance is never taken below the mean (nor 1), which keeps a tag seen 0,0,1 from
 * scoring huge. Alert when c ≥ minCount (support), (c − μ)/σ ≥ zScore and c ≥ minRatio·μ (a
 * big tag's 10 % wobble can be significant without taking off). Raw counts, not shares: a tag
 * that drives a burst of volume is exactly what should alert.
 */
export function risingHits(
  now: MergedTrend,
  baseline: readonly MergedTrend[],
  t: AlertThresholds,
): RuleHit<RisingFigures>[] {
  const { zScore, minCount, minRatio } = t.rising;
  const hits: RuleHit<RisingFigures>[] = [];
  for (const hashtag of Object.keys(now.hashtags)) {
    const count = now.hashtags[hashtag] ?? 0;
    if (count < minCount) continue;
    const xs = baseline.map((w) => w.hashtags[hashtag] ?? 0);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.length > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
    const spread = Math.sqrt(Math.max(variance, mean, 1));
    const z = (count - mean) / spread;
    const ratio = count / Math.max(mean, 1);
    if (z < zScore || count < minRatio * mean) continue;
    hits.push({
      hashtag,
      figures: {
        count,
        baselineMean: round4(mean),
        baselineSpread: round4(spread),
        zScore: round4(z),
        ratio: round4(ratio),
      },
      rule: { zScore, minCount, minRatio },
    });
  }
  return hits;
}

/**
 * New entrant: in the window's top N (by count, ties by tag), counted at least minCount times,
 * and in no baseline window's top N. Comparing with every baseline window, not just the last,
 * keeps a tag hovering around rank N from alerting each time it climbs back in.
 */
export function newEntrantHits(
  now: MergedTrend,
  baseline: readonly MergedTrend[],
  t: AlertThresholds,
): RuleHit<NewEntrantFigures>[] {
  const { topN, minCount } = t.newEntrant;
  const ranks = rankByCount(now);
  const previous = baseline.map(rankByCount);
  const hits: RuleHit<NewEntrantFigures>[] = [];
  for (const [hashtag, rank] of ranks) {
    if (rank > topN) break;
    const count = now.hashtags[hashtag] ?? 0;
    if (count < minCount) continue;
    const earlier = previous.map((r) => r.get(hashtag)).filter((r): r is number => r !== undefined);
    const best = earlier.length > 0 ? Math.min(...earlier) : null;
    if (best !== null && best <= topN) continue;
    hits.push({ hashtag, figures: { count, rank, topN, previousBestRank: best }, rule: { topN, minCount } });
  }
  return hits;
}

/**
 * Sentiment swing: the tag's average AFINN score per post in the window against its average over
 * all baseline windows (sums over counts, so a busy window weighs more), at least minDelta apart,
 * with minCount posts now and baselineMinCount in the baseline (an average of three posts swings
 * by chance).
 */
export function sentimentSwingHits(
  now: MergedTrend,
  baseline: readonly MergedTrend[],
  t: AlertThresholds,
): RuleHit<SentimentSwingFigures>[] {
  const { minDelta, minCount, baselineMinCount } = t.sentimentSwing;
  const hits: RuleHit<SentimentSwingFigures>[] = [];
  for (const hashtag of Object.keys(now.hashtagSentimentCounts)) {
    const sampleSize = now.hashtagSentimentCounts[hashtag] ?? 0;
    if (sampleSize < minCount) continue;
    let sum = 0;
    let n = 0;
    for (const w of baseline) {
      sum += w.hashtagSentimentSums[hashtag] ?? 0;
      n += w.hashtagSentimentCounts[hashtag] ?? 0;
    }
    if (n < baselineMinCount) continue;
    const average = (now.hashtagSentimentSums[hashtag] ?? 0) / sampleSize;
    const baselineAverage = sum / n;
    const delta = average - baselineAverage;
    if (Math.abs(delta) < minDelta) continue;
    hits.push({
      hashtag,
      figures: {
        average: round4(average),
        baselineAverage: round4(baselineAverage),
        delta: round4(delta),
        direction: delta > 0 ? 'up' : 'down',
        sampleSize,
        baselineSampleSize: n,
      },
      rule: { minDelta, minCount, baselineMinCount },
    });
  }
  return hits;
}
