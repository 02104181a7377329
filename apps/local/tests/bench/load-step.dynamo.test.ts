// The e2e benchmark reads a step's stored posts back from the posts table: it must read the
// item layout the repositories write (a layout change once made every step report 0 stored).
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsWriter } from '@streamlens/repositories';
import { TABLE_SPECS } from '@streamlens/tables';
import { makeEnrichedPost, makeSocialPost } from '@streamlens/testing';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readStoredPosts } from '../../bench/load-step';

let dynalite: RunningEmulator;
let client: DynamoDBClient;
beforeAll(async () => {
  dynalite = await startDynalite();
  client = makeDynamoClient(dynalite.endpoint);
});
afterAll(async () => {
  client.destroy();
  await dynalite.close();
});

describe('readStoredPosts', () => {
  it('finds the posts of the step as the posts writer stores them, with their times and records', async () => {
    // prepare: two posts of the step, one post of another producer
    const tableName = 'load-step-posts';
    await ensureTable(client, tableName, TABLE_SPECS.posts);
    const createdAt = new Date(Date.now() - 1_000).toISOString();
    const posts = ['s1', 's2', 'other'].map((postId, i) =>
      makeEnrichedPost(makeSocialPost({ postId, createdAt, text: `post ${i} #bench` }), {
        sequenceNumber: `4959033827149025660855969253836157109592157598913658889${i}`,
        arrivedAt: Date.parse(createdAt) + 100,
      }),
    );
    await new DynamoPostsWriter({ client, tableName, ttlDays: 1 }).putPosts(posts);
    const producedAt = new Map([
      ['s1', 11],
      ['s2', 22],
    ]);
    // act
    const stored = await readStoredPosts(client, tableName, producedAt, Date.parse(createdAt) - 5_000);
    // assess
    expect(stored.map((s) => s.producedAt).sort()).toEqual([11, 22]);
    for (const [i, s] of [...stored].sort((a, b) => a.producedAt - b.producedAt).entries()) {
      const post = posts[i];
      expect(s).toEqual({
        producedAt: i === 0 ? 11 : 22,
        arrivedAt: post?.lineage.arrivedAt,
        ingestedAt: Date.parse(post?.ingestedAt ?? ''),
        eventId: `${post?.lineage.shardId}:${post?.lineage.sequenceNumber}`,
      });
    }
  });
});
