// Nothing is lost under the faults AWS produces and dynalite cannot: UnprocessedItems,
// throttling, 5xx, timeouts after the write took effect. Either every item ends up stored, or
// the typed error names exactly the records left unwritten.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { WindowAggregate } from '@streamlens/schemas';
import { injectFaults, makeEnrichedPost, socialPostStream, take, type FaultRule } from '@streamlens/testing';
import {
  DynamoPostsRepository,
  DynamoQuarantineRepository,
  DynamoTrendsRepository,
  UnprocessedItemsError,
  type PostWriteStrategy,
} from '../src';
import { poison } from './contracts/quarantine.contract';
import { row } from './contracts/trends.contract';
import { FAST_RETRY, startLocalDynamo, type LocalDynamo } from './helpers/local-dynamo';
import { post } from './helpers/posts';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

const HARSH: FaultRule[] = [
  { kind: 'unprocessedItems', probability: 0.6, fraction: 0.5 },
  {
    kind: 'error',
    commands: ['BatchWriteItem', 'BatchGetItem', 'PutItem'],
    error: 'ProvisionedThroughputExceededException',
    probability: 0.15,
  },
  { kind: 'error', commands: ['BatchWriteItem', 'PutItem'], error: 'InternalServerError', probability: 0.05 },
  { kind: 'timeout', commands: ['BatchWriteItem', 'PutItem'], delayMs: 1, applied: true, probability: 0.05 },
];

function samplePosts(n: number, seed: number) {
  return take(socialPostStream({ seed }), n).map((p, i) => ({
    ...makeEnrichedPost(p, { sequenceNumber: String(1000 + i) }),
    hashtags: ['fault', `t${i % 7}`],
  }));
}

async function hasItem(tableName: string, pk: string, sk: string): Promise<boolean> {
  const out = await dynamo.client.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }),
  );
  return out.Item !== undefined;
}

async function fullyStored(tableName: string, e: ReturnType<typeof samplePosts>[number]): Promise<boolean> {
  const created = new Date(e.post.createdAt).toISOString();
  const checks = [
    hasItem(tableName, `POST#${e.post.postId}`, 'POST'),
    ...e.hashtags.map((t) => hasItem(tableName, `TAG#${t}`, `${created}#${e.post.postId}`)),
  ];
  return (await Promise.all(checks)).every(Boolean);
}

describe.each<PostWriteStrategy>(['read-then-write', 'conditional-put'])(
  'posts under injected faults (%s)',
  (strategy) => {
    it('stores every post and index item despite UnprocessedItems, throttling, 5xx and applied timeouts', async () => {
      // prepare
      const tableName = await dynamo.freshTable('posts');
      const repo = new DynamoPostsRepository({
        client: dynamo.client,
        tableName,
        ttlDays: 30,
        strategy,
        retry: FAST_RETRY,
      });
      const posts = samplePosts(80, 1);
      const faults = injectFaults(dynamo.client, { seed: 42, rules: HARSH });
      // act
      const result = await repo.putPosts(posts);
      faults.remove();
      // assess
      const counts = faults.counts();
      expect(counts.byKind.error + counts.byKind.unprocessedItems).toBeGreaterThan(5);
      expect(result.written.sort()).toEqual(posts.map((p) => p.post.postId).sort());
      expect(await Promise.all(posts.map((e) => fullyStored(tableName, e)))).toEqual(posts.map(() => true));
    });

    it('names exactly the posts left unwritten when the retry bound runs out', async () => {
      // prepare
      const tableName = await dynamo.freshTable('posts');
      const repo = new DynamoPostsRepository({
        client: dynamo.client,
        tableName,
        ttlDays: 30,
        strategy,
        retry: { ...FAST_RETRY, maxAttempts: 2 },
      });
      const posts = samplePosts(60, 2);
      const faults = injectFaults(dynamo.client, {
        seed: 7,
        rules: [
          { kind: 'unprocessedItems', commands: ['BatchWriteItem'], probability: 1, fraction: 0.3 },
          { kind: 'error', commands: ['PutItem'], error: 'ThrottlingException', probability: 0.3 },
        ],
      });
      // act
      const err = await repo.putPosts(posts).catch((e: unknown) => e);
      faults.remove();
      // assess
      expect(err).toBeInstanceOf(UnprocessedItemsError);
      const e = err as UnprocessedItemsError;
      expect(e.reason).toBe('attempts-exhausted');
      expect(e.ids.length).toBeGreaterThan(0);
      const flags = await Promise.all(posts.map((p) => fullyStored(tableName, p)));
      const stored = new Map(posts.map((p, i) => [p.post.postId, flags[i]]));
      const incomplete = posts.map((p) => p.post.postId).filter((id) => !stored.get(id));
      expect([...e.ids].sort()).toEqual(incomplete.sort());
      expect([...e.partial.writtenIds, ...e.ids].sort()).toEqual(posts.map((p) => p.post.postId).sort());
      for (const id of e.partial.writtenIds) expect(stored.get(id)).toBe(true);
      // a retry of the same batch (as Lambda would do) completes the job
      const retried = await repo.putPosts(posts);
      expect(retried.written.sort()).toEqual(posts.map((p) => p.post.postId).sort());
      expect(await Promise.all(posts.map((p) => fullyStored(tableName, p)))).toEqual(posts.map(() => true));
    });
  },
);

