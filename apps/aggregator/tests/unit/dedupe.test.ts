// The window handler counts each post id once per (window, shard, part): duplicates within a
// batch, across invokes, in retried and re-delivered batches are skipped and counted as such;
// poison is unaffected; states of the version before dedupe are accepted.
import { InvalidWindowStateError, mergeAggregates } from '@streamlens/analytics';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { encodePost, type SocialPost, type WindowAggregate } from '@streamlens/schemas';
import { AGGREGATOR_METRICS } from '../../src/constants';
import { run, setup } from '../helpers/handler-setup';
import { kinesisRecord, post, postRecord, WINDOW_START_MS, windowEvent } from '../helpers/window-events';

const A1 = post('a1', 'I love this #AWS launch');
const A1_EDITED: SocialPost = { ...A1, text: 'edited: terrible #outage', lang: 'ja', editedAt: '2024-05-01T10:00:05Z' };
const A2 = post('a2', 'terrible outage #aws #Kinesis', 'pt-BR');
const B1 = post('b1', 'great #kinesis demo');
const B2 = post('b2', 'no tags here', null);

/**
 * A row without its arrival times (they depend on when each record arrived, not on dedupe) and
 * its duplicates (a clean window has none; each test asserts its own).
 */
function counted(row: WindowAggregate | undefined): Partial<WindowAggregate> {
  const { firstArrivalAt: _f, lastArrivalAt: _l, duplicates: _d, ...rest } = row ?? ({} as WindowAggregate);
  return rest;
}

/** The row a window of exactly these posts (each once, in one invoke) gets. */
async function cleanRows(posts: readonly SocialPost[]) {
  const clean = setup();
  const state = await run(clean.handle, [windowEvent(posts.map((p, i) => postRecord(p, 1_000 + i)))]);
  await clean.handle(windowEvent([], { state, final: true }));
  return clean.rows();
}

