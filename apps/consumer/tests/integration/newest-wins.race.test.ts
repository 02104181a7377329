// Newest version wins under any interleaving of writers (#16 defect 4): several record
// processors on different shards plus a redrive replaying one shard's events race over the same
// post ids against real dynalite, behind the fault proxy, which holds every DynamoDB request a
// random 0–40 ms so reads and writes of different writers interleave in every order. After each
// round every post must be stored at its newest version and the drill-down must list exactly the
// posts whose newest version carries the hashtag: 0 stale posts, 0 stale index entries.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsReader, DynamoPostsWriter, DynamoQuarantineRepository } from '@streamlens/repositories';
import { auditPostsIndex } from '@streamlens/repositories/testing';
import { recordVersionKey, type SocialPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { createRng, startFaultProxy, type FaultProxy, type Rng } from '@streamlens/testing';
import type { KinesisStreamRecord } from 'aws-lambda';
import { makeRecordProcessor } from '../../src/record-processor';
import { RecordingLogger, RecordingMetrics } from '../helpers/fakes';
import { kinesisEvent, postRecord, seq } from '../helpers/records';

jest.setTimeout(240_000);

const ROUNDS = Number(process.env['RACE_ROUNDS'] ?? 12);
const POSTS = 10;
const VERSIONS = 4;
const SHARDS = ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002'];
const TAGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const CREATED = Date.UTC(2025, 0, 15, 12);

let dynalite: RunningEmulator;
let proxy: FaultProxy;
let direct: DynamoDBClient;
let table = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  direct = makeDynamoClient(dynalite.endpoint);
  proxy = await startFaultProxy({
    target: dynalite.endpoint,
    seed: 16,
    rules: [
      {
        kind: 'delay',
        operations: ['BatchGetItem', 'BatchWriteItem', 'PutItem', 'UpdateItem', 'GetItem', 'Query'],
        maxDelayMs: 40,
        probability: 1,
      },
    ],
  });
});

afterAll(async () => {
  direct?.destroy();
  await proxy?.close();
  await dynalite?.close();
});

/** One version of one post, with the shard it is put on and its position there. */
interface Put {
  readonly post: SocialPost;
  readonly shard: string;
  readonly sequenceNumber: string;
}

function tagsOf(rng: Rng): string[] {
  const picked = TAGS.filter(() => rng.chance(0.45));
  return picked.length > 0 ? picked : [rng.pick(TAGS)];
}

/** POSTS ids × VERSIONS versions (distinct edit times, different hashtags), spread over the shards. */
function makeRound(rng: Rng, round: number): { byShard: Map<string, Put[]>; newest: Map<string, Put> } {
  const byShard = new Map<string, Put[]>(SHARDS.map((s) => [s, []]));
  const newest = new Map<string, Put>();
  const counters = new Map<string, number>();
  const all: Put[] = [];
  for (let p = 0; p < POSTS; p++) {
    const postId = `r${round}-p${p}`;
    for (let v = 0; v < VERSIONS; v++) {
      const tags = tagsOf(rng);
      const post: SocialPost = {
        schemaVersion: 1,
        postId,
        source: 'x',
        author: { id: 'u1', handle: 'racer' },
        text: `version ${v} ${tags.map((t) => `#${t}`).join(' ')}`,
        createdAt: new Date(CREATED).toISOString(),
        // Versions 5 ms apart, written to the nanosecond (the digits past the ms are random).
        editedAt: `2025-01-15T12:00:00.${String(100 + v * 5)}${String(rng.int(0, 999_999)).padStart(6, '0')}Z`,
      };
      all.push({ post, shard: '', sequenceNumber: '' });
    }
  }
  // Shuffle, then deal to shards: versions of one id land on several shards in any order.
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j] as Put, all[i] as Put];
  }
  for (const put of all) {
    const shard = rng.pick(SHARDS);
    const n = (counters.get(shard) ?? 0) + 1;
    counters.set(shard, n);
    const placed = { ...put, shard, sequenceNumber: seq(n) };
    byShard.get(shard)?.push(placed);
    const key = (x: Put) => recordVersionKey(x.post, { sequenceNumber: x.sequenceNumber });
    const prior = newest.get(put.post.postId);
    if (!prior || key(placed) > key(prior)) newest.set(put.post.postId, placed);
  }
  return { byShard, newest };
}

