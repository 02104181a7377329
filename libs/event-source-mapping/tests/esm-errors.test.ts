// Integration (kinesalite): function errors, retries, record age, on-failure destination,
// ReportBatchItemFailures, bisect — SEMANTICS.md "Errors, retries, bisect" and
// "ReportBatchItemFailures". Tests named CHOICE pin behaviour AWS does not document.
import { InProcessInvoker, type FunctionInvoker, type KinesisFailureRecord, type Logger } from '../src';
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

const RBIF = { functionResponseTypes: ['ReportBatchItemFailures'] };

function failOn(n: number) {
  return (c: Call) => {
    if (c.ns.includes(n)) throw new Error(`poison ${n}`);
  };
}

function captureLogger(): Logger & { entries: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void entries.push({ level, message, ...(fields ? { fields } : {}) });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('function errors and retries', () => {
  it('a thrown error fails the whole batch; after maximumRetryAttempts it goes to the destination (exact shape) and the shard moves on', async () => {
    // prepare
    const stream = await h.stream(1);
    const puts = await putRecords(h.client, stream.streamName, numbered(3));
    const fn = new ScriptedFunction(failOn(0));
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      mappingId: 'consumer',
      settings: { batchSize: 2, maximumRetryAttempts: 2 },
    });
    // act
    await esm.start();
    await waitFor('record 2', () => fn.nsOf().includes(2));
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([[0, 1], [0, 1], [0, 1], [2]]);
    const [failure] = destination.list() as KinesisFailureRecord[];
    expect(destination.list()).toHaveLength(1);
    expect(failure).toEqual({
      requestContext: {
        requestId: fn.calls[2]?.requestId,
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      KinesisBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: puts[0]?.sequenceNumber,
        endSequenceNumber: puts[1]?.sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(
          (fn.calls[0]?.event.Records[0]?.kinesis.approximateArrivalTimestamp ?? 0) * 1000,
        ).toISOString(),
        approximateArrivalOfLastRecord: new Date(
          (fn.calls[0]?.event.Records[1]?.kinesis.approximateArrivalTimestamp ?? 0) * 1000,
        ).toISOString(),
        batchSize: 2,
        streamArn: stream.streamArn,
      },
    });
    expect(esm.stats().shards[0]).toMatchObject({
      polled: 3,
      retries: 2,
      failedInvocations: 3,
      failuresSentToDestination: 1,
      recordsSkipped: 2,
      recordsDelivered: 1,
      pendingRecords: 0,
    });
  });

  it('with infinite retries (−1) a failing batch blocks its shard until it succeeds', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(4));
    const fn = new ScriptedFunction((_c, i) => {
      if (i < 5) throw new Error('transient');
    });
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 2, maximumRetryAttempts: -1 },
    });
    // act
    await esm.start();
    await waitFor('all records', () => fn.calls.length === 7);
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [2, 3],
    ]);
    expect(destination.list()).toHaveLength(0);
  });

  it('a timeout is a function error (Sandbox.Timedout) and uses a retry', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction(async (_c, i) => {
      if (i === 0) await pause(1500);
    });
    const results: string[] = [];
    const inner = new InProcessInvoker(fn.handler);
    const invoker: FunctionInvoker = {
      invoke: async (e, o) => {
        const r = await inner.invoke(e, o);
        results.push(r.ok ? 'ok' : r.errorType);
        return r;
      },
    };
    const { esm } = makeMapping({
      client: h.client,
      stream,
      invoker,
      settings: { functionTimeoutSeconds: 1, maximumRetryAttempts: 1 },
    });
    // act
    await esm.start();
    await waitFor('two invocations', () => results.length === 2, 5000);
    await esm.stop();
    // assess
    expect(results).toEqual(['Sandbox.Timedout', 'ok']);
    expect(esm.stats().shards[0]?.retries).toBe(1);
  });

  it('errors before the function runs (invoker rejects: throttling) are retried without using retry attempts', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction();
    const inner = new InProcessInvoker(fn.handler);
    let throttles = 3;
    const invoker: FunctionInvoker = {
      invoke: (e, o) =>
        throttles-- > 0 ? Promise.reject(new Error('TooManyRequestsException: Rate Exceeded')) : inner.invoke(e, o),
    };
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      invoker,
      settings: { maximumRetryAttempts: 0 },
    });
    // act
    await esm.start();
    await waitFor('delivery', () => fn.calls.length === 1);
    await esm.stop();
    // assess
    expect(fn.calls[0]?.ns).toEqual([0, 1]);
    expect(destination.list()).toHaveLength(0);
    expect(esm.stats().shards[0]).toMatchObject({ retries: 0, invocations: 1, recordsDelivered: 2 });
  });

  it('with no destination configured the shard still moves on, and the skip is logged as an error', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction(failOn(0));
    const logger = captureLogger();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      withDestination: false,
      settings: { batchSize: 1, maximumRetryAttempts: 0 },
      extra: { logger },
    });
    // act
    await esm.start();
    await waitFor('record 1', () => fn.nsOf().includes(1));
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([[0], [1]]);
    expect(logger.entries.some((e) => e.level === 'error' && /NO ON-FAILURE DESTINATION/.test(e.message))).toBe(true);
    expect(esm.stats().shards[0]).toMatchObject({ recordsSkipped: 1, failuresSentToDestination: 0 });
  });

  it('a destination that rejects is retried; the shard waits until the failure record is accepted', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction(failOn(0));
    const accepted: KinesisFailureRecord[] = [];
    let rejections = 3;
    const destination = {
      send: async (r: KinesisFailureRecord) =>
        rejections-- > 0 ? Promise.reject(new Error('SQS unavailable')) : void accepted.push(r),
    };
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      destination,
      settings: { batchSize: 1, maximumRetryAttempts: 0 },
    });
    // act
    await esm.start();
    await waitFor('record 1', () => fn.nsOf().includes(1));
    await esm.stop();
    // assess
    expect(accepted).toHaveLength(1);
    expect(rejections).toBe(-1);
  });
});

