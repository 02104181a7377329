// The rules of each kind, the baseline requirement and readiness across shards and parts.
import { decideWindow, windowReadiness, sliceWindows } from '../src';
import { LATE, T0, WINDOW_MS, row, thresholds, windowStart } from './helpers/rows';

const A = 'shardId-000000000000';
const B = 'shardId-000000000001';

// Windows 0..4 with a steady baseline: 'news' ×40 (sentiment +1 each), 'cats' ×10, 'tail' ×5.
function steady(i: number, extra: Record<string, readonly [number, number]> = {}) {
  return [
    row(i, A, { news: [20, 20], cats: [5, 5], tail: [3, 0], ...extra }),
    row(i, B, { news: [20, 20], cats: [5, 5], tail: [2, 0] }),
  ];
}
const BASELINE = [0, 1, 2, 3, 4].flatMap((i) => steady(i));

describe('decideWindow', () => {
  it('alerts on a tag far above its baseline with enough support, once per kind', () => {
    // prepare: 'cats' goes 10 → 60 in window 5
    const rows = [...BASELINE, ...steady(5, { cats: [55, 55] })];

    // act
    const { alerts, readiness } = decideWindow({
      windowStart: windowStart(5),
      rows,
      thresholds: thresholds(),
      nowMs: LATE,
    });

    // assess
    expect(readiness).toEqual({ ready: true, complete: true, missingShards: [] });
    const rising = alerts.filter((a) => a.kind === 'rising');
    expect(rising.map((a) => a.hashtag)).toEqual(['cats']);
    expect(rising[0]?.figures).toEqual({
      count: 60,
      baselineMean: 10,
      baselineSpread: 3.1623,
      zScore: 15.8114,
      ratio: 6,
    });
    expect(rising[0]?.basis).toEqual({ shards: [A, B], baselineWindows: 5, complete: true });
  });

  it('does not alert on noise: a rise without minimum support, or under the ratio', () => {
    // prepare: 'tail' 5 → 19 (z high, under minCount 20); 'news' 40 → 79 (z ≈ 6, ratio < 2)
    const rows = [...BASELINE, ...steady(5, { tail: [17, 0], news: [59, 59] })];

    // act
    const { alerts } = decideWindow({ windowStart: windowStart(5), rows, thresholds: thresholds(), nowMs: LATE });

    // assess
    expect(alerts.filter((a) => a.kind === 'rising')).toEqual([]);
  });

  it('needs minWindows baseline windows with rows', () => {
    const rows = [...steady(3), ...steady(4), ...steady(5, { cats: [55, 55] })];
    const { alerts } = decideWindow({ windowStart: windowStart(5), rows, thresholds: thresholds(), nowMs: LATE });
    expect(alerts).toEqual([]);
  });

  it('alerts a new entrant to the top N only when no baseline window had it there', () => {
    // prepare: top 2 in the baseline is news, cats; 'gig' appears with 30 and ranks 2nd
    const t = thresholds({
      newEntrant: { enabled: true, topN: 2, minCount: 20 },
      rising: { enabled: false, zScore: 3, minCount: 20, minRatio: 2 },
    });
    const rows = [...BASELINE, ...steady(5, { gig: [30, 0] })];

    // act
    const { alerts } = decideWindow({ windowStart: windowStart(5), rows, thresholds: t, nowMs: LATE });

    // assess
    expect(alerts.map((a) => [a.kind, a.hashtag, a.figures])).toEqual([
      ['new-entrant', 'gig', { count: 30, rank: 2, topN: 2, previousBestRank: null }],
    ]);
  });

  it('alerts a sentiment swing against the baseline average', () => {
    // prepare: 'news' averages +1 per post, then −2 per post over 40 posts
    const rows = [
      ...BASELINE,
      row(5, A, { news: [20, -40], cats: [5, 5] }),
      row(5, B, { news: [20, -40], cats: [5, 5] }),
    ];

    // act
    const { alerts } = decideWindow({ windowStart: windowStart(5), rows, thresholds: thresholds(), nowMs: LATE });

    // assess
    expect(alerts.map((a) => [a.kind, a.hashtag, a.figures])).toEqual([
      [
        'sentiment-swing',
        'news',
        { average: -2, baselineAverage: 1, delta: -3, direction: 'down', sampleSize: 40, baselineSampleSize: 200 },
      ],
    ]);
  });

  it('waits for a shard that closed the previous window, and decides once it moved past', () => {
    // prepare: shard B has not closed window 5 yet
    const partial = [...BASELINE, row(5, A, { cats: [60, 60] })];
    const now = T0 + 6 * WINDOW_MS;

    // act
    const waiting = decideWindow({ windowStart: windowStart(5), rows: partial, thresholds: thresholds(), nowMs: now });
    const moved = decideWindow({
      windowStart: windowStart(5),
      rows: [...partial, row(6, B, { news: [1, 0] })],
      thresholds: thresholds(),
      nowMs: now,
    });

    // assess
    expect(waiting.readiness).toEqual({ ready: false, complete: false, missingShards: [B] });
    expect(waiting.alerts).toEqual([]);
    expect(moved.readiness.complete).toBe(true);
    expect(moved.alerts.map((a) => a.hashtag)).toContain('cats');
  });

  it('decides an incomplete window after the settle time, marked incomplete', () => {
    const rows = [...BASELINE, row(5, A, { cats: [60, 60] })];
    const nowMs = T0 + 6 * WINDOW_MS + 300_000;
    const { readiness, alerts } = decideWindow({ windowStart: windowStart(5), rows, thresholds: thresholds(), nowMs });
    expect(readiness).toEqual({ ready: true, complete: false, missingShards: [B] });
    expect(alerts.find((a) => a.kind === 'rising')?.basis.complete).toBe(false);
  });
});

describe('windowReadiness', () => {
  it('waits for the closing part 0 of a shard that wrote an early-ended part', () => {
    // prepare: window 0 is the first; shard A wrote part 1234 (ended early) but not part 0 yet
    const slices = sliceWindows([row(0, A, { x: [1, 0] }, 1234)]);

    // act
    const window = slices[0] as (typeof slices)[number];
    const r = windowReadiness({ window, slices, nowMs: T0 + WINDOW_MS, settleMs: 300_000 });

    // assess
    expect(r).toEqual({ ready: false, complete: false, missingShards: [A] });
  });
});
