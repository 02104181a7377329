// The record processor with the real DynamoDB repositories on dynalite, under faults dynalite
// cannot produce (injected with SDK middleware): throttling, UnprocessedItems, timeouts.
// The property that matters: everything before the reported checkpoint is stored.
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsReader, DynamoPostsWriter, DynamoQuarantineRepository } from '@streamlens/repositories';
import { TABLE_SPECS } from '@streamlens/tables';
import { injectFaults, makeSocialPost, type FaultRule } from '@streamlens/testing';
import { compareSequenceNumbers } from '@streamlens/kinesis';
import { makeRecordProcessor } from '../../src/record-processor';
import { RecordingLogger, RecordingMetrics } from '../helpers/fakes';
import { kinesisEvent, kinesisRecord, postRecord, seq } from '../helpers/records';

jest.setTimeout(30_000);

let dynalite: RunningEmulator;
let tableSeq = 0;
const RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

beforeAll(async () => {
  dynalite = await startDynalite();
});

afterAll(async () => {
  await dynalite?.close();
});

async function setup(rules: FaultRule[]) {
  const faulty = makeDynamoClient(dynalite.endpoint);
  const clean = makeDynamoClient(dynalite.endpoint);
  const postsTable = `posts-${++tableSeq}`;
  const quarantineTable = `quarantine-${tableSeq}`;
  await ensureTable(clean, postsTable, TABLE_SPECS.posts);
  await ensureTable(clean, quarantineTable, TABLE_SPECS.quarantine);
  const faults = injectFaults(faulty, { seed: 42, rules });
  const posts = new DynamoPostsWriter({ client: faulty, tableName: postsTable, ttlDays: 30, retry: RETRY });
  const reader = new DynamoPostsReader({ client: clean, tableName: postsTable });
  const quarantine = new DynamoQuarantineRepository({ client: clean, tableName: quarantineTable, ttlDays: 30 });
  const process = makeRecordProcessor({
    posts,
    quarantine,
    clock: Date.now,
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
  });
  const close = () => {
    faulty.destroy();
    clean.destroy();
  };
  return { process, reader, quarantine, faults, close };
}

function batch(n: number) {
  const posts = Array.from({ length: n }, (_, i) =>
    makeSocialPost({ postId: `f-${i}`, text: `post ${i} #tag${i % 5} #common` }, i + 1),
  );
  return {
    posts,
    event: kinesisEvent([
      ...posts.map((p, i) => postRecord(p, seq(i + 1))),
      kinesisRecord(new TextEncoder().encode('junk'), seq(n + 1)),
    ]),
  };
}

it('reports the lowest record when every write is throttled past the retry bound, and quarantines poison anyway', async () => {
  // prepare
  const { process, reader, quarantine, close } = await setup([
    { kind: 'error', commands: ['BatchWriteItem'], error: 'ProvisionedThroughputExceededException', probability: 1 },
  ]);
  const { event } = batch(10);
  // act
  const response = await process(event);
  // assess
  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(1) }] });
  expect(await reader.getPost('f-0')).toBeUndefined();
  expect((await quarantine.listAll()).map((q) => [q.sequenceNumber, q.reason])).toEqual([[seq(11), 'not-json']]);
  close();
});

it('with partial UnprocessedItems, everything before the reported checkpoint is fully stored; a retry completes the batch', async () => {
  // prepare
  const { process, reader, faults, close } = await setup([
    { kind: 'unprocessedItems', commands: ['BatchWriteItem'], probability: 1, fraction: 0.3 },
  ]);
  const { posts, event } = batch(40);
  // act
  const response = await process(event);
  // assess
  const [failure] = response.batchItemFailures;
  expect(failure).toBeDefined();
  const checkpoint = failure?.itemIdentifier as string;
  for (const [i, p] of posts.entries()) {
    if (compareSequenceNumbers(seq(i + 1), checkpoint) >= 0) break;
    const stored = await reader.getPost(p.postId);
    expect(stored?.post).toEqual(p);
    const tagged = await reader.recentPostsByHashtag(`tag${i % 5}`, { limit: 100 });
    expect(tagged.items.map((t) => t.postId)).toContain(p.postId);
  }
  // act: Lambda re-delivers from the checkpoint on, now without faults
  faults.remove();
  const retried = await process(
    kinesisEvent(event.Records.filter((r) => compareSequenceNumbers(r.kinesis.sequenceNumber, checkpoint) >= 0)),
  );
  // assess
  expect(retried).toEqual({ batchItemFailures: [] });
  for (const p of posts) expect((await reader.getPost(p.postId))?.post).toEqual(p);
  close();
});

it('treats a timeout as transient even when the write took effect, and the retry is idempotent', async () => {
  // prepare
  const { process, reader, faults, close } = await setup([
    { kind: 'timeout', commands: ['BatchWriteItem'], delayMs: 5, applied: true, probability: 1 },
  ]);
  const { posts, event } = batch(3);
  // act
  const first = await process(event);
  faults.remove();
  const second = await process(event);
  // assess
  expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: seq(1) }] });
  expect(second).toEqual({ batchItemFailures: [] });
  const stored = await reader.getPost('f-1');
  expect(stored?.post).toEqual(posts[1]);
  expect(stored?.lineage.sequenceNumber).toBe(seq(2));
  close();
});
