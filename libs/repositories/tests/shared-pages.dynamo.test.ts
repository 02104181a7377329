// The hashtag index pages are shared by the hashtags of one bucket: each hashtag lists only its
// own posts, and a rare hashtag behind many entries of others is read within a budget, page by
// page, without losing or repeating a post.
import { DynamoPostsReader, DynamoPostsWriter, RepositoryConfigError } from '../src';
import { startLocalDynamo, type LocalDynamo } from './helpers/local-dynamo';
import { post } from './helpers/posts';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

// 'b' and 'c' share bucket e (first byte of SHA-256 modulo 16), so they share index pages.
const minute = (m: number, s = 0) => `2025-01-15T12:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}Z`;

describe('shared index pages', () => {
  it('lists each hashtag of a shared page with only its own posts', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30 });
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName });
    // act
    await writer.putPosts([
      post({ id: 'p1', createdAt: minute(0, 1), seq: '1', tags: ['b'] }),
      post({ id: 'p2', createdAt: minute(0, 2), seq: '2', tags: ['c'] }),
      post({ id: 'p3', createdAt: minute(0, 3), seq: '3', tags: ['b', 'c'] }),
    ]);
    // assess
    expect((await reader.recentPostsByHashtag('b')).items.map((s) => s.postId)).toEqual(['p3', 'p1']);
    expect((await reader.recentPostsByHashtag('#C')).items.map((s) => s.postId)).toEqual(['p3', 'p2']);
  });

  it('stops a rare hashtag at the scan budget with a cursor, and the next pages go on without gaps', async () => {
    // prepare: 'b' once in minute 1 and once in minute 5; 'c' (same bucket) 4 times in each minute between.
    const tableName = await dynamo.freshTable('posts');
    const writer = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30 });
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName, scanBudgetEntries: 6 });
    const others = [2, 3, 4].flatMap((m) =>
      [1, 2, 3, 4].map((s) => post({ id: `c${m}${s}`, createdAt: minute(m, s), seq: `${m}${s}`, tags: ['c'] })),
    );
    await writer.putPosts([
      post({ id: 'old', createdAt: minute(1), seq: '1', tags: ['b'] }),
      ...others,
      post({ id: 'new', createdAt: minute(5), seq: '9', tags: ['b'] }),
    ]);
    // act: page through 'b' one post at a time
    const seen: string[] = [];
    const cutByBudget: number[] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      const page = await reader.recentPostsByHashtag('b', { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((s) => s.postId));
      if (page.items.length === 0 && page.cursor !== undefined) cutByBudget.push(requests);
      cursor = page.cursor;
      cursors.push(cursor);
      requests += 1;
    } while (cursor !== undefined && requests < 20);
    // assess: every post once, newest first; some answers were cut by the budget (empty with a cursor)
    expect(seen).toEqual(['new', 'old']);
    expect(cutByBudget.length).toBeGreaterThan(0);
    expect(cursors.at(-1)).toBeUndefined();
  });

  it('refuses a scan budget that is not a positive integer, naming the option', () => {
    expect(() => new DynamoPostsReader({ client: dynamo.client, tableName: 'x', scanBudgetEntries: 0 })).toThrow(
      RepositoryConfigError,
    );
    expect(() => new DynamoPostsReader({ client: dynamo.client, tableName: 'x', scanBudgetEntries: 1.5 })).toThrow(
      'repository option scanBudgetEntries',
    );
  });
});
