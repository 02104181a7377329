// The shard map as ListShards builds it: every page followed, shards in any listing order,
// boundaries owned inclusively. A map missing a page or misordering ranges routes records to
// the wrong shard: Kinesis still stores them, but every aggregate is then re-split and re-sent.
import { ListShardsCommand, type ListShardsCommandOutput, type Shard } from '@aws-sdk/client-kinesis';
import { ShardMap, loadShardMap, type KinesisPort } from '../../src/index';

const MAX = (1n << 128n) - 1n;

function shard(id: string, start: bigint, end: bigint, options: { closed?: boolean } = {}): Shard {
  return {
    ShardId: id,
    HashKeyRange: { StartingHashKey: start.toString(), EndingHashKey: end.toString() },
    SequenceNumberRange: { StartingSequenceNumber: '1', ...(options.closed ? { EndingSequenceNumber: '9' } : {}) },
  };
}

/** Five open shards of equal width, listed in a shuffled order. */
function fiveShards(): Shard[] {
  const width = (MAX + 1n) / 5n;
  const ranges = [0, 1, 2, 3, 4].map((i) =>
    shard(`s${i}`, width * BigInt(i), i === 4 ? MAX : width * BigInt(i + 1) - 1n),
  );
  return [3, 0, 4, 1, 2].map((i) => ranges[i] as Shard);
}

/**
 * ListShards over pages of `pageSize` shards, with the service's rules: the first call names the
 * stream, later calls pass only the NextToken (both together is an InvalidArgumentException).
 */
function pagedKinesis(streamName: string, shards: readonly Shard[], pageSize: number) {
  const calls: ListShardsCommand['input'][] = [];
  const port = {
    async send(command: ListShardsCommand): Promise<ListShardsCommandOutput> {
      const input = command.input;
      calls.push(input);
      if (input.NextToken !== undefined && input.StreamName !== undefined)
        throw Object.assign(new Error('NextToken and StreamName cannot be provided together.'), {
          name: 'InvalidArgumentException',
        });
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      if (input.NextToken === undefined && input.StreamName !== streamName)
        throw Object.assign(new Error(`Stream ${String(input.StreamName)} not found`), {
          name: 'ResourceNotFoundException',
        });
      const page = shards.slice(start, start + pageSize);
      const next = start + pageSize < shards.length ? String(start + pageSize) : undefined;
      return {
        $metadata: {},
        ...(page.length > 0 ? { Shards: page } : {}),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
  };
  return { port: port as unknown as KinesisPort, calls };
}

describe('loadShardMap', () => {
  it('follows every page of ListShards, naming the stream first and then only the token', async () => {
    // prepare
    const { port, calls } = pagedKinesis('posts', fiveShards(), 2);
    // act
    const map = await loadShardMap(port, 'posts');
    // assess
    expect(map.ranges.map((r) => r.shardId)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(calls).toEqual([{ StreamName: 'posts' }, { NextToken: '2' }, { NextToken: '4' }]);
  });

  it('refuses a stream whose shards are all closed', async () => {
    // prepare
    const { port } = pagedKinesis('posts', [shard('p', 0n, MAX, { closed: true })], 2);
    // act / assess
    await expect(loadShardMap(port, 'posts')).rejects.toThrow(new Error('stream posts has no open shards'));
  });
});

describe('ShardMap', () => {
  it('routes every range of shards listed in any order to its own shard', () => {
    // prepare
    const listed = fiveShards();
    // act
    const map = ShardMap.fromShards(listed);
    // assess: first and last key of each range
    for (const s of listed) {
      const start = BigInt(s.HashKeyRange?.StartingHashKey as string);
      const end = BigInt(s.HashKeyRange?.EndingHashKey as string);
      expect([s.ShardId, map.shardFor(start), map.shardFor(end)]).toEqual([s.ShardId, s.ShardId, s.ShardId]);
    }
    expect(map.ranges.map((r) => r.start)).toEqual(
      [...map.ranges.map((r) => r.start)].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('counts a shard listed without a sequence number range as open (an emulator may omit it)', () => {
    // prepare: the API always sends SequenceNumberRange; the map must not throw when it is missing
    const bare = { ShardId: 'only', HashKeyRange: { StartingHashKey: '0', EndingHashKey: MAX.toString() } } as Shard;
    // act
    const map = ShardMap.fromShards([bare]);
    // assess
    expect(map.shardFor(12345n)).toBe('only');
  });

  it('tells whether a shard owns a hash key, both boundaries included', () => {
    // prepare
    const mid = 1n << 127n;
    const map = ShardMap.fromShards([shard('lo', 0n, mid - 1n), shard('hi', mid, MAX)]);
    // act / assess
    expect([map.owns('lo', 0n), map.owns('lo', mid - 1n), map.owns('lo', mid)]).toEqual([true, true, false]);
    expect([map.owns('hi', mid - 1n), map.owns('hi', mid), map.owns('hi', MAX)]).toEqual([false, true, true]);
    expect(map.owns('gone', 0n)).toBe(false);
  });

  it('says plainly that a map without open shards routes nowhere', () => {
    expect(() => ShardMap.fromShards([]).shardFor(1n)).toThrow(new Error('the stream has no open shards'));
  });
});
