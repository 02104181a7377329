// Chaos: an invoker that fails a fraction of invokes after the function ran. The failure comes
// after the handler's side effects, the harder case for the pipeline: the writes happened, the
// mapping sees a function error and retries (or bisects) the batch, so idempotency is exercised.
// It can also crash every invoke whose batch holds a given partition key, before the handler runs:
// a record that kills the function until a fix ships. Bisection isolates it, the retries run out,
// it goes to the on-failure destination, and only a redrive (after the "fix") stores it.
import type { FunctionInvoker, InvokeOptions, InvokeResult } from './types';

/** Error type the injected failures carry (what the function log and failure records show). */
export const INJECTED_ERROR_TYPE = 'StreamLens.InjectedError';

/** `after-handler`: a share of invokes, effects kept; `crash`: a batch with a crash partition key, no effects. */
export type InjectedFailureKind = 'after-handler' | 'crash';

/** Partition keys of the Kinesis records in an invoke's event. */
function partitionKeys(event: unknown): string[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [];
  return records
    .map((r) => (r as { kinesis?: { partitionKey?: unknown } } | null)?.kinesis?.partitionKey)
    .filter((k): k is string => typeof k === 'string');
}

/** Options of {@link FailingInvoker}. */
export interface FailingInvokerOptions {
  /** Fraction of invokes that fail after the handler ran, in [0, 1). */
  readonly rate: number;
  /** Invokes whose batch holds a Kinesis record with one of these partition keys fail before the handler runs. */
  readonly crashPartitionKeys?: ReadonlySet<string>;
  /** Uniform [0, 1) source; seed it to reproduce a run. */
  readonly random: () => number;
  /** Told of each injected failure (e.g. to log it where the function's logs go). */
  readonly onInjected?: (requestId: string, kind: InjectedFailureKind) => void;
}

/**
 * Wraps an invoker; a fraction of its successful invokes is turned into a function error, and
 * every invoke whose batch holds a Kinesis record with a crash partition key (for a KPL
 * aggregate, the aggregate's own key) fails without running the handler.
 *
 * @example
 * ```ts
 * const invoker = new FailingInvoker(new ChildProcessInvoker(options), { rate: 0.01, random: createRng(1).next });
 * const crashing = new FailingInvoker(inner, { rate: 0, random: Math.random, crashPartitionKeys: new Set(['bad-key']) });
 * ```
 */
export class FailingInvoker implements FunctionInvoker {
  private injectedCount = 0;
  private crashedCount = 0;

  constructor(
    private readonly inner: FunctionInvoker,
    private readonly options: FailingInvokerOptions,
  ) {
    if (!(options.rate >= 0 && options.rate < 1))
      throw new RangeError(`FailingInvoker rate must be in [0, 1), got ${options.rate}`);
  }

  /** Invokes that were turned into failures after the handler ran, so far. */
  get injected(): number {
    return this.injectedCount;
  }

  /** Invokes crashed (handler not run) because their batch held a crash partition key, so far. */
  get crashed(): number {
    return this.crashedCount;
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const keys = this.options.crashPartitionKeys;
    const crashKey = keys && keys.size > 0 ? partitionKeys(event).find((k) => keys.has(k)) : undefined;
    if (crashKey !== undefined) {
      this.crashedCount += 1;
      this.options.onInjected?.(options.requestId, 'crash');
      return {
        ok: false,
        errorType: INJECTED_ERROR_TYPE,
        errorMessage: `injected crash: the batch holds partition key "${crashKey}" (request ${options.requestId})`,
      };
    }
    const result = await this.inner.invoke(event, options);
    if (!result.ok || this.options.random() >= this.options.rate) return result;
    this.injectedCount += 1;
    this.options.onInjected?.(options.requestId, 'after-handler');
    return {
      ok: false,
      errorType: INJECTED_ERROR_TYPE,
      errorMessage: `injected function error after the handler ran (request ${options.requestId})`,
    };
  }
}
