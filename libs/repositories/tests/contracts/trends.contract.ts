// Behaviour every TrendsRepository must have.
import type { WindowAggregate } from '@streamlens/schemas';
import { InvalidRecordError, type TrendsRepository } from '../../src';

export function row(
  windowStart: string,
  shardId = 'shardId-000000000000',
  part = 0,
  extra: Partial<WindowAggregate> = {},
): WindowAggregate {
  const startMs = Date.parse(windowStart) || 0;
  const end = new Date(startMs + 30_000).toISOString();
  return {
    windowStart,
    windowEnd: end,
    shardId,
    part,
    postCount: 3,
    hashtags: { ai: 2, café: 1 },
    otherHashtagCount: 0,
    sentimentSum: 1.5,
    sentimentCount: 3,
    languages: { en: 2, und: 1 },
    poisonCount: 0,
    firstArrivalAt: startMs + 10,
    lastArrivalAt: startMs + 20_000,
    ...extra,
  };
}

export function describeTrendsContract(name: string, makeRepo: () => Promise<TrendsRepository>): void {
  describe(`TrendsRepository contract: ${name}`, () => {
    let repo: TrendsRepository;
    beforeEach(async () => {
      repo = await makeRepo();
    });

    it('round-trips a row, including hashtag keys with dots, Unicode and "__proto__"', async () => {
      // prepare
      const hashtags = JSON.parse('{"a.b":1,"東京":2,"🎉x":3,"__proto__":4,"constructor":5,"$x":6}') as Record<
        string,
        number
      >;
      const r = row('2025-01-15T12:00:00.000Z', 'shardId-000000000001', 0, { hashtags, languages: { 'pt-BR': 1 } });
      // act
      await repo.putWindow(r);
      const [got] = await repo.queryWindows(new Date('2025-01-15T12:00:00Z'), new Date('2025-01-15T12:00:30Z'));
      // assess
      expect(got).toEqual(r);
      expect(Object.keys(got?.hashtags ?? {}).sort()).toEqual(Object.keys(hashtags).sort());
      expect(Object.getOwnPropertyDescriptor(got?.hashtags, '__proto__')?.value).toBe(4);
    });

    it('round-trips the Space-Saving error bound and per-hashtag sentiment sums', async () => {
      // prepare
      const r = row('2025-01-15T12:00:30.000Z', 'shardId-000000000002', 1, {
        hashtagErrorBound: 7,
        hashtagSentimentSums: { ai: -2.5, café: 3 },
      });
      // act
      await repo.putWindow(r);
      const [got] = await repo.queryWindows(new Date('2025-01-15T12:00:30Z'), new Date('2025-01-15T12:01:00Z'));
      // assess
      expect(got).toEqual(r);
      expect(got?.hashtagSentimentSums).toEqual({ ai: -2.5, café: 3 });
    });

    it('round-trips the duplicates skipped, 0 included', async () => {
      // prepare
      const some = row('2025-01-15T12:01:00.000Z', 'shardId-000000000001', 0, { duplicates: 4 });
      const none = row('2025-01-15T12:01:00.000Z', 'shardId-000000000002', 3, { duplicates: 0 });
      // act
      await repo.putWindow(some);
      await repo.putWindow(none);
      const got = await repo.queryWindows(new Date('2025-01-15T12:01:00Z'), new Date('2025-01-15T12:01:30Z'));
      // assess
      expect(got).toEqual([some, none]);
      expect(got.map((r) => r.duplicates)).toEqual([4, 0]);
    });

    it('reads a row written without duplicates (before dedupe) back without them, not as 0', async () => {
      // prepare
      const legacy = row('2025-01-15T12:01:30.000Z');
      // act
      await repo.putWindow(legacy);
      const [got] = await repo.queryWindows(new Date('2025-01-15T12:01:30Z'), new Date('2025-01-15T12:02:00Z'));
      // assess
      expect(got).toEqual(legacy);
      expect(got !== undefined && 'duplicates' in got).toBe(false);
    });

    it('a rewrite with more duplicates replaces the count (no increment)', async () => {
      // prepare
      const r = row('2025-01-15T12:02:00.000Z', 'shardId-000000000000', 0, { duplicates: 2 });
      // act
      await repo.putWindow(r);
      await repo.putWindow({ ...r, duplicates: 5 });
      await repo.putWindow({ ...r, duplicates: 5 });
      const got = await repo.queryWindows(new Date('2025-01-15T12:02:00Z'), new Date('2025-01-15T12:02:30Z'));
      // assess
      expect(got).toEqual([{ ...r, duplicates: 5 }]);
    });

    it.each([
      [-1, 'must be a non-negative integer, got -1'],
      [1.5, 'must be a non-negative integer, got 1.5'],
      [Number.NaN, 'must be a non-negative integer, got NaN'],
    ])('rejects duplicates %p, naming the row and the field, and stores nothing', async (duplicates, reason) => {
      // prepare
      const bad = row('2025-01-15T12:02:30.000Z', 'shardId-000000000007', 0, { duplicates });
      // act
      const put = repo.putWindow(bad);
      // assess
      await expect(put).rejects.toThrow(InvalidRecordError);
      await expect(put).rejects.toThrow(
        `record 2025-01-15T12:02:30.000Z#shardId-000000000007#000000: duplicates ${reason}`,
      );
      expect(await repo.queryWindows(new Date('2025-01-15T12:02:30Z'), new Date('2025-01-15T12:03:00Z'))).toEqual([]);
    });

    it('is idempotent: the same row written twice is one row; a rewrite replaces it', async () => {
      // prepare
      const r = row('2025-01-15T12:00:00.000Z');
      // act
      await repo.putWindow(r);
      await repo.putWindow(r);
      await repo.putWindow({ ...r, postCount: 9 });
      const rows = await repo.queryWindows(new Date('2025-01-15T00:00:00Z'), new Date('2025-01-16T00:00:00Z'));
      // assess
      expect(rows).toEqual([{ ...r, postCount: 9 }]);
    });

    it('returns windows starting in [from, to) across day partitions, ordered by start, shard, part', async () => {
      // prepare
      const rows = [
        row('2025-01-15T23:59:30.000Z', 'shardId-000000000001'),
        row('2025-01-15T23:59:30.000Z', 'shardId-000000000000', 1),
        row('2025-01-15T23:59:30.000Z', 'shardId-000000000000', 0),
        row('2025-01-16T00:00:00.000Z'),
        row('2025-01-16T00:00:30.000Z'),
        row('2025-01-15T23:59:00.000Z'),
      ];
      for (const r of rows) await repo.putWindow(r);
      // act
      const got = await repo.queryWindows(new Date('2025-01-15T23:59:30Z'), new Date('2025-01-16T00:00:30Z'));
      // assess
      expect(got.map((r) => `${r.windowStart} ${r.shardId.slice(-1)} ${r.part}`)).toEqual([
        '2025-01-15T23:59:30.000Z 0 0',
        '2025-01-15T23:59:30.000Z 0 1',
        '2025-01-15T23:59:30.000Z 1 0',
        '2025-01-16T00:00:00.000Z 0 0',
      ]);
      expect(await repo.queryWindows(new Date('2025-01-16T00:00:30Z'), new Date('2025-01-16T00:00:30Z'))).toEqual([]);
    });

    it('normalises the window start to fixed-width UTC so ranges compare correctly', async () => {
      // act
      await repo.putWindow(row('2025-01-15T13:00:00+01:00'));
      const got = await repo.queryWindows(new Date('2025-01-15T12:00:00Z'), new Date('2025-01-15T12:00:01Z'));
      // assess
      expect(got.map((r) => r.windowStart)).toEqual(['2025-01-15T12:00:00.000Z']);
    });

    it('rejects a row without a usable key, naming the field', async () => {
      await expect(repo.putWindow(row('not a date'))).rejects.toThrow(InvalidRecordError);
      await expect(repo.putWindow(row('2025-01-15T12:00:00Z', 'shardId-1', -1))).rejects.toThrow(
        'part must be an integer in 0..999999, got -1',
      );
    });
  });
}
