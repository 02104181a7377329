// The window handler with the in-memory trends repository: state carried between invokes,
// rows written on final invokes only, retries, early termination, empty windows, poison.
import { mergeAggregates, scoreSentiment } from '@streamlens/analytics';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { encodePost, type SocialPost } from '@streamlens/schemas';
import { AGGREGATOR_METRICS } from '../../src/constants';
import { InvalidWindowEventError, WindowWriteError } from '../../src/errors';
import type { KinesisWindowEvent } from '../../src/types';
import { run, setup } from '../helpers/handler-setup';
import { kinesisRecord, post, postRecord, SHARD, WINDOW, WINDOW_START_MS, windowEvent } from '../helpers/window-events';

const withoutData = <T extends { kinesis: object }>(record: T): T => {
  delete (record.kinesis as { data?: unknown }).data;
  return record;
};
const scoreOf = (posts: readonly SocialPost[]) => posts.reduce((n, p) => n + scoreSentiment(p.text).score, 0);

const A1 = post('a1', 'I love this #AWS launch');
const A2 = post('a2', 'terrible outage #aws #Kinesis', 'pt-BR');
const A3 = post('a3', 'no tags here', null);
const B1 = post('b1', 'great #kinesis demo');
const B2 = post('b2', 'ＯＫ ＃AWS again', 'ja');
const A = [A1, A2, A3];
const B = [B1, B2];

