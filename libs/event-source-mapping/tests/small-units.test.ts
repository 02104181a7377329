// Unit: the small pure helpers — lanes, checkpoint progress,
// rate limiter, shard ordering, failure-record ranges, the GetRecords byte cap.
import { ShardReadLimits } from '../src';
import { extendRange, rangeOf } from '../src/failure-record';
import { laneOf } from '../src/lanes';
import { SlidingWindowRateLimiter } from '../src/rate-limiter';
import { ShardProgress } from '../src/shard-progress';
import { recordsWithinBytes } from '../src/kinesis-shard-reader';
import { readyShards } from '../src/shard-topology';

describe('laneOf', () => {
  it('is stable per key, within range, and spreads keys over every lane', () => {
    // act
    const lanes = Array.from({ length: 300 }, (_, i) => laneOf(`user-${i}`, 3));
    // assess
    expect(laneOf('user-7', 3)).toBe(laneOf('user-7', 3));
    expect(new Set(lanes)).toEqual(new Set([0, 1, 2]));
    expect(Math.min(...[0, 1, 2].map((l) => lanes.filter((x) => x === l).length))).toBeGreaterThan(60);
    expect(laneOf('anything', 1)).toBe(0);
  });
});

describe('ShardProgress', () => {
  it('moves the checkpoint only over a finished prefix', () => {
    // prepare
    const p = new ShardProgress(undefined);
    p.add(['1', '2', '3'], { finished: false });
    p.add(['4'], { finished: true }); // filtered
    // act / assess
    expect(p.finish(['2', '3'])).toBe(false);
    expect(p.checkpoint).toBeUndefined();
    expect(p.finish(['1'])).toBe(true);
    expect(p.checkpoint).toBe('4');
    expect(p.pending).toBe(0);
  });

  it('starts from a stored checkpoint', () => {
    // act
    const p = new ShardProgress('42');
    p.add(['43'], { finished: false });
    // assess
    expect(p.checkpoint).toBe('42');
    expect(p.pending).toBe(1);
  });
});

describe('SlidingWindowRateLimiter', () => {
  it('allows maxCalls per sliding window and says how long to wait', async () => {
    // prepare
    let now = 10_000;
    const limiter = new SlidingWindowRateLimiter(5, 1000, { now: () => now });
    // act
    for (let i = 0; i < 5; i++) {
      await limiter.acquire();
      now += 100;
    }
    const wait = limiter.delayMs();
    now = 11_000;
    const afterWindow = limiter.delayMs();
    // assess
    expect(wait).toBe(500);
    expect(afterWindow).toBe(0);
  });
});

describe('readyShards', () => {
  it.each([
    ['roots start at once', [{ shardId: 'a' }, { shardId: 'b' }], [], [], ['a', 'b']],
    [
      'a split child waits for its parent',
      [{ shardId: 'p' }, { shardId: 'c1', parentShardId: 'p' }, { shardId: 'c2', parentShardId: 'p' }],
      [],
      [],
      ['p'],
    ],
    [
      'children start once the parent ended',
      [{ shardId: 'p' }, { shardId: 'c1', parentShardId: 'p' }],
      ['p'],
      ['p'],
      ['c1'],
    ],
    [
      'a merge child waits for both parents',
      [{ shardId: 'a' }, { shardId: 'b' }, { shardId: 'm', parentShardId: 'a', adjacentParentShardId: 'b' }],
      ['a', 'b'],
      ['a'],
      [],
    ],
    ['a parent trimmed from the stream does not block', [{ shardId: 'c', parentShardId: 'gone' }], [], [], ['c']],
    ['started and ended shards are not started again', [{ shardId: 'a' }, { shardId: 'b' }], ['a'], ['b'], []],
  ] as [
    string,
    { shardId: string; parentShardId?: string; adjacentParentShardId?: string }[],
    string[],
    string[],
    string[],
  ][])('%s', (_name, shards, started, ended, expected) => {
    // act
    const ready = readyShards(shards, new Set(started), new Set(ended));
    // assess
    expect(ready).toEqual(expected);
  });
});

