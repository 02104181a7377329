// Integration (kinesalite): tumbling windows — window fields, state carried between invokes,
// final invokes, missing state, state over 1 MB, failed finals, restart with an open window.
import { InMemoryCheckpointStore, type KinesisWindowEvent } from '../src';
import { numbered, putRecords, startHarness, type Harness, removeAllMiddleware } from './helpers/kinesis-harness';
import { makeMapping, stopAllMappings } from './helpers/mapping-factory';
import { pause, ScriptedFunction, waitFor, type Call } from './helpers/scripted-function';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopAllMappings();
  removeAllMiddleware();
});
afterAll(async () => {
  await h.close();
});

const WINDOW = { tumblingWindowInSeconds: 1 };

/** Waits until ~30 ms into the next 1-second window (the next puts land in a new window). */
async function alignToWindowStart(): Promise<void> {
  await pause(1000 - (Date.now() % 1000) + 30);
}

/** Makes sure at least `minLeftMs` of the current window are left, so the next puts share it. */
async function roomInWindow(windowMs = 1000, minLeftMs = 500): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < minLeftMs) await pause(left + 30);
}

/** A window function: state.ns collects the record numbers of the window. */
function folding(call: Call): { state: { ns: number[] } } {
  const prev = (call.event.state as { ns?: number[] } | undefined)?.ns ?? [];
  return { state: { ns: [...prev, ...call.ns] } };
}

const ev = (c: Call | undefined) => c?.event as KinesisWindowEvent;