describe('window handler', () => {
  it('carries the state across invokes and writes one row on the final invoke', async () => {
    // prepare
    const { handle, rows } = setup();
    const first = await handle(windowEvent(A.map((p, i) => postRecord(p, 1_000 + i))));
    const second = await handle(
      windowEvent(
        B.map((p, i) => postRecord(p, 20_000 + i)),
        { state: first.state },
      ),
    );
    expect(await rows()).toEqual([]); // nothing written before the final invoke
    // act
    const final = await handle(windowEvent([], { state: second.state, final: true }));
    // assess
    expect(first).toEqual({ state: expect.objectContaining({ postCount: 3 }), batchItemFailures: [] });
    expect(final.batchItemFailures).toEqual([]);
    expect(final.state).toMatchObject({ postCount: 5 });
    const all = [...A, ...B];
    expect(await rows()).toEqual([
      {
        windowStart: '2024-05-01T10:00:00.000Z',
        windowEnd: '2024-05-01T10:00:30.000Z',
        shardId: SHARD,
        part: 0,
        postCount: 5,
        hashtags: { aws: 3, kinesis: 2 },
        otherHashtagCount: 0,
        sentimentSum: scoreOf(all),
        sentimentCount: 5,
        languages: { en: 2, ja: 1, 'pt-BR': 1, und: 1 },
        poisonCount: 0,
        firstArrivalAt: WINDOW_START_MS + 1_000,
        lastArrivalAt: WINDOW_START_MS + 20_001,
        hashtagErrorBound: 0,
        hashtagSentimentSums: { aws: scoreOf([A1, A2, B2]), kinesis: scoreOf([A2, B1]) },
        duplicates: 0,
      },
    ]);
  });

  it('returns state and empty batchItemFailures on every invoke, and the state survives JSON', async () => {
    // prepare
    const { handle } = setup();
    // act
    const responses = [
      await handle(windowEvent([postRecord(A1)])),
      await handle(windowEvent([])),
      await handle(windowEvent([], { final: true })),
    ];
    // assess
    for (const r of responses) {
      expect(Object.keys(r).sort()).toEqual(['batchItemFailures', 'state']);
      expect(r.batchItemFailures).toEqual([]);
      expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
    }
  });

  it('a retried final invoke rewrites the same row: one row, same content', async () => {
    // prepare
    const { handle, rows, metrics } = setup();
    const state = await run(handle, [windowEvent(A.map((p) => postRecord(p, 5)))]);
    const final = windowEvent([], { state, final: true });
    await handle(final);
    const once = await rows();
    // act
    await handle(final);
    await handle(final);
    // assess
    expect(await rows()).toEqual(once);
    expect(once).toHaveLength(1);
    expect(metrics.total(AGGREGATOR_METRICS.rowsWritten)).toBe(3);
  });

  it('a failed final write throws, naming window, shard and part; the retried final invoke writes the row', async () => {
    // prepare
    const { handle, rows, trends, logs } = setup({ failures: 1 });
    const state = await run(handle, [windowEvent([postRecord(A1, 10)])]);
    const final = windowEvent([], { state, final: true });
    // act
    const failed = handle(final);
    // assess
    await expect(failed).rejects.toThrow(WindowWriteError);
    await expect(handle(final).then(() => 'ok')).resolves.toBe('ok');
    expect(trends.attempts).toBe(2);
    expect(await rows()).toHaveLength(1);
    const error = logs.lines.find((l) => l.level === 'error');
    expect(error?.message).toBe(
      'writing the trends row of window 2024-05-01T10:00:00.000Z, shard shardId-000000000000, part 0 failed: ProvisionedThroughputExceededException: Rate of requests exceeds the allowed throughput.',
    );
  });

  it('early termination writes a part; the continuation (empty state) writes part 0; merged parts equal the whole', async () => {
    // prepare
    const early = setup();
    const whole = setup();
    const partOne = A.map((p, i) => postRecord(p, 2_000 + i));
    const partTwo = B.map((p, i) => postRecord(p, 9_000 + i));
    // act: ... → state too large → final invoke ended early → same window again from {} → final
    const endedState = await run(early.handle, [windowEvent(partOne)]);
    await early.handle(windowEvent([], { state: endedState, final: true, endedEarly: true }));
    const continued = await run(early.handle, [windowEvent(partTwo)]);
    await early.handle(windowEvent([], { state: continued, final: true }));
    const wholeState = await run(whole.handle, [windowEvent(partOne), windowEvent(partTwo)]);
    await whole.handle(windowEvent([], { state: wholeState, final: true }));
    // assess
    const parts = await early.rows();
    expect(parts.map((r) => [r.part, r.postCount])).toEqual([
      [0, 2],
      [2_001, 3], // 1 + (first arrival − window start) in ms
    ]);
    const { rowCount: _p, ...mergedParts } = mergeAggregates(parts);
    const { rowCount: _w, ...mergedWhole } = mergeAggregates(await whole.rows());
    expect(mergedParts).toEqual(mergedWhole);
  });

  it('a retried early-ended final invoke rewrites the same part', async () => {
    // prepare
    const { handle, rows } = setup();
    const state = await run(handle, [windowEvent([postRecord(A1, 7_777)])]);
    const ended = windowEvent([], { state, final: true, endedEarly: true });
    // act
    await handle(ended);
    await handle(ended);
    // assess
    expect((await rows()).map((r) => r.part)).toEqual([7_778]);
  });

  it('an empty window (final invoke, empty state, no records) writes no row', async () => {
    // prepare
    const { handle, rows, logs } = setup();
    // act
    const response = await handle(windowEvent([], { final: true }));
    // assess
    expect(response.state).toMatchObject({ postCount: 0, poisonCount: 0 });
    expect(await rows()).toEqual([]);
    expect(logs.lines.map((l) => l.message)).toContain('empty window part: no row written');
  });

  it('skips and counts poison (never fails it), folds KPL aggregates, and a poison-only window still gets a row', async () => {
    // prepare
    const { handle, rows, metrics, logs } = setup();
    const corruptAggregate = encodeAggregatedRecord([{ partitionKey: 'k', data: encodePost(A1) }]);
    corruptAggregate.set([(corruptAggregate.at(-1) ?? 0) ^ 0xff], corruptAggregate.length - 1); // checksum no longer matches
    const records = [
      postRecord(A1, 1),
      kinesisRecord(Buffer.from('not json'), 2),
      kinesisRecord(Uint8Array.of(0x7b, 0xff, 0x7d), 3), // bad UTF-8
      kinesisRecord(Buffer.from(JSON.stringify({ schemaVersion: 1, postId: 'x' })), 4), // schema violation
      kinesisRecord(encodeAggregatedRecord(B.map((p) => ({ partitionKey: p.postId, data: encodePost(p) }))), 5),
      kinesisRecord(corruptAggregate, 6),
      withoutData(kinesisRecord(Buffer.from('x'), 7)), // a hand-written event without data
    ];
    // act
    const response = await handle(windowEvent(records));
    await handle(windowEvent([], { state: response.state, final: true }));
    await handle(windowEvent([kinesisRecord(Buffer.from('[]'), 1)], { shardId: 'shardId-000000000001' })).then((r) =>
      handle(windowEvent([], { state: r.state, final: true, shardId: 'shardId-000000000001' })),
    );
    // assess
    expect(response.batchItemFailures).toEqual([]);
    expect((await rows()).map((r) => [r.shardId, r.postCount, r.poisonCount])).toEqual([
      [SHARD, 3, 5],
      ['shardId-000000000001', 0, 1],
    ]);
    expect(metrics.values.get(AGGREGATOR_METRICS.poisonSkipped)?.[0]).toBe(5);
    expect(metrics.values.get(AGGREGATOR_METRICS.recordsFolded)?.[0]).toBe(3);
    const warn = logs.lines.find((l) => l.level === 'warn');
    expect(warn?.fields).toMatchObject({
      poison: 5,
      reasons: { 'not-json': 1, 'not-utf8': 1, 'schema-violation': 1, 'corrupt-aggregate': 1, 'missing-data': 1 },
      firstSequenceNumber: records[1]?.kinesis.sequenceNumber,
    });
  });

  it('folds re-processed records out of order into the same row', async () => {
    // prepare
    const ordered = setup();
    const shuffled = setup();
    const records = [...A, ...B].map((p, i) => postRecord(p, 100 * i));
    // act
    const s1 = await run(ordered.handle, [windowEvent(records.slice(0, 3)), windowEvent(records.slice(3))]);
    await ordered.handle(windowEvent([], { state: s1, final: true }));
    const s2 = await run(shuffled.handle, [
      windowEvent([...records].reverse().slice(0, 2)),
      windowEvent([...records].reverse().slice(2)),
    ]);
    await shuffled.handle(windowEvent([], { state: s2, final: true }));
    // assess
    expect(await shuffled.rows()).toEqual(await ordered.rows());
  });

  it('emits window lag (now − window end), rows written and state size', async () => {
    // prepare
    const { handle, metrics } = setup();
    const state = await run(handle, [windowEvent([postRecord(A1, 1)])]);
    // act
    await handle(windowEvent([], { state, final: true }));
    // assess
    expect(metrics.values.get(AGGREGATOR_METRICS.windowLag)).toEqual([1_500]);
    expect(metrics.units.get(AGGREGATOR_METRICS.windowLag)).toBe('Milliseconds');
    expect(metrics.total(AGGREGATOR_METRICS.rowsWritten)).toBe(1);
    expect(metrics.values.get(AGGREGATOR_METRICS.stateBytes)?.every((b) => b > 200 && b < 2_000)).toBe(true);
  });

  it('bounds the hashtags of a row by the top-K capacity (Space-Saving) and reports the error bound', async () => {
    // prepare
    const { handle, rows } = setup({ hashtagCapacity: 2 });
    const texts = ['#a #b', '#a #c', '#a #d', '#a'];
    // act
    const state = await run(handle, [windowEvent(texts.map((t, i) => postRecord(post(`k${i}`, t), i)))]);
    await handle(windowEvent([], { state, final: true }));
    // assess
    const [row] = await rows();
    // K = 2: b, c and d share one counter; d holds it with count 3, error 2 → guaranteed 1.
    expect(row?.hashtags).toEqual({ a: 4, d: 1 });
    expect(row?.otherHashtagCount).toBe(2); // listed + other = all 7 occurrences
    expect(row?.hashtagErrorBound).toBe(3); // a true count is at most listed + 3 (d: 1 ≤ 1 ≤ 4)
  });

  it('rejects an event without window fields, naming the field', async () => {
    // prepare
    const { handle } = setup();
    const plain = { Records: [postRecord(A1)] } as unknown as KinesisWindowEvent;
    // act
    const result = handle(plain);
    // assess
    await expect(result).rejects.toThrow(InvalidWindowEventError);
    await expect(handle(plain)).rejects.toThrow(
      'invalid tumbling-window event: window is missing: the event-source mapping must set TumblingWindowInSeconds',
    );
    await expect(handle({ ...windowEvent([]), shardId: '' })).rejects.toThrow('shardId must be a non-empty string');
    await expect(handle(windowEvent([], { window: { start: 'yesterday', end: WINDOW.end } }))).rejects.toThrow(
      'window.start must be an ISO 8601 instant, got "yesterday"',
    );
    await expect(handle(windowEvent([], { window: { start: WINDOW.end, end: WINDOW.start } }))).rejects.toThrow(
      'window.end must be after window.start',
    );
    await expect(handle({ ...windowEvent([]), isFinalInvokeForWindow: 'yes' as unknown as boolean })).rejects.toThrow(
      'isFinalInvokeForWindow must be a boolean, got "yes"',
    );
    await expect(handle(windowEvent([], { state: { format: 2 } }))).rejects.toThrow(
      'invalid window state: format: expected 1, got 2',
    );
  });
});
