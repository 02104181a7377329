// CapacityMeter: the units the repositories' calls consume, as DynamoDB bills them — from the
// ConsumedCapacity of every answer (ReturnConsumedCapacity TOTAL), and by the documented rule for
// a conditional write refused by its condition (charged, answered without ConsumedCapacity).
import { CapacityMeter, DynamoPostsReader, DynamoPostsWriter, DynamoTrendsRepository } from '../src';
import { row } from './contracts/trends.contract';
import { startLocalDynamo, type LocalDynamo } from './helpers/local-dynamo';
import { post } from './helpers/posts';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

// Three small posts (< 1 KB each); 'a' has index bucket a, 'b' and 'c' share bucket e: two pages.
const batch = [
  post({ id: 'p1', seq: '1', tags: ['a'] }),
  post({ id: 'p2', seq: '2', tags: ['b'] }),
  post({ id: 'p3', seq: '3', tags: ['c'] }),
];

describe('CapacityMeter', () => {
  it('counts a new batch: one unit per post item and per index page, no read', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const capacity = new CapacityMeter();
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30, capacity });
    // act
    const result = await writer.putPosts(batch);
    // assess
    expect(capacity.snapshot()).toEqual({ writeUnits: 5, readUnits: 0, requests: 4, conditionFailures: 0 });
    expect(result.consumed).toEqual({ writeUnits: 5, readUnits: 0 });
  });

  it('counts a redelivered batch: the pages again, each refused put by the rule, the read of the stored item', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const capacity = new CapacityMeter();
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30, capacity });
    await writer.putPosts(batch);
    const before = capacity.snapshot();
    // act
    const result = await writer.putPosts(batch);
    // assess: 2 pages + 3 refused puts (1 unit each, items < 1 KB); dynalite returns no item with
    // a failed condition, so each stored item is read once, consistently (1 unit each)
    const after = capacity.snapshot();
    expect(result.written.sort()).toEqual(['p1', 'p2', 'p3']);
    expect(result.consumed).toEqual({ writeUnits: 5, readUnits: 3 });
    expect(after.writeUnits - before.writeUnits).toBe(5);
    expect(after.readUnits - before.readUnits).toBe(3);
    expect(after.conditionFailures).toBe(3);
  });

  it('counts the reader and the trends repository into one shared meter', async () => {
    // prepare
    const posts = await dynamo.freshTable('posts');
    const trendsTable = await dynamo.freshTable('trends');
    await new DynamoPostsWriter({ client: dynamo.client, tableName: posts, ttlDays: 30 }).putPosts(batch);
    const capacity = new CapacityMeter();
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName: posts, capacity });
    const trends = new DynamoTrendsRepository({ client: dynamo.client, tableName: trendsTable, ttlDays: 7, capacity });
    // act
    await reader.getPost('p1'); // eventually consistent, < 4 KB: half a unit
    await trends.putWindow(row('2025-01-15T12:00:00.000Z', 'shardId-000000000000', 0)); // one small item
    const afterPut = capacity.snapshot();
    await trends.queryWindows(new Date('2025-01-15T11:59:00Z'), new Date('2025-01-15T12:01:00Z'));
    // assess
    expect(afterPut).toEqual({ writeUnits: 1, readUnits: 0.5, requests: 2, conditionFailures: 0 });
    expect(capacity.snapshot().readUnits).toBeGreaterThanOrEqual(1.5);
  });
});