describe('maximum record age', () => {
  it('CHOICE: records already older than the maximum age are not invoked at all; they go to the destination as RecordAgeExceeded', async () => {
    // prepare: the mapping's clock runs 61 s ahead of the stream's, so every record is 61 s old
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const fn = new ScriptedFunction();
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { maximumRecordAgeInSeconds: 60 },
      extra: { clock: { now: () => Date.now() + 61_000 } },
    });
    // act
    await esm.start();
    await waitFor('failure record', () => destination.list().length === 1);
    await putRecords(h.client, stream.streamName, numbered(1, { from: 2 }));
    await pause(100);
    await esm.stop();
    // assess
    expect(fn.calls).toHaveLength(0);
    expect(destination.list()[0]).toMatchObject({
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 0 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      KinesisBatchInfo: { batchSize: 2 },
    });
    expect(destination.list()[0]?.responseContext).not.toHaveProperty('functionError');
  });

  it('a failing batch whose records pass the maximum age while retried stops being retried', async () => {
    // prepare: the clock jumps 61 s ahead after the first (failed) invocation
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    let offset = 0;
    const fn = new ScriptedFunction(() => {
      offset = 61_000;
      throw new Error('boom');
    });
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { maximumRecordAgeInSeconds: 60, maximumRetryAttempts: -1 },
      extra: { clock: { now: () => Date.now() + offset } },
    });
    // act
    await esm.start();
    await waitFor('failure record', () => destination.list().length === 1);
    await esm.stop();
    // assess
    expect(fn.calls).toHaveLength(1);
    expect(destination.list()[0]).toMatchObject({
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 1, requestId: fn.calls[0]?.requestId },
      responseContext: { functionError: 'Unhandled' },
    });
  });
});