describe('tumbling windows', () => {
  it('adds window fields, carries state between invokes, and makes a final invoke once the window has passed', async () => {
    // prepare
    const stream = await h.stream(1);
    const fn = new ScriptedFunction(folding);
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { ...WINDOW, batchSize: 1 } });
    await esm.start();
    await roomInWindow();
    // act
    await putRecords(h.client, stream.streamName, numbered(2));
    await waitFor('final invoke', () => fn.calls.some((c) => ev(c).isFinalInvokeForWindow), 5000);
    await putRecords(h.client, stream.streamName, numbered(1, { from: 2 }));
    await waitFor('next window', () => fn.nsOf().includes(2), 5000);
    await esm.stop();
    // assess
    const [first, second, final, next] = fn.calls;
    const arrival = (ev(first).Records[0]?.kinesis.approximateArrivalTimestamp ?? 0) * 1000;
    const start = Math.floor(arrival / 1000) * 1000;
    expect(ev(first)).toEqual({
      Records: [expect.objectContaining({ eventSource: 'aws:kinesis' })],
      window: { start: new Date(start).toISOString(), end: new Date(start + 1000).toISOString() },
      state: {},
      shardId: 'shardId-000000000000',
      eventSourceARN: stream.streamArn,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    });
    expect(ev(second).state).toEqual({ ns: [0] });
    expect(ev(final)).toMatchObject({
      Records: [],
      state: { ns: [0, 1] },
      isFinalInvokeForWindow: true,
      isWindowTerminatedEarly: false,
      window: ev(first).window,
    });
    expect(ev(next).state).toEqual({}); // state dropped after the final invoke
    expect(ev(next).window.start).not.toBe(ev(first).window.start);
  });

  it('a record of a later window ends the open window: final invoke first, then the new window; a batch never spans windows', async () => {
    // prepare: record 0 in window W, record 1 in W+1, both read in one poll
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(1));
    await alignToWindowStart();
    await putRecords(h.client, stream.streamName, numbered(1, { from: 1 }));
    const fn = new ScriptedFunction(folding);
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { ...WINDOW, batchSize: 10 } });
    // act
    await esm.start();
    await waitFor('record 1', () => fn.nsOf().includes(1), 5000);
    await esm.stop();
    // assess
    expect(fn.calls.slice(0, 3).map((c) => [c.ns, ev(c).isFinalInvokeForWindow])).toEqual([
      [[0], false],
      [[], true],
      [[1], false],
    ]);
    expect(ev(fn.calls[1]).state).toEqual({ ns: [0] });
  });

  it('a response without state is a failed invoke and is retried', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(1));
    const fn = new ScriptedFunction((c, i) => (i === 0 ? { batchItemFailures: [] } : folding(c)));
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { ...WINDOW, maximumRetryAttempts: 3 } });
    // act
    await esm.start();
    await waitFor('retry', () => fn.calls.length >= 2);
    await esm.stop();
    // assess
    expect(fn.calls[1]?.ns).toEqual([0]);
    expect(ev(fn.calls[1]).state).toEqual({});
    expect(esm.stats().shards[0]).toMatchObject({ retries: 1, failedInvocations: 1 });
  });

  it('CHOICE: state over 1 MB ends the window early: a final invoke with isWindowTerminatedEarly and that state, then the same window goes on with empty state', async () => {
    // prepare
    const stream = await h.stream(1);
    await roomInWindow();
    await putRecords(h.client, stream.streamName, numbered(2));
    const big = 'x'.repeat(1024 * 1024);
    const fn = new ScriptedFunction((c, i) => (i === 0 ? { state: { big } } : folding(c)));
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { ...WINDOW, batchSize: 1 } });
    // act
    await esm.start();
    await waitFor('record 1', () => fn.nsOf().includes(1), 5000);
    await esm.stop();
    // assess
    const [first, early, next] = fn.calls.map(ev);
    expect(early).toMatchObject({
      Records: [],
      isFinalInvokeForWindow: true,
      isWindowTerminatedEarly: true,
      window: first?.window,
    });
    expect((early?.state as { big: string }).big).toHaveLength(big.length);
    expect(next).toMatchObject({
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
      state: {},
      window: first?.window,
    });
  });

  it('a failed final invoke is retried until it succeeds; the shard does not move on meanwhile', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(1));
    await alignToWindowStart();
    await putRecords(h.client, stream.streamName, numbered(1, { from: 1 }));
    let finalFailures = 3;
    const fn = new ScriptedFunction((c) => {
      if (ev(c).isFinalInvokeForWindow && finalFailures-- > 0) throw new Error('cannot write the window row');
      return folding(c);
    });
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { ...WINDOW, maximumRetryAttempts: -1 } });
    // act
    await esm.start();
    await waitFor('record 1', () => fn.nsOf().includes(1), 5000);
    await esm.stop();
    // assess
    expect(fn.calls.slice(0, 6).map((c) => (ev(c).isFinalInvokeForWindow ? 'final' : c.ns.join()))).toEqual([
      '0',
      'final',
      'final',
      'final',
      'final',
      '1',
    ]);
  });

  it("CHOICE: a final invoke that runs out of retries sends the window's range to the destination", async () => {
    // prepare
    const stream = await h.stream(1);
    await roomInWindow();
    const puts = await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction((c) => {
      if (ev(c).isFinalInvokeForWindow) throw new Error('never');
      return folding(c);
    });
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { ...WINDOW, maximumRetryAttempts: 1, batchSize: 1 },
    });
    // act
    await esm.start();
    await waitFor('failure record', () => destination.list().length === 1, 5000);
    await esm.stop();
    // assess
    expect(destination.list()[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      KinesisBatchInfo: {
        startSequenceNumber: puts[0]?.sequenceNumber,
        endSequenceNumber: puts[1]?.sequenceNumber,
        batchSize: 2,
      },
    });
  });

  it('the open window and its state are checkpointed: a restart continues the window with its state', async () => {
    // prepare: a 2-second window with at least 1.2 s left, so the first mapping stops inside it
    const stream = await h.stream(1);
    await roomInWindow(2000, 1200);
    await putRecords(h.client, stream.streamName, numbered(1));
    const checkpoints = new InMemoryCheckpointStore();
    const fn1 = new ScriptedFunction(folding);
    const first = makeMapping({
      client: h.client,
      stream,
      fn: fn1,
      checkpoints,
      mappingId: 'win',
      settings: { tumblingWindowInSeconds: 2 },
    });
    await first.esm.start();
    await waitFor('record 0', () => fn1.calls.length === 1);
    await first.esm.stop();
    // act
    const fn2 = new ScriptedFunction(folding);
    const second = makeMapping({
      client: h.client,
      stream,
      fn: fn2,
      checkpoints,
      mappingId: 'win',
      settings: { tumblingWindowInSeconds: 2 },
    });
    await second.esm.start();
    await waitFor('final', () => fn2.calls.some((c) => ev(c).isFinalInvokeForWindow), 5000);
    await second.esm.stop();
    // assess
    expect(fn2.calls.map((c) => [c.ns, ev(c).isFinalInvokeForWindow, ev(c).state])).toEqual([[[], true, { ns: [0] }]]);
  });
});