describe('record ranges', () => {
  it('describe first/last record and count, and extend with later records', () => {
    // prepare
    const r = rangeOf([
      { sequenceNumber: '1', arrivalMs: 10 },
      { sequenceNumber: '2', arrivalMs: 20 },
    ]);
    // act
    const extended = extendRange(r, [{ sequenceNumber: '5', arrivalMs: 50 }]);
    // assess
    expect(r).toEqual({
      firstSequenceNumber: '1',
      lastSequenceNumber: '2',
      firstArrivalMs: 10,
      lastArrivalMs: 20,
      count: 2,
    });
    expect(extended).toEqual({
      firstSequenceNumber: '1',
      lastSequenceNumber: '5',
      firstArrivalMs: 10,
      lastArrivalMs: 50,
      count: 3,
    });
    expect(extendRange(undefined, [])).toBeUndefined();
  });
});

describe('recordsWithinBytes', () => {
  const rec = (dataBytes: number, key = 'k') => ({ Data: new Uint8Array(dataBytes), PartitionKey: key });

  it('counts data and partition keys, and stops before the record that would pass the cap', () => {
    // prepare: 10 + 1, 10 + 1, 10 + 2 bytes
    const page = [rec(10), rec(10), rec(10, 'kk')];
    // act / assess
    expect(recordsWithinBytes(page, 22)).toBe(2);
    expect(recordsWithinBytes(page, 34)).toBe(3);
    expect(recordsWithinBytes(page, 33)).toBe(2);
  });

  it('keeps one record even when it alone is over the cap, and handles an empty page', () => {
    expect(recordsWithinBytes([rec(50), rec(1)], 10)).toBe(1);
    expect(recordsWithinBytes([], 10)).toBe(0);
  });
});

describe('ShardReadLimits', () => {
  const fakeClock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('gives every caller of a shard the same gate, and other shards their own', () => {
    // prepare
    const limits = new ShardReadLimits({ clock: fakeClock() });
    // act / assess
    expect(limits.forShard('s', 'shardId-0')).toBe(limits.forShard('s', 'shardId-0'));
    expect(limits.forShard('s', 'shardId-1')).not.toBe(limits.forShard('s', 'shardId-0'));
    expect(limits.forShard('t', 'shardId-0')).not.toBe(limits.forShard('s', 'shardId-0'));
  });

  it('after 10 MiB read at 2 MiB/s, the next call waits 5 s; smaller reads add up', () => {
    // prepare
    const clock = fakeClock();
    const gate = new ShardReadLimits({ clock }).forShard('s', 'shardId-0');
    // act / assess
    expect(gate.delayMs()).toBe(0);
    gate.charge(10 * 1024 * 1024);
    expect(gate.delayMs()).toBe(5000);
    clock.advance(4000);
    expect(gate.delayMs()).toBe(1000);
    gate.charge(1024 * 1024);
    expect(gate.delayMs()).toBe(1500);
    clock.advance(10_000);
    expect(gate.delayMs()).toBe(0);
    gate.charge(1024 * 1024);
    expect(gate.delayMs()).toBe(500); // idle time is not saved up beyond the present
  });

  it('shares the 5 calls per second between the callers of a shard', async () => {
    // prepare
    const clock = fakeClock();
    const limits = new ShardReadLimits({ clock });
    const [a, b] = [limits.forShard('s', 'shardId-0'), limits.forShard('s', 'shardId-0')];
    // act
    for (let i = 0; i < 3; i++) await a.acquire();
    for (let i = 0; i < 2; i++) await b.acquire();
    // assess
    expect(a.delayMs()).toBe(1000);
    expect(limits.forShard('s', 'shardId-1').delayMs()).toBe(0);
  });

  it('refuses limits that would stall or never limit', () => {
    expect(() => new ShardReadLimits({ clock: fakeClock(), callsPerSecond: 0 })).toThrow(
      'callsPerSecond must be a positive integer, got 0',
    );
    expect(() => new ShardReadLimits({ clock: fakeClock(), bytesPerSecond: Number.POSITIVE_INFINITY })).toThrow(
      'bytesPerSecond must be a positive number, got Infinity',
    );
  });
});
