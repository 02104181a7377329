// Fault injection for AWS SDK v3 clients (test-only): middleware that makes an emulator behave
// like a throttled, partially failing, slow AWS endpoint, deterministically from a seed.
import { TestingToolError } from './errors';
import {
  FAULT_KINDS,
  normaliseCommandName,
  ruleCommands,
  validateRules,
  type FaultKind,
  type FaultRule,
} from './fault-rules';
import {
  mergeGrouped,
  mergePutRecordsResults,
  mergeUnprocessedKeys,
  pickIndexes,
  splitGetRequests,
  splitWriteRequests,
  type KeysAndAttributes,
  type PutRecordsResultEntry,
} from './partial-requests';
import { createRng, type Rng } from './prng';
import { makeServiceException, makeTimeoutError } from './sdk-exceptions';

/** Anything with an SDK v3 middleware stack and a `config.serviceId` (DynamoDB, Kinesis, document clients). */
export interface FaultInjectableClient {
  readonly middlewareStack: object;
  readonly config: object;
}

/** Options of `injectFaults`. */
export interface InjectFaultsOptions {
  /** Seed of the PRNG: the same seed and request sequence inject the same faults. */
  readonly seed: number;
  /** Evaluated in order per request attempt; the first rule that fires wins for its step. */
  readonly rules: readonly FaultRule[];
}

/** Counts of what was injected so far. */
export interface FaultCounts {
  /** Injections per kind (one per affected request attempt). */
  readonly byKind: Readonly<Record<FaultKind, number>>;
  /** Entries held back as UnprocessedItems/UnprocessedKeys. */
  readonly unprocessedEntries: number;
  /** PutRecords entries failed. */
  readonly failedRecordEntries: number;
}

/** Handle returned by `injectFaults`. */
export interface FaultInjector {
  /** A snapshot of the counters. */
  counts(): FaultCounts;
  /** Removes the middleware; the client behaves normally again. */
  remove(): void;
}

type Output = { output: Record<string, unknown>; response: unknown };
type Handler = (args: { input: Record<string, unknown> }) => Promise<Output>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;
interface Stack {
  add(mw: Middleware, options: { step: string; priority: string; name: string; tags: string[] }): void;
  remove(name: string): boolean;
}

let injectorSeq = 0;
const OK_METADATA = { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 };

/**
 * Adds fault-injecting middleware to `client`. Partial-result faults run in the initialize step
 * (they reshape the request before marshalling and the response after unmarshalling, so they
 * work for document clients too); thrown errors and timeouts run late in finalizeRequest, after
 * the SDK's retry middleware, so a client with maxAttempts > 1 retries them as it would in AWS.
 *
 * @example
 * ```ts
 * const faults = injectFaults(dynamo, { seed: 7, rules: [
 *   { kind: 'unprocessedItems', probability: 0.5, fraction: 0.3 },
 *   { kind: 'error', commands: ['BatchWriteItem'], error: 'ProvisionedThroughputExceededException', probability: 0.1 },
 * ] });
 * // ... run the code under test ...
 * faults.counts().byKind.unprocessedItems; // how many calls were cut short
 * faults.remove();
 * ```
 */
export function injectFaults(client: FaultInjectableClient, options: InjectFaultsOptions): FaultInjector {
  const serviceId = (client.config as { serviceId?: unknown }).serviceId;
  if (typeof serviceId !== 'string')
    throw new TestingToolError('injectFaults: client has no config.serviceId (not an AWS SDK v3 client?)');
  validateRules(options.rules, serviceId);
  const state = new InjectorState(options, serviceId);
  const stack = client.middlewareStack as Stack;
  const id = ++injectorSeq;
  const names = [`streamlensFaultsPartial${id}`, `streamlensFaultsError${id}`];
  stack.add((next, ctx) => (args) => state.partial(next, args, ctx.commandName), {
    step: 'initialize',
    priority: 'low',
    name: names[0] as string,
    tags: ['FAULTS'],
  });
  stack.add((next, ctx) => (args) => state.failure(next, args, ctx.commandName), {
    step: 'finalizeRequest',
    priority: 'low',
    name: names[1] as string,
    tags: ['FAULTS'],
  });
  return {
    counts: () => state.snapshot(),
    remove: () => names.forEach((n) => stack.remove(n)),
  };
}

class InjectorState {
  private readonly rng: Rng;
  private readonly fired: number[];
  private readonly byKind: Record<FaultKind, number> = { error: 0, unprocessedItems: 0, failedRecords: 0, timeout: 0 };
  private unprocessedEntries = 0;
  private failedRecordEntries = 0;
  private requestSeq = 0;

  constructor(
    private readonly options: InjectFaultsOptions,
    private readonly serviceId: string,
  ) {
    this.rng = createRng(options.seed);
    this.fired = options.rules.map(() => 0);
  }

  snapshot(): FaultCounts {
    return {
      byKind: { ...this.byKind },
      unprocessedEntries: this.unprocessedEntries,
      failedRecordEntries: this.failedRecordEntries,
    };
  }