function writerAndReader(client: DynamoDBClient, tableName: string) {
  return {
    writer: new DynamoPostsWriter({ client, tableName, ttlDays: 30 }),
    reader: new DynamoPostsReader({ client, tableName }),
  };
}

async function runShard(puts: readonly Put[], client: DynamoDBClient, tables: { posts: string; q: string }) {
  const { writer } = writerAndReader(client, tables.posts);
  const process = makeRecordProcessor({
    posts: writer,
    quarantine: new DynamoQuarantineRepository({ client, tableName: tables.q, ttlDays: 30 }),
    clock: () => CREATED + 60_000,
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
  });
  const records: KinesisStreamRecord[] = puts.map((p) => postRecord(p.post, p.sequenceNumber, { shardId: p.shard }));
  // Batches of 5 in stream order, as the mapping sends them; a failed batch is retried from its
  // lowest failure, as Lambda does.
  for (let i = 0; i < records.length;) {
    const batch = records.slice(i, i + 5);
    const failed = (await process(kinesisEvent(batch))).batchItemFailures[0]?.itemIdentifier;
    i += failed === undefined ? batch.length : batch.findIndex((r) => r.kinesis.sequenceNumber === failed);
  }
}

it(`stores every post at its newest version with an exact hashtag index, whatever the interleaving (${ROUNDS} rounds)`, async () => {
  const rng = createRng(Number(process.env['RACE_SEED'] ?? 2016));
  const stale: string[] = [];
  let entries = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // prepare
    const tables = { posts: `race-${++table}-posts`, q: `race-${table}-q` };
    await ensureTable(direct, tables.posts, TABLE_SPECS.posts);
    await ensureTable(direct, tables.q, TABLE_SPECS.quarantine);
    const { byShard, newest } = makeRound(rng, round);
    const clients = [...SHARDS, 'redrive'].map(() => makeDynamoClient(proxy.endpoint));
    // act: one processor per shard and a redrive of shard 0, all at once
    await Promise.all([
      ...SHARDS.map((s, i) => runShard(byShard.get(s) ?? [], clients[i] as DynamoDBClient, tables)),
      runShard(byShard.get(SHARDS[0] as string) ?? [], clients[SHARDS.length] as DynamoDBClient, tables),
    ]);
    clients.forEach((c) => c.destroy());
    // assess
    const { reader } = writerAndReader(direct, tables.posts);
    for (const [postId, put] of newest) {
      const stored = await reader.getPost(postId);
      if (stored?.post.editedAt !== put.post.editedAt)
        stale.push(`round ${round}: ${postId} stored ${stored?.post.editedAt}, newest ${put.post.editedAt}`);
    }
    for (const tag of TAGS) {
      const listed = (await reader.recentPostsByHashtag(tag, { limit: 100 })).items.map((s) => s.postId).sort();
      const expected = [...newest.values()]
        .filter((p) => p.post.text.split(' ').includes(`#${tag}`))
        .map((p) => p.post.postId)
        .sort();
      if (JSON.stringify(listed) !== JSON.stringify(expected))
        stale.push(`round ${round}: #${tag} lists [${listed.join(', ')}], expected [${expected.join(', ')}]`);
    }
    // The table itself, not only what the drill-down shows: no entry a stored version does not name.
    const audit = await auditPostsIndex(direct, tables.posts);
    stale.push(
      ...[...audit.staleEntries, ...audit.missingEntries, ...audit.emptyGroups].map((e) => `round ${round}: ${e}`),
    );
    entries += audit.entries;
  }
  expect(stale).toEqual([]);
  expect(entries).toBeGreaterThan(ROUNDS * POSTS);
  expect(proxy.counts().byKind.delay).toBeGreaterThan(100);
});