describe('window handler dedupe by post id', () => {
  it('a batch with duplicates counts each post once; the first record wins; skips are counted, emitted and logged', async () => {
    // prepare: a producer retry of A1, a newer version of A1, A2 again inside a KPL aggregate
    const { handle, rows, metrics, logs } = setup();
    const records = [
      postRecord(A1, 1_000),
      postRecord(A1, 1_001),
      postRecord(A1_EDITED, 1_002),
      postRecord(A2, 1_003),
      kinesisRecord(
        encodeAggregatedRecord([A2, B1].map((p) => ({ partitionKey: p.postId, data: encodePost(p) }))),
        1_004,
      ),
    ];
    // act
    const response = await handle(windowEvent(records));
    await handle(windowEvent([], { state: response.state, final: true }));
    // assess
    expect(response.state).toMatchObject({ postCount: 3, duplicates: 3 });
    const [row] = await rows();
    const [clean] = await cleanRows([A1, A2, B1]);
    expect(counted(row)).toEqual(counted(clean));
    expect([row?.duplicates, clean?.duplicates]).toEqual([3, 0]); // the stored row carries the skips
    expect([row?.firstArrivalAt, row?.lastArrivalAt]).toEqual([WINDOW_START_MS + 1_000, WINDOW_START_MS + 1_004]);
    expect(metrics.values.get(AGGREGATOR_METRICS.recordsFolded)).toEqual([3, 0]);
    expect(metrics.values.get(AGGREGATOR_METRICS.duplicatesSkipped)).toEqual([3, 0]);
    const skipped = logs.lines.find((l) => l.message.startsWith('duplicate records skipped'));
    expect(skipped).toMatchObject({
      level: 'info',
      fields: { duplicates: 3, firstSequenceNumber: records[1]?.kinesis.sequenceNumber },
    });
    expect(logs.lines.find((l) => l.message === 'window row written')?.fields).toMatchObject({
      postCount: 3,
      duplicates: 3,
    });
  });

  it('skips duplicates split across invokes of one window: the seen-set travels in the state', async () => {
    // prepare
    const { handle, rows } = setup();
    const invokes = [
      windowEvent([postRecord(A1, 1_000), postRecord(A2, 1_001)]),
      windowEvent([postRecord(A1_EDITED, 9_000), postRecord(B1, 9_001)]),
      windowEvent([postRecord(A2, 20_000), postRecord(B2, 20_001), postRecord(A1, 20_002)]),
    ];
    // act
    const state = await run(handle, invokes);
    await handle(windowEvent([], { state, final: true }));
    // assess
    expect(state).toMatchObject({ postCount: 4, duplicates: 3 });
    const [row] = await rows();
    const [clean] = await cleanRows([A1, A2, B1, B2]);
    expect(counted(row)).toEqual(counted(clean));
    expect(row?.duplicates).toBe(3);
    expect(row?.hashtags).toEqual({ aws: 2, kinesis: 2 }); // A1's first version, not the edit's #outage
  });

  it('a batch retried with the previous state gives the same state: counted once', async () => {
    // prepare: the first attempt's response is lost, Lambda retries the batch with the state it had
    const { handle, rows } = setup();
    const before = await run(handle, [windowEvent([postRecord(A1, 1_000)])]);
    const batch = windowEvent([postRecord(A2, 2_000), postRecord(B1, 2_001), postRecord(A1, 2_002)], { state: before });
    // act
    const first = await handle(batch);
    const retry = await handle(windowEvent(batch.Records, { state: before }));
    await handle(windowEvent([], { state: retry.state, final: true }));
    // assess
    expect(retry).toEqual(first);
    expect(retry.state).toMatchObject({ postCount: 3, duplicates: 1 });
    expect((await rows()).map((r) => r.postCount)).toEqual([3]);
  });

  it('a batch delivered again after it was counted (with the newer state) adds only duplicates', async () => {
    // prepare
    const { handle, rows } = setup();
    const batch = [postRecord(A1, 1_000), postRecord(A2, 1_001)];
    // act
    const state = await run(handle, [windowEvent(batch), windowEvent(batch), windowEvent(batch)]);
    await handle(windowEvent([], { state, final: true }));
    // assess
    expect(state).toMatchObject({ postCount: 2, duplicates: 4 });
    expect(await rows()).toEqual((await cleanRows([A1, A2])).map((clean) => ({ ...clean, duplicates: 4 })));
  });

  it('leaves poison alone: each poison record counts; an id first seen as poison still counts when valid', async () => {
    // prepare
    const { handle, rows, metrics } = setup();
    const notJson = Buffer.from('not json');
    const records = [
      kinesisRecord(notJson, 1),
      kinesisRecord(notJson, 2), // the same bad bytes again: poison again, not a duplicate
      kinesisRecord(Buffer.from(JSON.stringify({ schemaVersion: 1, postId: 'a1' })), 3), // a1, but invalid
      postRecord(A1, 4),
      postRecord(A1, 5),
    ];
    // act
    const state = await run(handle, [windowEvent(records)]);
    await handle(windowEvent([], { state, final: true }));
    // assess
    expect(state).toMatchObject({ postCount: 1, poisonCount: 3, duplicates: 1 });
    expect((await rows()).map((r) => [r.postCount, r.poisonCount, r.duplicates])).toEqual([[1, 3, 1]]);
    expect(metrics.total(AGGREGATOR_METRICS.poisonSkipped)).toBe(3);
    expect(metrics.total(AGGREGATOR_METRICS.duplicatesSkipped)).toBe(1);
  });

  it('continues a window whose state was written before dedupe (no seenPostIds, no duplicates)', async () => {
    // prepare: the state an invoke of the previous version returned after folding A1
    const { handle, rows } = setup();
    const { seenPostIds: _s, duplicates: _d, ...legacy } = await run(handle, [windowEvent([postRecord(A1, 1_000)])]);
    // act
    const state = await run(handle, [windowEvent([postRecord(A2, 2_000), postRecord(A2, 2_001)])], legacy);
    await handle(windowEvent([], { state, final: true }));
    // assess
    expect(state).toMatchObject({ postCount: 2, duplicates: 1 });
    expect((await rows()).map((r) => [r.postCount, r.duplicates])).toEqual([[2, 1]]);
  });

  it('fails an invoke whose state has a corrupt seen-set, naming the field', async () => {
    // prepare
    const { handle } = setup();
    const state = await run(handle, [windowEvent([postRecord(A1, 1_000)])]);
    // act
    const result = handle(windowEvent([postRecord(A2)], { state: { ...state, seenPostIds: 'AQ' } }));
    // assess
    await expect(result).rejects.toThrow(InvalidWindowStateError);
    await expect(handle(windowEvent([], { state: { ...state, seenPostIds: 'AQ' } }))).rejects.toThrow(
      'invalid window state: seenPostIds: expected canonical base64',
    );
  });

  it('dedupes each part of an early-ended window on its own: an id in both parts counts in both (the documented bound)', async () => {
    // prepare
    const { handle, rows } = setup();
    // act: part 1 ends early; Lambda continues the window with an empty state (part 0)
    const partOne = await run(handle, [
      windowEvent([postRecord(A1, 2_000), postRecord(A2, 2_001), postRecord(A2, 2_002)]),
    ]);
    await handle(windowEvent([], { state: partOne, final: true, endedEarly: true }));
    const partTwo = await run(handle, [
      windowEvent([postRecord(A1, 9_000), postRecord(B1, 9_001), postRecord(B1, 9_002)]),
    ]);
    await handle(windowEvent([], { state: partTwo, final: true }));
    // assess: 3 distinct posts; A1 straddles the boundary and counts twice
    const parts = await rows();
    expect(parts.map((r) => [r.part, r.postCount, r.duplicates])).toEqual([
      [0, 2, 1],
      [2_001, 2, 1],
    ]);
    expect(mergeAggregates(parts)).toMatchObject({ postCount: 3 + 1, duplicates: 2 });
  });

  it('reports the seen-set in WindowStateBytes: about 5 to 10 bytes per distinct post', async () => {
    // prepare
    const { handle, metrics } = setup();
    const posts = Array.from({ length: 1_000 }, (_, i) => post(`p${i}`, 'same text'));
    // act
    await handle(windowEvent([postRecord(posts[0] as SocialPost)]));
    await handle(windowEvent(posts.map((p) => postRecord(p))));
    // assess
    const [one, thousand] = metrics.values.get(AGGREGATOR_METRICS.stateBytes) ?? [];
    const perPost = ((thousand ?? 0) - (one ?? 0)) / 999;
    expect(perPost).toBeGreaterThan(5);
    expect(perPost).toBeLessThanOrEqual(10);
  });
});