describe('ReportBatchItemFailures', () => {
  // Five records s0..s4 arrive as one batch; the first answer is scripted, later ones succeed.
  type Answer = (seqs: string[]) => unknown;
  const cases: [string, Answer, number[] | 'no retry', boolean?][] = [
    [
      'one failure: retry from it, with every later record',
      (s) => ({ batchItemFailures: [{ itemIdentifier: s[2] }] }),
      [2, 3, 4],
    ],
    [
      'several failures: retry from the lowest (compared as BigInt)',
      (s) => ({ batchItemFailures: [{ itemIdentifier: s[3] }, { itemIdentifier: s[1] }] }),
      [1, 2, 3, 4],
    ],
    ['empty list = success', () => ({ batchItemFailures: [] }), 'no retry'],
    ['null list = success', () => ({ batchItemFailures: null }), 'no retry'],
    ['null response = success', () => null, 'no retry'],
    ['empty response = success', () => ({}), 'no retry'],
    [
      'itemIdentifier "" = whole batch failed',
      () => ({ batchItemFailures: [{ itemIdentifier: '' }] }),
      [0, 1, 2, 3, 4],
    ],
    [
      'itemIdentifier null = whole batch failed',
      () => ({ batchItemFailures: [{ itemIdentifier: null }] }),
      [0, 1, 2, 3, 4],
    ],
    ['wrong key name = whole batch failed', (s) => ({ batchItemFailures: [{ itemIdentifer: s[2] }] }), [0, 1, 2, 3, 4]],
    [
      'CHOICE: identifier not in the batch = whole batch failed',
      () => ({ batchItemFailures: [{ itemIdentifier: '12345' }] }),
      [0, 1, 2, 3, 4],
    ],
    ['CHOICE: a non-object response (a string) = whole batch failed', () => 'ok', [0, 1, 2, 3, 4]],
    [
      'without ReportBatchItemFailures in functionResponseTypes the response is ignored',
      (s) => ({ batchItemFailures: [{ itemIdentifier: s[2] }] }),
      'no retry',
      false,
    ],
  ];

  it.each(cases)('%s', async (_name, answer, expected, enabled = true) => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(5));
    const fn = new ScriptedFunction((c, i) => (i === 0 ? answer(c.seqs) : undefined));
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 5, ...(enabled ? RBIF : {}) } });
    // act
    await esm.start();
    await waitFor('first call', () => fn.calls.length >= 1);
    await pause(expected === 'no retry' ? 150 : 0);
    await waitFor('second call', () => expected === 'no retry' || fn.calls.length >= 2);
    await esm.stop();
    // assess
    expect(fn.calls[0]?.ns).toEqual([0, 1, 2, 3, 4]);
    if (expected === 'no retry') expect(fn.calls).toHaveLength(1);
    else expect(fn.calls[1]?.ns).toEqual(expected);
  });

  it('checkpoints just before the lowest failed record before retrying', async () => {
    // prepare
    const stream = await h.stream(1);
    const puts = await putRecords(h.client, stream.streamName, numbered(5));
    let checkpointAtRetry: string | undefined;
    const fn = new ScriptedFunction();
    const m = makeMapping({ client: h.client, stream, fn, mappingId: 'rbif-cp', settings: { batchSize: 5, ...RBIF } });
    fn.setScript((c, i) => {
      if (i === 0) return { batchItemFailures: [{ itemIdentifier: c.seqs[3] }] };
      checkpointAtRetry = m.checkpoints.snapshot?.('rbif-cp')['shardId-000000000000']?.sequenceNumber;
      return undefined;
    });
    // act
    await m.esm.start();
    await waitFor('retry', () => fn.calls.length === 2);
    await m.esm.stop();
    // assess
    expect(checkpointAtRetry).toBe(puts[2]?.sequenceNumber);
  });

  it('a reported failure counts as a retry; when retries run out only the failed rest goes to the destination (no functionError)', async () => {
    // prepare
    const stream = await h.stream(1);
    const puts = await putRecords(h.client, stream.streamName, numbered(5));
    const fn = new ScriptedFunction((c) => ({
      batchItemFailures: c.ns.includes(3) ? [{ itemIdentifier: c.seqs[c.ns.indexOf(3)] }] : [],
    }));
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 5, maximumRetryAttempts: 1, ...RBIF },
    });
    // act
    await esm.start();
    await waitFor('failure record', () => destination.list().length === 1);
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([
      [0, 1, 2, 3, 4],
      [3, 4],
    ]);
    expect(destination.list()[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      KinesisBatchInfo: {
        startSequenceNumber: puts[3]?.sequenceNumber,
        endSequenceNumber: puts[4]?.sequenceNumber,
        batchSize: 2,
      },
    });
    expect(destination.list()[0]?.responseContext).not.toHaveProperty('functionError');
  });
});

