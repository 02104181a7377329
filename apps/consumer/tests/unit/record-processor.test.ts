import { UnprocessedItemsError } from '@streamlens/repositories';
import { makeSocialPost } from '@streamlens/testing';
import type { SocialPost } from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { makeRecordProcessor } from '../../src/record-processor';
import {
  RecordingLogger,
  RecordingMetrics,
  ScriptedPostsRepository,
  ScriptedQuarantineRepository,
  type PostsScript,
} from '../helpers/fakes';
import {
  ARRIVED_AT,
  SHARD_ID,
  aggregateRecord,
  kinesisEvent,
  kinesisRecord,
  postBytes,
  postRecord,
  seq,
} from '../helpers/records';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 1, 0);
const utf8 = (s: string) => new TextEncoder().encode(s);

function setup(script: PostsScript = {}, options: { maxRecordBytes?: number } = {}) {
  const posts = new ScriptedPostsRepository(script);
  const quarantine = new ScriptedQuarantineRepository();
  const logger = new RecordingLogger();
  const metrics = new RecordingMetrics();
  let now = NOW;
  // Each clock read advances 5 ms: start and end of a batch differ.
  const clock = () => (now += 5) - 5;
  const process = makeRecordProcessor({ posts, quarantine, clock, logger, metrics, ...options });
  return { posts, quarantine, logger, metrics, process };
}

function post(id: string, overrides: Partial<SocialPost> = {}): SocialPost {
  return makeSocialPost({ postId: id, ...overrides }, id.length * 7 + id.charCodeAt(id.length - 1));
}