describe('edits under partial failure (read-then-write)', () => {
  it('deletes index items of removed hashtags on the retry after the deletes were left unprocessed', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const repo = new DynamoPostsRepository({
      client: dynamo.client,
      tableName,
      ttlDays: 30,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    await repo.putPosts([post({ id: 'p', tags: ['a', 'b'] })]);
    const v2 = post({ id: 'p', editedAt: '2025-01-15T13:00:00.000Z', tags: ['b', 'c'] });
    type Req = { PutRequest?: unknown; DeleteRequest?: unknown };
    type Handler = (args: { input: object }) => Promise<{ output: object; response: unknown }>;
    const holdDeletes =
      (next: Handler, context: { commandName?: string }): Handler =>
      async (args) => {
        const input = args.input as { RequestItems?: Record<string, Req[]> };
        if (context.commandName !== 'BatchWriteItemCommand' || !input.RequestItems?.[tableName]) return next(args);
        const all = input.RequestItems[tableName] ?? [];
        const result = await next({
          ...args,
          input: { ...input, RequestItems: { [tableName]: all.filter((r) => !r.DeleteRequest) } },
        });
        return {
          ...result,
          output: { ...result.output, UnprocessedItems: { [tableName]: all.filter((r) => r.DeleteRequest) } },
        };
      };
    // A fault injectFaults has no rule for: only the deletes of the call are left unprocessed.
    dynamo.client.middlewareStack.add(holdDeletes as never, { step: 'initialize', name: 'holdDeletes' });
    // act
    const err = await repo.putPosts([v2]).catch((e: unknown) => e);
    dynamo.client.middlewareStack.remove('holdDeletes');
    const retried = await repo.putPosts([v2]);
    // assess
    expect(err).toBeInstanceOf(UnprocessedItemsError);
    expect((err as UnprocessedItemsError).ids).toEqual(['p']);
    expect((err as UnprocessedItemsError).keys).toEqual([{ pk: 'TAG#a', sk: '2025-01-15T12:00:00.000Z#p' }]);
    expect(retried.written).toEqual(['p']);
    expect((await repo.recentPostsByHashtag('a')).items).toEqual([]);
    expect((await repo.recentPostsByHashtag('c')).items.map((s) => s.postId)).toEqual(['p']);
  });
});

describe('other repositories under injected faults', () => {
  it('quarantines every record despite UnprocessedItems and throttling', async () => {
    // prepare
    const tableName = await dynamo.freshTable('quarantine');
    const repo = new DynamoQuarantineRepository({ client: dynamo.client, tableName, ttlDays: 14, retry: FAST_RETRY });
    const records = Array.from({ length: 80 }, (_, i) => poison(String(500 + i)));
    const faults = injectFaults(dynamo.client, { seed: 3, rules: HARSH });
    // act
    await repo.quarantine(records);
    faults.remove();
    // assess
    expect((await repo.listAll()).map((r) => r.sequenceNumber)).toEqual(records.map((r) => r.sequenceNumber));
  });

  it('writes a window row despite throttling, and names it when it cannot', async () => {
    // prepare
    const tableName = await dynamo.freshTable('trends');
    const repo = new DynamoTrendsRepository({
      client: dynamo.client,
      tableName,
      ttlDays: 90,
      retry: { ...FAST_RETRY, maxAttempts: 4 },
    });
    const ok: WindowAggregate = row('2025-01-15T12:00:00.000Z');
    const doomed: WindowAggregate = row('2025-01-15T12:00:30.000Z');
    const flaky = injectFaults(dynamo.client, {
      seed: 5,
      rules: [
        { kind: 'error', commands: ['BatchWriteItem'], error: 'ThrottlingException', probability: 1, maxInjections: 3 },
      ],
    });
    // act
    await repo.putWindow(ok);
    flaky.remove();
    const down = injectFaults(dynamo.client, {
      seed: 5,
      rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 1 }],
    });
    const err = await repo.putWindow(doomed).catch((e: unknown) => e);
    down.remove();
    // assess
    expect(flaky.counts().byKind.error).toBe(3);
    expect(await repo.queryWindows(new Date('2025-01-15T12:00:00Z'), new Date('2025-01-15T12:01:00Z'))).toEqual([ok]);
    expect(err).toBeInstanceOf(UnprocessedItemsError);
    expect((err as UnprocessedItemsError).ids).toEqual([
      'DAY#2025-01-15/2025-01-15T12:00:30.000Z#shardId-000000000000#000000',
    ]);
  });

  it('stops at once on a non-retryable error and says so', async () => {
    // prepare
    const repo = new DynamoPostsRepository({
      client: dynamo.client,
      tableName: 'no-such-table',
      ttlDays: 30,
      retry: FAST_RETRY,
    });
    // act
    const err = await repo.putPosts(samplePosts(3, 9)).catch((e: unknown) => e);
    // assess
    expect(err).toBeInstanceOf(UnprocessedItemsError);
    expect((err as UnprocessedItemsError).ids).toHaveLength(3);
    expect((err as UnprocessedItemsError).cause).toBeDefined();
  });
});
