// The stored layout the infra, the report and operators rely on: keys, TTL attribute, JSON columns.
import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoPostsReader,
  DynamoPostsWriter,
  DynamoQuarantineRepository,
  DynamoTrendsRepository,
  RepositoryConfigError,
} from '../src';
import { poison } from './contracts/quarantine.contract';
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

const DAY = 86_400;

describe('stored layout', () => {
  it('posts: POST#<id>/POST with version, TTL and index reference; TAGS#<bucket>/<minute>#<writer> index pages', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30 });
    // act
    await writer.putPosts([
      post({ id: 'p1', createdAt: '2025-01-15T12:00:00Z', seq: '42', tags: ['Café'] }),
      post({ id: 'p2', createdAt: '2025-01-15T12:00:59.5Z', seq: '43', tags: ['café', 'news'] }),
    ]);
    // assess
    const item = (
      await dynamo.client.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'POST#p1' }, sk: { S: 'POST' } } }),
      )
    ).Item;
    const created = Date.parse('2025-01-15T12:00:00Z') / 1000;
    expect(item?.['expiresAt']).toEqual({ N: String(created + 30 * DAY) });
    expect(item?.['versionKey']?.S).toBe('2025-01-15T12:00:00.000000000Z#00242#-');
    expect(item?.['stale']).toEqual({ L: [] });
    expect(item?.['postId']).toEqual({ S: 'p1' });
    // The post with one-letter field names (post-doc): {"a":{"b":1,"c":"p1",…
    expect(item?.['d']?.S).toMatch(/^\{"a":\{"b":1,"c":"p1",/);
    expect(item?.['doc']).toBeUndefined();
    const ref = JSON.parse(item?.['idx']?.L?.[0]?.S ?? '{}') as { c: string; g: string; t: string[] };
    expect(ref).toEqual({
      c: '2025-01-15T12:00:00.000000000Z',
      g: expect.stringMatching(/^[0-9a-f]{16}$/),
      t: ['café'],
    });
    const page = async (bucket: string) =>
      (
        await dynamo.client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: `TAGS#${bucket}` } },
          }),
        )
      ).Items ?? [];
    // Buckets: the first byte of SHA-256 of the tag, modulo 16 (café → 5, news → 9).
    const cafe = await page('5');
    expect(cafe.map((i) => i['sk']?.S)).toEqual([`2025-01-15T12:00#${ref.g}`]);
    expect(cafe[0]?.['e']?.SS?.sort()).toEqual([
      'café\u001f2025-01-15T12:00:00.000000000Z#p1',
      'café\u001f2025-01-15T12:00:59.500000000Z#p2',
    ]);
    expect(cafe[0]?.['expiresAt']).toEqual({ N: String(created + 60 + 30 * DAY) });
    expect((await page('9'))[0]?.['e']?.SS).toEqual(['news\u001f2025-01-15T12:00:59.500000000Z#p2']);
  });

  it('posts: reads a post item written with plain JSON in doc (before the short form)', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30 });
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName });
    const old = post({ id: 'p0', seq: '1', tags: ['news'] });
    await writer.putPosts([old]);
    const key = { pk: { S: 'POST#p0' }, sk: { S: 'POST' } };
    const stored = (await dynamo.client.send(new GetItemCommand({ TableName: tableName, Key: key }))).Item ?? {};
    const { d: _short, ...rest } = stored;
    await dynamo.client.send(
      new PutItemCommand({ TableName: tableName, Item: { ...rest, doc: { S: JSON.stringify(old) } } }),
    );
    // act
    const read = await reader.getPost('p0');
    const listed = await reader.recentPostsByHashtag('news');
    // assess
    expect(read).toEqual(old);
    expect(listed.items.map((s) => s.postId)).toEqual(['p0']);
  });

  it('trends: DAY#<date>/<start>#<shard>#<part> with TTL from the window end', async () => {
    // prepare
    const tableName = await dynamo.freshTable('trends');
    const repo = new DynamoTrendsRepository({ client: dynamo.client, tableName, ttlDays: 7 });
    // act
    await repo.putWindow(row('2025-01-15T12:00:00.000Z', 'shardId-000000000003', 2, { duplicates: 6 }));
    // assess
    const key = { pk: { S: 'DAY#2025-01-15' }, sk: { S: '2025-01-15T12:00:00.000Z#shardId-000000000003#000002' } };
    const item = (await dynamo.client.send(new GetItemCommand({ TableName: tableName, Key: key }))).Item;
    expect(item?.['expiresAt']).toEqual({ N: String(Date.parse('2025-01-15T12:00:30Z') / 1000 + 7 * DAY) });
    expect(JSON.parse(item?.['hashtagsJson']?.S ?? '')).toEqual({ ai: 2, café: 1 });
    expect(item?.['duplicates']).toEqual({ N: '6' });
  });

  it('quarantine: Q#<shard>/<seq padded>#<sub padded or ->', async () => {
    // prepare
    const tableName = await dynamo.freshTable('quarantine');
    const repo = new DynamoQuarantineRepository({ client: dynamo.client, tableName, ttlDays: 14 });
    // act
    await repo.quarantine([poison('77', { subSequenceNumber: 4 }), poison('78')]);
    // assess
    const out = await dynamo.client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'Q#shardId-000000000000' } },
      }),
    );
    expect(out.Items?.map((i) => i['sk']?.S)).toEqual([
      `${'77'.padStart(129, '0')}#000004`,
      `${'78'.padStart(129, '0')}#-`,
    ]);
    expect(out.Items?.[0]?.['expiresAt']).toEqual({ N: String(Date.parse('2025-01-15T12:00:01Z') / 1000 + 14 * DAY) });
  });

  it('refuses bad options, naming them', () => {
    expect(() => new DynamoPostsWriter({ client: dynamo.client, tableName: 'x', ttlDays: 0 })).toThrow(
      new RepositoryConfigError('ttlDays', 'must be a positive number of days, got 0'),
    );
    expect(() => new DynamoTrendsRepository({ client: dynamo.client, tableName: '', ttlDays: 1 })).toThrow(
      'repository option tableName: must be a non-empty string',
    );
    expect(() => new DynamoPostsReader({ client: dynamo.client, tableName: 'x', retry: { maxAttempts: 0 } })).toThrow(
      'repository option retry.maxAttempts',
    );
  });
});
