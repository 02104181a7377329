// Hash keys, shard map lookup, token buckets and backoff: the pure parts of routing and pacing.
import { ShardMap, TokenBucket, fullJitterBackoff, parseExplicitHashKey, partitionKeyHash } from '../../src/index';

const MAX = (1n << 128n) - 1n;

describe('partitionKeyHash', () => {
  it('is MD5 of the UTF-8 key as a big-endian 128-bit integer', () => {
    // act / assess: md5("a") = 0cc175b9c0f1b6a831c399e269772661
    expect(partitionKeyHash('a')).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
    expect(partitionKeyHash('é')).toBe(
      BigInt('0x' + require('node:crypto').createHash('md5').update(Buffer.from('é', 'utf8')).digest('hex')),
    );
  });
});

describe('parseExplicitHashKey', () => {
  it('accepts 0 … 2^128−1 in decimal and refuses anything else', () => {
    expect(parseExplicitHashKey('0')).toBe(0n);
    expect(parseExplicitHashKey(MAX.toString())).toBe(MAX);
    expect(parseExplicitHashKey((MAX + 1n).toString())).toBeUndefined();
    expect(parseExplicitHashKey('-1')).toBeUndefined();
    expect(parseExplicitHashKey('012')).toBeUndefined();
    expect(parseExplicitHashKey('0x10')).toBeUndefined();
  });
});

describe('ShardMap', () => {
  const range = (id: string, start: bigint, end: bigint, closed = false) => ({
    ShardId: id,
    HashKeyRange: { StartingHashKey: start.toString(), EndingHashKey: end.toString() },
    SequenceNumberRange: { StartingSequenceNumber: '1', ...(closed ? { EndingSequenceNumber: '2' } : {}) },
  });

  it('maps range boundaries to the open shard owning them and ignores closed parents', () => {
    // prepare: a closed parent and its two children
    const mid = 1n << 127n;
    const map = ShardMap.fromShards([range('p', 0n, MAX, true), range('hi', mid, MAX), range('lo', 0n, mid - 1n)]);

    // act / assess
    expect(map.shardFor(0n)).toBe('lo');
    expect(map.shardFor(mid - 1n)).toBe('lo');
    expect(map.shardFor(mid)).toBe('hi');
    expect(map.shardFor(MAX)).toBe('hi');
    expect(map.ranges.map((r) => r.shardId)).toEqual(['lo', 'hi']);
  });
});

describe('TokenBucket', () => {
  it('never lets more than the limit through in any one-second window and sustains ≥ 90 % of it', () => {
    // prepare: 1,000 units/s, offered 10 units every ms (10× the limit) for 5 s
    const bucket = new TokenBucket(1000, 0.05, 0);
    const taken: number[] = [];

    // act
    for (let t = 0; t < 5000; t++) {
      for (let k = 0; k < 10; k++) {
        if (bucket.canTake(1, t)) {
          bucket.take(1, t);
          taken.push(t);
        }
      }
    }

    // assess: sliding one-second windows
    let maxWindow = 0;
    for (let i = 0, j = 0; i < taken.length; i++) {
      while ((taken[j] as number) <= (taken[i] as number) - 1000) j++;
      maxWindow = Math.max(maxWindow, i - j + 1);
    }
    expect(maxWindow).toBeLessThanOrEqual(1000);
    expect(taken.length / 5).toBeGreaterThanOrEqual(900);
  });

  it('lets a cost larger than the burst through once full, then waits for the debt', () => {
    // prepare
    const bucket = new TokenBucket(1000, 0.05, 0);

    // act
    const first = bucket.canTake(400, 0);
    bucket.take(400, 0);

    // assess
    expect(first).toBe(true);
    expect(bucket.canTake(1, 0)).toBe(false);
    expect(bucket.waitMs(1, 0)).toBeGreaterThan(350);
  });
});

describe('fullJitterBackoff', () => {
  it('stays below min(cap, base × 2^(attempt−1))', () => {
    expect(fullJitterBackoff(1, 100, 2000, () => 0.999)).toBeLessThan(100);
    expect(fullJitterBackoff(4, 100, 2000, () => 0.999)).toBeGreaterThan(790);
    expect(fullJitterBackoff(4, 100, 2000, () => 0.999)).toBeLessThan(800);
    expect(fullJitterBackoff(30, 100, 2000, () => 0.999)).toBeLessThan(2000);
    expect(fullJitterBackoff(30, 100, 2000, () => 0)).toBe(0);
  });
});
