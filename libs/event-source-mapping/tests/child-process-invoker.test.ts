// Unit (child processes): the sandbox pool runs a built CommonJS bundle — warm reuse, one
// sandbox per concurrent invocation, environment, context, errors, timeouts and crashes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessInvoker, InvokerError } from '../src';

let dir: string;
const invokers: ChildProcessInvoker[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'esm-bundles-'));
  writeFileSync(
    join(dir, 'main.cjs'),
    `let count = 0;
exports.handler = async (event, context) => {
  count++;
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  if (event.throw) { const e = new Error(event.throw); e.name = 'PoisonRecordError'; throw e; }
  if (event.exit) process.exit(3);
  if (event.reject) { Promise.reject(new Error('forgotten')); await new Promise((r) => setTimeout(r, 200)); }
  if (event.log) console.log(event.log);
  return { count, pid: process.pid, echo: event.value, table: process.env.POSTS_TABLE, region: process.env.AWS_REGION,
    hostEnv: process.env.HOME === undefined ? 'absent' : 'present',
    ctx: { awsRequestId: context.awsRequestId, functionName: context.functionName, invokedFunctionArn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() } };
};
exports.callbackStyle = (event, context, callback) => { setTimeout(() => callback(null, { via: 'callback' }), 5); };
`,
  );
  writeFileSync(join(dir, 'broken.cjs'), `throw new Error('init failed');`);
});

afterAll(async () => {
  await Promise.all(invokers.map((i) => i.close()));
  rmSync(dir, { recursive: true, force: true });
});

function make(options: Partial<ConstructorParameters<typeof ChildProcessInvoker>[0]> = {}): ChildProcessInvoker {
  const invoker = new ChildProcessInvoker({
    bundlePath: join(dir, 'main.cjs'),
    functionName: 'consumer',
    env: { POSTS_TABLE: 'posts-local' },
    region: 'eu-west-1',
    onLog: () => undefined,
    ...options,
  });
  invokers.push(invoker);
  return invoker;
}

const opts = (requestId: string, timeoutMs = 5000) => ({ requestId, timeoutMs });
type Payload = {
  count: number;
  pid: number;
  echo: unknown;
  table: string;
  region: string;
  hostEnv: string;
  ctx: Record<string, unknown> & { remaining: number };
};

describe('ChildProcessInvoker', () => {
  it('runs the bundle with the given environment (and nothing of the host) and a Lambda context; stays warm', async () => {
    // prepare
    const invoker = make();
    // act
    const first = await invoker.invoke({ value: 'a' }, opts('req-1'));
    const second = await invoker.invoke({ value: 'b' }, opts('req-2'));
    // assess
    expect(first.ok).toBe(true);
    const p1 = (first as { payload: Payload }).payload;
    const p2 = (second as { payload: Payload }).payload;
    expect(p1).toMatchObject({ count: 1, echo: 'a', table: 'posts-local', region: 'eu-west-1', hostEnv: 'absent' });
    expect(p1.ctx).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'consumer',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:consumer',
    });
    expect(p1.ctx.remaining).toBeGreaterThan(4000);
    expect(p1.ctx.remaining).toBeLessThanOrEqual(5000);
    expect(p2).toMatchObject({ count: 2, pid: p1.pid }); // same warm sandbox
    expect(invoker.stats()).toEqual({ alive: 1, idle: 1, started: 1 });
  });

  it('uses one sandbox per concurrent invocation, up to maxSandboxes', async () => {
    // prepare
    const invoker = make({ maxSandboxes: 2 });
    // act
    const results = await Promise.all(
      [1, 2, 3].map((i) => invoker.invoke({ sleepMs: 150, value: i }, opts(`req-${i}`))),
    );
    // assess
    const pids = new Set(results.map((r) => (r as { payload: Payload }).payload.pid));
    expect(pids.size).toBe(2);
    expect(invoker.stats().started).toBe(2);
  });

  it('turns a thrown error into { ok: false } with its name', async () => {
    // act
    const result = await make().invoke({ throw: 'bad record' }, opts('req-e'));
    // assess
    expect(result).toEqual({ ok: false, errorType: 'PoisonRecordError', errorMessage: 'bad record' });
  });

  it('kills a sandbox that times out (Sandbox.Timedout) and starts a fresh one for the next invocation', async () => {
    // prepare
    const invoker = make();
    const warm = (await invoker.invoke({}, opts('req-w'))) as { payload: Payload };
    // act
    const timedOut = await invoker.invoke({ sleepMs: 2000 }, opts('req-t', 200));
    const after = (await invoker.invoke({}, opts('req-a'))) as { payload: Payload };
    // assess
    expect(timedOut).toEqual({
      ok: false,
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-t Error: Task timed out after 0.20 seconds',
    });
    expect(after.payload.pid).not.toBe(warm.payload.pid);
    expect(after.payload.count).toBe(1); // cold start: module state is new
    expect(() => process.kill(warm.payload.pid, 0)).toThrow(); // the old process is gone
  });

  it('reports a crash (process.exit) as Runtime.ExitError and recovers', async () => {
    // prepare
    const invoker = make();
    // act
    const crashed = await invoker.invoke({ exit: true }, opts('req-x'));
    const after = await invoker.invoke({ value: 'ok' }, opts('req-y'));
    // assess
    expect(crashed).toMatchObject({
      ok: false,
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringContaining('exit status 3'),
    });
    expect(after).toMatchObject({ ok: true, payload: { echo: 'ok', count: 1 } });
  });

  it('reports an unhandled rejection as Runtime.UnhandledPromiseRejection', async () => {
    // act
    const result = await make().invoke({ reject: true }, opts('req-r'));
    // assess
    expect(result).toEqual({ ok: false, errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'forgotten' });
  });

  it.each([
    ['a callback-style handler', { handlerName: 'callbackStyle' }, { ok: true, payload: { via: 'callback' } }],
    ['a missing export', { handlerName: 'nope' }, { ok: false, errorType: 'Runtime.HandlerNotFound' }],
    [
      'a missing bundle',
      { bundlePath: join(tmpdir(), 'no-such-bundle.cjs') },
      { ok: false, errorType: 'Runtime.ImportModuleError' },
    ],
    [
      'a bundle that throws while loading',
      { bundlePath: 'BROKEN' },
      { ok: false, errorType: 'Error', errorMessage: 'init failed' },
    ],
  ] as [string, { handlerName?: string; bundlePath?: string }, object][])('%s', async (_name, override, expected) => {
    // prepare
    const o = override.bundlePath === 'BROKEN' ? { bundlePath: join(dir, 'broken.cjs') } : override;
    // act
    const result = await make(o).invoke({}, opts('req-h'));
    // assess
    expect(result).toMatchObject(expected);
  });

  it('forwards what the function logs, line by line', async () => {
    // prepare
    const lines: string[] = [];
    const invoker = make({ onLog: (line) => lines.push(line) });
    // act
    await invoker.invoke({ log: 'hello\nworld' }, opts('req-l'));
    await new Promise((r) => setTimeout(r, 50));
    // assess
    expect(lines).toEqual(['hello', 'world']);
  });

  it('close() kills every sandbox; later invocations reject', async () => {
    // prepare
    const invoker = make();
    const r = (await invoker.invoke({}, opts('req-c'))) as { payload: Payload };
    // act
    await invoker.close();
    // assess
    expect(() => process.kill(r.payload.pid, 0)).toThrow();
    await expect(invoker.invoke({}, opts('req-d'))).rejects.toThrow(InvokerError);
  });
});
