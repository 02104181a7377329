// A scripted in-process function for rule tests: records every event it receives and answers
// with whatever the test's script returns for that call.
import type { KinesisEvent, KinesisWindowEvent, LambdaContext } from '../../src';

/** One received invocation. */
export interface Call {
  readonly event: KinesisEvent & Partial<KinesisWindowEvent>;
  /** Sequence numbers of the event's records. */
  readonly seqs: string[];
  /** Decoded `n` of each record ({"n": i} payloads). */
  readonly ns: number[];
  readonly shardIds: string[];
  readonly startedAt: number;
  endedAt?: number;
  readonly requestId: string;
}

/** What the script returns: a payload, or throw inside it to fail the invocation. */
export type Script = (call: Call, index: number) => unknown;

/** Records calls, runs the script, tracks concurrency. */
export class ScriptedFunction {
  readonly calls: Call[] = [];
  private inFlight = 0;
  maxInFlight = 0;
  private readonly inFlightByShard = new Map<string, number>();
  maxInFlightPerShard = new Map<string, number>();

  constructor(
    private script: Script = () => undefined,
    private readonly delayMs = 0,
  ) {}

  /** Replaces the script. */
  setScript(script: Script): void {
    this.script = script;
  }

  /** The handler to give to InProcessInvoker. */
  readonly handler = async (event: unknown, context: LambdaContext): Promise<unknown> => {
    const e = event as Call['event'];
    const recs = e.Records;
    const call: Call = {
      event: e,
      seqs: recs.map((r) => r.kinesis.sequenceNumber),
      ns: recs.map((r) => {
        try {
          return (JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString('utf8')) as { n: number }).n;
        } catch {
          return Number.NaN;
        }
      }),
      shardIds: [...new Set(recs.map((r) => r.eventID.split(':')[0] as string))],
      startedAt: Date.now(),
      requestId: context.awsRequestId,
    };
    const index = this.calls.push(call) - 1;
    const shard = call.shardIds[0] ?? e.shardId ?? '?';
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const s = (this.inFlightByShard.get(shard) ?? 0) + 1;
    this.inFlightByShard.set(shard, s);
    this.maxInFlightPerShard.set(shard, Math.max(this.maxInFlightPerShard.get(shard) ?? 0, s));
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      return await this.script(call, index);
    } finally {
      this.inFlight--;
      this.inFlightByShard.set(shard, (this.inFlightByShard.get(shard) ?? 1) - 1);
      call.endedAt = Date.now();
    }
  };

  /** Record numbers delivered in calls that the script let succeed (no throw), in call order. */
  nsOf(filter: (c: Call) => boolean = () => true): number[] {
    return this.calls.filter(filter).flatMap((c) => c.ns);
  }
}

/** Waits until `check` is true (polling), or fails with `what`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves after ms. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
