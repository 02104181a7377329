// The Trend column: each hashtag's latest windows against the earlier windows of the same range.
import type { WindowAggregate } from '@streamlens/schemas';
import { momentumOf, splitRecent } from '../src/api/momentum';
import { windowRow } from './helpers/fixture';

const THRESHOLDS = { rising: 1, falling: -1 };

function row(minute: number, hashtags: Record<string, number>): WindowAggregate {
  return windowRow(new Date(Date.UTC(2025, 0, 15, 12, minute)).toISOString(), 'shardId-000000000000', 0, {
    postCount: 10,
    hashtags,
  });
}

describe('momentumOf', () => {
  it('compares the last quarter of the windows with the earlier ones, volume-adjusted', () => {
    // prepare: 8 windows; #ai jumps in the last two, #tech holds steady, #old stops
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((m) =>
      row(m, m < 6 ? { ai: 1, tech: 10, old: 5 } : { ai: 12, tech: 10, old: 0 }),
    );
    // act
    const { byTag, split } = momentumOf(rows, ['ai', 'tech', 'old'], THRESHOLDS);
    // assess
    expect(split).toEqual({ recentWindows: 2, earlierWindows: 6 });
    expect(byTag.get('ai')).toMatchObject({ direction: 'rising', recentCount: 24, earlierCount: 6 });
    expect(byTag.get('tech')).toMatchObject({ direction: 'steady', recentCount: 20, earlierCount: 60 });
    expect(byTag.get('old')).toMatchObject({ direction: 'falling', recentCount: 0, earlierCount: 30 });
  });

  it('is "too-early" with a single window, and uses one recent window from two on', () => {
    expect(momentumOf([row(0, { ai: 3 })], ['ai'], THRESHOLDS).byTag.get('ai')).toEqual({
      direction: 'too-early',
      risingScore: 0,
      recentCount: 0,
      earlierCount: 3,
    });
    const two = momentumOf([row(0, { ai: 1, x: 9 }), row(1, { ai: 9, x: 1 })], ['ai'], THRESHOLDS);
    expect(two.split).toEqual({ recentWindows: 1, earlierWindows: 1 });
    expect(two.byTag.get('ai')?.direction).toBe('rising');
  });

  it('counts windows, not rows: every shard row of a window is on the same side', () => {
    const shard1 = { ...row(3, { ai: 1 }), shardId: 'shardId-000000000001' };
    const { recent, earlier } = splitRecent([row(0, {}), row(1, {}), row(2, {}), row(3, {}), shard1]);
    expect(recent.map((r) => r.shardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(earlier).toHaveLength(3);
  });
});