  /** The first rule among `kinds` for this command that fires (consumes randomness deterministically). */
  private draw(commandName: string | undefined, kinds: readonly FaultKind[]): FaultRule | undefined {
    const command = normaliseCommandName(commandName ?? '');
    for (const [i, rule] of this.options.rules.entries()) {
      if (!kinds.includes(rule.kind) || !ruleCommands(rule).includes(command)) continue;
      if (rule.maxInjections !== undefined && (this.fired[i] ?? 0) >= rule.maxInjections) continue;
      if (this.rng.chance(rule.probability)) {
        this.fired[i] = (this.fired[i] ?? 0) + 1;
        return rule;
      }
    }
    return undefined;
  }

  async partial(
    next: Handler,
    args: { input: Record<string, unknown> },
    commandName: string | undefined,
  ): Promise<Output> {
    const rule = this.draw(commandName, [FAULT_KINDS.unprocessedItems, FAULT_KINDS.failedRecords]);
    if (rule?.kind === 'unprocessedItems' && normaliseCommandName(commandName ?? '') === 'BatchGetItem')
      return this.heldKeys(next, args, rule.fraction);
    if (rule?.kind === 'unprocessedItems') return this.heldWrites(next, args, rule.fraction);
    if (rule?.kind === 'failedRecords') return this.failRecords(next, args, rule.fraction, rule.errorCode);
    return next(args);
  }

  async failure(
    next: Handler,
    args: { input: Record<string, unknown> },
    commandName: string | undefined,
  ): Promise<Output> {
    const rule = this.draw(commandName, [FAULT_KINDS.error, FAULT_KINDS.timeout]);
    if (rule?.kind === 'error') {
      this.byKind.error++;
      throw makeServiceException(this.serviceId, rule.error, `injected-${++this.requestSeq}`);
    }
    if (rule?.kind === 'timeout') {
      this.byKind.timeout++;
      if (rule.applied) await next(args);
      await new Promise((r) => setTimeout(r, rule.delayMs));
      throw makeTimeoutError(rule.delayMs);
    }
    return next(args);
  }

  private async heldWrites(next: Handler, args: { input: Record<string, unknown> }, fraction: number): Promise<Output> {
    const requestItems = (args.input['RequestItems'] ?? {}) as Record<string, unknown[]>;
    const { send, held, heldCount } = splitWriteRequests(requestItems, fraction, this.rng);
    if (heldCount === 0) return next(args);
    this.byKind.unprocessedItems++;
    this.unprocessedEntries += heldCount;
    if (Object.keys(send).length === 0)
      return { output: { UnprocessedItems: held, $metadata: OK_METADATA }, response: undefined };
    const result = await next({ ...args, input: { ...args.input, RequestItems: send } });
    const prior = result.output['UnprocessedItems'] as Record<string, unknown[]> | undefined;
    return { ...result, output: { ...result.output, UnprocessedItems: mergeGrouped(prior, held) } };
  }

  private async heldKeys(next: Handler, args: { input: Record<string, unknown> }, fraction: number): Promise<Output> {
    const requestItems = (args.input['RequestItems'] ?? {}) as Record<string, KeysAndAttributes<unknown>>;
    const { send, held, heldCount } = splitGetRequests(requestItems, fraction, this.rng);
    if (heldCount === 0) return next(args);
    this.byKind.unprocessedItems++;
    this.unprocessedEntries += heldCount;
    const sendTables = Object.fromEntries(Object.entries(send).filter(([, spec]) => (spec.Keys ?? []).length > 0));
    if (Object.keys(sendTables).length === 0)
      return { output: { Responses: {}, UnprocessedKeys: held, $metadata: OK_METADATA }, response: undefined };
    const result = await next({ ...args, input: { ...args.input, RequestItems: sendTables } });
    const prior = result.output['UnprocessedKeys'] as Record<string, KeysAndAttributes<unknown>> | undefined;
    return { ...result, output: { ...result.output, UnprocessedKeys: mergeUnprocessedKeys(prior, held) } };
  }

  private async failRecords(
    next: Handler,
    args: { input: Record<string, unknown> },
    fraction: number,
    code: string | undefined,
  ): Promise<Output> {
    const records = (args.input['Records'] ?? []) as unknown[];
    const idx = pickIndexes(records.length, fraction, this.rng);
    if (idx.size === 0) return next(args);
    this.byKind.failedRecords++;
    this.failedRecordEntries += idx.size;
    const failed = new Map<number, string>();
    for (const i of [...idx].sort((a, b) => a - b)) {
      failed.set(i, code ?? this.rng.pick(['ProvisionedThroughputExceededException', 'InternalFailure']));
    }
    const kept = records.filter((_, i) => !failed.has(i));
    let sent: PutRecordsResultEntry[] = [];
    let result: Output = { output: { $metadata: OK_METADATA }, response: undefined };
    if (kept.length > 0) {
      result = await next({ ...args, input: { ...args.input, Records: kept } });
      sent = (result.output['Records'] ?? []) as PutRecordsResultEntry[];
    }
    return { ...result, output: { ...result.output, ...mergePutRecordsResults(records.length, failed, sent) } };
  }
}
