// Test harness: kinesalite on a free loopback port, one stream per test, helpers to put
// records on a chosen shard and to inject faults with SDK middleware.
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';

/** Explicit hash keys that land on shard 0 / shard 1 of a 2-shard stream (and shard 0 of any). */
export const HASH_SHARD_0 = '0';
export const HASH_SHARD_1 = (2n ** 127n).toString();

/** A record to put. */
export interface PutSpec {
  readonly data: string | Uint8Array;
  readonly partitionKey?: string;
  readonly explicitHashKey?: string;
}

/** A started emulator plus a client. */
export interface Harness {
  readonly emulator: RunningEmulator;
  readonly client: KinesisClient;
  /** Creates a fresh stream; returns its name and ARN. */
  stream(shards: number): Promise<{ streamName: string; streamArn: string }>;
  close(): Promise<void>;
}

let streamSeq = 0;

/** Starts kinesalite for one test file. */
export async function startHarness(): Promise<Harness> {
  const emulator = await startKinesalite();
  const client = makeKinesisClient(emulator.endpoint);
  return {
    emulator,
    client,
    async stream(shards) {
      const streamName = `esm-test-${process.pid}-${++streamSeq}`;
      const streamArn = await ensureStream(client, streamName, shards);
      return { streamName, streamArn };
    },
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

/** Puts records in order (PutRecords of ≤ 500); returns their sequence numbers and shards. */
export async function putRecords(
  client: KinesisClient,
  streamName: string,
  specs: readonly PutSpec[],
): Promise<{ sequenceNumber: string; shardId: string }[]> {
  const out: { sequenceNumber: string; shardId: string }[] = [];
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500);
    const res = await client.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: chunk.map((s, j) => ({
          Data: typeof s.data === 'string' ? Buffer.from(s.data) : s.data,
          PartitionKey: s.partitionKey ?? `pk-${i + j}`,
          ...(s.explicitHashKey ? { ExplicitHashKey: s.explicitHashKey } : {}),
        })),
      }),
    );
    if (res.FailedRecordCount) throw new Error(`PutRecords failed ${res.FailedRecordCount} records`);
    for (const r of res.Records ?? []) out.push({ sequenceNumber: r.SequenceNumber ?? '', shardId: r.ShardId ?? '' });
  }
  return out;
}

/** JSON records {"n": i} for i in [from, from+count), all on one shard. */
export function numbered(
  count: number,
  options: { from?: number; hash?: string; partitionKey?: (i: number) => string } = {},
): PutSpec[] {
  const from = options.from ?? 0;
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    return {
      data: JSON.stringify({ n }),
      partitionKey: options.partitionKey?.(n) ?? `pk-${n}`,
      explicitHashKey: options.hash ?? HASH_SHARD_0,
    };
  });
}

type Handler = (args: { input: Record<string, unknown> }) => Promise<{ output: unknown }>;
type Stack = {
  add(mw: (next: Handler, ctx: { commandName?: string }) => Handler, o: { step: string; name: string }): void;
  remove(name: string): boolean;
};
const removers: (() => void)[] = [];

/** Removes every middleware the helpers added (an afterEach safety net). */
export function removeAllMiddleware(): void {
  for (const r of removers.splice(0)) r();
}

/** Records each call of `commandName` (start time and records returned) until removed. */
export function recordCalls(client: KinesisClient, commandName: string): { startedAt: number; records: number }[] {
  const calls: { startedAt: number; records: number }[] = [];
  const name = `esm-test-count-${++streamSeq}`;
  const stack = client.middlewareStack as unknown as Stack;
  stack.add(
    (next, ctx) => async (args) => {
      const startedAt = Date.now();
      const out = await next(args);
      if (ctx.commandName === commandName)
        calls.push({ startedAt, records: ((out.output as { Records?: unknown[] }).Records ?? []).length });
      return out;
    },
    { step: 'initialize', name },
  );
  removers.push(() => void stack.remove(name));
  return calls;
}

/**
 * Makes the next `times` calls of `commandName` throw `makeError()` (before reaching the
 * emulator). Returns a remover and the count of injected faults.
 */
export function injectError(
  client: KinesisClient,
  commandName: string,
  times: number,
  makeError: () => Error,
  skipFirst = 0,
): { injected: () => number; remove: () => void } {
  let seen = 0;
  let injected = 0;
  const name = `esm-test-fault-${++streamSeq}`;
  const stack = client.middlewareStack as unknown as Stack;
  stack.add(
    (next, ctx) => async (args) => {
      if (ctx.commandName === commandName) {
        seen++;
        if (seen > skipFirst && injected < times) {
          injected++;
          throw makeError();
        }
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  const remove = () => void stack.remove(name);
  removers.push(remove);
  return { injected: () => injected, remove };
}
