// Fault-injecting HTTP proxy in front of dynalite / kinesalite: code the SDK middleware cannot
// reach (Lambda bundles in child processes) points its AWS_ENDPOINT_URL_* here and meets the
// throttling, partial batches and dropped connections the emulators never produce.
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestingToolError } from '../errors';
import { bodyCrc32, describeCall, errorBody, makeRequestId, type CallInfo } from './aws-json';
import { FaultDecider, type FaultDecision } from './fault-decider';
import { BodyTooLargeError, readBody, relay, sendJson, sendRelayed, type BufferedResponse } from './http-relay';
import type { PartialPlan } from './partial-bodies';
import { ProxyCounters, type FaultProxyCounts, type FaultProxyInjection } from './proxy-counters';
import { validateProxyOptions, validateTarget, type FaultProxyOptions, type ProxyTimeoutRule } from './proxy-rules';

/** A running fault proxy. */
export interface FaultProxy {
  /** http://127.0.0.1:port, for AWS_ENDPOINT_URL_DYNAMODB / _KINESIS or an SDK `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** A snapshot of requests seen and forwarded and of the faults injected. */
  counts(): FaultProxyCounts;
  /** Every injection so far, in decision order. */
  injections(): readonly FaultProxyInjection[];
  /** Points the proxy at another emulator address (e.g. one restarted on a new port). */
  setTarget(url: string): void;
  /** Stops listening, drops every connection and pending hold. Idempotent. */
  close(): Promise<void>;
}

/** Name of the error in the proxy's own 502/413 answers, so logs tell them from service errors. */
const PROXY_ERROR_TYPE = 'FaultProxyError';

class FaultProxyServer {
  readonly counters = new ProxyCounters();
  private readonly decider: FaultDecider;
  private readonly agent = new Agent({ keepAlive: true });
  private readonly holds = new Set<NodeJS.Timeout>();

  constructor(
    options: FaultProxyOptions,
    public target: URL,
  ) {
    this.decider = new FaultDecider(options.rules, options.seed);
  }

  /** Entry point of every request; never rejects, so no request can crash the proxy. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.serve(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else
        this.answerProxyError(
          res,
          describeCall(req.headers),
          502,
          `fault proxy failed: ${(err as Error)?.message ?? String(err)}`,
        );
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = this.counters.received();
    const call = describeCall(req.headers);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) this.answerProxyError(res, call, 413, err.message);
      else res.destroy();
      return;
    }
    // Only AWS JSON requests are faulted; CBOR and anything else go through as they are.
    const decision: FaultDecision = call.json ? this.decider.decide(call, body) : { kind: 'pass' };
    if (decision.kind === 'pass') return this.passThrough(req, res, call, body);
    const entries =
      decision.kind === 'unprocessedItems' || decision.kind === 'failedRecords' ? decision.plan.entries : 0;
    this.counters.injected({
      request,
      operation: call.operation,
      kind: decision.kind,
      rule: decision.ruleIndex,
      entries,
    });
    if (decision.kind === 'error')
      return this.answer(
        res,
        call,
        decision.status,
        errorBody(call.service ?? 'DynamoDB', decision.rule.error, `injected by fault proxy: ${decision.message}`),
      );
    if (decision.kind === 'timeout') return this.dropLater(req, res, body, decision.rule);
    if (decision.kind === 'delay') {
      await this.hold(decision.delayMs);
      return this.passThrough(req, res, call, body);
    }
    return this.partial(req, res, call, decision.plan);
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    call: CallInfo,
    body: Buffer,
  ): Promise<BufferedResponse | undefined> {
    this.counters.sent();
    try {
      return await relay(this.agent, this.target, req, body);
    } catch (err) {
      this.counters.upstreamFailed();
      this.answerProxyError(
        res,
        call,
        502,
        `fault proxy could not relay to ${this.target.host}: ${(err as Error)?.message ?? String(err)}`,
      );
      return undefined;
    }
  }

  private async passThrough(req: IncomingMessage, res: ServerResponse, call: CallInfo, body: Buffer): Promise<void> {
    const upstream = await this.forward(req, res, call, body);
    if (upstream) sendRelayed(res, upstream);
  }

  /** Forwards the kept entries and completes the emulator's answer with the held-back ones. */
  private async partial(req: IncomingMessage, res: ServerResponse, call: CallInfo, plan: PartialPlan): Promise<void> {
    if (!plan.forward) return this.answer(res, call, 200, Buffer.from(JSON.stringify(plan.merge({}))));
    const upstream = await this.forward(req, res, call, Buffer.from(JSON.stringify(plan.forward)));
    if (!upstream) return;
    let answer: unknown;
    try {
      answer = upstream.status === 200 ? JSON.parse(upstream.body.toString('utf8')) : undefined;
    } catch {
      answer = undefined;
    }
    // An emulator error fails the whole call, as it would without the proxy: relay it as is.
    if (typeof answer !== 'object' || answer === null) return sendRelayed(res, upstream);
    sendRelayed(res, upstream, Buffer.from(JSON.stringify(plan.merge(answer as Record<string, unknown>))));
  }

