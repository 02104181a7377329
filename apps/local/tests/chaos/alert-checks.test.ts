// The chaos suite's alert verdict can fail: a missing alert, one the rows do not call for, a key
// under two ids; redelivery of the same id and partial-window decisions pass, counted.
import { decideWindow, toAlertDetail } from '@streamlens/alert-rules';
import { parseStackConfig } from '@streamlens/config';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import { makeWindowRow } from '@streamlens/testing';
import { checkAlerts } from './alert-checks';

const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);
const thresholds = parseStackConfig({ alerts: { sentimentSwing: { enabled: false } } }).alerts;
const row = (i: number, shard: string, tags: Record<string, number>) =>
  makeWindowRow({
    windowStart: new Date(T0 + i * 30_000).toISOString(),
    windowMs: 30_000,
    shardId: shard,
    tags: Object.fromEntries(Object.entries(tags).map(([t, n]) => [t, [n, 0] as const])),
  });
const rows = [
  ...[0, 1, 2, 3, 4].flatMap((i) => [row(i, 's0', { news: 20 }), row(i, 's1', { news: 20 })]),
  row(5, 's0', { news: 20, gig: 80 }),
  row(5, 's1', { news: 20 }),
];
const published = decideWindow({ windowStart: rows[10]?.windowStart as string, rows, thresholds, nowMs: 0 }).alerts.map(
  (a) => toAlertDetail(a, '2026-12-05T10:03:01.000Z'),
);

describe('checkAlerts', () => {
  it('passes when every expected alert is on the bus, counting redeliveries of the same id', () => {
    const { mismatches, figures } = checkAlerts(rows, [...published, published[0] as TrendAlertDetail], thresholds);
    expect(mismatches).toEqual([]);
    expect(figures).toEqual({
      expected: 2,
      expectedByKind: { rising: 1, 'new-entrant': 1 },
      distinctOnBus: 2,
      missing: 0,
      redelivered: 1,
      decidedIncompleteOnly: 0,
    });
  });

  it('fails when the rows call for no alert: zero against zero proves nothing', () => {
    const quiet = rows.filter((r) => r.windowStart !== rows[10]?.windowStart);
    expect(checkAlerts(quiet, [], thresholds).mismatches).toEqual([
      'alerts: the final rows call for no alert, so the check proves nothing',
    ]);
  });

  it('fails when an alert the load was scripted to cause is not called for by any window', () => {
    const scripted = [
      { kind: 'rising', hashtag: 'gig' },
      { kind: 'new-entrant', hashtag: 'gig' },
      { kind: 'sentiment-swing', hashtag: 'gig' },
    ] as const;
    expect(checkAlerts(rows, published, thresholds, scripted.slice(0, 2)).mismatches).toEqual([]);
    expect(checkAlerts(rows, published, thresholds, scripted).mismatches).toEqual([
      "alerts: the load was scripted to cause sentiment-swing #gig, but no window's rows call for it",
    ]);
  });

  it('fails on a missing alert, an unexpected one and a key under two ids', () => {
    const stray = { ...(published[0] as TrendAlertDetail), hashtag: 'nope', alertId: 'f'.repeat(32) };
    const twin = { ...(published[0] as TrendAlertDetail), alertId: 'e'.repeat(32) };
    const { mismatches } = checkAlerts(rows, [published[0] as TrendAlertDetail, stray, twin], thresholds);
    expect(mismatches).toEqual([
      expect.stringContaining('1 expected but never on the bus'),
      expect.stringContaining('1 on the bus that the final rows do not call for'),
      expect.stringContaining('1 keys published under more than one id'),
    ]);
  });

  it('accepts an alert decided on part of a window after the settle time', () => {
    const early = {
      ...(published[0] as TrendAlertDetail),
      hashtag: 'partial',
      basis: { shards: ['s0'], baselineWindows: 5, complete: false },
    };
    const { mismatches, figures } = checkAlerts(rows, [...published, early], thresholds);
    expect(mismatches).toEqual([]);
    expect(figures.decidedIncompleteOnly).toBe(1);
  });
});