describe('makeRecordProcessor: valid posts', () => {
  it('stores every post with its enrichment and lineage, in ONE putPosts call, and reports no failure', async () => {
    // prepare
    const { posts, metrics, process } = setup();
    const p1 = post('p1', { text: 'Loving the #Café vibes with @ana https://example.com/x 😀', lang: 'pt-br' });
    const p2 = post('p2');
    const event = kinesisEvent([postRecord(p1, seq(1)), postRecord(p2, seq(2), { arrivedAtMs: ARRIVED_AT + 40 })]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(posts.calls).toEqual([2]);
    const stored = await posts.getPost('p1');
    expect(stored?.post).toEqual(p1);
    expect(stored?.hashtags).toEqual(['café']);
    expect(stored?.mentions).toEqual(['ana']);
    expect(stored?.urls).toEqual(['https://example.com/x']);
    expect(stored?.language).toBe('pt-BR');
    expect(stored?.sentiment.score).toBeGreaterThan(0);
    expect(stored?.ingestedAt).toBe(new Date(NOW).toISOString());
    expect(stored?.lineage).toEqual({ shardId: SHARD_ID, sequenceNumber: seq(1), arrivedAt: ARRIVED_AT });
    expect((await posts.getPost('p2'))?.lineage).toEqual({
      shardId: SHARD_ID,
      sequenceNumber: seq(2),
      arrivedAt: ARRIVED_AT + 40,
    });
    expect(metrics.flushed).toHaveLength(1);
    expect(metrics.last()).toMatchObject({
      RecordsIn: 2,
      UserRecordsIn: 2,
      PostsWritten: 2,
      Quarantined: 0,
      FailuresReported: 0,
      BatchLatency: 5,
      NewestRecordAgeMs: NOW - (ARRIVED_AT + 40),
    });
  });

  it('collapses duplicate records of one post into one stored item', async () => {
    // prepare
    const { posts, metrics, process } = setup();
    const p = post('dup');
    const event = kinesisEvent([postRecord(p, seq(1)), postRecord(p, seq(2)), postRecord(p, seq(3))]);
    // act
    const response = await process(event);
    // assess
    expect(response.batchItemFailures).toEqual([]);
    expect(posts.store.size).toBe(1);
    expect(metrics.last()).toMatchObject({ RecordsIn: 3, PostsWritten: 1 });
  });

  it('keeps the newest version when an edit and its original arrive in one batch', async () => {
    // prepare
    const { posts, process } = setup();
    const original = post('e1', { text: 'first #a', createdAt: '2025-01-15T11:00:00Z' });
    const edit = { ...original, text: 'second #b', editedAt: '2025-01-15T11:05:00Z' };
    // act
    await process(kinesisEvent([postRecord(edit, seq(1)), postRecord(original, seq(2))]));
    // assess
    expect((await posts.getPost('e1'))?.post.text).toBe('second #b');
  });

  it('stores every sub-record of a KPL aggregate with the parent sequence and its sub-sequence number', async () => {
    // prepare
    const { posts, metrics, process } = setup();
    const subs = [post('a0'), post('a1'), post('a2')];
    // act
    const response = await process(kinesisEvent([aggregateRecord(subs.map(postBytes), seq(5))]));
    // assess
    expect(response.batchItemFailures).toEqual([]);
    for (const [i, p] of subs.entries()) {
      expect((await posts.getPost(p.postId))?.lineage).toEqual({
        shardId: SHARD_ID,
        sequenceNumber: seq(5),
        subSequenceNumber: i,
        arrivedAt: ARRIVED_AT,
      });
    }
    expect(metrics.last()).toMatchObject({ RecordsIn: 1, UserRecordsIn: 3, PostsWritten: 3 });
  });

  it('answers an empty batch with no failures and still flushes metrics once', async () => {
    // prepare
    const { posts, metrics, process } = setup();
    // act
    const response = await process(kinesisEvent([]));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(posts.calls).toEqual([]);
    expect(metrics.flushed).toHaveLength(1);
    expect(metrics.last()).toMatchObject({ RecordsIn: 0 });
    expect(metrics.last()).not.toHaveProperty('NewestRecordAgeMs');
  });
});

describe('makeRecordProcessor: poison is quarantined, not reported', () => {
  const valid = post('v1');
  const json = JSON.stringify(valid);
  const cases: { reason: string; bytes: () => Uint8Array; details: RegExp }[] = [
    { reason: 'not-utf8', bytes: () => Uint8Array.of(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d), details: /UTF-8.*offset 2/ },
    { reason: 'not-json', bytes: () => utf8(json.slice(0, 30)), details: /not JSON/ },
    { reason: 'schema-violation', bytes: () => postBytes({ ...valid, author: { id: '' } }), details: /author/ },
    { reason: 'unknown-version', bytes: () => postBytes({ ...valid, schemaVersion: 7 }), details: /version 7/ },
    { reason: 'too-large', bytes: () => postBytes({ ...valid, text: 'x'.repeat(3000) }), details: /maximum of 2048/ },
    { reason: 'corrupt-aggregate', bytes: () => Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2, 1, 2, 3), details: /corrupt/ },
  ];

  it.each(cases)(
    '$reason: quarantined with payload, reason, shard and sequence; batch succeeds',
    async ({ reason, bytes, details }) => {
      // prepare
      const { quarantine, posts, metrics, process } = setup({}, { maxRecordBytes: 2048 });
      const payload = bytes();
      const event = kinesisEvent([
        postRecord(post('ok1'), seq(1)),
        kinesisRecord(payload, seq(2), { arrivedAtMs: ARRIVED_AT + 7 }),
        postRecord(post('ok2'), seq(3)),
      ]);
      // act
      const response = await process(event);
      // assess
      expect(response).toEqual({ batchItemFailures: [] });
      const [q, ...more] = await quarantine.listAll();
      expect(more).toEqual([]);
      expect(q).toMatchObject({
        shardId: SHARD_ID,
        sequenceNumber: seq(2),
        arrivedAt: ARRIVED_AT + 7,
        reason,
        quarantinedAt: new Date(NOW).toISOString(),
        payloadBytes: payload.length,
        payloadTruncated: false,
      });
      expect(q?.subSequenceNumber).toBeUndefined();
      expect(Buffer.from(q?.payload ?? []).equals(Buffer.from(payload))).toBe(true);
      expect(q?.errorDetails).toMatch(details);
      expect(await posts.getPost('ok1')).toBeDefined();
      expect(await posts.getPost('ok2')).toBeDefined();
      expect(metrics.last()).toMatchObject({
        Quarantined: 1,
        [`Quarantined.${reason}`]: 1,
        FailuresReported: 0,
        PostsWritten: 2,
      });
    },
  );

  it('answers a batch of only poison with an empty failure list and no write', async () => {
    // prepare
    const { quarantine, posts, process } = setup();
    const event = kinesisEvent([
      kinesisRecord(utf8('nope'), seq(1)),
      kinesisRecord(utf8('{}'), seq(2)),
      kinesisRecord(Uint8Array.of(0xc0), seq(3)),
    ]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await quarantine.listAll()).map((q) => [q.sequenceNumber, q.reason])).toEqual([
      [seq(1), 'not-json'],
      [seq(2), 'schema-violation'],
      [seq(3), 'not-utf8'],
    ]);
    expect(posts.calls).toEqual([]);
  });

  it('logs the first 10 quarantined records one by one and the rest as a count', async () => {
    // prepare
    const { quarantine, logger, process } = setup();
    const event = kinesisEvent(Array.from({ length: 13 }, (_, i) => kinesisRecord(utf8(`junk ${i}`), seq(i + 1))));
    // act
    await process(event);
    // assess
    expect(await quarantine.listAll()).toHaveLength(13);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.message)).toEqual([
      ...Array(10).fill('record quarantined'),
      'more records quarantined',
    ]);
    expect(warnings[10]?.attributes).toEqual({ count: 3 });
  });

  it('stores the good sub-records of an aggregate and quarantines the bad one with its sub-sequence number', async () => {
    // prepare
    const { quarantine, posts, process } = setup();
    const bad = utf8('{"schemaVersion":1,"postId":');
    const event = kinesisEvent([aggregateRecord([postBytes(post('g0')), bad, postBytes(post('g2'))], seq(9))]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await posts.getPost('g0'))?.lineage.subSequenceNumber).toBe(0);
    expect((await posts.getPost('g2'))?.lineage.subSequenceNumber).toBe(2);
    const [q] = await quarantine.listAll();
    expect(q).toMatchObject({
      sequenceNumber: seq(9),
      subSequenceNumber: 1,
      reason: 'not-json',
      payloadBytes: bad.length,
    });
    expect(Buffer.from(q?.payload ?? []).toString()).toBe('{"schemaVersion":1,"postId":');
  });

  it('quarantines the whole aggregate (parent payload, no sub-sequence) when its checksum is wrong', async () => {
    // prepare
    const { quarantine, posts, process } = setup();
    const record = aggregateRecord([postBytes(post('c0')), postBytes(post('c1'))], seq(4));
    const bytes = Buffer.from(record.kinesis.data, 'base64');
    bytes.writeUInt8((bytes.at(-1) as number) ^ 0x01, bytes.length - 1);
    record.kinesis.data = bytes.toString('base64');
    // act
    const response = await process(kinesisEvent([record]));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    const [q] = await quarantine.listAll();
    expect(q).toMatchObject({ sequenceNumber: seq(4), reason: 'corrupt-aggregate', payloadBytes: bytes.length });
    expect(q?.subSequenceNumber).toBeUndefined();
    expect(q?.errorDetails).toMatch(/MD5/);
    expect(await posts.getPost('c0')).toBeUndefined();
  });

  it.each([
    { script: { tooLarge: ['big'] }, reason: 'item-too-large', details: /item limit/ },
    { script: { unstorable: ['big'] }, reason: 'unstorable', details: /createdAt/ },
  ])(
    'quarantines posts the repository rejects ($reason) with their record position',
    async ({ script, reason, details }) => {
      // prepare
      const { quarantine, posts, metrics, process } = setup(script);
      const big = post('big');
      const event = kinesisEvent([
        postRecord(post('small'), seq(1)),
        aggregateRecord([postBytes(post('x0')), postBytes(big)], seq(2)),
      ]);
      // act
      const response = await process(event);
      // assess
      expect(response).toEqual({ batchItemFailures: [] });
      const [q, ...more] = await quarantine.listAll();
      expect(more).toEqual([]);
      expect(q).toMatchObject({ shardId: SHARD_ID, sequenceNumber: seq(2), subSequenceNumber: 1, reason });
      expect(q?.errorDetails).toMatch(details);
      expect(JSON.parse(Buffer.from(q?.payload ?? []).toString())).toEqual(big);
      expect(await posts.getPost('x0')).toBeDefined();
      expect(metrics.last()).toMatchObject({ Quarantined: 1, [`Quarantined.${reason}`]: 1, PostsWritten: 2 });
    },
  );
});

