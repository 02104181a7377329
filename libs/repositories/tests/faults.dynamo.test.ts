// Nothing is lost under the faults AWS produces and dynalite cannot: UnprocessedItems,
// throttling, 5xx, timeouts after the write took effect. Either every item ends up stored, or
// the typed error names exactly the records left unwritten.
import type { EnrichedPost, WindowAggregate } from '@streamlens/schemas';
import { injectFaults, makeEnrichedPost, socialPostStream, take, type FaultRule } from '@streamlens/testing';
import {
  DynamoPostsReader,
  DynamoPostsWriter,
  DynamoQuarantineRepository,
  DynamoTrendsRepository,
  UnprocessedItemsError,
} from '../src';
import { auditPostsIndex } from '../src/testing';
import { poison } from './contracts/quarantine.contract';
import { row } from './contracts/trends.contract';
import { FAST_RETRY, startLocalDynamo, type LocalDynamo } from './helpers/local-dynamo';
import { post } from './helpers/posts';

jest.setTimeout(60_000);

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
    commands: ['BatchWriteItem', 'BatchGetItem', 'PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'],
    error: 'ProvisionedThroughputExceededException',
    probability: 0.15,
  },
  {
    kind: 'error',
    commands: ['BatchWriteItem', 'PutItem', 'UpdateItem'],
    error: 'InternalServerError',
    probability: 0.05,
  },
  {
    kind: 'timeout',
    commands: ['BatchWriteItem', 'PutItem', 'UpdateItem'],
    delayMs: 1,
    applied: true,
    probability: 0.05,
  },
];

function samplePosts(n: number, seed: number) {
  return take(socialPostStream({ seed }), n).map((p, i) => ({
    ...makeEnrichedPost(p, { sequenceNumber: String(1000 + i) }),
    hashtags: ['fault', `t${i % 7}`],
  }));
}

/** Every post stored at its version and the index exact (audited on the raw table). */
async function expectExactlyStored(tableName: string, posts: readonly EnrichedPost[]): Promise<void> {
  const reader = new DynamoPostsReader({ client: dynamo.client, tableName });
  for (const e of posts) expect(await reader.getPost(e.post.postId)).toEqual(e);
  const audit = await auditPostsIndex(dynamo.client, tableName);
  expect(audit).toMatchObject({ staleEntries: [], missingEntries: [], emptyGroups: [] });
  expect(audit.entries).toBe(posts.reduce((n, e) => n + new Set(e.hashtags).size, 0));
}

/** A writer that gives up after 2 attempts (so a bound is reached within a test). */
function writerWithTwoAttempts(tableName: string): DynamoPostsWriter {
  return new DynamoPostsWriter({
    client: dynamo.client,
    tableName,
    ttlDays: 30,
    retry: { ...FAST_RETRY, maxAttempts: 2 },
  });
}

describe('posts under injected faults', () => {
  it('stores every post and index entry despite UnprocessedItems, throttling, 5xx and applied timeouts', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const repo = new DynamoPostsWriter({ client: dynamo.client, tableName, ttlDays: 30, retry: FAST_RETRY });
    const posts = samplePosts(80, 1);
    const faults = injectFaults(dynamo.client, { seed: 42, rules: HARSH });
    // act
    const result = await repo.putPosts(posts);
    faults.remove();
    // assess
    const counts = faults.counts();
    expect(counts.byKind.error + counts.byKind.unprocessedItems).toBeGreaterThan(5);
    expect(result.written.sort()).toEqual(posts.map((p) => p.post.postId).sort());
    await expectExactlyStored(tableName, posts);
  });

  it('names exactly the posts left unwritten when the retry bound runs out, and a retry completes them', async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const repo = writerWithTwoAttempts(tableName);
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
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName });
    const stored = new Set<string>();
    for (const p of posts) if ((await reader.getPost(p.post.postId)) !== undefined) stored.add(p.post.postId);
    expect([...e.partial.writtenIds, ...e.ids].sort()).toEqual(posts.map((p) => p.post.postId).sort());
    for (const id of e.partial.writtenIds) expect(stored.has(id)).toBe(true);
    for (const id of e.ids) expect(stored.has(id)).toBe(false);
    // the index never names a post that is not stored
    expect((await auditPostsIndex(dynamo.client, tableName)).missingEntries).toEqual([]);
    // a retry of the same batch (as Lambda would do) completes the job
    const retried = await repo.putPosts(posts);
    expect(retried.written.sort()).toEqual(posts.map((p) => p.post.postId).sort());
    await expectExactlyStored(tableName, posts);
  });
});

describe('edits under partial failure', () => {
  it("removes the replaced version's entries on the retry after their removal failed", async () => {
    // prepare
    const tableName = await dynamo.freshTable('posts');
    const repo = writerWithTwoAttempts(tableName);
    const reader = new DynamoPostsReader({ client: dynamo.client, tableName });
    await repo.putPosts([post({ id: 'p', tags: ['a', 'b'] })]);
    const v2 = post({ id: 'p', editedAt: '2025-01-15T13:00:00.000Z', tags: ['b', 'c'] });
    type Handler = (args: { input: object }) => Promise<unknown>;
    const failRemovals =
      (next: Handler, context: { commandName?: string }): Handler =>
      async (args) => {
        const input = args.input as { UpdateExpression?: string };
        if (context.commandName === 'UpdateItemCommand' && input.UpdateExpression?.startsWith('DELETE'))
          throw Object.assign(new Error('injected: removal refused'), { name: 'AccessDeniedException' });
        return next(args);
      };
    // A fault injectFaults has no rule for: only the index removals of the call fail.
    dynamo.client.middlewareStack.add(failRemovals as never, { step: 'initialize', name: 'failRemovals' });
    // act
    const err = await repo.putPosts([v2]).catch((e: unknown) => e);
    const listedMeanwhile = (await reader.recentPostsByHashtag('a')).items;
    dynamo.client.middlewareStack.remove('failRemovals');
    const retried = await repo.putPosts([v2]);
    // assess
    expect(err).toBeInstanceOf(UnprocessedItemsError);
    expect((err as UnprocessedItemsError).ids).toEqual(['p']);
    expect((err as UnprocessedItemsError).keys[0]?.pk).toBe('TAGS#a'); // the bucket of 'a'
    expect(listedMeanwhile).toEqual([]);
    expect(retried.written).toEqual(['p']);
    expect((await reader.recentPostsByHashtag('a')).items).toEqual([]);
    expect((await reader.recentPostsByHashtag('c')).items.map((s) => s.postId)).toEqual(['p']);
    await expectExactlyStored(tableName, [v2]);
    expect((await auditPostsIndex(dynamo.client, tableName)).pendingStale).toEqual([]);
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
    const repo = new DynamoPostsWriter({
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
