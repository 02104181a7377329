// Behaviour every AlertsRepository must have: one alert per (window, kind, hashtag) whoever
// claims it, status and refinements on the stored item only, range listing newest first.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertsRepository } from '../../src';

export function alertDetail(
  windowStart: string,
  hashtag = 'nba',
  extra: Partial<TrendAlertDetail> = {},
): TrendAlertDetail {
  const end = new Date(Date.parse(windowStart) + 30_000).toISOString();
  return {
    schemaVersion: 1,
    alertId: `${hashtag}-${windowStart}`
      .replace(/[^0-9a-f]/g, '0')
      .padEnd(32, '0')
      .slice(0, 32),
    kind: 'rising',
    hashtag,
    window: { start: windowStart, end },
    decidedAt: end,
    figures: { count: 60, baselineMean: 10, baselineSpread: 3.1623, zScore: 15.8114, ratio: 6 },
    rule: { zScore: 3, minCount: 20, minRatio: 2 },
    basis: { shards: ['shardId-000000000000'], baselineWindows: 5, complete: true },
    ...extra,
  } as TrendAlertDetail;
}

export function describeAlertsContract(name: string, makeRepo: () => Promise<AlertsRepository>): void {
  describe(`AlertsRepository contract: ${name}`, () => {
    let repo: AlertsRepository;
    beforeEach(async () => {
      repo = await makeRepo();
    });

    it('creates an alert once: a second claim of the same key returns the first, unchanged', async () => {
      // prepare
      const first = alertDetail('2026-12-05T10:00:00.000Z', '__proto__');
      const later = { ...first, figures: { ...first.figures, count: 99 }, decidedAt: '2026-12-05T11:00:00.000Z' };

      // act
      const a = await repo.claim(first);
      const b = await repo.claim(later as TrendAlertDetail);

      // assess
      expect(a).toEqual({ created: true, alert: { detail: first, status: 'pending' } });
      expect(b).toEqual({ created: false, alert: { detail: first, status: 'pending' } });
    });

    it('lets concurrent claims of one key create it exactly once', async () => {
      const detail = alertDetail('2026-12-05T10:00:30.000Z');
      const results = await Promise.all(Array.from({ length: 8 }, () => repo.claim(detail)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('records publication and refinement on the stored alert only', async () => {
      // prepare
      const detail = alertDetail('2026-12-05T10:01:00.000Z', 'café');
      await repo.claim(detail);
      const refinement = {
        figures: { ...detail.figures, count: 70 },
        basis: detail.basis,
        at: '2026-12-05T10:02:00.000Z',
      };

      // act
      await repo.markPublished(detail, 'event-1', '2026-12-05T10:01:31.000Z');
      await repo.refine(detail, refinement);
      const stray = repo.markPublished(alertDetail('2026-12-05T10:01:00.000Z', 'other'), 'event-2', 'x');

      // assess
      await expect(stray).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      const [stored] = await repo.listWindows(
        new Date('2026-12-05T10:01:00.000Z'),
        new Date('2026-12-05T10:01:30.000Z'),
      );
      expect(stored).toEqual({
        detail,
        status: 'published',
        publishedAt: '2026-12-05T10:01:31.000Z',
        eventId: 'event-1',
        refined: refinement,
      });
    });

    it('lists the alerts of windows starting in [from, to), newest window first, across days', async () => {
      // prepare
      const starts = ['2026-12-04T23:59:30.000Z', '2026-12-05T00:00:00.000Z', '2026-12-05T00:00:30.000Z'];
      for (const s of starts) await repo.claim(alertDetail(s));
      await repo.claim(alertDetail(starts[1] as string, 'zzz', { kind: 'new-entrant' } as Partial<TrendAlertDetail>));

      // act
      const listed = await repo.listWindows(new Date(starts[0] as string), new Date(starts[2] as string));

      // assess
      expect(listed.map((a) => [a.detail.window.start, a.detail.kind, a.detail.hashtag])).toEqual([
        [starts[1], 'rising', 'nba'],
        [starts[1], 'new-entrant', 'zzz'],
        [starts[0], 'rising', 'nba'],
      ]);
    });
  });
}
