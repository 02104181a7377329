import { InvalidEventRecordError } from '../../src/errors';
import { ShardIdReader } from '../../src/shard-id';

describe('ShardIdReader', () => {
  it.each([
    { ids: ['shardId-000000000006:123'], expected: ['shardId-000000000006'] },
    { ids: ['shardId-1:5', 'shardId-1:6'], expected: ['shardId-1', 'shardId-1'] },
    // The remembered id must not match a longer one that starts with it.
    { ids: ['shardId-1:5', 'shardId-10:6', 'shardId-1:7'], expected: ['shardId-1', 'shardId-10', 'shardId-1'] },
  ])('reads $ids', ({ ids, expected }) => {
    // prepare
    const reader = new ShardIdReader();
    // act
    const shards = ids.map((id) => reader.of(id));
    // assess
    expect(shards).toEqual(expected);
  });

  it.each(['no-colon', ':123', ''])('rejects the eventID %j, naming the field', (id) => {
    expect(() => new ShardIdReader().of(id)).toThrow(InvalidEventRecordError);
    expect(() => new ShardIdReader().of(id)).toThrow(/eventID must look like/);
  });
});
