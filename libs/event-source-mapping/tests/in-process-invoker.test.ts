// Unit: the in-process invoker — JSON answers, errors, timeouts, context.
import { InProcessInvoker, MAX_INVOKE_PAYLOAD_BYTES, type LambdaContext } from '../src';

const OPTS = { timeoutMs: 1000, requestId: 'req-1' };

describe('InProcessInvoker', () => {
  it('passes a copy of the event and a Lambda context; the answer goes through JSON', async () => {
    // prepare
    const event = { Records: [{ n: 1 }] };
    let seen: LambdaContext | undefined;
    const invoker = new InProcessInvoker(
      async (e, ctx) => {
        seen = ctx;
        (e as { Records: unknown[] }).Records.push('mutated');
        return { at: new Date(0), skip: undefined, remaining: ctx.getRemainingTimeInMillis() };
      },
      { functionName: 'consumer', functionArn: 'arn:aws:lambda:eu-west-1:1:function:consumer' },
    );
    // act
    const result = await invoker.invoke(event, OPTS);
    // assess
    expect(event.Records).toHaveLength(1);
    expect(result).toEqual({ ok: true, payload: { at: '1970-01-01T00:00:00.000Z', remaining: expect.any(Number) } });
    expect((result as { payload: { remaining: number } }).payload.remaining).toBeLessThanOrEqual(1000);
    expect(seen).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'consumer',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:1:function:consumer',
      functionVersion: '$LATEST',
    });
  });

  it.each([
    ['undefined → null', () => undefined, { ok: true, payload: null }],
    [
      'a thrown Error keeps its name',
      () => Promise.reject(Object.assign(new Error('db down'), { name: 'ThrottlingError' })),
      { ok: false, errorType: 'ThrottlingError', errorMessage: 'db down' },
    ],
    [
      'a thrown string',
      () => {
        throw 'bad';
      },
      { ok: false, errorType: 'string', errorMessage: 'bad' },
    ],
    ['an answer that cannot be stringified', () => ({ n: 1n }), { ok: false, errorType: 'Runtime.MarshalError' }],
    [
      'an answer over 6 MB',
      () => ({ big: 'x'.repeat(MAX_INVOKE_PAYLOAD_BYTES) }),
      { ok: false, errorType: 'Function.ResponseSizeTooLarge' },
    ],
  ])('%s', async (_name, handler, expected) => {
    // act
    const result = await new InProcessInvoker(handler).invoke({}, OPTS);
    // assess
    expect(result).toMatchObject(expected);
  });

  it('fails with Sandbox.Timedout when the handler outlives its timeout', async () => {
    // prepare
    const invoker = new InProcessInvoker(() => new Promise((r) => setTimeout(r, 300)));
    // act
    const started = Date.now();
    const result = await invoker.invoke({}, { timeoutMs: 50, requestId: 'req-t' });
    // assess
    expect(result).toEqual({
      ok: false,
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-t Error: Task timed out after 0.05 seconds',
    });
    expect(Date.now() - started).toBeLessThan(250);
  });
});
