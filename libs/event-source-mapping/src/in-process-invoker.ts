// Runs a handler function in this process (for tests of the mapping's rules): the event is a
// copy, the answer goes through JSON like Lambda's, thrown errors become { ok: false }, and a
// handler that outlives its timeout fails with 'Sandbox.Timedout' (it cannot be killed here,
// its late answer is ignored).
import {
  failureOf,
  lambdaContext,
  resultOfValue,
  timeoutFailure,
  type FunctionIdentity,
  type LambdaContext,
} from './lambda-context';
import type { FunctionInvoker, InvokeOptions, InvokeResult } from './types';

/** A Lambda-style handler. */
export type InProcessHandler = (event: unknown, context: LambdaContext) => unknown;

/**
 * Invokes `handler` in process.
 *
 * @example
 * ```ts
 * const invoker = new InProcessInvoker(async (event) => ({ batchItemFailures: [] }));
 * await invoker.invoke({ Records: [] }, { timeoutMs: 3000, requestId: 'r-1' }); // { ok: true, payload: {...} }
 * ```
 */
export class InProcessInvoker implements FunctionInvoker {
  private readonly identity: FunctionIdentity;

  constructor(
    private readonly handler: InProcessHandler,
    identity: Partial<FunctionIdentity> = {},
  ) {
    const functionName = identity.functionName ?? 'local-function';
    this.identity = {
      functionName,
      functionArn: identity.functionArn ?? `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
      memoryLimitMb: identity.memoryLimitMb ?? 128,
    };
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const context = lambdaContext(this.identity, options.requestId, Date.now() + options.timeoutMs);
    const copy: unknown = JSON.parse(JSON.stringify(event));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<InvokeResult>((resolve) => {
      timer = setTimeout(() => resolve(timeoutFailure(options.requestId, options.timeoutMs)), options.timeoutMs);
    });
    const run = (async () => resultOfValue(await this.handler(copy, context)))().catch(failureOf);
    try {
      return await Promise.race([run, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
