// The chaos invoker fails invokes after the handler ran: the effects stay, the answer is an error.
import { FailingInvoker, INJECTED_ERROR_TYPE, InProcessInvoker } from '../src';

describe('FailingInvoker', () => {
  it('turns the chosen invokes into function errors after their effects happened', async () => {
    // prepare: a handler with a visible side effect and a scripted random source
    const effects: number[] = [];
    const inner = new InProcessInvoker(async (event) => {
      effects.push((event as { n: number }).n);
      return { batchItemFailures: [] };
    });
    const draws = [0.9, 0.1, 0.5, 0.05];
    const invoker = new FailingInvoker(inner, { rate: 0.2, random: () => draws.shift() ?? 1 });
    // act
    const results = [];
    for (let n = 0; n < 4; n++) results.push(await invoker.invoke({ n }, { timeoutMs: 1000, requestId: `r-${n}` }));
    // assess
    expect(effects).toEqual([0, 1, 2, 3]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(results[1]).toEqual({
      ok: false,
      errorType: INJECTED_ERROR_TYPE,
      errorMessage: 'injected function error after the handler ran (request r-1)',
    });
    expect(invoker.injected).toBe(2);
  });

  it('passes real function errors through without counting them', async () => {
    const invoker = new FailingInvoker(
      new InProcessInvoker(() => {
        throw new TypeError('bug');
      }),
      { rate: 0.5, random: () => 0 },
    );
    const result = await invoker.invoke({}, { timeoutMs: 1000, requestId: 'r' });
    expect(result).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bug' });
    expect(invoker.injected).toBe(0);
  });

  it('crashes every invoke whose batch holds a crash partition key, before the handler runs', async () => {
    // prepare
    const effects: string[][] = [];
    const inner = new InProcessInvoker(async (event) => {
      effects.push(
        (event as { Records: Array<{ kinesis: { partitionKey: string } }> }).Records.map((r) => r.kinesis.partitionKey),
      );
      return { batchItemFailures: [] };
    });
    const told: string[] = [];
    const invoker = new FailingInvoker(inner, {
      rate: 0,
      random: () => 0.5,
      crashPartitionKeys: new Set(['bad']),
      onInjected: (id, kind) => told.push(`${id}:${kind}`),
    });
    const batch = (...keys: string[]) => ({ Records: keys.map((partitionKey) => ({ kinesis: { partitionKey } })) });
    // act
    const mixed = await invoker.invoke(batch('a', 'bad', 'b'), { timeoutMs: 1000, requestId: 'r-1' });
    const clean = await invoker.invoke(batch('a', 'b'), { timeoutMs: 1000, requestId: 'r-2' });
    const alone = await invoker.invoke(batch('bad'), { timeoutMs: 1000, requestId: 'r-3' });
    // assess: only the clean batch ran; the crashes name the key
    expect(effects).toEqual([['a', 'b']]);
    expect([mixed.ok, clean.ok, alone.ok]).toEqual([false, true, false]);
    expect(mixed).toEqual({
      ok: false,
      errorType: INJECTED_ERROR_TYPE,
      errorMessage: 'injected crash: the batch holds partition key "bad" (request r-1)',
    });
    expect(told).toEqual(['r-1:crash', 'r-3:crash']);
    expect([invoker.crashed, invoker.injected]).toEqual([2, 0]);
  });

  it('rejects a rate outside [0, 1)', () => {
    const inner = new InProcessInvoker(() => ({}));
    expect(() => new FailingInvoker(inner, { rate: 1, random: Math.random })).toThrow('rate must be in [0, 1), got 1');
    expect(() => new FailingInvoker(inner, { rate: Number.NaN, random: Math.random })).toThrow(RangeError);
  });
});
