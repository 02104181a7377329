// Chaos: an invoker that fails a fraction of invokes after the function ran. The failure comes
// after the handler's side effects, the harder case for the pipeline: the writes happened, the
// mapping sees a function error and retries (or bisects) the batch, so idempotency is exercised.
import type { FunctionInvoker, InvokeOptions, InvokeResult } from './types';

/** Error type the injected failures carry (what the function log and failure records show). */
export const INJECTED_ERROR_TYPE = 'StreamLens.InjectedError';

/** Options of {@link FailingInvoker}. */
export interface FailingInvokerOptions {
  /** Fraction of invokes that fail, in [0, 1). */
  readonly rate: number;
  /** Uniform [0, 1) source; seed it to reproduce a run. */
  readonly random: () => number;
  /** Told of each injected failure (e.g. to log it where the function's logs go). */
  readonly onInjected?: (requestId: string) => void;
}

/**
 * Wraps an invoker; a fraction of its successful invokes is turned into a function error.
 *
 * @example
 * ```ts
 * const invoker = new FailingInvoker(new ChildProcessInvoker(options), { rate: 0.01, random: createRng(1).next });
 * ```
 */
export class FailingInvoker implements FunctionInvoker {
  private injectedCount = 0;

  constructor(
    private readonly inner: FunctionInvoker,
    private readonly options: FailingInvokerOptions,
  ) {
    if (!(options.rate >= 0 && options.rate < 1)) throw new RangeError(`FailingInvoker rate must be in [0, 1), got ${options.rate}`);
  }

  /** Invokes that were turned into failures so far. */
  get injected(): number {
    return this.injectedCount;
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const result = await this.inner.invoke(event, options);
    if (!result.ok || this.options.random() >= this.options.rate) return result;
    this.injectedCount += 1;
    this.options.onInjected?.(options.requestId);
    return { ok: false, errorType: INJECTED_ERROR_TYPE, errorMessage: `injected function error after the handler ran (request ${options.requestId})` };
  }
}
