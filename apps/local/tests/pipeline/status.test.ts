// Status rendering and the summary's arithmetic: one unit (posts) with Kinesis records as a
// labelled second figure, readable shard labels, short plain lines, a reconciliation that adds up.
import type { ShardStats } from '@streamlens/event-source-mapping';
import type { StackSnapshot } from '../../src/pipeline/local-stack';
import {
  addsUp,
  fitToWidth,
  renderStatus,
  renderStatusLine,
  renderSummary,
  shardLabel,
  type RunSummary,
} from '../../src/pipeline/status';

// Only what the status reads; the rest of the mapping's counters do not matter here.
function shard(id: number, iteratorAgeMs: number): ShardStats {
  return { shardId: `shardId-${String(id).padStart(12, '0')}`, iteratorAgeMs, failedInvocations: 0 } as ShardStats;
}

function snapshot(put: number, consumerPosts: number, shards = 2): StackSnapshot {
  const all = Array.from({ length: shards }, (_, i) => shard(i, 1200 + i * 100));
  return {
    load: { offered: put, put, validPut: put - 10, poisonPut: 10, failed: 0 },
    mappings: [
      { mappingId: 'streamlens-dev-consumer', running: true, shards: all },
      { mappingId: 'streamlens-dev-aggregator', running: true, shards: all },
    ],
    failureRecords: 0,
    consumed: {
      consumer: { posts: consumerPosts, records: Math.ceil(consumerPosts / 10) },
      aggregator: { posts: consumerPosts, records: Math.ceil(consumerPosts / 10) },
    },
  };
}

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  elapsedSec: 42,
  dataDir: undefined,
  load: { put: 11_917, poisonPut: 60, failed: 0 },
  consumed: { consumer: { posts: 11_917, records: 1_210 }, aggregator: { posts: 11_917, records: 1_210 } },
  failedInvocations: 0,
  ledger: {
    account: {
      inStream: 11_917,
      distinctStored: 11_666,
      superseded: 191,
      quarantined: 60,
      onFailure: 0,
      notYetConsumed: 0,
      unexplained: 0,
    },
    quarantinedByReason: { 'not-json': 35, 'schema-violation': 25 },
  },
  tables: { posts: 11_666, quarantined: 60, trendRows: 8 },
  failureRecords: 0,
  maxIteratorAgeMs: 1500,
  ...over,
});

describe('renderStatus', () => {
  it('counts posts on both sides, with Kinesis records as a labelled second figure', () => {
    const lines = renderStatus(snapshot(10_965, 5_480), snapshot(10_765, 5_280), 1, { quarantined: 3, elapsedSec: 18 });
    const text = lines.join('\n');
    expect(text).toContain('put 10,965 posts (10 of them poison) · 200 posts/s');
    expect(text).toContain('consumed 5,480 posts (in 548 Kinesis records) · 200 posts/s');
    expect(text).toContain('lag 1.2 s (shard 0) · 1.3 s (shard 1)');
    expect(text).toContain('3 poison posts quarantined (kept with their reason)');
    expect(text).not.toMatch(/000000000000|attempts/);
  });

  it('sums up the lag of many shards instead of listing them', () => {
    const text = renderStatus(snapshot(1, 1, 8), undefined, 1, { quarantined: 0, elapsedSec: 1 }).join('\n');
    expect(text).toContain('lag max 1.9 s over 8 shards');
  });
});

describe('renderStatusLine', () => {
  it('is one short plain line without separators of joined blocks', () => {
    const line = renderStatusLine(snapshot(10_965, 5_480, 8), { quarantined: 3, elapsedSec: 18 });
    expect(line).toBe(
      '[18 s] put 10,965 posts · consumer 5,480 posts (548 records, lag 1.9 s) · ' +
        'aggregator 5,480 posts (548 records, lag 1.9 s) · quarantined 3 · on-failure 0',
    );
    expect(line.length).toBeLessThanOrEqual(160);
    expect(line).not.toContain('\n');
  });
});

describe('fitToWidth', () => {
  it('cuts lines to the terminal width so a redraw moves up one row per line', () => {
    expect(fitToWidth(['short', 'x'.repeat(100)], 41)).toEqual(['short', `${'x'.repeat(39)}…`]);
  });
});

describe('shardLabel', () => {
  it('turns shard ids into short labels', () => {
    expect(shardLabel('shardId-000000000012')).toBe('shard 12');
    expect(shardLabel('odd')).toBe('odd');
  });
});

describe('renderSummary', () => {
  it('prints each term of put = distinct stored + superseded + quarantined + on-failure + not yet consumed', () => {
    const text = renderSummary(summary());
    expect(text).toContain('stream       11,917 posts, all put by this run');
    expect(text).toMatch(/ {3}11,666 {2}distinct posts stored/);
    expect(text).toMatch(/\+ +191 {2}superseded versions/);
    expect(text).toMatch(/\+ +60 {2}quarantined poison \(not-json 35, schema-violation 25\)/);
    expect(text).toMatch(/\+ +0 {2}on the on-failure destination/);
    expect(text).toMatch(/\+ +0 {2}not yet consumed/);
    expect(text).toMatch(/= 11,917 {2}posts in the stream/);
    expect(text).toContain('adds up: the posts table holds 11,666 posts, the quarantine 60 records');
    expect(text).toContain('in memory');
  });

  it('with a data dir, says which figures are this run and which are totals', () => {
    const s = summary({
      dataDir: '/data',
      load: { put: 2_000, poisonPut: 10, failed: 1 },
      ledger: { ...summary().ledger, account: { ...summary().ledger.account } },
    });
    const text = renderSummary(s);
    expect(text).toContain('data dir /data ("total" includes its earlier runs)');
    expect(text).toContain('this run     put 2,000 posts (10 of them poison) · 1 failed in the producer');
    expect(text).toContain(
      'stream total 11,917 posts: 2,000 put by this run + 9,917 by earlier runs or other producers',
    );
    expect(text).toContain('where they went (total)');
    expect(text).toContain('trends total 8 rows');
  });

  it('says plainly when the tables disagree with the stream', () => {
    const s = summary({ tables: { posts: 11_665, quarantined: 60, trendRows: 8 } });
    expect(addsUp(s)).toBe(false);
    expect(renderSummary(s)).toContain('DOES NOT ADD UP: the posts table holds 11,665 posts (expected 11,666)');
  });

  it('names consumed records that are neither posts nor quarantined', () => {
    const s = summary({
      ledger: { ...summary().ledger, account: { ...summary().ledger.account, distinctStored: 11_665, unexplained: 1 } },
      tables: { posts: 11_665, quarantined: 60, trendRows: 8 },
    });
    expect(addsUp(s)).toBe(false);
    expect(renderSummary(s)).toMatch(/\+ +1 {2}UNEXPLAINED/);
  });
});