describe('makeRecordProcessor: transient failures report the lowest parent sequence number', () => {
  const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
  });

  it('reports only the lowest failing record when posts in the middle are not written', async () => {
    // prepare
    const { posts, metrics, process } = setup({ unwritten: ['m3', 'm5'] });
    const records = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id, i) => postRecord(post(id), seq(i + 1)));
    // act
    const response = await process(kinesisEvent(records));
    // assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(3) }] });
    // Written posts after the failure will be re-delivered; their writes are idempotent.
    expect(await posts.getPost('m4')).toBeDefined();
    expect(await posts.getPost('m3')).toBeUndefined();
    expect(metrics.last()).toMatchObject({ FailuresReported: 2, PostsWritten: 4 });
  });

  it('reports the PARENT sequence when a sub-record of an aggregate is not written', async () => {
    // prepare
    const { process } = setup({ unwritten: ['s1'] });
    const event = kinesisEvent([
      postRecord(post('before'), seq(1)),
      aggregateRecord([postBytes(post('s0')), postBytes(post('s1'))], seq(2)),
      postRecord(post('after'), seq(3)),
    ]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(2) }] });
  });

  it('reports the lowest sequence of the batch when the whole write fails (throttling)', async () => {
    // prepare
    const { logger, process } = setup({ throws: throttled });
    const event = kinesisEvent([
      kinesisRecord(utf8('poison'), seq(1)),
      postRecord(post('t1'), seq(2)),
      postRecord(post('t2'), seq(3)),
    ]);
    // act
    const response = await process(event);
    // assess: the poison record before the posts is quarantined, so the lowest failure is the first post.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(2) }] });
    expect(logger.lines.find((l) => l.level === 'error')?.attributes).toMatchObject({
      errorName: 'ProvisionedThroughputExceededException',
      count: 2,
    });
  });

  it('compares sequence numbers as integers, not strings', async () => {
    // prepare
    const { process } = setup({ unwritten: ['n1', 'n2'] });
    const event = kinesisEvent([postRecord(post('n2'), '99'), postRecord(post('n1'), '100')]);
    // act
    const response = await process(event);
    // assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '99' }]);
  });

  it('treats a failed quarantine write as transient for the poison record', async () => {
    // prepare
    const { quarantine, posts, metrics, process } = setup();
    quarantine.failWith = new UnprocessedItemsError(
      'quarantine',
      ['x'],
      [],
      { reason: 'attempts-exhausted', attempts: 8, elapsedMs: 10 },
      { writtenIds: [], skippedIds: [], rejected: [] },
    );
    const event = kinesisEvent([
      postRecord(post('q1'), seq(1)),
      kinesisRecord(utf8('not json'), seq(2)),
      postRecord(post('q3'), seq(3)),
    ]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(2) }] });
    expect(await posts.getPost('q3')).toBeDefined();
    expect(metrics.last()).toMatchObject({ Quarantined: 0, FailuresReported: 1 });
  });

  it("quarantines an event record whose eventID names no shard, under its batch's shard and position, and stores its neighbours", async () => {
    // prepare
    const { posts, quarantine, metrics, process } = setup();
    const broken = postRecord(post('b2'), seq(2), { eventID: 'no-colon-here' });
    const event = kinesisEvent([postRecord(post('b1'), seq(1)), broken, postRecord(post('b3'), seq(3))]);
    // act
    const response = await process(event);
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await posts.getPost('b1')).toBeDefined();
    expect(await posts.getPost('b2')).toBeUndefined();
    expect(await posts.getPost('b3')).toBeDefined();
    const parked = await quarantine.listAll();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      shardId: SHARD_ID,
      sequenceNumber: seq(2),
      eventPosition: 1,
      reason: 'malformed-event-record',
      errorDetails:
        'Kinesis event record #1 of the batch: eventID is "no-colon-here", expected "<shardId>:<sequenceNumber>"',
    });
    expect(metrics.last()).toMatchObject({
      Quarantined: 1,
      'Quarantined.malformed-event-record': 1,
      FailuresReported: 0,
    });
  });

  it('still answers when everything failed: the lowest sequence of the batch', async () => {
    // prepare
    const { quarantine, process } = setup({ throws: throttled });
    quarantine.failWith = new Error('quarantine table unreachable');
    const records: KinesisStreamRecord[] = [
      postRecord(post('f1'), seq(11)),
      kinesisRecord(utf8('bad'), seq(10)),
      postRecord(post('f3'), seq(12)),
    ];
    // act
    const response = await process(kinesisEvent(records));
    // assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: seq(10) }] });
  });

  it("quarantines an event record without kinesis under its batch's shard, the previous sequence number and its position", async () => {
    // prepare: a record without its kinesis member (no sequence number of its own)
    const { posts, quarantine, metrics, process } = setup();
    const record = postRecord(post('z'), seq(2));
    delete (record as { kinesis?: unknown }).kinesis;
    // act
    const response = await process(kinesisEvent([postRecord(post('y'), seq(1)), record]));
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await posts.getPost('y')).toBeDefined();
    expect(await quarantine.listAll()).toEqual([
      expect.objectContaining({
        shardId: SHARD_ID,
        sequenceNumber: seq(1),
        eventPosition: 1,
        reason: 'malformed-event-record',
        errorDetails: 'Kinesis event record #1 of the batch: kinesis is missing, expected an object',
      }),
    ]);
    expect(metrics.last()).toMatchObject({ UserRecordsIn: 2, 'Quarantined.malformed-event-record': 1 });
  });

  it('quarantines a record without data instead of retrying it, and stores its neighbours', async () => {
    // prepare
    const { posts, quarantine, metrics, process } = setup();
    const record = postRecord(post('d2'), seq(2));
    delete (record.kinesis as { data?: unknown }).data;
    // act
    const response = await process(
      kinesisEvent([postRecord(post('d1'), seq(1)), record, postRecord(post('d3'), seq(3))]),
    );
    // assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await quarantine.listAll()).toEqual([
      expect.objectContaining({
        sequenceNumber: seq(2),
        reason: 'missing-data',
        payloadBytes: 0,
        errorDetails: 'Kinesis event record: kinesis.data is missing, expected a base64 string',
      }),
    ]);
    expect(await posts.getPost('d1')).toBeDefined();
    expect(await posts.getPost('d3')).toBeDefined();
    expect(metrics.last()).toMatchObject({ UserRecordsIn: 3, 'Quarantined.missing-data': 1, FailuresReported: 0 });
  });
});