describe('BisectBatchOnFunctionError', () => {
  it.each([
    // CHOICE: halves first-half-first (odd record in the first half), splits use no retry,
    // retries are counted per (sub)batch, each sub-batch starting at zero.
    [0, [[0, 1, 2, 3], [0, 1], [2, 3], [2], [3]]],
    [1, [[0, 1, 2, 3], [0, 1], [2, 3], [2], [2], [3]]],
  ])(
    'maximumRetryAttempts %i: split down to the poison record, retry it, send it alone to the destination',
    async (retries, expected) => {
      // prepare
      const stream = await h.stream(1);
      const puts = await putRecords(h.client, stream.streamName, numbered(4));
      const fn = new ScriptedFunction(failOn(2));
      const { esm, destination } = makeMapping({
        client: h.client,
        stream,
        fn,
        settings: { batchSize: 4, bisectBatchOnFunctionError: true, maximumRetryAttempts: retries },
      });
      // act
      await esm.start();
      await waitFor('record 3', () => fn.calls.some((c) => c.ns.length === 1 && c.ns[0] === 3));
      await esm.stop();
      // assess
      expect(fn.calls.map((c) => c.ns)).toEqual(expected);
      expect(destination.list()).toHaveLength(1);
      expect(destination.list()[0]).toMatchObject({
        requestContext: { approximateInvokeCount: retries + 1 },
        KinesisBatchInfo: {
          startSequenceNumber: puts[2]?.sequenceNumber,
          endSequenceNumber: puts[2]?.sequenceNumber,
          batchSize: 1,
        },
      });
      expect(esm.stats().shards[0]?.retries).toBe(retries);
    },
  );

  it('CHOICE: the odd record goes to the first half (5 → 3 + 2)', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(5));
    const fn = new ScriptedFunction((_c, i) => {
      if (i === 0) throw new Error('once');
    });
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 5, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 },
    });
    // act
    await esm.start();
    await waitFor('halves', () => fn.calls.length === 3);
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2],
      [3, 4],
    ]);
  });

  it('with a partial response the batch is split at the reported record and only the rest is retried', async () => {
    // prepare: record 3 is always reported as failed
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(6));
    const fn = new ScriptedFunction((c) => ({
      batchItemFailures: c.ns.includes(3) ? [{ itemIdentifier: c.seqs[c.ns.indexOf(3)] }] : [],
    }));
    const { esm, destination } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 6, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0, ...RBIF },
    });
    // act
    await esm.start();
    await waitFor('record 5', () => fn.calls.some((c) => c.ns.length === 1 && c.ns[0] === 5));
    await esm.stop();
    // assess: [0..5] → split at 3 → [3,4,5] reports its first record → halves → [3,4] → [3] alone
    expect(fn.calls.map((c) => c.ns)).toEqual([[0, 1, 2, 3, 4, 5], [3, 4, 5], [3, 4], [3], [4], [5]]);
    expect(destination.list().map((r) => r.KinesisBatchInfo.batchSize)).toEqual([1]);
  });
});