  /** Holds the request `delayMs` (after forwarding it when `applied`), then drops the connection unanswered. */
  private async dropLater(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    rule: ProxyTimeoutRule,
  ): Promise<void> {
    if (rule.applied) {
      this.counters.sent();
      await relay(this.agent, this.target, req, body).catch(() => this.counters.upstreamFailed());
    }
    const timer = setTimeout(() => {
      this.holds.delete(timer);
      res.destroy();
    }, rule.delayMs);
    this.holds.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      this.holds.delete(timer);
    });
  }

  /** Waits `ms`; a close of the proxy ends the wait early (the request is then dropped with the rest). */
  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.holds.delete(timer);
        resolve();
      }, ms);
      this.holds.add(timer);
    });
  }

  /** An answer authored by the proxy, with the headers the emulator would send. */
  private answer(res: ServerResponse, call: CallInfo, status: number, body: Buffer): void {
    const headers: Record<string, string> = { 'x-amzn-RequestId': makeRequestId() };
    if (call.service === 'DynamoDB') headers['x-amz-crc32'] = bodyCrc32(body);
    sendJson(res, status, call.json ? call.contentType : 'application/json', body, headers);
  }

  private answerProxyError(res: ServerResponse, call: CallInfo, status: number, message: string): void {
    this.answer(res, call, status, Buffer.from(JSON.stringify({ __type: PROXY_ERROR_TYPE, message })));
  }

  /** Clears pending holds and drops upstream sockets. */
  shutdown(): void {
    for (const timer of this.holds) clearTimeout(timer);
    this.holds.clear();
    this.agent.destroy();
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new TestingToolError(`startFaultProxy: could not listen on 127.0.0.1:${port}: ${err.message}`));
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a fault-injecting proxy on loopback in front of an emulator. Requests no rule fires for
 * are relayed untouched; AWS JSON requests of the rules' operations get, at most one per request:
 * an AWS error answer (`error`), a partially applied batch (`unprocessedItems`, `failedRecords`)
 * or a connection dropped after `delayMs` (`timeout`, before or after the write took effect).
 * Throws FaultProxyOptionError naming the field when an option is invalid.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: dynalite.endpoint, seed: 7, rules: [
 *   { kind: 'unprocessedItems', probability: 0.3, fraction: 0.5 },
 *   { kind: 'error', operations: ['PutItem'], error: 'ProvisionedThroughputExceededException', probability: 0.1 },
 *   { kind: 'timeout', operations: ['BatchWriteItem'], delayMs: 200, applied: true, probability: 0.05 },
 * ] });
 * // child process env: AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint
 * proxy.counts().byKind.unprocessedItems;
 * await proxy.close();
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = validateProxyOptions(options);
  const state = new FaultProxyServer(options, target);
  const server = createServer((req, res) => state.handle(req, res));
  const port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    counts: () => state.counters.snapshot(),
    injections: () => state.counters.injections(),
    setTarget: (url) => {
      state.target = validateTarget('target', url);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        state.shutdown();
      })),
  };
}
